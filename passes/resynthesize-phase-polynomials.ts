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

const isRegionGate = (i: Instruction): boolean =>
  !i.condition && (i.gate === 'cx' || i.gate === 'x' || i.gate === 'swap' || phaseAngle(i) !== undefined);

interface Term {
  parity: bigint;
  readonly angle: number;
}

const cx = (c: number, t: number): Instruction => ({ gate: 'cx', qubits: [c, t], params: [] });

/** Split into [region, deferred]: the region gates run first without changing the meaning. */
function takeRegion(work: readonly Instruction[], numQubits: number): [Instruction[], Instruction[]] {
  const blocked = new Set<number>();
  const region: Instruction[] = [], deferred: Instruction[] = [];
  for (let k = 0; k < work.length; k++) {
    const inst = work[k]!;
    if (blocked.size >= numQubits) {
      // Every wire is blocked: the rest is deferred as it is.
      for (let r = k; r < work.length; r++) deferred.push(work[r]!);
      break;
    }
    if (isRegionGate(inst) && !inst.qubits.some((q) => blocked.has(q))) region.push(inst);
    else {
      deferred.push(inst);
      for (const q of inst.qubits) blocked.add(q);
      if (inst.qubits.length === 0 || inst.condition) for (const i of work) for (const q of i.qubits) blocked.add(q);
    }
  }
  return [region, deferred];
}

/** Leading gates of `deferred` that are not region gates and depend on nothing still deferred. */
function takeFront(deferred: readonly Instruction[]): [Instruction[], Instruction[]] {
  const blocked = new Set<number>();
  const front: Instruction[] = [], rest: Instruction[] = [];
  let barrier = false;
  for (const inst of deferred) {
    const free = !barrier && !inst.qubits.some((q) => blocked.has(q));
    if (free && !isRegionGate(inst)) front.push(inst);
    else {
      rest.push(inst);
      for (const q of inst.qubits) blocked.add(q);
      if (inst.qubits.length === 0 || inst.condition) barrier = true;
    }
  }
  return [front, rest];
}

const popcount = (x: bigint): number => {
  let c = 0;
  for (let v = x; v !== 0n; v &= v - 1n) c++;
  return c;
};
const bitIndex = (x: bigint): number => x.toString(2).length - 1;

/** Resynthesise one region on its qubits; returns undefined when it would not be better. */
function resynthesize(region: readonly Instruction[], target: Target): Instruction[] | undefined {
  const qubits = [...new Set(region.flatMap((i) => i.qubits))].sort((a, b) => a - b);
  const n = qubits.length;
  const oldCx = region.reduce((s, i) => s + (i.gate === 'cx' ? 1 : i.gate === 'swap' ? 3 : 0), 0);
  if (n < 2 || oldCx === 0) return undefined;
  const local = new Map(qubits.map((q, k) => [q, k]));
  // Affine map of the region: wire k holds rows[k]·x ⊕ consts[k].
  const rows = Array.from({ length: n }, (_, k) => 1n << BigInt(k));
  const consts = new Array<boolean>(n).fill(false);
  const sums = new Map<bigint, number>();
  for (const inst of region) {
    const a = local.get(inst.qubits[0]!)!;
    if (inst.gate === 'cx') {
      const b = local.get(inst.qubits[1]!)!;
      rows[b] = rows[b]! ^ rows[a]!;
      consts[b] = consts[b] !== consts[a];
    } else if (inst.gate === 'x') consts[a] = !consts[a];
    else if (inst.gate === 'swap') {
      const b = local.get(inst.qubits[1]!)!;
      [rows[a], rows[b]] = [rows[b]!, rows[a]!];
      [consts[a], consts[b]] = [consts[b]!, consts[a]!];
    } else {
      const th = phaseAngle(inst)!;
      sums.set(rows[a]!, (sums.get(rows[a]!) ?? 0) + (consts[a] ? -th : th));
    }
  }
  const terms: Term[] = [];
  for (const [parity, angle] of sums) if (!isMultipleOf2Pi(angle)) terms.push({ parity, angle });
  const out: Instruction[] = [];
  // Current wire contents over the inputs; a CNOT(j → i) makes wire i hold W_i ⊕ W_j and turns
  // every pending parity s (written over the current wires) into s with row j ^= row i.
  const W = Array.from({ length: n }, (_, k) => 1n << BigInt(k));
  const pending = new Set<Term>(terms);
  const emitUnit = (): void => {
    for (const t of pending) {
      if (popcount(t.parity) === 1) {
        out.push(...phaseGates(t.angle, qubits[bitIndex(t.parity)]!, target));
        pending.delete(t);
      }
    }
  };
  const applyCx = (j: number, i: number): void => {
    out.push(cx(qubits[j]!, qubits[i]!));
    W[i] = W[i]! ^ W[j]!;
    const bi = 1n << BigInt(i), bj = 1n << BigInt(j);
    for (const t of pending) if (t.parity & bi) t.parity ^= bj;
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
        for (let r = 0; r < n && j < 0; r++) if (r !== i && S.every((t) => (t.parity >> BigInt(r)) & 1n)) j = r;
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
      const ones = S.filter((t) => (t.parity >> BigInt(r)) & 1n).length;
      const sc = Math.max(ones, S.length - ones);
      if (sc > bestScore) {
        bestScore = sc;
        best = r;
      }
    }
    const rest = I.filter((r) => r !== best);
    const S1 = S.filter((t) => (t.parity >> BigInt(best)) & 1n), S0 = S.filter((t) => !((t.parity >> BigInt(best)) & 1n));
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

/** rows·W⁻¹ over GF(2) (row vectors as bigints). */
function composeWithInverse(rows: readonly bigint[], W: readonly bigint[], n: number): bigint[] {
  // Invert W by Gauss–Jordan, carrying the identity.
  const a = [...W], inv = Array.from({ length: n }, (_, k) => 1n << BigInt(k));
  for (let col = 0; col < n; col++) {
    const bit = 1n << BigInt(col);
    let piv = col;
    while (piv < n && !(a[piv]! & bit)) piv++;
    [a[col], a[piv]] = [a[piv]!, a[col]!];
    [inv[col], inv[piv]] = [inv[piv]!, inv[col]!];
    for (let r = 0; r < n; r++) {
      if (r !== col && a[r]! & bit) {
        a[r] = a[r]! ^ a[col]!;
        inv[r] = inv[r]! ^ inv[col]!;
      }
    }
  }
  // (rows·W⁻¹)_k = XOR of inv rows selected by the bits of rows[k].
  return rows.map((r) => {
    let acc = 0n;
    for (let j = 0; j < n; j++) if ((r >> BigInt(j)) & 1n) acc ^= inv[j]!;
    return acc;
  });
}

/** CNOTs (control, target) whose product, applied in order, is the GF(2) matrix T. */
function linearSynthesis(T: readonly bigint[], n: number): Array<[number, number]> {
  const a = [...T];
  const ops: Array<[number, number]> = [];
  const addRow = (target: number, src: number): void => {
    a[target] = a[target]! ^ a[src]!;
    ops.push([src, target]);
  };
  for (let col = 0; col < n; col++) {
    const bit = 1n << BigInt(col);
    if (!(a[col]! & bit)) {
      let piv = col + 1;
      while (piv < n && !(a[piv]! & bit)) piv++;
      addRow(col, piv);
    }
    for (let r = 0; r < n; r++) if (r !== col && a[r]! & bit) addRow(r, col);
  }
  // ops reduce T to I: T = F_1 ⋯ F_m, so F_m runs first.
  return ops.reverse();
}

const cxCount = (l: readonly Instruction[]): number => l.reduce((s, i) => s + (i.gate === 'cx' ? 1 : i.gate === 'swap' ? 3 : 0), 0);

/**
 * Resynthesise consecutive chunks of a region (any contiguous run of a region's gates is itself a
 * region) with several chunk sizes, keeping the version with the fewest CNOTs, then gates.
 */
function bestChunking(part: readonly Instruction[], target: Target): Instruction[] {
  let best: Instruction[] = [...part];
  // Large parts only in chunks: GraySynth costs O(CNOTs × terms) per part.
  const total = cxCount(part);
  const variants: Array<[number, number]> = total <= 64 ? [[Infinity, 0]] : [];
  for (const size of [32, 24, 16, 12, 10, 8, 6, 5, 4, 3]) variants.push([size, 0], [size, Math.floor(size / 2)]);
  for (const [size, offset] of variants) {
    if (size !== Infinity && cxCount(part) <= size) continue;
    const out: Instruction[] = [];
    let chunk: Instruction[] = [], k = 0, limit = offset > 0 ? offset : size;
    const flush = (): void => {
      for (const c of components(chunk)) out.push(...(resynthesize(c, target) ?? c));
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

export function resynthesizeList(instructions: readonly Instruction[], target: Target, numQubits: number): Instruction[] {
  const out: Instruction[] = [];
  let work: Instruction[] = [...instructions];
  while (work.length > 0) {
    const [region, deferred] = takeRegion(work, numQubits);
    for (const part of components(region)) out.push(...bestChunking(part, target));
    const [front, rest] = takeFront(deferred);
    out.push(...front);
    work = rest;
  }
  return out;
}

export const resynthesizePhasePolynomials: Pass = definePass(
  { name: 'resynthesize-phase-polynomials', requires: [], guarantees: [] },
  (circuit, ctx) => withInstructions(circuit, resynthesizeList(circuit.instructions, ctx.target, circuit.numQubits)),
);
