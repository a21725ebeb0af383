import { describe, it, expect } from 'vitest';
import { buildHhl } from '../../../compiler/hhl/hhl.js';
import { CsrMatrix } from '../../../compiler/linalg/csr.js';
import { conjugateGradient } from '../../../compiler/linalg/solve.js';
import { Statevector, postselectedState } from '../../../backends/local/index.js';
import { rng } from '../../helpers/quantum.js';

/** ⟨x|ψ⟩ for the post-selected branch: HHL must prepare +A⁻¹b (a positive multiple), not a phase of it. */
describe('HHL keeps the sign of the solution', () => {
  it.each([1, 2, 3, 4, 5, 6])('post-selected amplitude is a positive multiple of A⁻¹b (seed %i)', (seed) => {
    const r = rng(seed);
    const n = 4;
    const dense = new Float64Array(n * n);
    for (let i = 0; i < n; i++) {
      dense[i * n + i] = 1 + r();
      for (let j = 0; j < i; j++) {
        const v = r() < 0.5 ? 0.3 * (r() - 0.5) : 0;
        dense[i * n + j] = v;
        dense[j * n + i] = v;
      }
    }
    const a = CsrMatrix.fromDense(n, n, dense);
    const b = Array.from({ length: n }, () => r() - 0.5);
    const prog = buildHhl(a, b, {});
    const kept = postselectedState(Statevector.fromCircuit(prog.circuit), prog.system, prog.postselect);
    const x = conjugateGradient(a, b, { tol: 1e-14 }).x;
    let re = 0, im = 0, nx = 0;
    for (let i = 0; i < n; i++) {
      re += x[i]! * kept.re[i]!;
      im += x[i]! * kept.im[i]!;
      nx += x[i]! ** 2;
    }
    const cos = re / Math.sqrt(nx * kept.probability);
    expect(cos).toBeGreaterThan(0.99);
    expect(Math.abs(im) / Math.sqrt(nx * kept.probability)).toBeLessThan(0.02);
  });
});
