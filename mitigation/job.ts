/**
 * Mitigation of a cloud job's results: what a mitigated submission records (secret-free, in the job
 * record) and how `result` turns the job's distributions into mitigated values. A job runs one or
 * more circuits — the circuit as submitted, its gate-folded copies for zero-noise extrapolation and,
 * where twirling is done on the client, its twirled copies — in the order `circuits` lists them.
 * The result: per noise scale, the distributions of that scale's circuits pooled (equal weight per
 * circuit), their readout errors undone with the recorded calibration, the Z-parity expectation
 * values taken, and extrapolated to zero noise when several scales ran.
 * @see docs/noise-and-mitigation.md (Mitigation on submitted jobs)
 */
import { ValidationError } from '../compiler/errors.js';
import { expectationZ } from './expectation.js';
import { mitigateReadout, type Distribution } from './readout.js';
import type { Mitigation } from './methods.js';
import { extrapolateToZero, type Extrapolation } from './zne.js';

/** Most outcome bits a mitigated job may have (outcomes are held as 31-bit integers). */
export const MAX_MITIGATED_BITS = 30;
/** Above this many outcome bits readout mitigation uses M3 instead of the full tensored inverse. */
const TENSORED_MAX_BITS = 16;

/** What `result` needs to mitigate a job, kept in its record (numbers and names only). */
export interface JobMitigation {
  readonly applied: readonly Mitigation[];
  /** Z-parity observables, each a list of outcome bits. */
  readonly observables: readonly (readonly number[])[];
  /** Outcome bits of the job (its classical bits). */
  readonly width: number;
  /** One entry per circuit of the job, in order: the noise scale it runs at (1: unfolded). */
  readonly circuits: readonly { readonly scale: number }[];
  /** Zero-noise extrapolation: the fit used. */
  readonly extrapolation?: Extrapolation;
  /** Readout calibration per outcome bit (P(1|0), P(0|1)) and where it came from. */
  readonly readout?: { readonly p01: readonly number[]; readonly p10: readonly number[]; readonly source: string };
  /** Twirling and decoupling done by the provider (IBM's Sampler), or by the client (twirled copies). */
  readonly twirl?: { readonly by: 'service' | 'circuits'; readonly randomizations?: number };
  readonly dd?: { readonly by: 'service' };
}

/** One observable of a mitigated job. */
export interface JobExpectation {
  readonly bits: readonly number[];
  /** Noiseless value (local simulations of programs small enough to simulate exactly). */
  readonly ideal?: number;
  /** From the unmitigated scale-1 distribution (twirled copies pooled). */
  readonly raw: number;
  readonly mitigated: number;
  readonly zne?: { readonly scales: readonly number[]; readonly values: readonly number[]; readonly method: Extrapolation };
}

/** What `result` adds beside the raw counts of a mitigated job. */
export interface MitigatedResult {
  readonly applied: readonly Mitigation[];
  /** Readout-mitigated quasi-probabilities of the scale-1 circuits (bitstring → value; sum 1, may be negative). */
  readonly quasiProbabilities?: Readonly<Record<string, number>>;
  readonly expectations: readonly JobExpectation[];
}

/** Counts or probabilities keyed by bitstring → outcome index → weight. */
export function distributionOf(record: Readonly<Record<string, number>>): Map<number, number> {
  const out = new Map<number, number>();
  for (const [bits, v] of Object.entries(record)) {
    if (!/^[01]*$/.test(bits) || bits.length > MAX_MITIGATED_BITS) throw new ValidationError(`mitigation: outcome '${bits}' is not a bitstring of at most ${MAX_MITIGATED_BITS} bits`);
    const k = bits === '' ? 0 : parseInt(bits, 2);
    out.set(k, (out.get(k) ?? 0) + v);
  }
  return out;
}

/** Equal-weight mixture of several normalised distributions. */
function pool(dists: readonly Distribution[]): Map<number, number> {
  const out = new Map<number, number>();
  for (const d of dists) {
    const total = [...d.values()].reduce((a, b) => a + b, 0);
    if (!(total > 0)) throw new ValidationError('mitigation: a circuit of the job returned no outcomes');
    for (const [k, v] of d) out.set(k, (out.get(k) ?? 0) + v / total / dists.length);
  }
  return out;
}

/** Check a recorded mitigation against the distributions the job returned. */
function checkShape(m: JobMitigation, dists: readonly Distribution[]): void {
  if (dists.length !== m.circuits.length) throw new ValidationError(`mitigation: the job returned ${dists.length} result(s) for ${m.circuits.length} circuit(s)`);
  if (!m.circuits.some((c) => c.scale === 1)) throw new ValidationError('mitigation: the job has no unfolded (scale 1) circuit');
  for (const bits of m.observables) {
    for (const b of bits) if (!Number.isInteger(b) || b < 0 || b >= m.width) throw new ValidationError(`observable bit ${b} is not an outcome bit (0..${m.width - 1})`);
  }
}

/** Mitigated quasi-probabilities and expectation values of a finished job (`dists[i]` is circuit i's distribution). */
export function mitigateJob(m: JobMitigation, dists: readonly Distribution[]): MitigatedResult {
  checkShape(m, dists);
  const scales = [...new Set(m.circuits.map((c) => c.scale))].sort((a, b) => a - b);
  const byScale = scales.map((s) => pool(dists.filter((_, i) => m.circuits[i]!.scale === s)));
  const cal = m.readout === undefined ? undefined : { p01: Float64Array.from(m.readout.p01), p10: Float64Array.from(m.readout.p10) };
  const method = m.width <= TENSORED_MAX_BITS ? 'tensored' : 'm3';
  const corrected = byScale.map((d) => (cal === undefined ? d : mitigateReadout(d, m.width, cal, { method })));
  const one = scales.indexOf(1);
  const zne = m.applied.includes('zne') && scales.length > 1;
  const expectations = m.observables.map((bits) => {
    const values = corrected.map((d) => expectationZ(d, bits));
    const raw = expectationZ(byScale[one]!, bits);
    if (!zne) return { bits, raw, mitigated: values[one]! };
    const z = extrapolateToZero(scales, values, m.extrapolation ?? 'richardson');
    return { bits, raw, mitigated: z.value, zne: { scales, values, method: z.method } };
  });
  const quasi = cal === undefined ? undefined : bitstrings(corrected[one]!, m.width);
  return { applied: m.applied, ...(quasi !== undefined ? { quasiProbabilities: quasi } : {}), expectations };
}

/** Outcome index → value as {bitstring: value}, ascending. */
function bitstrings(d: Distribution, width: number): Record<string, number> {
  const out: Record<string, number> = {};
  for (const k of [...d.keys()].sort((a, b) => a - b)) out[width === 0 ? '' : k.toString(2).padStart(width, '0')] = d.get(k)!;
  return out;
}
