import { beforeAll, describe, it, expect } from 'vitest';
import { circuitState, circuitStats } from '../../../compiler/circuit/index.js';
import { CsrMatrix } from '../../../compiler/linalg/csr.js';
import { solveSymmetric } from '../../../compiler/linalg/solve.js';
import { prepareNtkProblem, type NtkProblem } from '../../../compiler/ntk/index.js';
import { claimedOverlap, compactReadout, signedEstimate, type CompactReadout, type CompactReadoutKind } from '../../../compiler/readout/compact-readout.js';
import { simulate } from '../../../backends/local/index.js';
import { compactQubits } from '../../../backends/local/noise/index.js';
import { getTarget } from '../../../passes/targets/builtins.js';
import { transpile } from '../../../passes/transpile.js';
import { rng } from '../../helpers/quantum.js';

/** P(branch = 0, flags 0) − P(branch = 1, flags 0) from the unitary circuit's state. */
function stateEstimate(r: CompactReadout): number {
  const st = circuitState(r.circuit);
  let flagMask = 0;
  for (const q of r.flags) flagMask |= 1 << q;
  let d = 0;
  for (let x = 0; x < st.rows; x++) {
    if (x & flagMask) continue;
    d += ((x >> r.branch) & 1 ? -1 : 1) * (st.re[x]! ** 2 + st.im[x]! ** 2);
  }
  return d;
}

/** c·k̂ᵀ A⁻¹ ŷ for the exact inverse of a dense symmetric A (n×n, vectors of length n). */
function exactPrediction(a: CsrMatrix, k: ArrayLike<number>, y: ArrayLike<number>, c: number, diagonalOnly: boolean): number {
  const n = a.rows;
  const dense = a.toDense();
  if (diagonalOnly) for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) if (i !== j) dense[i * n + j] = 0;
  const x = solveSymmetric(dense, n, y);
  let s = 0, nk = 0, ny = 0;
  for (let i = 0; i < n; i++) {
    s += k[i]! * x[i]!;
    nk += k[i]! ** 2;
    ny += y[i]! ** 2;
  }
  return (c * s) / Math.sqrt(nk * ny);
}

/** The three ways the readout's value must agree, and the prediction it approximates. */
function checkReadout(r: CompactReadout, a: CsrMatrix, k: ArrayLike<number>, y: ArrayLike<number>): void {
  const claimed = claimedOverlap(r);
  const tol = (2 * r.alpha * r.blockError + r.blockError ** 2) / r.alpha ** 2 + 1e-12;
  expect(Math.abs(stateEstimate(r) - claimed)).toBeLessThanOrEqual(tol);
  const p = simulate(r.measured).probabilities!;
  expect(Math.abs(signedEstimate((o) => p[o]!) - claimed)).toBeLessThanOrEqual(tol);
  const predicted = exactPrediction(a, k, y, r.centre, r.kind === 'diagonal');
  expect(Math.abs(claimed * r.alpha ** 2 - predicted)).toBeLessThanOrEqual(r.errorBound + 1e-12);
}

describe('compact NTK readout', () => {
  let problem: NtkProblem;
  beforeAll(async () => {
    problem = await prepareNtkProblem({ n: 8, test: 16, seed: 0 });
  });

  it.each(['diagonal', 'sparse'] as const)('%s readout: circuit = k̂ᵀMᵀMŷ/α² ≈ c·k̂ᵀK̃⁻¹ŷ, same sign as the classical prediction, for 16 test points', (kind) => {
    for (let t = 0; t < problem.kstar.length; t++) {
      const r = compactReadout(kind, problem.kstar[t]!, problem.y, problem.ktilde);
      checkReadout(r, problem.ktilde, problem.kstar[t]!, problem.y);
      const classical = kind === 'sparse' ? problem.sparseOutputs[t]! : problem.diagonalOutputs[t]!;
      expect(Math.sign(claimedOverlap(r)), `test point ${t}`).toBe(Math.sign(classical));
    }
  });

  it('widths and two-qubit counts: 4 and 6 qubits, 14 and 25 CNOTs before lowering', () => {
    const d = compactReadout('diagonal', problem.kstar[0]!, problem.y, problem.ktilde);
    const s = compactReadout('sparse', problem.kstar[0]!, problem.y, problem.ktilde);
    expect([d.circuit.numQubits, d.flags.length, circuitStats(d.circuit).twoQubit]).toEqual([4, 0, 14]);
    expect([s.circuit.numQubits, s.flags.length, circuitStats(s.circuit).twoQubit]).toEqual([6, 2, 25]);
    expect(s.errorBound).toBeLessThan(1e-5);
  });

  it.each([
    ['ibm_fez', 'diagonal'], ['ibm_fez', 'sparse'], ['ionq_forte', 'diagonal'], ['ionq_forte', 'sparse'],
  ] as const)('lowered for %s (%s): ≤ 200 two-qubit gates, the same exact estimate', (target, kind: CompactReadoutKind) => {
    for (const t of [0, 10]) {
      const r = compactReadout(kind, problem.kstar[t]!, problem.y, problem.ktilde);
      const lowered = transpile(r.measured, getTarget(target), { level: 3, seed: 1 }).circuit;
      expect(circuitStats(lowered).twoQubit).toBeLessThanOrEqual(200);
      const p = simulate(compactQubits(lowered).circuit).probabilities!;
      expect(signedEstimate((o) => p[o]!)).toBeCloseTo(claimedOverlap(r), 10);
    }
  });

  it.each([1, 2, 3])('a random well-conditioned instance with several XOR masks and a varying diagonal (seed %i)', (seed) => {
    const r = rng(seed), n = 6, dense = new Float64Array(n * n);
    for (let i = 0; i < n; i++) {
      dense[i * n + i] = 50 + 5 * r();
      for (let j = 0; j < i; j++) if (r() < 0.5) dense[i * n + j] = dense[j * n + i] = 2 * r() - 1;
    }
    const a = CsrMatrix.fromDense(n, n, dense);
    const k = Array.from({ length: n }, () => 2 * r() - 1), y = Array.from({ length: n }, () => (r() < 0.5 ? 1 : -1));
    for (const kind of ['diagonal', 'sparse'] as const) {
      const ro = compactReadout(kind, k, y, a);
      expect(ro.flags.length).toBeGreaterThan(0);
      checkReadout(ro, a, k, y);
    }
  });

  it('rejects mismatched sizes', () => {
    expect(() => compactReadout('sparse', [1, 2, 3], problem.y, problem.ktilde)).toThrow(/must match/);
  });
});
