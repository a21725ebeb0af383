/**
 * The LightSABRE routing kernel on flat integer arrays: one routing pass (front layer, extended
 * set, relative swap scores, decay, release valve, merge-aware swap costs), one layout trial (bidirectional passes from a
 * starting layout, then swap trials) and the worker loop that runs trials on a second thread.
 *
 * Like backends/local/kernels.ts this file is self-contained (no imports, no module-level state):
 * route-parallel.ts rebuilds these functions in a worker from their source text, so each function
 * may use only its parameters, its locals and the other functions listed in ROUTE_KERNEL_FUNCTIONS.
 *
 * Qubits: physical qubits 0..m−1 of a region of the device; logical qubits 0..m−1, of which the
 * circuit's are 0..nl−1 and the rest are free ancillas. DAG nodes are the instructions with two or
 * more wires: a two-qubit gate (nodeB ≥ 0) must sit on a coupling edge when it runs, a sync node
 * (nodeB = −1: barrier, measure, conditioned gate) only orders. Single-wire instructions are not
 * nodes; the rebuild (route-problem.ts) emits them beside their neighbours.
 * @see arXiv:2409.08368 (Zou, Treinish, Hartman, Ivrii, Lishman: LightSABRE)
 * @see arXiv:1809.02573 (Li, Ding, Xie: SABRE)
 */

/** A circuit's interaction DAG as flat arrays: node k acts on nodeA[k], nodeB[k]; edges forwards and for the reversed circuit. */
export interface DagArrays {
  readonly numNodes: number;
  readonly nodeA: Int32Array;
  readonly nodeB: Int32Array;
  /** Successors of node k (forward DAG): fwdSucc[fwdStart[k] .. fwdStart[k + 1]); fwdPred = predecessor counts. */
  readonly fwdStart: Int32Array;
  readonly fwdSucc: Int32Array;
  readonly fwdPred: Int32Array;
  /** The same for the reversed circuit. */
  readonly bwdStart: Int32Array;
  readonly bwdSucc: Int32Array;
  readonly bwdPred: Int32Array;
}

/** A routing problem: the region's coupling graph and the circuit's interaction DAG, both directions. */
export interface RoutingProblemData extends DagArrays {
  readonly m: number;
  readonly nl: number;
  /** Neighbours of physical p: adj[adjStart[p] .. adjStart[p + 1]). */
  readonly adjStart: Int32Array;
  readonly adj: Int32Array;
  /** Hop distance dist[a * m + b]. */
  readonly dist: Int32Array;
}

/** Heuristic weights and trial counts (LightSABRE defaults in route-sabre.ts). */
export interface SabreParams {
  readonly basicWeight: number;
  readonly extendedSize: number;
  readonly extendedWeight: number;
  readonly decayIncrement: number;
  /** Decay values return to 1 after this many swaps without progress. */
  readonly decayReset: number;
  /** Swaps without routing a gate before the release valve fires. */
  readonly attemptLimit: number;
  /** Forward–backward passes that refine each starting layout. */
  readonly iterations: number;
  /** Final forward routings per layout trial (different tie-breaks); the cheapest is kept. */
  readonly swapTrials: number;
  /**
   * Score bonus (in units of distance) for a swap that merges with the gate just run on the same
   * pair: that block and the swap need at most 3 CNOTs together, so the swap costs 1 instead of 3.
   */
  readonly mergeBonus: number;
}

/** One layout trial: its seed and optional starting placement (physical qubit per circuit qubit; −1 = free). */
export interface TrialSpec {
  readonly seed: number;
  readonly start: Int32Array | null;
}

/**
 * The outcome of a trial: initial and final placement of every logical qubit (ancillas included)
 * and the routed order: node k ≥ 0, or swap −(1 + a·m + b) of physical a, b.
 */
export interface TrialResult {
  readonly index: number;
  readonly swaps: number;
  /** Swaps that merge with a two-qubit block on their pair (see kRoute). */
  readonly merged: number;
  /** What trials are compared by: 3·swaps − 2·merged when merges count (mergeBonus > 0), else 3·swaps. */
  readonly cost: number;
  readonly initial: Int32Array;
  readonly final: Int32Array;
  readonly events: Int32Array;
}

/** xorshift32 seeded through a splitmix step; returns uniform numbers in [0, 1). */
export function kRandom(seed: number): () => number {
  let z = (seed * 0x9e3779b9 + 0x7f4a7c15) | 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  let s = (z ^ (z >>> 16)) | 0;
  if (s === 0) s = 0x6d2b79f5;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 4294967296;
  };
}

/**
 * Route the circuit once (forward, or the reversed DAG when `backward`) from the placement `phys`
 * (logical → physical, length m), which is updated in place to the final placement. Appends the
 * routed order to `events` when given. Returns the swaps, and how many of them merge with a block
 * on their pair (a gate on the same two physical qubits with no other two-qubit operation on either
 * between them: CX·SWAP needs 2 CNOTs, any block and a swap at most 3, so such a swap adds 1 CNOT,
 * not 3, once the KAK consolidation after routing has run).
 * @see arXiv:2205.10596 (Liu, Li, Zhou: NASSC, optimisation-aware routing)
 */
export function kRoute(P: RoutingProblemData, backward: boolean, phys: Int32Array, seed: number, prm: SabreParams, events: number[] | null): { swaps: number; merged: number } {
  const m = P.m, dist = P.dist, adjStart = P.adjStart, adj = P.adj, nodeA = P.nodeA, nodeB = P.nodeB, numNodes = P.numNodes;
  const sStart = backward ? P.bwdStart : P.fwdStart, succ = backward ? P.bwdSucc : P.fwdSucc;
  const remaining = Int32Array.from(backward ? P.bwdPred : P.fwdPred);
  const rnd = kRandom(seed);
  const logOf = new Int32Array(m);
  for (let l = 0; l < m; l++) logOf[phys[l]!] = l;
  // Front layer: two-qubit nodes whose predecessors are done but whose qubits are apart.
  const frontOf = new Int32Array(m).fill(-1);
  const front = new Int32Array(m);
  let frontLen = 0;
  // Extended set: the next two-qubit nodes, with a per-logical list of entries (slots 2k, 2k + 1).
  const E = prm.extendedSize;
  const extA = new Int32Array(E), extB = new Int32Array(E);
  const extHead = new Int32Array(m).fill(-1), extNext = new Int32Array(2 * E);
  let extLen = 0;
  const visit = new Int32Array(numNodes), stackBuf = new Int32Array(numNodes), touched = new Int32Array(sStart[numNodes]!);
  let touchedLen = 0;
  const queue = new Int32Array(numNodes);
  const decay = new Float64Array(m).fill(1);
  const stack: number[] = [];
  // Tied best candidates (at most one per directed coupler).
  const bestP = new Int32Array(adj.length), bestV = new Int32Array(adj.length);
  let bestLen = 0;
  const routable: number[] = [];
  let swaps = 0, steps = 0, merged = 0;
  // Last two-qubit operation on each physical qubit: its partner, and 1 = a gate, 2 = a lone swap,
  // 0 = a block that already holds a merged swap. A swap merges when both ends point at each other.
  const peer = new Int32Array(m).fill(-1), peerKind = new Uint8Array(m);
  let undo = new Int32Array(7 * 64), undoLen = 0;
  // A two-qubit operation of `kind` on (a, b) merges with the last one there when that was of kind `mergesWith`.
  const pairUp = (a: number, b: number, kind: 1 | 2, mergesWith: 1 | 2): void => {
    if (peer[a] === b && peer[b] === a && peerKind[a] === mergesWith) {
      merged++;
      peerKind[a] = peerKind[b] = 0;
      return;
    }
    peer[a] = b;
    peer[b] = a;
    peerKind[a] = peerKind[b] = kind;
  };
  const noteGate = (pa: number, pb: number): void => pairUp(pa, pb, 1, 2);
  const noteSwap = (p: number, v: number): void => {
    if (undoLen + 7 > undo.length) {
      const grown = new Int32Array(2 * undo.length);
      grown.set(undo);
      undo = grown;
    }
    undo[undoLen] = p;
    undo[undoLen + 1] = peer[p]!;
    undo[undoLen + 2] = peerKind[p]!;
    undo[undoLen + 3] = v;
    undo[undoLen + 4] = peer[v]!;
    undo[undoLen + 5] = peerKind[v]!;
    undo[undoLen + 6] = merged;
    undoLen += 7;
    pairUp(p, v, 2, 1);
  };
  const undoSwaps = (): void => {
    for (let u = undoLen - 7; u >= 0; u -= 7) {
      peer[undo[u]!] = undo[u + 1]!;
      peerKind[undo[u]!] = undo[u + 2]!;
      peer[undo[u + 3]!] = undo[u + 4]!;
      peerKind[undo[u + 3]!] = undo[u + 5]!;
      merged = undo[u + 6]!;
    }
    undoLen = 0;
  };

  const emitFrom = (qStart: number, qEnd: number): void => {
    let head = qStart, tail = qEnd;
    while (head < tail) {
      const k = queue[head++]!;
      const a = nodeA[k]!;
      if (a >= 0 && dist[phys[a]! * m + phys[nodeB[k]!]!] !== 1) {
        frontOf[a] = k;
        frontOf[nodeB[k]!] = k;
        front[frontLen++] = k;
        continue;
      }
      if (events) events.push(k);
      if (a >= 0) noteGate(phys[a]!, phys[nodeB[k]!]!);
      for (let j = sStart[k]!; j < sStart[k + 1]!; j++) {
        const s = succ[j]!;
        if (--remaining[s]! === 0) queue[tail++] = s;
      }
    }
  };
  const removeFront = (k: number): void => {
    frontOf[nodeA[k]!] = -1;
    frontOf[nodeB[k]!] = -1;
    for (let i = 0; i < frontLen; i++) {
      if (front[i] === k) {
        front[i] = front[--frontLen]!;
        break;
      }
    }
  };
  const populateExtended = (): void => {
    for (let k = 0; k < extLen; k++) {
      extHead[extA[k]!] = -1;
      extHead[extB[k]!] = -1;
    }
    extLen = 0;
    let visitLen = 0;
    for (let i = 0; i < frontLen; i++) visit[visitLen++] = front[i]!;
    touchedLen = 0;
    // Breadth-first over two-qubit nodes; sync nodes are transparent (expanded on the spot).
    for (let i = 0; i < visitLen && extLen < E; i++) {
      let top = 0;
      stackBuf[top++] = visit[i]!;
      while (top > 0) {
        const k = stackBuf[--top]!;
        for (let j = sStart[k]!; j < sStart[k + 1]!; j++) {
          const s = succ[j]!;
          touched[touchedLen++] = s;
          if (--remaining[s]! !== 0) continue;
          const a = nodeA[s]!;
          if (a < 0) {
            stackBuf[top++] = s;
            continue;
          }
          visit[visitLen++] = s;
          if (extLen >= E) continue;
          const b = nodeB[s]!;
          extA[extLen] = a;
          extB[extLen] = b;
          extNext[2 * extLen] = extHead[a]!;
          extHead[a] = 2 * extLen;
          extNext[2 * extLen + 1] = extHead[b]!;
          extHead[b] = 2 * extLen + 1;
          extLen++;
        }
      }
    }
    for (let i = 0; i < touchedLen; i++) remaining[touched[i]!]!++;
  };
  const swapPhysical = (p: number, v: number): void => {
    const lp = logOf[p]!, lv = logOf[v]!;
    logOf[p] = lv;
    logOf[v] = lp;
    phys[lp] = v;
    phys[lv] = p;
  };
  const routableOn = (l: number): number => {
    const k = frontOf[l]!;
    return k >= 0 && dist[phys[nodeA[k]!]! * m + phys[nodeB[k]!]!] === 1 ? k : -1;
  };
  /** Change of the extended-set distance sum when logical l moves p → v and logical lv moves v → p. */
  const extDelta = (l: number, lv: number, p: number, v: number): number => {
    let d = 0;
    for (let s = extHead[l]!; s >= 0; s = extNext[s]!) {
      const o = (s & 1) === 0 ? extB[s >> 1]! : extA[s >> 1]!;
      if (o === lv) continue;
      const po = phys[o]!;
      d += dist[v * m + po]! - dist[p * m + po]!;
    }
    return d;
  };
  const frontDelta = (l: number, lv: number, p: number, v: number): number => {
    const k = frontOf[l]!;
    if (k < 0) return 0;
    const o = nodeA[k] === l ? nodeB[k]! : nodeA[k]!;
    if (o === lv) return 0;
    const po = phys[o]!;
    return dist[v * m + po]! - dist[p * m + po]!;
  };
  const chooseSwap = (): number => {
    let fTotal = 0, eTotal = 0;
    for (let i = 0; i < frontLen; i++) {
      const k = front[i]!;
      fTotal += dist[phys[nodeA[k]!]! * m + phys[nodeB[k]!]!]!;
    }
    for (let k = 0; k < extLen; k++) eTotal += dist[phys[extA[k]!]! * m + phys[extB[k]!]!]!;
    const bW = prm.basicWeight, eW = extLen > 0 ? prm.extendedWeight / extLen : 0, mB = prm.mergeBonus;
    const absolute = bW * fTotal + eW * eTotal;
    let best = Infinity;
    bestLen = 0;
    for (let i = 0; i < frontLen; i++) {
      const k = front[i]!;
      for (let side = 0; side < 2; side++) {
        const l = side === 0 ? nodeA[k]! : nodeB[k]!;
        const p = phys[l]!;
        for (let j = adjStart[p]!; j < adjStart[p + 1]!; j++) {
          const v = adj[j]!;
          const lv = logOf[v]!;
          // An edge between two front qubits is scored once, from its lower end.
          if (frontOf[lv]! >= 0 && v < p) continue;
          const dF = frontDelta(l, lv, p, v) + frontDelta(lv, l, v, p);
          const dE = extDelta(l, lv, p, v) + extDelta(lv, l, v, p);
          const merges = mB > 0 && peer[p] === v && peer[v] === p && peerKind[p] === 1;
          const score = (absolute + bW * dF + eW * dE - (merges ? mB : 0)) * Math.max(decay[p]!, decay[v]!);
          if (score < best - 1e-10) {
            best = score;
            bestP[0] = p;
            bestV[0] = v;
            bestLen = 1;
          } else if (score <= best + 1e-10) {
            bestP[bestLen] = p;
            bestV[bestLen++] = v;
          }
        }
      }
    }
    const pick = bestLen === 1 ? 0 : Math.floor(rnd() * bestLen);
    return bestP[pick]! * m + bestV[pick]!;
  };
  const addRoutable = (k: number): void => {
    if (k >= 0 && routable.indexOf(k) < 0) routable.push(k);
  };
  /** Release valve: bring the closest front gate together along a shortest path, moving both ends. */
  const forceClosest = (): void => {
    let bestK = front[0]!, bestD = Infinity;
    for (let i = 0; i < frontLen; i++) {
      const k = front[i]!;
      const d = dist[phys[nodeA[k]!]! * m + phys[nodeB[k]!]!]!;
      if (d < bestD) {
        bestD = d;
        bestK = k;
      }
    }
    const a = phys[nodeA[bestK]!]!, b = phys[nodeB[bestK]!]!;
    const path = [a];
    for (let u = a; u !== b;) {
      let next = -1;
      for (let j = adjStart[u]!; j < adjStart[u + 1]!; j++) {
        if (dist[adj[j]! * m + b] === dist[u * m + b]! - 1) {
          next = adj[j]!;
          break;
        }
      }
      path.push(next);
      u = next;
    }
    const hops = path.length - 1, fromA = (hops - 1) >> 1, fromB = hops - 1 - fromA;
    for (let i = 0; i < fromA; i++) stack.push(path[i]! * m + path[i + 1]!);
    for (let i = 0; i < fromB; i++) stack.push(path[hops - i]! * m + path[hops - i - 1]!);
    for (const s of stack) {
      swapPhysical(Math.floor(s / m), s % m);
      noteSwap(Math.floor(s / m), s % m);
    }
    addRoutable(bestK);
    for (const q of path) addRoutable(routableOn(logOf[q]!));
  };

  let tail = 0;
  for (let k = 0; k < numNodes; k++) if (remaining[k] === 0) queue[tail++] = k;
  emitFrom(0, tail);
  populateExtended();
  while (frontLen > 0) {
    stack.length = 0;
    routable.length = 0;
    undoLen = 0;
    while (routable.length === 0 && stack.length <= prm.attemptLimit) {
      const s = chooseSwap();
      const p = Math.floor(s / m), v = s % m;
      swapPhysical(p, v);
      noteSwap(p, v);
      stack.push(s);
      addRoutable(routableOn(logOf[v]!));
      addRoutable(routableOn(logOf[p]!));
      if (++steps >= prm.decayReset) {
        decay.fill(1);
        steps = 0;
      } else {
        decay[p] = decay[p]! + prm.decayIncrement;
        decay[v] = decay[v]! + prm.decayIncrement;
      }
    }
    if (routable.length === 0) {
      for (let i = stack.length - 1; i >= 0; i--) swapPhysical(Math.floor(stack[i]! / m), stack[i]! % m);
      undoSwaps();
      stack.length = 0;
      forceClosest();
    }
    swaps += stack.length;
    if (events) for (const s of stack) events.push(-1 - s);
    for (let i = 0; i < routable.length; i++) {
      removeFront(routable[i]!);
      queue[i] = routable[i]!;
    }
    emitFrom(0, routable.length);
    populateExtended();
    decay.fill(1);
  }
  return { swaps, merged };
}

/**
 * One layout trial: the starting placement (given entries, the rest random), `iterations`
 * forward–backward passes to refine it, then `swapTrials` forward routings; the cheapest wins.
 */
export function kLayoutTrial(P: RoutingProblemData, spec: TrialSpec, index: number, prm: SabreParams): TrialResult {
  const m = P.m, rnd = kRandom(spec.seed);
  const phys = new Int32Array(m).fill(-1);
  const used = new Uint8Array(m);
  if (spec.start) {
    for (let l = 0; l < spec.start.length; l++) {
      const p = spec.start[l]!;
      if (p >= 0) {
        phys[l] = p;
        used[p] = 1;
      }
    }
  }
  const free: number[] = [];
  for (let p = 0; p < m; p++) if (used[p] === 0) free.push(p);
  for (let i = free.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    const t = free[i]!;
    free[i] = free[j]!;
    free[j] = t;
  }
  let f = 0;
  for (let l = 0; l < m; l++) if (phys[l]! < 0) phys[l] = free[f++]!;
  const sub = (k: number): number => Math.floor(rnd() * 2147483647) ^ k;
  // Every refinement pass is a routing too: a forward pass as it is, a backward pass read in reverse
  // (its swaps sit between the same placements, its gates come in forward order). Both are
  // candidates beside the final routings, for free.
  let best: TrialResult | null = null;
  // Copies are made only for a candidate that beats the best so far.
  const consider = (swaps: number, merged: number, initial: Int32Array, final: Int32Array, events: number[], reversed: boolean): void => {
    const cost = 3 * swaps - (prm.mergeBonus > 0 ? 2 * merged : 0);
    if (best !== null && (cost > best.cost || (cost === best.cost && swaps >= best.swaps))) return;
    const ev = Int32Array.from(events);
    best = { index, swaps, merged, cost, initial: Int32Array.from(initial), final: Int32Array.from(final), events: reversed ? ev.reverse() : ev };
  };
  const start = new Int32Array(m), events: number[] = [];
  for (let it = 0; it < prm.iterations; it++) {
    start.set(phys);
    events.length = 0;
    const f = kRoute(P, false, phys, sub(2 * it), prm, events);
    consider(f.swaps, f.merged, start, phys, events, false);
    start.set(phys);
    events.length = 0;
    const b = kRoute(P, true, phys, sub(2 * it + 1), prm, events);
    consider(b.swaps, b.merged, phys, start, events, true);
  }
  const initial = Int32Array.from(phys), cur = new Int32Array(m);
  for (let t = 0; t < Math.max(1, prm.swapTrials); t++) {
    cur.set(initial);
    events.length = 0;
    const { swaps, merged } = kRoute(P, false, cur, sub(1000 + t), prm, events);
    consider(swaps, merged, initial, cur, events, false);
  }
  return best!;
}

/** Whether trial result a beats b: lower cost, then fewer swaps, then the lower trial index. */
export function kBetter(a: TrialResult, b: TrialResult): boolean {
  return a.cost !== b.cost ? a.cost < b.cost : a.swaps !== b.swaps ? a.swaps < b.swaps : a.index < b.index;
}

/** Message a worker receives: the problem, the trials, and the shared control words. */
export interface TrialJob {
  readonly problem: RoutingProblemData;
  readonly trials: readonly TrialSpec[];
  readonly prm: SabreParams;
  /** [0] next trial to take, [1] join state (0 open, 1 joined, 2 closed), [2] done (1) or failed (2). */
  readonly ctrl: Int32Array;
  readonly port: { postMessage(value: unknown): void };
}

/** Take trials from the shared counter; return the best (lowest cost, fewest swaps, lowest index), or null. */
export function kTakeTrials(job: TrialJob): TrialResult | null {
  let best: TrialResult | null = null;
  for (;;) {
    const i = Atomics.add(job.ctrl, 0, 1);
    if (i >= job.trials.length) break;
    const r = kLayoutTrial(job.problem, job.trials[i]!, i, job.prm);
    if (best === null || kBetter(r, best)) best = r;
  }
  return best;
}

/** The worker's message loop: join the job if the main thread has not closed it, take trials, report. */
export function kRouteWorkerMain(parentPort: { on(event: 'message', f: (job: TrialJob) => void): void }): void {
  parentPort.on('message', (job: TrialJob) => {
    if (Atomics.compareExchange(job.ctrl, 1, 0, 1) !== 0) return;
    try {
      job.port.postMessage({ best: kTakeTrials(job) });
      Atomics.store(job.ctrl, 2, 1);
    } catch (err) {
      job.port.postMessage({ error: String(err) });
      Atomics.store(job.ctrl, 2, 2);
    }
    Atomics.notify(job.ctrl, 2);
  });
}

/** Every function a worker needs, in dependency order (their source text builds the worker). */
export const ROUTE_KERNEL_FUNCTIONS: readonly ((...args: never[]) => unknown)[] = [kRandom, kRoute, kLayoutTrial, kBetter, kTakeTrials, kRouteWorkerMain];
