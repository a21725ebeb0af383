/** Shared checker for block encodings: the simulated top-left block equals A/α (padded explicitly). */
import { expect } from 'vitest';
import type { Circuit } from '../../../compiler/circuit/index.js';
import { Statevector } from '../../../backends/local/index.js';
import type { BlockEncoding } from '../../../compiler/blockencoding/block-encoding.js';
import { CsrMatrix } from '../../../compiler/linalg/csr.js';
import { expectBlock, rng } from '../../helpers/quantum.js';

/**
 * Up to 6 qubits: the whole top-left block against A (dense unitary). Larger ones: U applied to
 * |0⟩_anc|x⟩ for two random complex x; the ancilla-zero part must equal A x/α (a wrong block
 * passes this for two random vectors with probability zero).
 */
export function checkBlockEncoding(be: BlockEncoding, padded: CsrMatrix, tol = 1e-9, seed = 1): void {
  expect(padded.rows).toBe(1 << be.systemQubits);
  const circuit = be.circuit();
  expect(circuit.numQubits).toBe(be.systemQubits + be.ancillaQubits);
  if (circuit.numQubits <= 6) {
    expectBlock({ circuit, alpha: be.alpha, systemQubits: be.systemQubits }, { rows: padded.rows, data: padded.toDense() }, tol);
    return;
  }
  const r = rng(seed);
  const N = padded.rows;
  const inputs = [0, 1].map(() => [Array.from({ length: N }, () => r() - 0.5), Array.from({ length: N }, () => r() - 0.5)] as const);
  for (const [xr, xi] of inputs) {
    const dim = 2 ** circuit.numQubits;
    const re = new Float64Array(dim), im = new Float64Array(dim);
    re.set(xr);
    im.set(xi);
    const out = simulate(circuit, re, im);
    const ar = padded.matvec(xr), ai = padded.matvec(xi);
    let d = 0;
    for (let i = 0; i < N; i++) {
      const a = { re: out.re[i]!, im: out.im[i]! };
      d = Math.max(d, Math.hypot(a.re * be.alpha - ar[i]!, a.im * be.alpha - ai[i]!));
    }
    expect(d, `α·U|0⟩|x⟩ differs from A x by ${d.toExponential(3)}`).toBeLessThanOrEqual(tol);
  }
}

/** Random symmetric test matrices. */
export function randomSymmetric(n: number, seed: number, density: number): CsrMatrix {
  const r = rng(seed);
  const t: { row: number; col: number; value: number }[] = [];
  for (let i = 0; i < n; i++) for (let j = i; j < n; j++) {
    if (i !== j && r() > density) continue;
    const v = r() * 2 - 1;
    t.push({ row: i, col: j, value: v });
    if (i !== j) t.push({ row: j, col: i, value: v });
  }
  return CsrMatrix.fromTriplets(n, n, t);
}

/** NTK-like: unit diagonal, a few small symmetric off-diagonal entries per row (≈ 1 + ln n). */
export function ntkLike(n: number, seed: number): CsrMatrix {
  const r = rng(seed);
  const t: { row: number; col: number; value: number }[] = [];
  for (let i = 0; i < n; i++) t.push({ row: i, col: i, value: 1 });
  const perRow = Math.max(1, Math.round(Math.log(n) / 2));
  for (let i = 0; i < n; i++) for (let k = 0; k < perRow; k++) {
    const j = Math.floor(r() * n);
    if (j === i) continue;
    const v = 0.05 + 0.15 * r();
    t.push({ row: i, col: j, value: v }, { row: j, col: i, value: v });
  }
  return CsrMatrix.fromTriplets(n, n, t.filter((x, idx, all) => all.findIndex((y) => y.row === x.row && y.col === x.col) === idx));
}

/** U applied to an arbitrary (unnormalised) input state, on the project's statevector simulator. */
export function simulate(c: Circuit, reIn: Float64Array, imIn: Float64Array): { re: Float64Array; im: Float64Array } {
  const sv = Statevector.fromAmplitudes(reIn, imIn).applyCircuit(c);
  return { re: sv.re, im: sv.im };
}
