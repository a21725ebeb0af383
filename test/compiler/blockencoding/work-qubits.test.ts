/** Declared clean work qubits really are clean: U and U† keep them at |0⟩ for every input with them at |0⟩. */
import { describe, expect, it } from 'vitest';
import { inverseCircuit, type Circuit } from '../../../compiler/circuit/index.js';
import { signalAncillas, type BlockEncoding } from '../../../compiler/blockencoding/block-encoding.js';
import { FableEncoding } from '../../../compiler/blockencoding/fable.js';
import { LcuEncoding, lcuExamples } from '../../../compiler/blockencoding/lcu.js';
import { SparseEncoding, sparseEncodingExamples } from '../../../compiler/blockencoding/sparse.js';
import { CsrMatrix } from '../../../compiler/linalg/csr.js';
import { rng } from '../../helpers/quantum.js';
import { ntkLike, randomSymmetric, simulate } from './check.js';

/**
 * Largest squared norm that U leaks out of the work-qubits-zero subspace over `trials` random
 * inputs: half with all ancillas |0⟩ and a random system state (the block-encoding input), half with
 * a random state on system and every non-work ancilla (what U† meets inside QSVT).
 */
function maxLeak(c: Circuit, be: BlockEncoding, work: readonly number[], seed: number, trials = 4): number {
  const r = rng(seed);
  const dim = 2 ** c.numQubits;
  let workMask = 0;
  for (const q of work) workMask |= 1 << q;
  const ancMask = ((1 << be.ancillaQubits) - 1) << be.systemQubits;
  let worst = 0;
  for (let t = 0; t < trials; t++) {
    const allowed = t % 2 === 0 ? ~ancMask : ~workMask;
    const re = new Float64Array(dim), im = new Float64Array(dim);
    let norm = 0;
    for (let i = 0; i < dim; i++) {
      if ((i & allowed) !== i) continue;
      re[i] = r() - 0.5;
      im[i] = r() - 0.5;
      norm += re[i]! ** 2 + im[i]! ** 2;
    }
    const out = simulate(c, re, im);
    let leak = 0;
    for (let i = 0; i < dim; i++) if (i & workMask) leak += out.re[i]! ** 2 + out.im[i]! ** 2;
    worst = Math.max(worst, leak / norm);
  }
  return worst;
}

const cases: [string, BlockEncoding][] = [
  ...sparseEncodingExamples().map((e, i) => [`sparse example ${i}`, e] as [string, BlockEncoding]),
  ['sparse 8×8 NTK-like', new SparseEncoding({ matrix: ntkLike(8, 3) })],
  ['sparse 6×6 random (padded)', new SparseEncoding({ matrix: randomSymmetric(6, 11, 0.5) })],
  ...lcuExamples().map((e, i) => [`lcu example ${i}`, e] as [string, BlockEncoding]),
  ['lcu 8×8 random', new LcuEncoding({ matrix: randomSymmetric(8, 5, 0.4) })],
];

describe('block-encoding work qubits', () => {
  it.each(cases)('%s: U and U† return the work qubits to |0⟩', (_name, be) => {
    const work = be.workQubits;
    expect(be.circuit().numQubits).toBeLessThanOrEqual(14);
    expect(maxLeak(be.circuit(), be, work, 7)).toBeLessThan(1e-24);
    expect(maxLeak(inverseCircuit(be.circuit()), be, work, 8)).toBeLessThan(1e-24);
    expect(signalAncillas(be).length + work.length).toBe(be.ancillaQubits);
  });

  it('the unary-iteration encodings declare work qubits (the check above is not vacuous)', () => {
    expect(new SparseEncoding({ matrix: ntkLike(8, 3) }).workQubits.length).toBeGreaterThan(0);
    expect(new LcuEncoding({ matrix: randomSymmetric(8, 5, 0.4) }).workQubits.length).toBeGreaterThan(0);
    expect(new SparseEncoding({ matrix: ntkLike(8, 3), qrom: 'mcx' }).workQubits).toEqual([]);
    expect(new FableEncoding({ matrix: CsrMatrix.fromDense(2, 2, [0.5, 0.1, 0.1, 0.3]) }).workQubits).toEqual([]);
  });

  it('the check catches a signal ancilla declared as work (the sparse flag, the LCU index)', () => {
    const sp = new SparseEncoding({ matrix: ntkLike(8, 3) });
    expect(maxLeak(sp.circuit(), sp, [sp.qubits.flag], 7)).toBeGreaterThan(1e-3);
    const lcuBe = new LcuEncoding({ matrix: randomSymmetric(8, 5, 0.4) });
    expect(maxLeak(lcuBe.circuit(), lcuBe, [lcuBe.systemQubits], 7)).toBeGreaterThan(1e-3);
  });

  it('signalAncillas refuses work qubits outside the ancillas or covering all of them', () => {
    const be = new SparseEncoding({ matrix: ntkLike(8, 3) });
    expect(() => signalAncillas({ ...be, workQubits: [0] })).toThrow(/not an ancilla/);
    const all = Array.from({ length: be.ancillaQubits }, (_, i) => be.systemQubits + i);
    expect(() => signalAncillas({ ...be, workQubits: all })).toThrow(/every ancilla/);
  });
});
