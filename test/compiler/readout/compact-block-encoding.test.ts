import { describe, it, expect } from 'vitest';
import { CircuitBuilder, circuitState, circuitStats, type Circuit } from '../../../compiler/circuit/index.js';
import { xorLcuEncoding, xorTerms, type XorLcuEncoding } from '../../../compiler/readout/compact-block-encoding.js';
import { expectBlock, rng, stateOverlap } from '../../helpers/quantum.js';
import { loweredState } from './lowered.js';

/** A dense 2^m × 2^m matrix with the given XOR masks filled with random entries (symmetric if asked). */
function maskedMatrix(m: number, masks: readonly number[], seed: number, symmetric: boolean): Float64Array {
  const r = rng(seed), dim = 1 << m, a = new Float64Array(dim * dim);
  for (const t of masks) {
    for (let i = 0; i < dim; i++) {
      const j = i ^ t;
      if (symmetric && j < i) continue;
      const v = 2 * r() - 1;
      a[j * dim + i] = v;
      if (symmetric) a[i * dim + j] = v;
    }
  }
  return a;
}

const ALL = (m: number): number[] => Array.from({ length: 1 << m }, (_, t) => t);

/** (1/√d)Σ_j |j⟩_ref ⊗ U|j⟩: the encoding's columns side by side, under one global phase. */
function choiCircuit(be: XorLcuEncoding): Circuit {
  const m = be.systemQubits, a = be.ancillaQubits;
  const b = new CircuitBuilder(2 * m + a);
  for (let i = 0; i < m; i++) {
    b.h(m + a + i);
    b.cx(m + a + i, i);
  }
  b.compose(be.circuit(), Array.from({ length: m + a }, (_, q) => q));
  return b.build();
}

/** The Choi state's ancilla-zero part, expected: A_ij/(α√d) at (sys = i, ref = j). */
function choiBlock(re: Float64Array, im: Float64Array, be: XorLcuEncoding): { re: Float64Array; im: Float64Array } {
  const m = be.systemQubits, a = be.ancillaQubits, dim = 1 << m;
  const out = { re: new Float64Array(dim * dim), im: new Float64Array(dim * dim) };
  for (let j = 0; j < dim; j++) {
    for (let i = 0; i < dim; i++) {
      const x = i | (j << (m + a));
      out.re[i * dim + j] = re[x]!;
      out.im[i * dim + j] = im[x]!;
    }
  }
  return out;
}

describe('XOR-diagonal LCU block encoding', () => {
  it.each([[2, 1], [3, 2]])('the XOR diagonals sum back to the matrix (m = %i, seed %i)', (m, seed) => {
    const dim = 1 << m, a = maskedMatrix(m, ALL(m), seed, false);
    const back = new Float64Array(dim * dim);
    for (const t of xorTerms(a, m)) for (let i = 0; i < dim; i++) back[(i ^ t.mask) * dim + i]! += t.weights[i]!;
    expect(Array.from(back)).toEqual(Array.from(a));
  });

  it.each([
    ['dense, not symmetric (four terms, two select qubits)', 2, [0, 1, 2, 3], false],
    ['symmetric, masks {0, 3} (the small sparsified NTK)', 3, [0, 3], true],
    ['symmetric, masks {0, 7}: a weight-3 symmetry', 3, [0, 7], true],
    ['symmetric, three terms (an unused select value)', 3, [0, 1, 6], true],
    ['symmetric, masks {0, 1, 2, 4}: not a 2-dimensional span (multi-controlled SELECT)', 3, [0, 1, 2, 4], true],
    ['diagonal only (no select register)', 3, [0], false],
    ['one permutation times a diagonal', 2, [2], true],
  ] as const)('block = A/α: %s', (_name, m, masks, symmetric) => {
    const a = maskedMatrix(m, masks, 40 + m, symmetric);
    const be = xorLcuEncoding(a, m);
    const terms = xorTerms(a, m);
    expect(be.alpha).toBeCloseTo(terms.reduce((s, t) => s + t.scale, 0), 14);
    expect(be.ancillaQubits).toBe((terms.length === 1 ? 0 : Math.ceil(Math.log2(terms.length))) + 1);
    expect(be.epsilon).toBe(0);
    expectBlock(be, { rows: 1 << m, data: a }, 1e-12);
  });

  it('drops one multiplexor control per XOR symmetry: 11 CNOTs instead of 18 for masks {0, 3} on 3 qubits', () => {
    const dim = 8, a = maskedMatrix(3, [3], 5, true);
    for (let i = 0; i < dim; i++) a[i * dim + i] = 1; // constant diagonal: the identity term needs no rotation
    const be = xorLcuEncoding(a, 3);
    expect(circuitStats(be.circuit()).counts.cx).toBe(11);
    expectBlock(be, { rows: dim, data: a }, 1e-12);
    // Without the symmetry (one entry changed) the full 4-control multiplexor is back.
    a[3 * dim + 0] = a[0 * dim + 3] = 0.123;
    a[2 * dim + 1] = 0.5; // breaks A[1][2] = A[2][1]
    const plain = xorLcuEncoding(a, 3);
    expect(circuitStats(plain.circuit()).counts.cx).toBe(18);
    expectBlock(plain, { rows: dim, data: a }, 1e-12);
  });

  it('SELECT is CNOTs alone when the masks span the select register, multi-controlled X otherwise', () => {
    const linear = xorLcuEncoding(maskedMatrix(3, [0, 1, 2, 3], 6, true), 3);
    expect(linear.selectMasks).toEqual([0, 1, 2, 3]);
    expect(circuitStats(linear.circuit()).multiQubit).toBe(0);
    const gap = xorLcuEncoding(maskedMatrix(3, [0, 1, 6], 6, true), 3);
    expect(gap.selectMasks).toEqual([0, 1, 6, -1]); // 1 ⊕ 6 = 7 is not a term: amplitude 0
    expect(circuitStats(gap.circuit()).multiQubit).toBe(0);
    const other = xorLcuEncoding(maskedMatrix(3, [0, 1, 2, 4], 6, true), 3);
    expect(other.selectMasks).toEqual([0, 1, 2, 4]);
    expect(circuitStats(other.circuit()).multiQubit).toBeGreaterThan(0);
  });

  it('loads ratios within `snap` of ±1 as ±1 and records the block error in epsilon', () => {
    const dim = 4, a = maskedMatrix(2, [1], 9, true);
    const diag = [1, 1 - 3e-12, 1 - 1e-12, 1];
    diag.forEach((d, i) => { a[i * dim + i] = d; });
    const snapped = xorLcuEncoding(a, 2);
    expect(snapped.epsilon).toBeCloseTo(3e-12, 15);
    expectBlock(snapped, { rows: dim, data: a }, snapped.epsilon + 1e-13);
    const exact = xorLcuEncoding(a, 2, { snap: 0 });
    expect(exact.epsilon).toBe(0);
    expectBlock(exact, { rows: dim, data: a }, 1e-13);
    expect(() => xorLcuEncoding(a, 2, { snap: 1 })).toThrow(/snap/);
  });

  it.each(['ibm_fez', 'ionq_forte'])('the lowered encoding (%s) has the same block, under one global phase', (target) => {
    const dim = 8, a = maskedMatrix(3, [3], 11, true);
    for (let i = 0; i < dim; i++) a[i * dim + i] = 0.9;
    const be = xorLcuEncoding(a, 3);
    const choi = choiCircuit(be);
    const logical = circuitState(choi);
    const want = { re: new Float64Array(dim * dim), im: new Float64Array(dim * dim) };
    for (let k = 0; k < dim * dim; k++) want.re[k] = a[k]! / (be.alpha * Math.sqrt(dim));
    const norm2 = (v: { re: Float64Array; im: Float64Array }): number => v.re.reduce((s, x, k) => s + x * x + v.im[k]! ** 2, 0);
    const fromLogical = choiBlock(logical.re, logical.im, be);
    const low = loweredState(choi, target);
    const fromLowered = choiBlock(low.re, low.im, be);
    for (const got of [fromLogical, fromLowered]) {
      expect(stateOverlap(got, want)).toBeGreaterThan(1 - 1e-9);
      expect(norm2(got)).toBeCloseTo(norm2(want), 10);
    }
    // The comparison sees a wrong block: one entry off by 0.05.
    const wrong = { re: Float64Array.from(want.re, (v, k) => (k === 1 ? v + 0.05 : v)), im: want.im };
    expect(stateOverlap(fromLowered, wrong)).toBeLessThan(1 - 1e-6);
  });

  it('rejects a zero matrix, a wrong size and non-finite entries', () => {
    expect(() => xorLcuEncoding(new Float64Array(16), 2)).toThrow(/zero/);
    expect(() => xorLcuEncoding(new Float64Array(8), 2)).toThrow(/4×4/);
    const bad = new Float64Array(16); bad[5] = Number.POSITIVE_INFINITY;
    expect(() => xorLcuEncoding(bad, 2)).toThrow(/not finite/);
  });
});
