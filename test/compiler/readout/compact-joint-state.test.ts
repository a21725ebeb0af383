import { describe, it, expect } from 'vitest';
import { CircuitBuilder, circuitState, circuitStats } from '../../../compiler/circuit/index.js';
import { jointState } from '../../../compiler/readout/compact-joint-state.js';
import { expectStateClose, rng, stateOverlap } from '../../helpers/quantum.js';
import { loweredState } from './lowered.js';

const randomVector = (n: number, seed: number): number[] => {
  const r = rng(seed);
  return Array.from({ length: n }, () => 2 * r() - 1);
};

/** [a/‖a‖; b/‖b‖]/√2, each half padded to 2^m. */
function stacked(a: readonly number[], b: readonly number[], m: number): Float64Array {
  const dim = 1 << m, out = new Float64Array(2 * dim);
  const na = Math.hypot(...a), nb = Math.hypot(...b);
  a.forEach((v, i) => { out[i] = v / na / Math.SQRT2; });
  b.forEach((v, i) => { out[dim + i] = v / nb / Math.SQRT2; });
  return out;
}

describe('joint state (|0⟩|â⟩ + |1⟩|b̂⟩)/√2', () => {
  it.each([[2, 1], [4, 2], [8, 3], [6, 4], [16, 5]])('prepares the stacked vector exactly (length %i, seed %i)', (len, seed) => {
    const a = randomVector(len, seed), b = randomVector(len, seed + 100);
    const j = jointState(a, b);
    const m = j.system.length;
    expect(j.branch).toBe(m);
    const st = circuitState(j.circuit);
    const want = stacked(a, b, m);
    // Real amplitudes with the right relative sign between the halves (a global phase aside).
    expectStateClose(st, want, 1e-12);
    for (let i = 0; i < want.length; i++) expect(Math.abs(st.im[i]!)).toBeLessThan(1e-12);
  });

  it('a Hadamard on the branch qubit reads ⟨â|b̂⟩ as P(0) − P(1), including a ±1 vector', () => {
    const k = randomVector(8, 7), y = [1, -1, 1, 1, -1, -1, 1, -1];
    const j = jointState(k, y);
    const b = CircuitBuilder.from(j.circuit).h(j.branch).build();
    const st = circuitState(b);
    let diff = 0;
    for (let x = 0; x < 16; x++) diff += ((x >> j.branch) & 1 ? -1 : 1) * (st.re[x]! ** 2 + st.im[x]! ** 2);
    const dot = k.reduce((s, v, i) => s + v * y[i]!, 0) / (Math.hypot(...k) * Math.sqrt(8));
    expect(diff).toBeCloseTo(dot, 12);
  });

  it('costs at most 2^{m+1} − 2 CNOTs (one preparation, no controlled ones)', () => {
    for (const m of [1, 2, 3, 4]) {
      const j = jointState(randomVector(1 << m, m), randomVector(1 << m, m + 50));
      expect(circuitStats(j.circuit).twoQubit).toBeLessThanOrEqual((2 << m) - 2);
    }
  });

  it.each(['ibm_fez', 'ionq_forte'])('keeps the state when lowered for %s (layout and final permutation undone)', (target) => {
    const a = randomVector(8, 21), b = randomVector(8, 22);
    const j = jointState(a, b);
    const low = loweredState(j.circuit, target);
    expect(low.norm2).toBeCloseTo(1, 10);
    expectStateClose(low, stacked(a, b, 3), 1e-9);
    // The comparison sees a wrong state: the branches swapped.
    expect(stateOverlap(low, stacked(b, a, 3))).toBeLessThan(0.99);
  });

  it('rejects mismatched lengths, zero and non-finite vectors', () => {
    expect(() => jointState([1, 2], [1, 2, 3])).toThrow(/must match/);
    expect(() => jointState([0, 0], [1, 2])).toThrow(/zero vector/);
    expect(() => jointState([1, Number.NaN], [1, 2])).toThrow(/not a finite number/);
    expect(() => jointState([1, 2, 3], [1, 2, 3], 1)).toThrow(/do not fit/);
  });
});
