/** Shared checker for block encodings: the simulated top-left block equals A/α (padded explicitly). */
import { expect } from 'vitest';
import { gateMatrix, gateSpec, type Circuit } from '../../compiler/circuit/index.js';
import type { BlockEncoding } from '../../compiler/blockencoding/block-encoding.js';
import { CsrMatrix } from '../../compiler/linalg/csr.js';
import { expectBlock, rng } from '../helpers/quantum.js';

/**
 * Up to 6 qubits: the whole top-left block against A (dense unitary). Larger ones: U applied to
 * |0⟩_anc|x⟩ for two random complex x; the ancilla-zero part must equal A x/α (a wrong block
 * passes this for two random vectors with probability zero).
 */
export function checkBlockEncoding(be: BlockEncoding, padded: CsrMatrix, tol = 1e-9, seed = 1): void {
  expect(padded.rows).toBe(1 << be.systemQubits);
  expect(be.circuit.numQubits).toBe(be.systemQubits + be.ancillaQubits);
  if (be.circuit.numQubits <= 6) {
    expectBlock(be, { rows: padded.rows, data: padded.toDense() }, tol);
    return;
  }
  const r = rng(seed);
  const N = padded.rows;
  const inputs = [0, 1].map(() => [Array.from({ length: N }, () => r() - 0.5), Array.from({ length: N }, () => r() - 0.5)] as const);
  for (const [xr, xi] of inputs) {
    const dim = 2 ** be.circuit.numQubits;
    const re = new Float64Array(dim), im = new Float64Array(dim);
    re.set(xr);
    im.set(xi);
    const out = simulate(be.circuit, re, im);
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

/**
 * A small state-vector simulator for tests of circuits with many multi-controlled gates: each
 * controlled gate acts only where its controls are 1 (O(2^n) per gate). Checked against
 * circuitState in sparse.test.ts.
 */
export function simulate(c: Circuit, reIn: Float64Array, imIn: Float64Array): { re: Float64Array; im: Float64Array } {
  const re = Float64Array.from(reIn), im = Float64Array.from(imIn);
  const dim = re.length;
  for (const inst of c.instructions) {
    if (inst.gate === 'barrier') continue;
    const spec = gateSpec(inst.gate)!;
    const nc = spec.base !== undefined ? (spec.variadic ? inst.qubits.length - 1 : spec.controls) : 0;
    const controls = inst.qubits.slice(0, nc), targets = inst.qubits.slice(nc);
    const m = nc > 0 ? gateMatrix(spec.base!, inst.params, targets.length) : gateMatrix(inst.gate, inst.params, inst.qubits.length);
    let cm = 0, tm = 0;
    for (const q of controls) cm |= 1 << q;
    for (const q of targets) tm |= 1 << q;
    const k = targets.length, dk = 1 << k;
    const off = new Int32Array(dk);
    for (let s2 = 0; s2 < dk; s2++) for (let j = 0; j < k; j++) if ((s2 >> j) & 1) off[s2]! |= 1 << targets[j]!;
    const tr = new Float64Array(dk), ti = new Float64Array(dk);
    // Visit only indices with every control 1 and every target 0: subsets of the free bits.
    const free = (dim - 1) & ~(tm | cm);
    for (let sub = 0; ; sub = (sub - free) & free) {
      const i = sub | cm;
      for (let s2 = 0; s2 < dk; s2++) {
        tr[s2] = re[i | off[s2]!]!;
        ti[s2] = im[i | off[s2]!]!;
      }
      for (let r = 0; r < dk; r++) {
        let ar = 0, ai = 0;
        for (let s2 = 0; s2 < dk; s2++) {
          const mr = m.re[r * dk + s2]!, mi = m.im[r * dk + s2]!;
          ar += mr * tr[s2]! - mi * ti[s2]!;
          ai += mr * ti[s2]! + mi * tr[s2]!;
        }
        re[i | off[r]!] = ar;
        im[i | off[r]!] = ai;
      }
      if (sub === free) break;
    }
  }
  return { re, im };
}
