/**
 * SABRE routing: gates run as soon as their qubits are adjacent; otherwise the swap on an edge
 * touching the front layer that minimises (front-layer distance + W · lookahead distance) ×
 * decay is inserted. A release valve routes the oldest front gate along a shortest path when no
 * progress is made. The result addresses physical qubits; `layout` and `finalLayout`
 * (logical → physical at start and end) go into the circuit metadata.
 * @see arXiv:1809.02573 (Li, Ding, Xie, SABRE)
 * @see arXiv:2409.08368 (Zou et al., LightSABRE: release valve, lookahead weighting)
 */
import { withInstructions, type Circuit, type Instruction } from '../compiler/circuit/index.js';
import { TargetError } from '../compiler/errors.js';
import { createRandom } from '../compiler/linalg/random.js';
import type { Target } from './targets/target.js';
import { couplingGraph, shortestPath, type CouplingGraph } from './primitives/coupling.js';

export interface RouteOptions {
  readonly seed?: number;
  /** Lookahead (extended set) size and weight. */
  readonly extendedSize?: number;
  readonly extendedWeight?: number;
  /** Decay increment per swap on a qubit. */
  readonly decay?: number;
}

export interface RouteResult {
  readonly instructions: Instruction[];
  /** Physical qubit of each logical qubit at the end. */
  readonly finalLayout: number[];
  /** Every physical qubit p's initial content ends on physicalPermutation[p] (ancillas included). */
  readonly physicalPermutation: number[];
  readonly swaps: number;
}

interface Dag {
  readonly preds: Int32Array;
  readonly succs: number[][];
}

function buildDag(insts: readonly Instruction[], numQubits: number): Dag {
  const last = new Int32Array(numQubits).fill(-1);
  const preds = new Int32Array(insts.length);
  const succs: number[][] = insts.map(() => []);
  insts.forEach((inst, i) => {
    const qs = inst.gate === 'barrier' || inst.condition ? allQubitsOf(inst, numQubits) : inst.qubits;
    const seen = new Set<number>();
    for (const q of qs) {
      const p = last[q]!;
      if (p >= 0 && !seen.has(p)) {
        seen.add(p);
        succs[p]!.push(i);
        preds[i] = preds[i]! + 1;
      }
      last[q] = i;
    }
  });
  return { preds, succs };
}

/** Conditioned gates also depend on every earlier gate (classical order); keep them in place. */
function allQubitsOf(inst: Instruction, n: number): readonly number[] {
  return inst.condition ? Array.from({ length: n }, (_, q) => q) : inst.qubits;
}

/** Emit a swap of physical qubits pa, pb and update both directions of the placement. */
function applySwap(phys: number[], logOf: Int32Array, out: Instruction[], pa: number, pb: number): void {
  const la = logOf[pa]!, lb = logOf[pb]!;
  out.push({ gate: 'swap', qubits: [pa, pb], params: [] });
  logOf[pa] = lb;
  logOf[pb] = la;
  phys[la] = pb;
  phys[lb] = pa;
}

/**
 * phys[l] = physical qubit of logical l, logOf[p] = logical on p: the layout for the circuit's
 * qubits, then the unused physical qubits in order as ancilla labels ≥ numQubits.
 */
function initialPlacement(layout: readonly number[], numQubits: number, n: number): { phys: number[]; logOf: Int32Array; start: number[] } {
  const phys = Array.from({ length: n }, (_, i) => i);
  const used = new Set(layout);
  let next = 0;
  layout.forEach((p, l) => (phys[l] = p));
  for (let l = numQubits; l < n; l++) {
    while (used.has(next)) next++;
    phys[l] = next++;
  }
  const logOf = new Int32Array(n);
  phys.forEach((p, l) => (logOf[p] = l));
  return { phys, logOf, start: [...phys] };
}

/**
 * Route `circuit` (gates on ≤ 2 qubits) on the target's coupling graph starting from `layout`
 * (logical → physical). Swaps are emitted as 'swap' on physical qubits.
 */
export function routeSabre(circuit: Circuit, target: Target, layout: readonly number[], options: RouteOptions = {}): RouteResult {
  const g = couplingGraph(target);
  const n = g.numQubits;
  const insts = circuit.instructions;
  for (const i of insts) {
    if (i.qubits.length > 2 && i.gate !== 'barrier') throw new TargetError(`routing: '${i.gate}' acts on ${i.qubits.length} qubits; decompose multi-qubit gates first`);
  }
  const rnd = createRandom(options.seed ?? 1);
  const extSize = options.extendedSize ?? 20, extW = options.extendedWeight ?? 0.5, decayStep = options.decay ?? 0.001;
  const { phys, logOf, start } = initialPlacement(layout, circuit.numQubits, n);
  const dag = buildDag(insts, circuit.numQubits);
  const remaining = Int32Array.from(dag.preds);
  let front: number[] = [];
  insts.forEach((_, i) => remaining[i] === 0 && front.push(i));
  const out: Instruction[] = [];
  const decay = new Float64Array(n).fill(1);
  let swaps = 0, sinceProgress = 0;
  const D = (a: number, b: number): number => g.dist[phys[a]! * n + phys[b]!]!;
  const emit = (i: number): void => {
    const inst = insts[i]!;
    const out1: Instruction = { ...inst, qubits: inst.qubits.map((q) => phys[q]!) };
    out.push(out1);
  };
  const executable = (i: number): boolean => {
    const inst = insts[i]!;
    return inst.qubits.length !== 2 || inst.gate === 'barrier' || D(inst.qubits[0]!, inst.qubits[1]!) === 1;
  };
  const doSwap = (pa: number, pb: number): void => {
    applySwap(phys, logOf, out, pa, pb);
    swaps++;
  };
  while (front.length > 0) {
    // Execute everything executable, repeatedly.
    let progressed = false;
    for (;;) {
      const ready = front.filter(executable);
      if (ready.length === 0) break;
      progressed = true;
      const readySet = new Set(ready);
      front = front.filter((i) => !readySet.has(i));
      for (const i of ready) {
        emit(i);
        for (const s of dag.succs[i]!) if (--remaining[s]! === 0) front.push(s);
      }
    }
    if (front.length === 0) break;
    if (progressed) {
      decay.fill(1);
      sinceProgress = 0;
    }
    if (sinceProgress > 10 * Math.sqrt(n) + 10) {
      // Release valve: bring the first blocked gate's qubits together along a shortest path.
      const inst = insts[front[0]!]!;
      const path = shortestPath(g, phys[inst.qubits[0]!]!, phys[inst.qubits[1]!]!);
      for (let k = 0; k + 2 < path.length; k++) doSwap(path[k]!, path[k + 1]!);
      sinceProgress = 0;
      continue;
    }
    const ext = extendedSet(front, insts, dag, remaining, extSize);
    const candidates = new Set<number>();
    for (const i of front) {
      for (const q of insts[i]!.qubits) {
        const p = phys[q]!;
        for (const v of g.neighbors[p]!) candidates.add(p < v ? p * n + v : v * n + p);
      }
    }
    let best: number[] = [], bestScore = Infinity;
    for (const key of candidates) {
      const pa = Math.floor(key / n), pb = key % n;
      const la = logOf[pa]!, lb = logOf[pb]!;
      // Score with the swap applied tentatively.
      phys[la] = pb;
      phys[lb] = pa;
      let f = 0;
      for (const i of front) f += D(insts[i]!.qubits[0]!, insts[i]!.qubits[1]!);
      let e = 0;
      for (const i of ext) e += D(insts[i]!.qubits[0]!, insts[i]!.qubits[1]!);
      phys[la] = pa;
      phys[lb] = pb;
      const score = Math.max(decay[pa]!, decay[pb]!) * (f / front.length + (ext.length ? (extW * e) / ext.length : 0));
      if (score < bestScore - 1e-12) {
        bestScore = score;
        best = [key];
      } else if (Math.abs(score - bestScore) <= 1e-12) best.push(key);
    }
    const key = best[rnd.int(best.length)]!;
    const pa = Math.floor(key / n), pb = key % n;
    doSwap(pa, pb);
    decay[pa] = decay[pa]! + decayStep;
    decay[pb] = decay[pb]! + decayStep;
    sinceProgress++;
  }
  return { instructions: out, finalLayout: Array.from({ length: circuit.numQubits }, (_, l) => phys[l]!), physicalPermutation: permutationOf(start, phys), swaps };
}

function permutationOf(start: readonly number[], end: readonly number[]): number[] {
  const perm = new Array<number>(start.length);
  start.forEach((p, l) => (perm[p] = end[l]!));
  return perm;
}

/** The next two-qubit gates after the front layer (a BFS over successors), for lookahead. */
function extendedSet(front: readonly number[], insts: readonly Instruction[], dag: Dag, remaining: Int32Array, size: number): number[] {
  const out: number[] = [];
  const rem = new Map<number, number>();
  const queue = [...front];
  for (let h = 0; h < queue.length && out.length < size; h++) {
    for (const s of dag.succs[queue[h]!]!) {
      const r = (rem.get(s) ?? remaining[s]!) - 1;
      rem.set(s, r);
      if (r === 0) {
        queue.push(s);
        const inst = insts[s]!;
        if (inst.qubits.length === 2 && inst.gate !== 'barrier') out.push(s);
      }
    }
  }
  return out;
}

/**
 * Plain greedy router (the baseline in bench/routing.ts): gates in order; a non-adjacent pair is
 * brought together by swapping the first qubit along a shortest path.
 */
export function routeGreedy(circuit: Circuit, target: Target, layout: readonly number[]): RouteResult {
  const g: CouplingGraph = couplingGraph(target);
  const n = g.numQubits;
  const { phys, logOf, start } = initialPlacement(layout, circuit.numQubits, n);
  const out: Instruction[] = [];
  let swaps = 0;
  for (const inst of circuit.instructions) {
    if (inst.qubits.length === 2 && inst.gate !== 'barrier') {
      const path = shortestPath(g, phys[inst.qubits[0]!]!, phys[inst.qubits[1]!]!);
      for (let k = 0; k + 2 < path.length; k++) {
        applySwap(phys, logOf, out, path[k]!, path[k + 1]!);
        swaps++;
      }
    }
    out.push({ ...inst, qubits: inst.qubits.map((q) => phys[q]!) });
  }
  return { instructions: out, finalLayout: Array.from({ length: circuit.numQubits }, (_, l) => phys[l]!), physicalPermutation: permutationOf(start, phys), swaps };
}

/** A physical-qubit circuit with the routed instructions and layout metadata. */
export function routedCircuit(circuit: Circuit, target: Target, layout: readonly number[], r: RouteResult): Circuit {
  const n = couplingGraph(target).numQubits;
  const base: Circuit = { ...circuit, numQubits: n, qregs: [{ name: 'q', start: 0, size: n }] };
  return withInstructions(base, r.instructions, { ...circuit.metadata, target: target.name, layout: [...layout], finalPermutation: r.finalLayout, swaps: r.swaps });
}

/** SABRE's layout refinement: route forward, then the reversed circuit back; repeat. */
export function refineLayoutSabre(circuit: Circuit, target: Target, layout: readonly number[], options: RouteOptions & { rounds?: number } = {}): number[] {
  let cur = [...layout];
  const reversed: Circuit = { ...circuit, instructions: [...circuit.instructions].reverse() };
  for (let r = 0; r < (options.rounds ?? 1); r++) {
    const fwd = routeSabre(circuit, target, cur, options);
    const back = routeSabre(reversed, target, fwd.finalLayout, options);
    cur = back.finalLayout;
  }
  return cur;
}
