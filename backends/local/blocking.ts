/**
 * Cache blocking: split a list of ops into stages whose ops all act inside one set of K "local"
 * qubits. A stage is then applied chunk by chunk (each chunk = the 2^K amplitudes sharing the other
 * bits, gathered into a cache-sized buffer), so a whole run of gates costs one pass over memory
 * instead of one pass per gate.
 *
 * Controlled stages: when every op of a stage is controlled on a qubit f (or is a phase on it), f
 * need not be local: chunks where f is 0 are skipped, and the stage costs half a pass per such
 * qubit. An 8-control mcx thus moves 2^(n−8) amplitudes (controls on qubits 0–2 are instead
 * skipped inside the chunk by the masked-run kernels).
 *
 * An op may move ahead of ops left for later stages when they commute: every qubit they share is
 * one on which both are diagonal (a control or a phase), or they share none.
 * @see De Raedt et al., "Massively parallel quantum computer simulator, eleven years later", arXiv:1805.04708 (qubit-local blocking)
 */
import type { Op, Stage } from './kernels.js';

/** The lowest qubits every stage keeps local, so chunks are made of contiguous runs (whole cache lines). */
export const LOW_LOCAL = 6;

/** How far past the first skipped op a stage keeps looking for ops it can take. */
const LOOKAHEAD = 4096;

/**
 * Qubits below this are never fixed: a controlled stage still gathers runs of at least 8 amplitudes
 * (128 bytes in double precision, two cache lines), so skipping a control there saves traffic.
 */
const FIXED_MIN = 3;

/** Ops ahead whose controls rank the candidate fixed qubits. */
const RANK_WINDOW = 256;

/**
 * Cost of one op on a chunk in cache relative to gathering and scattering that chunk (estimated
 * from bench/simulator.ts: ~0.2 ns per amplitude per op in L2 against ~1.5 ns per pass).
 */
const OP_COST = 0.15;

/** Bit masks of an op: the qubits it touches, the controls a stage may fix, the qubits it is diagonal on. */
export interface OpMasks {
  readonly touch: number;
  readonly ctrl: number;
  readonly diag: number;
}

const maskOf = (qs: readonly number[]): number => qs.reduce((m, q) => m | (1 << q), 0);
const isDiagonal2 = (m: Float64Array): boolean => m[2] === 0 && m[3] === 0 && m[4] === 0 && m[5] === 0;

export function opMasks(op: Op): OpMasks {
  switch (op.kind) {
    case 'dense1': return { touch: 1 << op.t, ctrl: 0, diag: isDiagonal2(op.m) ? 1 << op.t : 0 };
    case 'mcx': return { touch: op.cmask | (1 << op.t), ctrl: op.cmask, diag: op.cmask };
    case 'cdense1': return { touch: op.cmask | (1 << op.t), ctrl: op.cmask, diag: op.cmask | (isDiagonal2(op.m) ? 1 << op.t : 0) };
    case 'phase': return { touch: op.mask, ctrl: op.mask, diag: op.mask };
    case 'diag': return { touch: maskOf(op.qubits), ctrl: 0, diag: maskOf(op.qubits) };
    case 'dense': return { touch: maskOf(op.qubits), ctrl: 0, diag: 0 };
    case 'swap': return { touch: op.cmask | (1 << op.q0) | (1 << op.q1), ctrl: op.cmask, diag: op.cmask };
    case 'scale': return { touch: 0, ctrl: 0, diag: 0 };
  }
}

/** The op in a stage's local numbering (pos[q] = local index of qubit q), with the fixed controls dropped. */
export function localOp(op: Op, pos: Int32Array, fixed: number): Op {
  const mapMask = (mask: number): number => {
    let out = 0;
    for (let m = mask & ~fixed; m !== 0; m &= m - 1) out |= 1 << pos[31 - Math.clz32(m & -m)]!;
    return out;
  };
  switch (op.kind) {
    case 'dense1': return { ...op, t: pos[op.t]! };
    case 'mcx':
    case 'cdense1': return { ...op, cmask: mapMask(op.cmask), t: pos[op.t]! };
    case 'phase': return { ...op, mask: mapMask(op.mask) };
    case 'diag':
    case 'dense': return { ...op, qubits: op.qubits.map((q) => pos[q]!) };
    case 'swap': return { ...op, q0: pos[op.q0]!, q1: pos[op.q1]!, cmask: mapMask(op.cmask) };
    case 'scale': return op;
  }
}

const popcount = (m: number): number => {
  let c = 0;
  for (; m !== 0; m &= m - 1) c++;
  return c;
};

interface Plan {
  readonly fixed: number;
  readonly local: number;
  readonly taken: number[];
  /** Estimated cost per op taken, in passes over the state. */
  readonly score: number;
}

/**
 * Partition ops (on an n-qubit state, n ≤ 30) into stages of at most K local qubits, K ≤ n.
 * An op wider than K qubits gets a stage of its own whose local set is all n qubits (applied in place).
 */
export function planStages(ops: readonly Op[], n: number, K: number): Stage[] {
  const masks = ops.map(opMasks);
  const all = 2 ** n - 1;
  // Small blocks (tests) still keep three qubits free for the ops.
  const low = (1 << Math.max(0, Math.min(LOW_LOCAL, K - 3, n))) - 1;
  const neverFixed = (1 << Math.min(FIXED_MIN, n)) - 1;
  const done = new Uint8Array(ops.length);

  const scan = (first: number, fixed: number): Plan => {
    let local = low & ~fixed, blockedWrite = 0, blockedTouch = 0, sinceSkip = -1, work = 0;
    const taken: number[] = [];
    for (let i = first; i < ops.length; i++) {
      if (done[i]) continue;
      const { touch, ctrl, diag } = masks[i]!;
      const write = touch & ~diag, need = touch & ~fixed;
      if ((ctrl & fixed) === fixed && (touch & blockedWrite) === 0 && (write & blockedTouch) === 0 && popcount(local | need) <= K) {
        local |= need;
        taken.push(i);
        work += 2 ** -popcount(ctrl & ~fixed);
      } else {
        blockedWrite |= write;
        blockedTouch |= touch;
        if (sinceSkip < 0) sinceSkip = 0;
      }
      if (sinceSkip >= 0 && ++sinceSkip > LOOKAHEAD) break;
      if (blockedWrite === all) break;
    }
    return { fixed, local, taken, score: (2 ** -popcount(fixed) * (1 + OP_COST * work)) / Math.max(taken.length, 1) };
  };

  /** No fixed qubits, then growing sets of the first op's controls from qubit FIXED_MIN up, most shared with the next ops first. */
  const candidates = (first: number): number[] => {
    const c = masks[first]!.ctrl & ~neverFixed & all;
    if (c === 0) return [0];
    const bits: number[] = [];
    for (let m = c; m !== 0; m &= m - 1) bits.push(31 - Math.clz32(m & -m));
    const freq = (q: number): number => {
      let f = 0;
      for (let i = first, seen = 0; i < ops.length && seen < RANK_WINDOW; i++) if (!done[i]) { seen++; f += (masks[i]!.ctrl >> q) & 1; }
      return f;
    };
    const ranked = bits.map((q) => [q, freq(q)] as const).sort((x, y) => y[1] - x[1]).map(([q]) => q);
    const out = [0];
    for (const len of new Set([1, 2, 3, ranked.length])) {
      if (len <= ranked.length) out.push(ranked.slice(0, len).reduce((m, q) => m | (1 << q), 0));
    }
    return out;
  };

  const stages: Stage[] = [];
  let first = 0;
  while (first < ops.length) {
    let best: Plan | undefined;
    for (const fixed of candidates(first)) {
      const plan = scan(first, fixed);
      if (plan.taken.length > 0 && (best === undefined || plan.score < best.score)) best = plan;
    }
    if (best === undefined) {
      // An op wider than K qubits: a stage over all n qubits, which the executor applies in place.
      done[first] = 1;
      stages.push({ local: Array.from({ length: n }, (_, q) => q), ops: [ops[first]!] });
    } else {
      // Pad the local set to K qubits (or all that are not fixed), preferring low (contiguous) positions.
      let local = best.local;
      const size = Math.min(K, n - popcount(best.fixed));
      for (let q = 0; popcount(local) < size && q < n; q++) if (((best.fixed >> q) & 1) === 0) local |= 1 << q;
      const sorted: number[] = [];
      const pos = new Int32Array(n).fill(-1);
      for (let q = 0; q < n; q++) if ((local >> q) & 1) { pos[q] = sorted.length; sorted.push(q); }
      for (const i of best.taken) done[i] = 1;
      const stageOps = best.taken.map((i) => localOp(ops[i]!, pos, best.fixed));
      stages.push(best.fixed === 0 ? { local: sorted, ops: stageOps } : { local: sorted, ops: stageOps, fixed: best.fixed });
    }
    while (first < ops.length && done[first]) first++;
  }
  return stages;
}
