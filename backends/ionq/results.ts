/**
 * IonQ probabilities (`{"<decimal state>": p}`, bit i of the integer = qubit i) → bitstrings and
 * counts. Keys carry no width, so they are padded to the circuit's qubit count (qBraid#1321). When
 * the circuit measures into classical bits, each state is read through the measure map so that
 * bitstrings are over the clbits (c[0] rightmost), as for every other backend.
 * @see docs/backends.md §B9
 */
import { BackendError } from '../../compiler/errors.js';
import type { JobResult } from '../backend.js';

export interface IonqDecodeOptions {
  readonly qubits: number;
  readonly shots: number;
  /** For each clbit, the qubit measured into it (−1 if none); empty → bitstrings over qubits. */
  readonly measuredQubits: readonly number[];
}

/** Decode a probabilities object into a JobResult (counts by largest remainder, summing to shots). */
export function decodeIonqProbabilities(body: unknown, opts: IonqDecodeOptions): JobResult {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new BackendError('IonQ: unexpected result format: probabilities is not an object');
  }
  const probs: Record<string, number> = {};
  const overClbits = opts.measuredQubits.length > 0 && opts.measuredQubits.some((q) => q >= 0);
  for (const [key, value] of Object.entries(body as Record<string, unknown>)) {
    if (!/^\d+$/.test(key) || typeof value !== 'number' || !(value >= 0)) {
      throw new BackendError(`IonQ: unexpected result format: entry ${JSON.stringify(key)}: ${JSON.stringify(value)}`);
    }
    const state = BigInt(key);
    if (state >> BigInt(opts.qubits) !== 0n) throw new BackendError(`IonQ: result state ${key} does not fit ${opts.qubits} qubits`);
    let bits: string;
    if (overClbits) {
      bits = '';
      for (let c = 0; c < opts.measuredQubits.length; c++) {
        const q = opts.measuredQubits[c]!;
        bits = (q >= 0 && ((state >> BigInt(q)) & 1n) === 1n ? '1' : '0') + bits;
      }
    } else {
      bits = state.toString(2).padStart(opts.qubits, '0');
    }
    probs[bits] = (probs[bits] ?? 0) + value;
  }
  const keys = Object.keys(probs).sort();
  const total = keys.reduce((s, k) => s + probs[k]!, 0);
  if (keys.length === 0 || !(total > 0)) throw new BackendError('IonQ: unexpected result format: empty probabilities');
  const probabilities: Record<string, number> = {};
  for (const k of keys) probabilities[k] = probs[k]! / total;
  return { counts: largestRemainder(probabilities, opts.shots), probabilities, shots: opts.shots };
}

/** Integer counts proportional to `p` that sum to `shots` (Hamilton's method; ties by bitstring). */
export function largestRemainder(p: Readonly<Record<string, number>>, shots: number): Record<string, number> {
  const keys = Object.keys(p).sort();
  const floor = keys.map((k) => Math.floor(p[k]! * shots));
  let left = shots - floor.reduce((s, x) => s + x, 0);
  const order = keys.map((k, i) => ({ i, r: p[k]! * shots - floor[i]! })).sort((a, b) => b.r - a.r || a.i - b.i);
  for (const o of order) {
    if (left <= 0) break;
    floor[o.i]! += 1;
    left--;
  }
  const out: Record<string, number> = {};
  keys.forEach((k, i) => {
    if (floor[i]! > 0) out[k] = floor[i]!;
  });
  return out;
}
