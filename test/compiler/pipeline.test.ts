import { describe, expect, it } from 'vitest';
import { Statevector } from '../../backends/local/index.js';
import { CsrMatrix } from '../../compiler/linalg/csr.js';
import { solveSymmetric } from '../../compiler/linalg/solve.js';
import { prepareNtkProblem } from '../../compiler/ntk/problem.js';
import { compileLinearSystem, type CompiledProgram } from '../../compiler/linear-system.js';
import { ValidationError } from '../../compiler/errors.js';
import { circuitCost } from '../../compiler/synthesis/cost.js';
import { rng, stateOverlap } from '../helpers/quantum.js';

/** Simulate, keep the post-selected branch, return the system register's amplitudes and its probability. */
function postselectedSystemState(p: CompiledProgram): { re: Float64Array; im: Float64Array; probability: number } {
  const sv = Statevector.fromCircuit(p.circuit);
  const re = sv.re, im = sv.im;
  const covered = new Set([...p.system, ...p.postselect.map(([q]) => q)]);
  expect(covered.size, 'every qubit is system or post-selected').toBe(p.circuit.numQubits);
  const outRe = new Float64Array(1 << p.system.length), outIm = new Float64Array(1 << p.system.length);
  let prob = 0;
  for (let i = 0; i < re.length; i++) {
    if (!p.postselect.every(([q, v]) => ((i >> q) & 1) === v)) continue;
    let s = 0;
    p.system.forEach((q, k) => { s |= ((i >> q) & 1) << k; });
    outRe[s] = outRe[s]! + re[i]!;
    outIm[s] = outIm[s]! + im[i]!;
    prob += re[i]! ** 2 + im[i]! ** 2;
  }
  return { re: outRe, im: outIm, probability: prob };
}

function spd(n: number, seed: number, shift: number): Float64Array {
  const r = rng(seed);
  const m = Float64Array.from({ length: n * n }, () => 2 * r() - 1);
  const a = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) {
    let s = 0;
    for (let k = 0; k < n; k++) s += m[i * n + k]! * m[j * n + k]!;
    a[i * n + j] = s + (i === j ? shift : 0);
  }
  return a;
}

describe('compileLinearSystem (QSVT)', () => {
  it.each([
    ['2x2', 2, 1, 1.0, 'sparse'], ['3x3 (padded)', 3, 2, 1.5, 'sparse'], ['4x4', 4, 3, 2.0, 'sparse'],
    ['2x2', 2, 4, 1.0, 'fable'], ['3x3 (padded)', 3, 5, 1.5, 'fable'], ['4x4', 4, 6, 2.0, 'auto'],
    ['2x2', 2, 7, 1.0, 'lcu'], ['4x4', 4, 8, 2.0, 'lcu'],
  ] as const)('%s (n = %i, seed %i, shift %f, %s encoding): post-selected system state is A⁻¹b/‖A⁻¹b‖ with fidelity ≥ 0.999, probability as reported', (_name, n, seed, shift, encoding) => {
    const dense = spd(n, seed, shift);
    const a = CsrMatrix.fromDense(n, n, dense);
    const r = rng(seed + 100);
    const b = Array.from({ length: n }, () => 2 * r() - 1);
    const p = compileLinearSystem(a, b, { epsilon: 1e-3, encoding });
    if (encoding !== 'auto') expect(p.encoding).toBe(encoding);
    expect(p.circuit.instructions.some((i) => i.gate === 'measure')).toBe(false);
    const out = postselectedSystemState(p);
    const x = solveSymmetric(dense, n, b);
    const padded = new Float64Array(out.re.length);
    padded.set(x);
    expect(stateOverlap(out, padded)).toBeGreaterThanOrEqual(0.999);
    expect(out.probability).toBeCloseTo(p.successProbability, 8);
    expect(p.n).toBe(n);
    expect(p.system[0]).toBe(0);
  });

  it('--method hhl goes through the same contract (fidelity ≥ 0.99 at its default ε)', () => {
    const dense = [1, -1 / 3, -1 / 3, 1];
    const p = compileLinearSystem(CsrMatrix.fromDense(2, 2, dense), [1, 0], { method: 'hhl' });
    expect([p.method, p.encoding, p.n]).toEqual(['hhl', 'eigenbasis', 2]);
    const out = postselectedSystemState(p);
    expect(stateOverlap(out, solveSymmetric(dense, 2, [1, 0]))).toBeGreaterThanOrEqual(0.99);
    expect(out.probability).toBeCloseTo(p.successProbability, 8);
  });

  it('sparsified NTK (MNIST 8 vs 9, n = 8): simulated solution state has fidelity ≥ 0.999 with K̃⁻¹y', async () => {
    const problem = await prepareNtkProblem({ digits: [8, 9], n: 8 });
    const p = compileLinearSystem(problem.ktilde, problem.y, { epsilon: 1e-3 });
    const out = postselectedSystemState(p);
    const x = new Float64Array(out.re.length);
    x.set(solveSymmetric(problem.ktilde.toDense(), 8, problem.y));
    expect(stateOverlap(out, x)).toBeGreaterThanOrEqual(0.999);
    expect(out.probability).toBeCloseTo(p.successProbability, 8);
  }, 60000);

  it.each([
    ['non-symmetric', CsrMatrix.fromDense(2, 2, [1, 0.5, 0, 1]), [1, 1], /not symmetric/],
    ['singular', CsrMatrix.fromDense(2, 2, [1, 1, 1, 1]), [1, 0], /singular/],
    ['size mismatch', CsrMatrix.fromDense(2, 2, [2, 0, 0, 1]), [1, 0, 0], /one entry per row/],
    ['zero rhs', CsrMatrix.fromDense(2, 2, [2, 0, 0, 1]), [0, 0], /nonzero/],
  ])('%s input: a clear ValidationError', (_n, a, b, re) => {
    expect(() => compileLinearSystem(a, b)).toThrow(re);
  });

  it.each([
    ['1×1', CsrMatrix.fromDense(1, 1, [2]), [1]],
    ['diag(1, −1)', CsrMatrix.fromDense(2, 2, [1, 0, 0, -1]), [0.6, 0.8]],
    ['diag(2, 2)', CsrMatrix.fromDense(2, 2, [2, 0, 0, 2]), [1, -2]],
  ] as const)('auto chooses an encoding that compiles %s (a single Pauli term; LCU would have no ancilla): state ∝ A⁻¹b', (_name, a, b) => {
    const p = compileLinearSystem(a, [...b], { epsilon: 1e-3 });
    expect(p.encoding).not.toBe('lcu');
    const out = postselectedSystemState(p);
    const x = new Float64Array(out.re.length);
    x.set(solveSymmetric(a.toDense(), a.rows, [...b]));
    expect(stateOverlap(out, x)).toBeGreaterThanOrEqual(0.999);
    expect(out.probability).toBeCloseTo(p.successProbability, 8);
    // Asked for explicitly, LCU is refused with the parameter named, before anything is built.
    const err = (() => {
      try {
        compileLinearSystem(a, [...b], { encoding: 'lcu' });
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(err).toBeInstanceOf(ValidationError);
    expect((err as ValidationError).parameter).toBe('encoding');
    expect((err as ValidationError).message).toMatch(/^encoding lcu: .*no ancilla.*choose the sparse or FABLE encoding/);
  });

  it('errors name the library parameter, never a CLI flag; a front end can respell it', () => {
    const a = CsrMatrix.fromDense(2, 2, [2, 0.5, 0.5, 1]);
    const cases: [() => unknown, string][] = [
      [() => compileLinearSystem(a, [1, 0], { epsilon: 2 }), 'epsilon'],
      [() => compileLinearSystem(a, [1, 0], { kappa: 1.01 }), 'kappa'],
      [() => compileLinearSystem(a, [1, 0, 0]), 'rhs'],
      [() => compileLinearSystem(CsrMatrix.fromDense(2, 2, [1, 1, 1, 1]), [1, 0]), 'matrix'],
      [() => compileLinearSystem(a, [1, 0], { method: 'hhl', kappa: 1.01 }), 'kappa'],
    ];
    for (const [run, parameter] of cases) {
      let caught: unknown;
      try {
        run();
      } catch (e) {
        caught = e;
      }
      expect(caught).toBeInstanceOf(ValidationError);
      const e = caught as ValidationError;
      expect(e.parameter).toBe(parameter);
      expect(e.message).not.toMatch(/--/);
    }
    const e = new ValidationError('epsilon 2: must be in [1e-10, 1)', { parameter: 'epsilon' });
    expect(e.withParameterName('--epsilon').message).toBe('--epsilon 2: must be in [1e-10, 1)');
    expect(e.withParameterName('--epsilon').parameter).toBe('epsilon');
  });

  it('the program is a component whose call graph prices the built circuit exactly', () => {
    const a = CsrMatrix.fromDense(3, 3, [2, 0.3, 0, 0.3, 1.5, -0.2, 0, -0.2, 1]);
    for (const method of ['qsvt', 'hhl'] as const) {
      const p = compileLinearSystem(a, [1, 2, 3], { method });
      expect(p.component.cost().gates).toEqual(circuitCost(p.circuit).gates);
    }
  });

  it('refuses κ beyond what ε allows and a --kappa below the true one', () => {
    const a = CsrMatrix.fromDense(2, 2, [1, 0, 0, 1e-4]);
    expect(() => compileLinearSystem(a, [1, 1], { epsilon: 1e-6, maxDegree: 2000 })).toThrow(/needs degree/);
    expect(() => compileLinearSystem(CsrMatrix.fromDense(2, 2, [2, 0, 0, 1]), [1, 1], { kappa: 1.5 })).toThrow(/below the effective condition number/);
  });
});
