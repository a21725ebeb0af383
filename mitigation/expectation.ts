/**
 * Expectation values from outcome distributions: ⟨Z_{b1}⋯Z_{bk}⟩, the parity of the listed bits,
 * is Σ_x (−1)^{x_{b1}+⋯+x_{bk}} p(x). Counts are normalised by their total; quasi-probabilities
 * (readout-mitigated) are used as they are (they already sum to 1). For one bit this is the
 * Hadamard-test readout: ⟨Z⟩ = p(0) − p(1).
 */
import { ValidationError } from '../compiler/errors.js';
import type { Distribution } from './readout.js';

/** ⟨Z…Z⟩ over `bits` of a distribution (counts, probabilities or quasi-probabilities). */
export function expectationZ(dist: Distribution, bits: readonly number[]): number {
  if (bits.length === 0) throw new ValidationError('expectation: list at least one outcome bit');
  let mask = 0;
  for (const b of bits) {
    if (!Number.isInteger(b) || b < 0 || b > 30) throw new ValidationError(`expectation: outcome bit ${b} is not an integer in 0..30`);
    mask |= 1 << b;
  }
  let sum = 0, total = 0;
  for (const [k, v] of dist) {
    let x = k & mask, parity = 0;
    while (x) { parity ^= 1; x &= x - 1; }
    sum += parity ? -v : v;
    total += v;
  }
  if (total === 0) throw new ValidationError('expectation: the distribution is empty');
  return sum / total;
}
