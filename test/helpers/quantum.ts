/** Shared numerical checks: every quantum construction is compared with the linear algebra it claims. */
import { expect } from 'vitest';
import { CMatrix, globalPhaseDistance } from '../../compiler/linalg/complex.js';
import { circuitUnitary, type Circuit } from '../../compiler/circuit/index.js';
import { stateOverlap } from '../../compiler/linalg/states.js';

/** The two circuits (or matrices) have equal unitaries up to a global phase. */
export function expectSameUnitary(a: Circuit | CMatrix, b: Circuit | CMatrix, tol = 1e-8): void {
  const ua = a instanceof CMatrix ? a : circuitUnitary(a);
  const ub = b instanceof CMatrix ? b : circuitUnitary(b);
  expect([ua.rows, ua.cols]).toEqual([ub.rows, ub.cols]);
  const d = globalPhaseDistance(ua, ub);
  expect(d, `unitaries differ by ${d.toExponential(3)} after aligning the global phase`).toBeLessThanOrEqual(tol);
}

export { stateOverlap } from '../../compiler/linalg/states.js';

/** The two states agree up to global phase and normalisation: fidelity ≥ 1 − tol. */
export function expectStateClose(actual: Parameters<typeof stateOverlap>[0], expected: Parameters<typeof stateOverlap>[1], tol = 1e-9): void {
  const f = stateOverlap(actual, expected);
  expect(f, `state fidelity ${f}`).toBeGreaterThanOrEqual(1 - tol);
}

/** A seeded PRNG (mulberry32) so randomised tests are reproducible; print the seed on failure. */
export function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * The top-left 2^s × 2^s block of the encoding's unitary times α equals A (row-major real or
 * CMatrix), entrywise within tol.
 */
export function expectBlock(
  be: { circuit: Circuit | (() => Circuit); alpha: number; systemQubits: number },
  a: CMatrix | { rows: number; data: ArrayLike<number> },
  tol = 1e-9,
): void {
  const u = circuitUnitary(typeof be.circuit === 'function' ? be.circuit() : be.circuit);
  const dim = 1 << be.systemQubits;
  const block = u.block(0, 0, dim, dim).scale(be.alpha);
  let target: CMatrix;
  if (a instanceof CMatrix) target = a;
  else {
    target = new CMatrix(dim, dim);
    for (let i = 0; i < a.rows; i++) for (let j = 0; j < a.rows; j++) target.re[i * dim + j] = a.data[i * a.rows + j]!;
  }
  const d = block.maxAbsDiff(target);
  expect(d, `α·block differs from A by ${d.toExponential(3)}`).toBeLessThanOrEqual(tol);
}
