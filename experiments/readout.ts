/**
 * Reading one NTK prediction out: the Hadamard test of ⟨k̃*|ψ⟩ between the exact loading of the
 * test vector and the post-selected solution state, simulated once for its exact signed overlap
 * and sampled with shots for the estimate the hardware would give. The shot count follows the
 * paper's 1/o² rule on the overlap the classical solve predicts.
 * @see arXiv:2107.09200 §III (readout), quant-ph/0511096 (the Hadamard test)
 */
import type { Circuit } from '../compiler/circuit/index.js';
import { createRandom } from '../compiler/linalg/random.js';
import { amplitudeState, shotsForSign, sparseNtkReadout, withMeasurements, type PreparedState } from '../compiler/readout/index.js';
import { arrayWeights, bitstring, finalState, sampleCounts } from '../backends/local/index.js';

export interface ReadoutEstimate {
  /** P(h=0, kept) − P(h=1, kept) of the readout circuit, from its simulated final state. */
  readonly exactOverlap: number;
  /** The same difference estimated from `shots` samples of the measured circuit. */
  readonly estimatedOverlap: number;
  readonly shots: number;
  /** The sampled counts over the measured bits (c[0] the control, then the flags; c[0] rightmost), ascending. */
  readonly counts: Readonly<Record<string, number>>;
  /** The readout circuit with its measurements (control into c[0], then every flag). */
  readonly circuit: Circuit;
}

/** Shots for the sign of an overlap o between normalised states read through success probability p: ≥ 1000, ≤ 200,000. */
export function readoutShots(overlap: number, successProbability: number): number {
  return Math.min(200_000, Math.max(1000, shotsForSign(overlap * Math.sqrt(successProbability))));
}

/** Build, simulate and sample the readout of ⟨k|solution⟩. */
export function readOut(kstar: ArrayLike<number>, solution: PreparedState, shots: number, seed: number): ReadoutEstimate {
  const test = sparseNtkReadout(amplitudeState(kstar, solution.system.length), solution);
  const measured = [test.control, ...test.postselect.map(([q]) => q)];
  const dist = finalState(test.circuit).marginal(measured);
  // Outcome bit 0 is the control; every other bit a flag that must read 0 for the shot to count.
  let exact = 0;
  for (const [o, p] of dist) if (o >> 1 === 0) exact += o & 1 ? -p : p;
  const outcomes = [...dist.keys()].sort((a, b) => a - b);
  const counts = sampleCounts(arrayWeights(Float64Array.from(outcomes, (o) => dist.get(o)!)), shots, createRandom(seed));
  let diff = 0;
  const record: Record<string, number> = {};
  for (const k of [...counts.keys()].sort((a, b) => a - b)) {
    const o = outcomes[k]!, c = counts.get(k)!;
    record[bitstring(o, measured.length)] = c;
    if (o >> 1 === 0) diff += o & 1 ? -c : c;
  }
  return { exactOverlap: exact, estimatedOverlap: diff / shots, shots, counts: record, circuit: withMeasurements(test) };
}
