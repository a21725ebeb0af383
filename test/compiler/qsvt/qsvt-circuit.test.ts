import { describe, expect, it } from 'vitest';
import { CircuitBuilder, circuitUnitary, inverseCircuit, type Circuit } from '../../../compiler/circuit/index.js';
import { CircuitBlockEncoding, type BlockEncoding } from '../../../compiler/blockencoding/block-encoding.js';
import { CMatrix } from '../../../compiler/linalg/complex.js';
import { chebEval, chebMaxAbsOnGrid } from '../../../compiler/linalg/chebyshev.js';
import { solvePhases } from '../../../compiler/qsvt/phases.js';
import { inversePolynomial } from '../../../compiler/qsvt/polynomials.js';
import { QsvtCircuit } from '../../../compiler/qsvt/qsvt-circuit.js';
import { circuitCost } from '../../../compiler/synthesis/cost.js';
import { CsrMatrix } from '../../../compiler/linalg/csr.js';
import { FableEncoding } from '../../../compiler/blockencoding/fable.js';
import { LcuEncoding } from '../../../compiler/blockencoding/lcu.js';
import { SparseEncoding } from '../../../compiler/blockencoding/sparse.js';
import { appendMultiplexor } from '../../../compiler/synthesis/uniformly-controlled.js';
import { rng, stateOverlap } from '../../helpers/quantum.js';
import { Statevector } from '../../../backends/local/index.js';
import { lcuExamples } from '../../../compiler/blockencoding/lcu.js';
import { sparseEncodingExamples } from '../../../compiler/blockencoding/sparse.js';

/** A real orthogonal V on 2 qubits from an ry/cx circuit (its matrix comes from the simulator). */
function basisChange(seed: number): Circuit {
  const r = rng(seed);
  const b = new CircuitBuilder(2);
  for (let layer = 0; layer < 3; layer++) {
    b.ry(6 * r(), 0).ry(6 * r(), 1).cx(0, 1);
  }
  return b.build();
}

/**
 * Exact block encoding of A = V diag(λ) Vᵀ (times cos(θ/2) with a second, rotated ancilla):
 * V†, a multiplexed Ry(2 arccos λ_i) on ancilla 2, V. Returns the encoding and the eigenpairs of A/α.
 */
function handBuiltEncoding(lambdas: number[], seed: number, extraAncilla: boolean): { be: BlockEncoding; v: CMatrix; eig: number[] } {
  const vc = basisChange(seed);
  const n = extraAncilla ? 4 : 3;
  const b = new CircuitBuilder(n);
  b.compose(inverseCircuit(vc), [0, 1]);
  appendMultiplexor(b, { axis: 'y', angles: lambdas.map((l) => 2 * Math.acos(l)), controls: [0, 1], target: 2 });
  const theta = 0.7;
  if (extraAncilla) b.ry(theta, 3);
  b.compose(vc, [0, 1]);
  const c = extraAncilla ? Math.cos(theta / 2) : 1;
  const be: BlockEncoding = new CircuitBlockEncoding({ kind: 'hand', circuit: b.build(), alpha: 1.7, systemQubits: 2 });
  // Block = c·V diag(λ) V† = A/α with α = 1.7 chosen arbitrarily (A = 1.7·block).
  return { be, v: circuitUnitary(vc), eig: lambdas.map((l) => c * l) };
}

/** V diag(g(eig)) V† as a dense matrix. */
function matrixFunction(v: CMatrix, eig: number[], g: (x: number) => number): CMatrix {
  return v.mul(CMatrix.diagonal(eig.map((e) => ({ re: g(e), im: 0 })))).mul(v.adjoint());
}

function randomOdd(d: number, seed: number, parity: 0 | 1): Float64Array {
  const r = rng(seed);
  const c = new Float64Array(d + 1);
  for (let k = parity; k <= d; k += 2) c[k] = 2 * r() - 1;
  const m = chebMaxAbsOnGrid(c);
  return c.map((x) => (0.8 * x) / m);
}

describe('QSVT circuit', () => {
  it.each([
    [5, 1, false], [7, 2, true], [4, 3, false], [6, 4, true],
  ])('degree %i (seed %i, two ancillas: %s): the post-selected block equals f(A/α)', (d, seed, extra) => {
    const { be, v, eig } = handBuiltEncoding([0.9, -0.35, 0.6, -0.8], seed, extra);
    const coeffs = randomOdd(d, seed, (d % 2) as 0 | 1);
    const q = new QsvtCircuit({ blockEncoding: be, phases: solvePhases(coeffs).phases });
    const c = q.circuit();
    expect(c.numQubits).toBe(be.numQubits + 2);
    expect(q.postselect.map(([qb]) => qb)).toEqual(extra ? [2, 3, 4, 5] : [2, 3, 4]);
    const block = circuitUnitary(c).block(0, 0, 4, 4);
    const expected = matrixFunction(v, eig, (x) => chebEval(coeffs, x));
    expect(block.maxAbsDiff(expected)).toBeLessThan(1e-10);
    // The cost model agrees with the built circuit.
    const built = circuitCost(c).gates, est = q.cost().gates;
    for (const [g, k] of Object.entries(built)) expect([g, est[g]]).toEqual([g, k]);
  });

  it('with the inverse polynomial, post-selection gives A⁻¹b/‖A⁻¹b‖ and the success probability ‖f(A/α)b‖²', () => {
    const kappa = 4, eps = 1e-3;
    const { be, v, eig } = handBuiltEncoding([0.95, -0.3, 0.5, -0.26], 5, false);
    const P = inversePolynomial({ kappa, epsilon: eps });
    const q = new QsvtCircuit({ blockEncoding: be, phases: solvePhases(P.coeffs).phases });
    const u = circuitUnitary(q.circuit());
    const bvec = [0.4, -0.3, 0.8, 0.33];
    const norm = Math.hypot(...bvec);
    // Output amplitudes of the post-selected branch: column-combination of the top-left block.
    const out = { re: new Float64Array(4), im: new Float64Array(4) };
    for (let i = 0; i < 4; i++) for (let j = 0; j < 4; j++) {
      out.re[i] = out.re[i]! + (u.re[i * u.cols + j]! * bvec[j]!) / norm;
      out.im[i] = out.im[i]! + (u.im[i * u.cols + j]! * bvec[j]!) / norm;
    }
    const ainv = matrixFunction(v, eig, (x) => 1 / x);
    const exact = Array.from({ length: 4 }, (_, i) => bvec.reduce((s, bj, j) => s + ainv.re[i * 4 + j]! * bj, 0));
    expect(stateOverlap(out, exact)).toBeGreaterThanOrEqual(1 - eps);
    const fb = matrixFunction(v, eig, (x) => chebEval(P.coeffs, x));
    const fbv = Array.from({ length: 4 }, (_, i) => bvec.reduce((s, bj, j) => s + fb.re[i * 4 + j]! * bj, 0) / norm);
    const pSucc = out.re.reduce((s, r, i) => s + r * r + out.im[i]! ** 2, 0);
    expect(pSucc).toBeCloseTo(fbv.reduce((s, x) => s + x * x, 0), 10);
  });

  it.each(['sparse', 'fable', 'lcu'] as const)('on the real %s encoding of a 2×2 symmetric matrix: block = f(A/α) for a random odd f', (kind) => {
    const dense = [0.7, -0.4, -0.4, -0.2];
    const m = CsrMatrix.fromDense(2, 2, dense);
    const be = kind === 'sparse' ? new SparseEncoding({ matrix: m })
      : kind === 'fable' ? new FableEncoding({ matrix: m }) : new LcuEncoding({ matrix: m });
    const coeffs = randomOdd(5, 9, 1);
    const q = new QsvtCircuit({ blockEncoding: be, phases: solvePhases(coeffs).phases });
    const block = circuitUnitary(q.circuit()).block(0, 0, 2, 2);
    // f(A/α) from the eigendecomposition of the 2×2 matrix (closed form).
    const [a, b, d] = [dense[0]! / be.alpha, dense[1]! / be.alpha, dense[3]! / be.alpha];
    const mean = (a + d) / 2, rad = Math.hypot((a - d) / 2, b);
    const lam = [mean + rad, mean - rad];
    const vecs = lam.map((l) => { const v = [b, l - a]; const n = Math.hypot(v[0]!, v[1]!); return v.map((x) => x / n); });
    const expected = CMatrix.from([[0, 0], [0, 0]]);
    for (let k = 0; k < 2; k++) {
      const fl = chebEval(coeffs, lam[k]!);
      for (let i = 0; i < 2; i++) for (let j = 0; j < 2; j++) expected.re[i * 2 + j] = expected.re[i * 2 + j]! + fl * vecs[k]![i]! * vecs[k]![j]!;
    }
    expect(block.maxAbsDiff(expected)).toBeLessThan(1e-9);
  });

  it.each(['sparse', 'lcu'] as const)('on a 4×4 %s encoding with clean work qubits: reflects only the other ancillas, block = f(A/α), cost() = built', (kind) => {
    const enc = kind === 'sparse' ? sparseEncodingExamples()[2]! : lcuExamples()[2]!;
    const be = enc;
    const work = be.workQubits;
    expect(work.length).toBeGreaterThan(0);
    const coeffs = randomOdd(5, 21, 1);
    const q = new QsvtCircuit({ blockEncoding: be, phases: solvePhases(coeffs).phases });
    expect(q.reflected.length).toBe(be.ancillaQubits - work.length);
    for (const w of work) expect(q.reflected).not.toContain(w);
    expect(q.postselect.length).toBe(be.ancillaQubits + 2);
    const c = q.circuit();
    // Every multi-controlled X is a reflection on exactly the non-work ancillas (plus the signal qubit).
    const reflections = c.instructions.filter((ins) => ins.qubits.includes(q.signalQubit) && ins.qubits.length > 2);
    expect(reflections.length).toBe(2 * (q.degree + 1));
    for (const ins of reflections) expect(ins.qubits).toEqual([...q.reflected, q.signalQubit]);
    // Columns of the post-selected block by simulation against f(A/α) = Σ c_k T_k(A/α).
    const N = 1 << be.systemQubits, dim = 2 ** c.numQubits;
    const a = enc.padded.matrix.toDense();
    const bm = Array.from({ length: N * N }, (_, k) => a[k]! / be.alpha);
    const mul = (x: number[], y: number[]): number[] => Array.from({ length: N * N }, (_, k) => {
      const i = Math.floor(k / N), j = k % N;
      let sum = 0;
      for (let l = 0; l < N; l++) sum += x[i * N + l]! * y[l * N + j]!;
      return sum;
    });
    let tPrev: number[] = Array.from({ length: N * N }, (_, k) => (Math.floor(k / N) === k % N ? 1 : 0)), tCur = bm;
    const f = tPrev.map((x, k) => coeffs[0]! * x + coeffs[1]! * tCur[k]!);
    for (let k = 2; k < coeffs.length; k++) {
      const next = mul(bm, tCur).map((x, l) => 2 * x - tPrev[l]!);
      [tPrev, tCur] = [tCur, next];
      for (let l = 0; l < N * N; l++) f[l] = f[l]! + coeffs[k]! * tCur[l]!;
    }
    for (let j = 0; j < N; j++) {
      const re = new Float64Array(dim), im = new Float64Array(dim);
      re[j] = 1;
      const out = Statevector.fromAmplitudes(re, im).applyCircuit(c);
      const oRe = out.re, oIm = out.im;
      for (let i = 0; i < N; i++) {
        expect(Math.hypot(oRe[i]! - f[i * N + j]!, oIm[i]!)).toBeLessThan(1e-9);
      }
    }
    const built = circuitCost(c).gates, est = q.cost().gates;
    expect(est).toEqual(built);
  });

  it('refuses encodings without ancillas and empty phase lists', () => {
    const be = new CircuitBlockEncoding({ kind: 'x', circuit: new CircuitBuilder(1).build(), alpha: 1, systemQubits: 1 });
    expect(() => new QsvtCircuit({ blockEncoding: be, phases: [0, 0] })).toThrow(/no ancilla/);
    const { be: ok } = handBuiltEncoding([0.5, 0.5, 0.5, 0.5], 1, false);
    expect(() => new QsvtCircuit({ blockEncoding: ok, phases: [0.1] })).toThrow(/degree/);
  });
});
