/**
 * CNOT-count reduction by phase-polynomial resynthesis: the circuit is cut into maximal convex
 * regions of {cx, x, swap, diagonal phase} gates; each region is an affine reversible map plus a
 * sum of phase terms e^{iθ·f} over parities f of its inputs. GraySynth places all the terms with
 * few CNOTs (a parity is applied once some wire holds it), Gaussian elimination then restores the
 * region's output map, and X gates its constants. A region is replaced only when the new version
 * has fewer CNOTs (or as many and fewer gates), so the pass never makes a circuit worse.
 * @see arXiv:1712.01859 (Amy, Azimzadeh, Mosca, On the CNOT-complexity of CNOT-phase circuits, Alg. 1)
 */
import { withInstructions, type Instruction } from '../compiler/circuit/index.js';
import { definePass, type Pass } from './pass.js';
import { isMultipleOf2Pi, phaseAngle, phaseGates } from './primitives/angles.js';
import type { Target } from './targets/target.js';
import { bit, composeWithInverse, highestBit, linearSynthesis, popcount, rowKey, unitRow, wordsFor, xorInto, type Row } from './primitives/gf2.js';

const isRegionGate = (i: Instruction): boolean =>
  !i.condition && (i.gate === 'cx' || i.gate === 'x' || i.gate === 'swap' || phaseAngle(i) !== undefined);

interface Term {
  readonly parity: Row;
  readonly angle: number;
}

const cx = (c: number, t: number): Instruction => ({ gate: 'cx', qubits: [c, t], params: [] });

/**
 * The circuit as alternating layers [region, front]: the region holds every region gate whose
 * earlier gates (on its wires) are all done or in the region; the front then holds every other
 * gate whose earlier gates are done, in the region or in the front. A conditioned or qubit-less
 * gate acts as if on every wire. Each gate is visited a bounded number of times (linear time).
 */
function layers(work: readonly Instruction[], numQubits: number): Array<[Instruction[], Instruction[]]> {
  const n = work.length;
  const wide = (i: Instruction): boolean => i.qubits.length === 0 || i.condition !== undefined;
  // Successor lists and predecessor counts over the wire order (wide gates link to every wire).
  const pending = new Int32Array(n);
  const succ: number[][] = new Array<number[]>(n);
  const last = new Int32Array(numQubits).fill(-1);
  const all = Array.from({ length: numQubits }, (_, q) => q);
  for (let k = 0; k < n; k++) {
    succ[k] = [];
    const qs = wide(work[k]!) ? all : work[k]!.qubits;
    for (const q of qs) {
      const p = last[q]!;
      if (p >= 0 && succ[p]![succ[p]!.length - 1] !== k) {
        succ[p]!.push(k);
        pending[k] = pending[k]! + 1;
      }
      last[q] = k;
    }
  }
  const region = new Uint8Array(n);
  for (let k = 0; k < n; k++) region[k] = isRegionGate(work[k]!) ? 1 : 0;
  let readyRegion: number[] = [], readyOther: number[] = [];
  for (let k = 0; k < n; k++) if (pending[k] === 0) (region[k] ? readyRegion : readyOther).push(k);
  const out: Array<[Instruction[], Instruction[]]> = [];
  const release = (k: number, nextRegion: number[], nextOther: number[]): void => {
    for (const s of succ[k]!) {
      pending[s] = pending[s]! - 1;
      if (pending[s] === 0) (region[s] ? nextRegion : nextOther).push(s);
    }
  };
  while (readyRegion.length > 0 || readyOther.length > 0) {
    // Region closure: region gates only; other gates made ready wait for the front.
    const taken: number[] = [];
    const waitingOther: number[] = [...readyOther];
    for (let h = 0; h < readyRegion.length; h++) {
      taken.push(readyRegion[h]!);
      release(readyRegion[h]!, readyRegion, waitingOther);
    }
    // Front closure: non-region gates; region gates made ready wait for the next layer.
    const front: number[] = [];
    const nextRegion: number[] = [];
    for (let h = 0; h < waitingOther.length; h++) {
      front.push(waitingOther[h]!);
      release(waitingOther[h]!, nextRegion, waitingOther);
    }
    taken.sort((a, b) => a - b);
    front.sort((a, b) => a - b);
    out.push([taken.map((k) => work[k]!), front.map((k) => work[k]!)]);
    readyRegion = nextRegion;
    readyOther = [];
  }
  return out;
}

/** Resynthesise one region on its qubits; returns undefined when it would not be better. */
function resynthesize(region: readonly Instruction[], target: Target): Instruction[] | undefined {
  const qubits = [...new Set(region.flatMap((i) => i.qubits))].sort((a, b) => a - b);
  const n = qubits.length;
  const oldCx = region.reduce((s, i) => s + (i.gate === 'cx' ? 1 : i.gate === 'swap' ? 3 : 0), 0);
  if (n < 2 || oldCx === 0) return undefined;
  const local = new Map(qubits.map((q, k) => [q, k]));
  // Affine map of the region: wire k holds rows[k]·x ⊕ consts[k].
  const words = wordsFor(n);
  const rows = Array.from({ length: n }, (_, k) => unitRow(k, words));
  const consts = new Array<boolean>(n).fill(false);
  const sums = new Map<number | string, { parity: Row; angle: number }>();
  for (const inst of region) {
    const a = local.get(inst.qubits[0]!)!;
    if (inst.gate === 'cx') {
      const b = local.get(inst.qubits[1]!)!;
      xorInto(rows[b]!, rows[a]!);
      consts[b] = consts[b] !== consts[a];
    } else if (inst.gate === 'x') consts[a] = !consts[a];
    else if (inst.gate === 'swap') {
      const b = local.get(inst.qubits[1]!)!;
      [rows[a], rows[b]] = [rows[b]!, rows[a]!];
      [consts[a], consts[b]] = [consts[b]!, consts[a]!];
    } else {
      const th = phaseAngle(inst)!;
      const key = rowKey(rows[a]!), hit = sums.get(key);
      if (hit) hit.angle += consts[a] ? -th : th;
      else sums.set(key, { parity: Uint32Array.from(rows[a]!), angle: consts[a] ? -th : th });
    }
  }
  const terms: Term[] = [];
  for (const { parity, angle } of sums.values()) if (!isMultipleOf2Pi(angle)) terms.push({ parity, angle });
  const out: Instruction[] = [];
  // Current wire contents over the inputs; a CNOT(j → i) makes wire i hold W_i ⊕ W_j and turns
  // every pending parity s (written over the current wires) into s with row j ^= row i.
  const W = Array.from({ length: n }, (_, k) => unitRow(k, words));
  const pending = new Set<Term>(terms);
  // Only terms a CNOT changed can have become single-qubit; `changed` keeps the pending order.
  let changed: Term[] = [...pending];
  const emitUnit = (): void => {
    for (const t of changed) {
      if (pending.has(t) && popcount(t.parity) === 1) {
        out.push(...phaseGates(t.angle, qubits[highestBit(t.parity)]!, target));
        pending.delete(t);
      }
    }
  };
  const applyCx = (j: number, i: number): void => {
    out.push(cx(qubits[j]!, qubits[i]!));
    xorInto(W[i]!, W[j]!);
    const wj = j >>> 5, mj = 1 << (j & 31);
    changed = [];
    for (const t of pending) {
      if (bit(t.parity, i)) {
        t.parity[wj] = t.parity[wj]! ^ mj;
        changed.push(t);
      }
    }
  };
  emitUnit();
  const stack: Array<{ S: Term[]; I: number[]; i: number }> = [{ S: [...pending], I: Array.from({ length: n }, (_, k) => k), i: -1 }];
  while (stack.length > 0) {
    const { S: S0raw, I, i } = stack.pop()!;
    const S = S0raw.filter((t) => pending.has(t));
    if (S.length === 0) continue;
    if (i >= 0) {
      for (;;) {
        let j = -1;
        for (let r = 0; r < n && j < 0; r++) if (r !== i && S.every((t) => bit(t.parity, r) === 1)) j = r;
        if (j < 0) break;
        applyCx(j, i);
        emitUnit();
        const alive = S.filter((t) => pending.has(t));
        S.length = 0;
        S.push(...alive);
        if (S.length === 0) break;
      }
    }
    if (S.length === 0 || I.length === 0) continue;
    let best = I[0]!, bestScore = -1;
    for (const r of I) {
      let ones = 0;
      for (const t of S) ones += bit(t.parity, r);
      const sc = Math.max(ones, S.length - ones);
      if (sc > bestScore) {
        bestScore = sc;
        best = r;
      }
    }
    const rest = I.filter((r) => r !== best);
    const S1 = S.filter((t) => bit(t.parity, best) === 1), S0 = S.filter((t) => bit(t.parity, best) === 0);
    stack.push({ S: S1, I: rest, i: i >= 0 ? i : best });
    stack.push({ S: S0, I: rest, i });
  }
  if (pending.size > 0) return undefined;
  // Linear fix-up: row operations E with E·W = rows, E = rows·W⁻¹, by Gaussian elimination.
  const fix = linearSynthesis(composeWithInverse(rows, W, n), n);
  for (const [c, t] of fix) out.push(cx(qubits[c]!, qubits[t]!));
  consts.forEach((c, k) => c && out.push({ gate: 'x', qubits: [qubits[k]!], params: [] }));
  const newCx = out.filter((i) => i.gate === 'cx').length;
  if (newCx < oldCx || (newCx === oldCx && out.length < region.length)) return out;
  return undefined;
}

const cxCount = (l: readonly Instruction[]): number => l.reduce((s, i) => s + (i.gate === 'cx' ? 1 : i.gate === 'swap' ? 3 : 0), 0);

/**
 * Resynthesise consecutive chunks of a region (any contiguous run of a region's gates is itself a
 * region) with several chunk sizes, keeping the version with the fewest CNOTs, then gates.
 */
/** Chunk sizes (in CNOTs) tried on every part, each at offsets 0 and size / 2. */
export const CHUNK_SIZES: readonly number[] = [32, 24, 16, 12, 10, 8, 6, 5, 4, 3];
/** The one chunk size tried on circuits beyond the preset's `resynthesisFullSearchGates`. */
export const LARGE_CIRCUIT_CHUNK_SIZES: readonly number[] = [16];

function bestChunking(part: readonly Instruction[], target: Target, sizes: readonly number[]): Instruction[] {
  let best: Instruction[] = [...part];
  // Large parts only in chunks: GraySynth costs O(CNOTs × terms) per part.
  const total = cxCount(part);
  const variants: Array<[number, number]> = total <= 64 ? [[Infinity, 0]] : [];
  for (const size of sizes) variants.push([size, 0], [size, Math.floor(size / 2)]);
  for (const [size, offset] of variants) {
    if (size !== Infinity && cxCount(part) <= size) continue;
    const out: Instruction[] = [];
    let chunk: Instruction[] = [], k = 0, limit = offset > 0 ? offset : size;
    const flush = (): void => {
      for (const c of components(chunk)) for (const i of resynthesize(c, target) ?? c) out.push(i);
      chunk = [];
      k = 0;
      limit = size;
    };
    for (const i of part) {
      chunk.push(i);
      if (i.gate === 'cx' || i.gate === 'swap') k++;
      if (k >= limit) flush();
    }
    flush();
    const cb = cxCount(best), co = cxCount(out);
    if (co < cb || (co === cb && out.length < best.length)) best = out;
  }
  return best;
}

/**
 * bestChunking is a pure function of the part's gates and the target's phase-gate rules, and the
 * optimisation loop presents the same parts round after round: remember the answers (bounded).
 */
const memo = new WeakMap<Target, Map<string, Instruction[]>>();
const MEMO_LIMIT = 20_000;

function partKey(part: readonly Instruction[]): string {
  let k = '';
  for (const i of part) k += `${i.gate}${i.qubits.join(',')}${i.params.length > 0 ? `(${i.params.join(',')})` : ''};`;
  return k;
}

function memoBestChunking(part: readonly Instruction[], target: Target, sizes: readonly number[]): Instruction[] {
  if (cxCount(part) === 0) return [...part];
  let m = memo.get(target);
  if (m === undefined) memo.set(target, (m = new Map()));
  const key = `${sizes.join(',')}|${partKey(part)}`;
  const hit = m.get(key);
  if (hit !== undefined) return hit;
  const best = bestChunking(part, target, sizes);
  if (m.size >= MEMO_LIMIT) m.clear();
  m.set(key, best);
  return best;
}

/** Split a region into the parts on qubits connected by its two-qubit gates (independent sub-regions). */
function components(region: readonly Instruction[]): Instruction[][] {
  const parent = new Map<number, number>();
  const find = (q: number): number => {
    let r = q;
    while (parent.has(r) && parent.get(r) !== r) r = parent.get(r)!;
    parent.set(q, r);
    return r;
  };
  for (const i of region) for (const q of i.qubits) if (!parent.has(q)) parent.set(q, q);
  for (const i of region) if (i.qubits.length === 2) parent.set(find(i.qubits[0]!), find(i.qubits[1]!));
  const parts = new Map<number, Instruction[]>();
  for (const i of region) {
    const r = find(i.qubits[0]!);
    let p = parts.get(r);
    if (!p) parts.set(r, (p = []));
    p.push(i);
  }
  return [...parts.values()];
}

export function resynthesizeList(instructions: readonly Instruction[], target: Target, numQubits: number, sizes: readonly number[] = CHUNK_SIZES): Instruction[] {
  const out: Instruction[] = [];
  for (const [region, front] of layers(instructions, numQubits)) {
    // Loops, not push(...list): a layer can hold 2^18 gates, beyond the engine's argument limit.
    for (const part of components(region)) for (const i of memoBestChunking(part, target, sizes)) out.push(i);
    for (const i of front) out.push(i);
  }
  return out;
}

/**
 * The pass; on circuits of more than `fullSearchGates` gates each part is chunked with
 * LARGE_CIRCUIT_CHUNK_SIZES only (2 chunkings instead of 20), bounding the work per part.
 */
export function resynthesizePhasePolynomialsWith(fullSearchGates = Infinity): Pass {
  return definePass({ name: 'resynthesize-phase-polynomials', requires: [], guarantees: [] }, (circuit, ctx) => {
    const sizes = circuit.instructions.length > fullSearchGates ? LARGE_CIRCUIT_CHUNK_SIZES : CHUNK_SIZES;
    return withInstructions(circuit, resynthesizeList(circuit.instructions, ctx.target, circuit.numQubits, sizes));
  });
}

export const resynthesizePhasePolynomials: Pass = resynthesizePhasePolynomialsWith();
