/**
 * Shot sampling from a discrete distribution in O(outcomes + shots) time and O(1) extra memory:
 * the shots' uniforms are generated already sorted (descending order statistics U_(k) = U_(k+1)·V^{1/k}),
 * so one sweep over the cumulative distribution assigns every shot.
 * @see L. Devroye, Non-Uniform Random Variate Generation (1986), §V.3 (generating sorted uniforms)
 */
import type { Random } from '../../compiler/linalg/random.js';
import { ValidationError } from '../../compiler/errors.js';
import type { Amplitudes } from './kernels.js';

/** Weights of outcomes 0..length−1 (need not be normalised). */
export interface Weights {
  readonly length: number;
  weight(i: number): number;
}

/** Weights from a probability array. */
export function arrayWeights(p: Float64Array): Weights {
  return { length: p.length, weight: (i) => p[i]! };
}

/** Weights |ψ_i|² straight from interleaved amplitudes (no probability array is allocated). */
export function amplitudeWeights(data: Amplitudes): Weights {
  // data.length reaches 2^31 (30 qubits in single precision): halve by division, not by a 32-bit shift.
  return { length: data.length / 2, weight: (i) => data[2 * i]! * data[2 * i]! + data[2 * i + 1]! * data[2 * i + 1]! };
}

/** Check a shot count from a user. */
export function checkShots(shots: number): void {
  if (!Number.isInteger(shots) || shots < 1 || shots > 1e9) throw new ValidationError(`shots must be an integer between 1 and 1e9, got ${shots}`);
}

/** Counts of `shots` independent draws: outcome → count (outcomes with zero count are absent). */
export function sampleCounts(w: Weights, shots: number, rng: Random): Map<number, number> {
  checkShots(shots);
  let total = 0;
  for (let i = 0; i < w.length; i++) total += w.weight(i);
  if (!(total > 0)) throw new ValidationError('sampling: the distribution has zero total weight');
  const counts = new Map<number, number>();
  // Ascending sorted uniforms x_1 ≤ … ≤ x_shots, produced one at a time as 1 − U_(k), k = shots … 1.
  let u = 1;
  let k = shots;
  const nextSorted = (): number => {
    let v = rng.next();
    while (v === 0) v = rng.next();
    u *= Math.pow(v, 1 / k);
    k--;
    return (1 - u) * total;
  };
  let x = nextSorted();
  let drawn = 0;
  let cum = 0;
  let last = -1;
  for (let i = 0; i < w.length && drawn < shots; i++) {
    const wi = w.weight(i);
    if (wi <= 0) continue;
    last = i;
    cum += wi;
    let c = 0;
    while (drawn < shots && x < cum) {
      c++;
      drawn++;
      if (drawn < shots) x = nextSorted();
    }
    if (c > 0) counts.set(i, c);
  }
  // Rounding can leave the largest uniforms just above the final cumulative sum: they belong to the last outcome.
  if (drawn < shots) counts.set(last, (counts.get(last) ?? 0) + shots - drawn);
  return counts;
}
