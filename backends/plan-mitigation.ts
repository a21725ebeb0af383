/**
 * Error mitigation of a submission: given the prepared circuit (lowered and checked for the
 * backend) and the methods asked for, build what the job must carry — the provider's own options
 * (IBM's Sampler twirling and dynamical decoupling), the extra circuits run in the same job
 * (gate-folded copies for zero-noise extrapolation; twirled copies where the client twirls), and
 * the record `result` mitigates with (each circuit's noise scale, the observables, the readout
 * calibration of the measured qubits). The backend says how it runs each method
 * (Backend.mitigationSupport); a method it cannot run is refused in one line naming what it can.
 * @see docs/noise-and-mitigation.md (Mitigation on submitted jobs)
 */
import { bindParameters, isParameterized, type Circuit } from '../compiler/circuit/index.js';
import { ValidationError } from '../compiler/errors.js';
import { foldGates } from '../passes/fold-gates.js';
import { pauliTwirls } from '../passes/pauli-twirl.js';
import type { Target } from '../passes/targets/target.js';
import { measuredQubits, type Backend, type MitigationSupport, type SubmitOptions } from './backend.js';
import type { PreparedSubmission } from './prepare.js';
import { MAX_MITIGATED_BITS, type JobMitigation } from '../mitigation/job.js';
import { MITIGATIONS, type Mitigation } from '../mitigation/methods.js';
import type { Extrapolation } from '../mitigation/zne.js';

export interface SubmitMitigationRequest {
  readonly methods: readonly Mitigation[];
  /** Z-parity observables, each a list of outcome bits (default: every outcome bit on its own). */
  readonly observables?: readonly (readonly number[])[];
  /** Zero-noise scales (default 1, 3, 5); the unfolded circuit always runs at scale 1. */
  readonly scales?: readonly number[];
  readonly extrapolation?: Extrapolation;
  /** Twirled copies where the client twirls (default 8) or the simulator does (default 16). */
  readonly randomizations?: number;
  /** Seed of folding and twirling. */
  readonly seed?: number;
}

export const DEFAULT_ZNE_SCALES: readonly number[] = [1, 3, 5];
const CLIENT_RANDOMIZATIONS = 8;
const SIMULATED_RANDOMIZATIONS = 16;

/** How `backend` runs each method; a backend without mitigation refuses all. */
function supportOf(backend: Backend, options: SubmitOptions): MitigationSupport {
  if (backend.mitigationSupport !== undefined) return backend.mitigationSupport(options);
  const refused = { refused: `${backend.provider}:${backend.name} runs no error mitigation` };
  return { readout: refused, twirl: refused, dd: refused, zne: refused };
}

/** One line refusing `m`, naming what this backend does support. */
function refusal(backend: Backend, support: MitigationSupport, m: Mitigation, why: string): ValidationError {
  const ok = MITIGATIONS.filter((x) => x !== m && typeof support[x] === 'string');
  const alt = ok.length > 0 ? `; ${backend.provider}:${backend.name} supports ${ok.join(', ')}` : '';
  return new ValidationError(`mitigation '${m}' is not available: ${why}${alt}`);
}

function checkScales(scales: readonly number[]): number[] {
  const s = [...new Set([1, ...scales])].sort((a, b) => a - b);
  for (const x of s) if (!(x >= 1) || !Number.isFinite(x)) throw new ValidationError(`zero-noise scale ${x}: give scales ≥ 1`);
  if (s.length < 2) throw new ValidationError('zero-noise extrapolation needs at least one scale above 1');
  return s;
}

/** Outcome bit → the qubit measured into it (outcomes over qubits when the circuit measures nothing). */
function outcomeQubits(circuit: Circuit): number[] {
  const measured = measuredQubits(circuit);
  return measured.some((q) => q >= 0) ? measured : Array.from({ length: circuit.numQubits }, (_, q) => q);
}

/** Fold `circuit` to each scale > 1, two-qubit gates (every gate that carries error when there are none). */
function foldedCopies(circuit: Circuit, target: Target | null, scales: readonly number[], seed: number): { circuit: Circuit; scale: number }[] {
  const twoQubit = circuit.instructions.some((i) => i.qubits.length === 2 && i.gate !== 'barrier');
  const gates = twoQubit ? 'two-qubit' : 'all';
  return scales.map((lambda, k) => {
    if (lambda === 1) return { circuit, scale: 1 };
    const f = foldGates(circuit, { scale: lambda, gates, seed: seed + k, ...(target !== null ? { target } : {}) });
    if (f.scale === 1) throw new ValidationError('zero-noise extrapolation: the circuit has no gate that carries error to fold');
    return f;
  });
}

/**
 * The submit options of a mitigated submission: `options` plus the provider's own settings and
 * `mitigation` (circuits and record). Throws ValidationError for a method the backend cannot run.
 */
export async function planMitigation(backend: Backend, prepared: PreparedSubmission, options: SubmitOptions, request: SubmitMitigationRequest): Promise<SubmitOptions> {
  const applied = MITIGATIONS.filter((m) => request.methods.includes(m));
  if (applied.length === 0) return options;
  const support = supportOf(backend, options);
  for (const m of applied) {
    const way = support[m];
    if (typeof way !== 'string') throw refusal(backend, support, m, way.refused);
  }
  // Folding and twirling copy the circuit, and the mitigated estimate is one per job: a sweep
  // cannot be mitigated as one job, and a symbolic circuit is bound to its one value set first.
  if (prepared.parameterValues.length > 1) {
    throw new ValidationError(`mitigation runs one value set per job; give one set of parameter values, not ${prepared.parameterValues.length}`);
  }
  const circuit = isParameterized(prepared.circuit) ? bindParameters(prepared.circuit, prepared.parameterValues[0]!) : prepared.circuit;
  if (circuit !== prepared.circuit) options = { ...options, parameterValues: [] };
  const bits = outcomeQubits(circuit);
  const width = bits.length;
  if (width === 0 || width > MAX_MITIGATED_BITS) throw new ValidationError(`mitigation needs 1 to ${MAX_MITIGATED_BITS} outcome bits; the circuit has ${width}`);
  const observables = request.observables ?? bits.map((_, b) => [b]);
  for (const o of observables) {
    if (o.length === 0) throw new ValidationError('observable: list at least one outcome bit');
    for (const b of o) if (!Number.isInteger(b) || b < 0 || b >= width) throw new ValidationError(`observable bit ${b} is not an outcome bit of the circuit (0..${width - 1})`);
  }
  const seed = request.seed ?? 1;
  const scales = applied.includes('zne') ? checkScales(request.scales ?? DEFAULT_ZNE_SCALES) : [1];
  const extrapolation = request.extrapolation ?? 'richardson';
  const base: JobMitigation = { applied, observables, width, circuits: [{ scale: 1 }], ...(applied.includes('zne') ? { extrapolation } : {}) };

  if (support[applied[0]!] === 'simulation') {
    const randomizations = request.randomizations ?? SIMULATED_RANDOMIZATIONS;
    return { ...options, mitigation: { circuits: [circuit], record: base, simulation: { scales, randomizations } } };
  }

  let record: JobMitigation = base;
  let next: SubmitOptions = options;
  if (applied.includes('readout')) {
    const cal = backend.calibration?.(prepared.target, options);
    if (cal === undefined) throw refusal(backend, support, 'readout', `no readout calibration for ${backend.provider}:${backend.name}`);
    const p01 = bits.map((q) => (q >= 0 ? cal.calibration.qubit(q).readout01 : 0));
    const p10 = bits.map((q) => (q >= 0 ? cal.calibration.qubit(q).readout10 : 0));
    record = { ...record, readout: { p01, p10, source: cal.source } };
  }
  if (applied.includes('dd')) {
    next = { ...next, dynamicalDecoupling: next.dynamicalDecoupling ?? {} };
    record = { ...record, dd: { by: 'service' } };
  }
  const clientTwirl = applied.includes('twirl') && support.twirl === 'circuits';
  if (applied.includes('twirl') && !clientTwirl) {
    next = { ...next, twirling: next.twirling ?? {} };
    record = { ...record, twirl: { by: 'service' } };
  }
  const randomizations = clientTwirl ? Math.max(1, request.randomizations ?? CLIENT_RANDOMIZATIONS) : 1;
  if (clientTwirl) record = { ...record, twirl: { by: 'circuits', randomizations } };
  const circuits: Circuit[] = [];
  const scaleOf: { scale: number }[] = [];
  for (const [k, f] of foldedCopies(circuit, prepared.target, scales, seed).entries()) {
    const copies = clientTwirl ? pauliTwirls(f.circuit, prepared.target!, randomizations, seed + 7919 * (k + 1)) : [f.circuit];
    for (const c of copies) {
      circuits.push(c);
      scaleOf.push({ scale: f.scale });
    }
  }
  record = { ...record, circuits: scaleOf };
  const mitigated: SubmitOptions = { ...next, mitigation: { circuits, record } };
  for (const c of circuits.slice(clientTwirl ? 0 : 1)) {
    const problems = await backend.check(c, mitigated, prepared.target);
    if (problems.length > 0) throw new ValidationError(`a mitigation circuit does not fit ${backend.provider}:${backend.name}: ${problems.join('; ')}`);
  }
  return mitigated;
}
