/**
 * Cache blocking: split a list of ops into stages whose ops all act inside one set of K "local"
 * qubits. A stage is then applied chunk by chunk (each chunk = the 2^K amplitudes sharing the other
 * bits, gathered into a cache-sized buffer), so a whole run of gates costs one pass over memory
 * instead of one pass per gate. Ops on disjoint qubits commute, so a stage may take an op from
 * further down the list as long as no skipped op before it shares a qubit with it.
 * @see De Raedt et al., "Massively parallel quantum computer simulator, eleven years later", arXiv:1805.04708 (qubit-local blocking)
 */
import type { Op, Stage } from './kernels.js';
import { opQubits, remapOp } from './compile.js';

/** The lowest qubits every stage keeps local, so chunks are made of contiguous runs (whole cache lines). */
export const LOW_LOCAL = 6;

/** How far past the first skipped op a stage keeps looking for ops it can take. */
const LOOKAHEAD = 4096;

/**
 * Partition ops (on an n-qubit state) into stages of K local qubits each, K ≤ n.
 * An op wider than K qubits gets a stage of its own whose local set is all n qubits (applied in place).
 * A scale op (global phase) commutes with everything and joins any stage.
 */
export function planStages(ops: readonly Op[], n: number, K: number): Stage[] {
  const qubitsOf = ops.map(opQubits);
  const done = new Uint8Array(ops.length);
  const stages: Stage[] = [];
  let first = 0;
  while (first < ops.length) {
    const local = new Set<number>();
    // Small blocks (tests) still keep three qubits free for the ops.
    for (let q = 0; q < Math.min(LOW_LOCAL, K - 3, n); q++) local.add(q);
    const blocked = new Set<number>();
    const taken: number[] = [];
    let sinceSkip = -1;
    for (let i = first; i < ops.length; i++) {
      if (done[i]) continue;
      const qs = qubitsOf[i]!;
      const ok = qs.every((q) => !blocked.has(q)) && local.size + qs.filter((q) => !local.has(q)).length <= K;
      if (ok) {
        for (const q of qs) local.add(q);
        taken.push(i);
        done[i] = 1;
      } else {
        for (const q of qs) blocked.add(q);
        if (sinceSkip < 0) sinceSkip = 0;
      }
      if (sinceSkip >= 0 && ++sinceSkip > LOOKAHEAD) break;
      if (blocked.size >= n) break;
    }
    if (taken.length === 0) {
      // An op wider than K qubits: a stage over all n qubits, which the executor applies in place.
      done[first] = 1;
      stages.push({ local: Array.from({ length: n }, (_, q) => q), ops: [ops[first]!] });
      while (first < ops.length && done[first]) first++;
      continue;
    }
    // Pad the local set to exactly K qubits, preferring low (contiguous) positions.
    for (let q = 0; local.size < K && q < n; q++) local.add(q);
    const sorted = [...local].sort((x, y) => x - y);
    const pos = new Map(sorted.map((q, j) => [q, j]));
    const map = (q: number): number => pos.get(q)!;
    stages.push({ local: sorted, ops: taken.map((i) => remapOp(ops[i]!, map)) });
    while (first < ops.length && done[first]) first++;
  }
  return stages;
}
