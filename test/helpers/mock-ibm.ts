/**
 * A local imitation of IBM Cloud IAM + IBM Quantum Runtime REST v1 (design/backends.md §0, §A, §E):
 * form-encoded token exchange, Bearer + Service-CRN on /api/v1/*, backends/configuration/properties,
 * Sampler V2 job validation (additionalProperties=false, pub shapes, option types), a 5-per-minute
 * create limit (1202), the Queued → Running → Completed lifecycle, server-side ISA check failing jobs
 * with 1517, plain-JSON results per pub with unpadded hex samples (c[0] = LSB), cancel (204, or 409
 * when final), error containers. A device built from a calibration snapshot reports that snapshot
 * as its properties, and with `noise` the mock samples every pub with qntk's device noise model.
 */
import { randomBytes } from 'node:crypto';
import { deviceNoiseModel, simulateNoisy } from '../../backends/local/noise/index.js';
import { parseQasm } from '../../compiler/qasm/index.js';
import type { DeviceData } from '../../passes/targets/device-data.js';
import { MockServer, type LoggedRequest, type Reply } from './mock-server.js';

export interface MockIbmDevice {
  readonly name: string;
  readonly numQubits: number;
  readonly basisGates: readonly string[];
  readonly supportedInstructions: readonly string[];
  readonly couplingMap: readonly (readonly [number, number])[];
  readonly faultyQubits?: readonly number[];
  /** Calibration the properties report (T1, T2, readout, gate errors and lengths); without it a fixed T1/readout/cz set. */
  readonly calibration?: DeviceData;
}

/** A mock device that reports a built-in calibration snapshot as its live properties. */
export function snapshotDevice(d: DeviceData): MockIbmDevice {
  return {
    name: d.name, numQubits: d.numQubits, basisGates: d.basisGates, supportedInstructions: d.supportedInstructions,
    couplingMap: d.coupling.map((e) => [e[0]!, e[1]!] as const), calibration: d,
  };
}

export interface MockIbmOptions {
  readonly apiKey: string;
  readonly crn: string;
  readonly devices: readonly MockIbmDevice[];
  /** expires_in of issued tokens (s). */
  readonly tokenTtlS?: number;
  /** Polls answered Queued, then Running, before Completed. */
  readonly queuedPolls?: number;
  readonly runningPolls?: number;
  readonly createsPerMinute?: number;
  /** Sample results with this device's noise model (qntk's, from its calibration) instead of the bit-flip classical run. */
  readonly noise?: string;
}

/** One pub as the mock keeps it: program, shots, parameter values (one or one per set) and the number of sets (0 without a sweep). */
interface MockPub {
  program: string;
  shots: number;
  values: Record<string, number | number[]> | null;
  sets: number;
}

interface MockJob {
  id: string;
  backend: string;
  /** The first pub's program and shots, and every pub's. */
  program: string;
  shots: number;
  pubs: MockPub[];
  options: Record<string, unknown>;
  /** Creation order (seeds the noisy sampling, so a test run is reproducible). */
  seq: number;
  tags: string[];
  created: string;
  polls: number;
  final?: { status: 'Failed' | 'Cancelled'; code?: number; reason?: string };
}

/** A 5-qubit line device with Heron's basis, small enough to read in a test. */
export const TINY_HERON: MockIbmDevice = {
  name: 'ibm_tiny',
  numQubits: 5,
  basisGates: ['cz', 'id', 'rz', 'sx', 'x'],
  supportedInstructions: ['cz', 'id', 'delay', 'measure', 'reset', 'rz', 'sx', 'x', 'if_else'],
  couplingMap: [[0, 1], [1, 0], [1, 2], [2, 1], [2, 3], [3, 2], [3, 4], [4, 3]],
};

const err = (status: number, code: number, message: string, solution?: string): Reply => ({
  status,
  body: { errors: [{ code, message, ...(solution ? { solution } : {}), more_info: 'https://cloud.ibm.com/apidocs/quantum-computing#error-handling' }], trace: randomBytes(8).toString('hex') },
});

export class MockIbm extends MockServer {
  readonly opts: MockIbmOptions;
  readonly jobs = new Map<string, MockJob>();
  /**
   * Per-register samples of one pub to return instead of the mock's own simulation; for a sweep,
   * called once per value set with that set's values.
   */
  samplesFor: ((job: { program: string; shots: number; pub: number; values: Record<string, number> }) => Record<string, { samples: string[]; num_bits: number }>) | undefined;
  /** Reason the next created job fails with (instead of completing). */
  nextJobFailure: { code: number; reason: string } | undefined;
  private tokens = new Map<string, number>();
  private creates: number[] = [];

  constructor(opts: MockIbmOptions) {
    super((r) => this.route(r));
    this.opts = opts;
  }

  get url(): string { return `${this.origin}/api`; }
  get iamUrl(): string { return this.origin; }

  /** Invalidate every issued token (as if they expired server-side). */
  expireTokens(): void { this.tokens.clear(); }

  private route(r: LoggedRequest): Reply {
    const path = r.path.split('?')[0]!;
    if (path === '/identity/token' && r.method === 'POST') return this.token(r);
    if (!path.startsWith('/api/v1/')) return { status: 404, body: { errors: [{ code: 1000, message: `no route ${path}` }] } };
    const auth = r.headers.authorization ?? '';
    const tok = auth.startsWith('Bearer ') ? auth.slice(7) : '';
    const exp = this.tokens.get(tok);
    if (exp === undefined || exp < Date.now() || r.headers['service-crn'] !== this.opts.crn) {
      return err(401, 1201, 'Invalid credentials.', 'Verify your credentials and try again.');
    }
    const p = path.slice('/api/v1'.length).split('/').filter(Boolean).map(decodeURIComponent);
    if (p[0] === 'backends') return this.backends(p);
    if (p[0] === 'jobs' && p.length === 1 && r.method === 'POST') return this.create(r.body);
    if (p[0] === 'jobs' && p.length === 1 && r.method === 'GET') {
      const q = new URLSearchParams(r.path.split('?')[1] ?? '');
      const tags = q.getAll('tags');
      const backend = q.get('backend');
      let jobs = [...this.jobs.values()].filter((j) => tags.every((t) => j.tags.includes(t)) && (backend === null || j.backend === backend));
      if (q.get('sort') !== 'ASC') jobs = jobs.reverse();
      const limit = Math.min(200, Number(q.get('limit') ?? 200));
      const offset = Number(q.get('offset') ?? 0);
      return { status: 200, body: { jobs: jobs.slice(offset, offset + limit).map((j) => this.jobBody(j, false)), count: jobs.length, limit, offset } };
    }
    const job = p[0] === 'jobs' ? this.jobs.get(p[1] ?? '') : undefined;
    if (p[0] === 'jobs' && job === undefined) return err(404, 1291, `Job not found: ${p[1]}`);
    if (job !== undefined && p.length === 2 && r.method === 'GET') return { status: 200, body: this.jobBody(job, true) };
    if (job !== undefined && p[2] === 'results' && r.method === 'GET') return this.results(job);
    if (job !== undefined && p[2] === 'cancel' && r.method === 'POST') {
      const st = this.state(job, false);
      if (st !== 'Queued' && st !== 'Running') return err(409, 1334, `Job ${job.id} cannot be cancelled: it is ${st}.`);
      job.final = { status: 'Cancelled' };
      return { status: 204 };
    }
    return err(404, 1000, `no route ${r.method} ${path}`);
  }

  private token(r: LoggedRequest): Reply {
    const form = new URLSearchParams(r.body);
    if (!(r.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded') || form.get('grant_type') !== 'urn:ibm:params:oauth:grant-type:apikey') {
      return { status: 400, body: { errorCode: 'BXNIM0109E', errorMessage: 'Property missing or empty: grant_type', context: {} } };
    }
    if (form.get('apikey') !== this.opts.apiKey) {
      return { status: 400, body: { errorCode: 'BXNIM0415E', errorMessage: 'Provided API key could not be found.', context: {} } };
    }
    const ttl = this.opts.tokenTtlS ?? 3600;
    const t = `eyJ${randomBytes(24).toString('base64url')}`;
    this.tokens.set(t, Date.now() + ttl * 1000);
    return { status: 200, body: { access_token: t, refresh_token: 'not_supported', token_type: 'Bearer', expires_in: ttl, expiration: Math.floor(Date.now() / 1000) + ttl } };
  }

  private backends(p: string[]): Reply {
    if (p.length === 1) {
      return {
        status: 200,
        body: { devices: this.opts.devices.map((d) => ({ name: d.name, status: { name: 'online', reason: '' }, is_simulator: false, qubits: d.numQubits, processor_type: { family: 'Heron', revision: '2' }, queue_length: 3 })) },
      };
    }
    const d = this.opts.devices.find((x) => x.name === p[1]);
    if (d === undefined) return err(404, 1007, `Backend ${p[1]} not found.`);
    if (p[2] === 'configuration') {
      return {
        status: 200,
        body: { backend_name: d.name, backend_version: '1.0.0', n_qubits: d.numQubits, basis_gates: d.basisGates, supported_instructions: d.supportedInstructions, coupling_map: d.couplingMap, max_shots: 100000, max_experiments: 300, simulator: false, supported_features: ['qobj', 'qasm3'] },
      };
    }
    if (p[2] === 'properties') {
      const date = '2026-08-01T00:00:00Z';
      if (d.calibration !== undefined) return { status: 200, body: snapshotProperties(d, d.calibration, date) };
      return {
        status: 200,
        body: {
          backend_name: d.name, backend_version: '1.0.0', last_update_date: date, general: [],
          qubits: Array.from({ length: d.numQubits }, (_, q) => [
            { date, name: 'T1', unit: 'us', value: 200 }, { date, name: 'readout_error', unit: '', value: 0.01 },
            ...((d.faultyQubits ?? []).includes(q) ? [{ date, name: 'operational', unit: '', value: 0 }] : []),
          ]),
          gates: d.couplingMap.map(([a, b]) => ({ gate: 'cz', qubits: [a, b], name: `cz${a}_${b}`, parameters: [{ date, name: 'gate_error', unit: '', value: 0.003 }] })),
        },
      };
    }
    if (p[2] === 'status') return { status: 200, body: { state: true, status: 'active', message: '', length_queue: 3, backend_version: '1.0.0' } };
    return err(404, 1000, 'no such backend resource');
  }

  private create(text: string): Reply {
    let b: Record<string, unknown>;
    try { b = JSON.parse(text) as Record<string, unknown>; } catch { return err(400, 1002, 'Request body is not valid JSON.'); }
    const now = Date.now();
    this.creates = this.creates.filter((t) => now - t < 60_000);
    if (this.creates.length >= (this.opts.createsPerMinute ?? 5)) return err(429, 1202, `Too many requests; limit is ${this.opts.createsPerMinute ?? 5} per minute.`);
    const top = Object.keys(b).filter((k) => !['program_id', 'backend', 'params', 'tags', 'cost', 'session_id', 'log_level', 'private', 'calibration_id'].includes(k));
    if (top.length > 0) return err(400, 1002, `Job validation error: unexpected keys ${top.join(', ')}`);
    if (b.program_id !== 'sampler') return err(400, 1002, 'Job validation error: program_id must be sampler');
    const params = b.params as Record<string, unknown> | undefined;
    if (params === undefined || params.version !== 2) return err(400, 1002, 'Job validation error: params.version must be 2');
    const extra = Object.keys(params).filter((k) => !['pubs', 'version', 'support_qiskit', 'shots', 'options'].includes(k));
    if (extra.length > 0) return err(400, 1002, `Job validation error: params has unexpected keys ${extra.join(', ')}`);
    if (params.support_qiskit !== false) return err(400, 1002, 'mock requires support_qiskit=false');
    const opts = (params.options ?? {}) as Record<string, unknown>;
    const badOpt = Object.keys(opts).filter((k) => !['default_shots', 'dynamical_decoupling', 'execution', 'twirling', 'simulator', 'experimental'].includes(k));
    if (badOpt.length > 0) return err(400, 1002, `Job validation error: params.options has unexpected keys ${badOpt.join(', ')}`);
    const tw = (opts.twirling ?? {}) as Record<string, unknown>;
    const dd = (opts.dynamical_decoupling ?? {}) as Record<string, unknown>;
    const extraTw = Object.keys(tw).filter((k) => !['enable_gates', 'enable_measure', 'num_randomizations', 'shots_per_randomization', 'strategy'].includes(k));
    const extraDd = Object.keys(dd).filter((k) => !['enable', 'sequence_type', 'extra_slack_distribution', 'scheduling_method', 'skip_reset_qubits'].includes(k));
    if (extraTw.length + extraDd.length > 0) return err(400, 1002, `Job validation error: unexpected option keys ${[...extraTw, ...extraDd].join(', ')}`);
    const badType = optionTypeProblem(tw, dd);
    if (badType !== undefined) return err(400, 1002, `Job validation error: ${badType}`);
    const pubs = params.pubs;
    if (!Array.isArray(pubs) || pubs.length === 0) return err(400, 1002, 'Job validation error: pubs');
    const list: MockPub[] = [];
    for (const pub of pubs as unknown[]) {
      const bound = pubValues(pub);
      if (typeof bound === 'string') return err(400, 1002, `Job validation error: ${bound}`);
      const entries = pub as unknown[];
      list.push({ program: entries[0] as string, shots: Number(entries[2] ?? params.shots ?? 4096), ...bound });
    }
    const tags = b.tags ?? [];
    if (!Array.isArray(tags) || tags.length > 8 || tags.some((t) => typeof t !== 'string' || t.length > 86)) return err(400, 1204, 'Too many tags or tag too long.');
    const backend = String(b.backend ?? '');
    if (!this.opts.devices.some((d) => d.name === backend)) return err(400, 1007, `Backend ${backend} not found.`);
    this.creates.push(now);
    const id = `d${randomBytes(9).toString('hex')}`;
    const job: MockJob = {
      id, backend, program: list[0]!.program, shots: list[0]!.shots, pubs: list, options: opts, seq: this.jobs.size, tags: tags as string[],
      created: new Date(now + this.jobs.size).toISOString(), polls: 0,
    };
    const isa = this.isaProblem(job);
    if (isa !== undefined) job.final = { status: 'Failed', code: 1517, reason: `Circuits do not match the target definition (non-ISA circuits). ${isa}` };
    else if (this.nextJobFailure) job.final = { status: 'Failed', ...this.nextJobFailure };
    this.nextJobFailure = undefined;
    this.jobs.set(id, job);
    return { status: 200, body: { id, backend } };
  }

  /** Queued/Running/Completed by poll count; `advance` counts this poll. */
  private state(job: MockJob, advance: boolean): string {
    if (advance) job.polls++;
    const q = this.opts.queuedPolls ?? 1, r = this.opts.runningPolls ?? 1;
    if (job.final !== undefined && (job.final.status === 'Cancelled' || job.polls > q)) return job.final.status;
    if (job.polls <= q) return 'Queued';
    if (job.polls <= q + r) return 'Running';
    return 'Completed';
  }

  private jobBody(job: MockJob, advance: boolean): Record<string, unknown> {
    const st = this.state(job, advance);
    const state: Record<string, unknown> = { status: st };
    if (st === 'Failed' && job.final) {
      state.reason = job.final.reason;
      state.reason_code = job.final.code;
      state.reason_solution = 'Transpile your circuits for the target before submitting.';
    }
    return { id: job.id, backend: job.backend, created: job.created, program: { id: 'sampler' }, cost: 300, status: st, state, usage: { qpu_charge_time_seconds: 0, status: 'pending' } };
  }

  private results(job: MockJob): Reply {
    if (this.state(job, false) !== 'Completed') return { status: 204 };
    const results = job.pubs.map((pub, i) => {
      const point = (k: number): Record<string, { samples: string[]; num_bits: number }> => {
        const values = Object.fromEntries(Object.entries(pub.values ?? {}).map(([n, v]) => [n, Array.isArray(v) ? v[k]! : v]));
        if (this.samplesFor) return this.samplesFor({ program: pub.program, shots: pub.shots, pub: i, values });
        return this.opts.noise !== undefined ? noisySamples(pub.program, pub.shots, this.opts.noise, 1000 * job.seq + i + 1) : bitFlipSamples(pub.program, pub.shots);
      };
      let data: Record<string, { samples: string[] | string[][]; num_bits: number }> = point(0);
      if (pub.sets > 0) {
        // A pub of shape (K,): every register holds K arrays of samples, one per value set.
        const points = Array.from({ length: pub.sets }, (_, k) => point(k));
        data = Object.fromEntries(Object.entries(points[0]!).map(([reg, d]) => [reg, { samples: points.map((p) => p[reg]!.samples), num_bits: d.num_bits }]));
      }
      return { data, metadata: { circuit_metadata: {} } };
    });
    return { status: 200, body: { results, metadata: { version: 2 } } };
  }

  /** The server's own ISA check of every pub: physical qubits only, basis gates, coupling edges. */
  private isaProblem(job: MockJob): string | undefined {
    for (const pub of job.pubs) {
      const problem = this.isaProblemOf(job.backend, pub.program);
      if (problem !== undefined) return problem;
    }
    return undefined;
  }

  private isaProblemOf(backend: string, program: string): string | undefined {
    const d = this.opts.devices.find((x) => x.name === backend)!;
    const allowed = new Set([...d.basisGates, ...d.supportedInstructions, 'barrier']);
    const edges = new Set(d.couplingMap.map(([a, b]) => `${a},${b}`));
    for (const st of statements(program)) {
      const m = /^(?:[A-Za-z_]\w*\[\d+\]\s*=\s*)?([A-Za-z_]\w*)(?:\(.*\))?\s+([^()]*)$/.exec(st);
      if (m === null) continue;
      const [, name, args] = m;
      const qs = args!.split(',').map((s) => s.trim());
      if (qs.some((q) => !/^\$\d+$/.test(q))) return `Instruction ${name} uses virtual qubits.`;
      if (!allowed.has(name!)) return `Instruction ${name} is not supported.`;
      if (qs.length === 2 && name !== 'barrier' && !edges.has(qs.map((q) => q.slice(1)).join(','))) return `Instruction ${name} on ${qs.join(',')} is not on the coupling map.`;
    }
    return undefined;
  }
}

/**
 * A pub `[circuit, parameter_values?, shots?]` as IBM documents it: the values are null (a circuit
 * without inputs), or a mapping from each input's name to a number (one binding) or to an array
 * (a sweep; every array the same length) — exactly the program's `input float`/`input angle`
 * declarations, no more, no fewer; shots a positive integer or null. An error message, or the
 * values and the sweep's number of sets (0 without a sweep).
 */
function pubValues(pub: unknown): string | { values: Record<string, number | number[]> | null; sets: number } {
  if (!Array.isArray(pub) || typeof pub[0] !== 'string') return 'a pub is an array whose first entry is an OpenQASM 3 program';
  if (pub.length < 1 || pub.length > 3) return `a pub has 1 to 3 entries, not ${pub.length}`;
  const shots = pub[2];
  if (shots !== undefined && shots !== null && !(Number.isInteger(shots) && (shots as number) > 0)) return 'pub shots must be a positive integer or null';
  const inputs = [...String(pub[0]).matchAll(/^\s*input\s+(float|angle)(\[\d+\])?\s+([A-Za-z_]\w*)\s*;/gm)].map((m) => m[3]!);
  const values = pub[1];
  if (values === undefined || values === null) {
    return inputs.length > 0 ? `the circuit has parameters ${inputs.join(', ')} but the pub binds no values` : { values: null, sets: 0 };
  }
  if (typeof values !== 'object' || Array.isArray(values)) return 'parameter_values must be a mapping from parameter names to values';
  const entries = Object.entries(values as Record<string, unknown>);
  const names = entries.map(([n]) => n);
  const missing = inputs.filter((n) => !names.includes(n)), extra = names.filter((n) => !inputs.includes(n));
  if (missing.length > 0 || extra.length > 0) return `parameter_values do not match the circuit's parameters (missing ${missing.join(', ') || 'none'}, unknown ${extra.join(', ') || 'none'})`;
  const lengths = new Set(entries.map(([, v]) => (Array.isArray(v) ? v.length : -1)));
  if (lengths.size !== 1) return 'parameter_values arrays have inconsistent shapes';
  const ok = (v: unknown): boolean => typeof v === 'number' && Number.isFinite(v);
  if (!entries.every(([, v]) => (Array.isArray(v) ? v.length > 0 && v.every(ok) : ok(v)))) return 'parameter_values must be finite numbers';
  const k = [...lengths][0]!;
  return { values: values as Record<string, number | number[]>, sets: k < 0 ? 0 : k };
}

/** Statements of a program, gate definitions and declarations skipped; `if (…) { s }` yields s. */
function statements(program: string): string[] {
  const body = program.replace(/gate [^{]*\{[^}]*\}/g, '');
  return body.split(';').map((s) => s.trim().replace(/^if \s*\((?:[^()]|\([^)]*\))*\)\s*\{?\s*/, '').replace(/^\}\s*/, ''))
    .filter((s) => s !== '' && !/^(OPENQASM|include|bit\[|input )/.test(s));
}

/** Shots of a circuit whose only state-changing gates are x: deterministic outcome, unpadded hex per register. */
function bitFlipSamples(program: string, shots: number): Record<string, { samples: string[]; num_bits: number }> {
  const regs = new Map<string, number>();
  for (const m of program.matchAll(/bit\[(\d+)\]\s+([A-Za-z_]\w*);/g)) regs.set(m[2]!, Number(m[1]));
  const flipped = new Set<number>();
  const values = new Map<string, bigint>([...regs.keys()].map((k) => [k, 0n]));
  for (const st of statements(program)) {
    const x = /^x \$(\d+)$/.exec(st);
    if (x) { const q = Number(x[1]); if (flipped.has(q)) flipped.delete(q); else flipped.add(q); }
    const me = /^([A-Za-z_]\w*)\[(\d+)\]\s*=\s*measure \$(\d+)$/.exec(st);
    if (me) {
      const bit = 1n << BigInt(me[2]!);
      const v = values.get(me[1]!) ?? 0n;
      values.set(me[1]!, flipped.has(Number(me[3])) ? v | bit : v & ~bit);
    }
  }
  const out: Record<string, { samples: string[]; num_bits: number }> = {};
  for (const [name, size] of regs) out[name] = { samples: new Array<string>(shots).fill(`0x${values.get(name)!.toString(16)}`), num_bits: size };
  return out;
}

/** A pub as the Sampler schema has it: [OpenQASM 3, parameter values (null, object or array)?, shots (positive integer or null)?]. */
/** Types of the twirling and dynamical-decoupling options as IBM documents them. */
function optionTypeProblem(tw: Record<string, unknown>, dd: Record<string, unknown>): string | undefined {
  const bool = (o: Record<string, unknown>, k: string): boolean => o[k] === undefined || typeof o[k] === 'boolean';
  const countOrAuto = (v: unknown): boolean => v === undefined || v === 'auto' || (Number.isInteger(v) && (v as number) >= 1);
  if (!bool(tw, 'enable_gates') || !bool(tw, 'enable_measure')) return 'twirling.enable_gates / enable_measure must be booleans';
  if (!countOrAuto(tw.num_randomizations) || !countOrAuto(tw.shots_per_randomization)) return 'twirling counts must be positive integers or "auto"';
  if (tw.strategy !== undefined && !['active', 'active-accum', 'active-circuit', 'all'].includes(String(tw.strategy))) return 'twirling.strategy';
  if (!bool(dd, 'enable') || !bool(dd, 'skip_reset_qubits')) return 'dynamical_decoupling.enable / skip_reset_qubits must be booleans';
  if (dd.sequence_type !== undefined && !['XX', 'XpXm', 'XY4'].includes(String(dd.sequence_type))) return 'dynamical_decoupling.sequence_type';
  if (dd.extra_slack_distribution !== undefined && !['middle', 'edges'].includes(String(dd.extra_slack_distribution))) return 'dynamical_decoupling.extra_slack_distribution';
  if (dd.scheduling_method !== undefined && !['alap', 'asap'].includes(String(dd.scheduling_method))) return 'dynamical_decoupling.scheduling_method';
  return undefined;
}

/** The properties IBM would report for a device whose calibration is `cal` (readout symmetric, as the snapshots keep it). */
export function snapshotProperties(d: MockIbmDevice, cal: DeviceData, date: string): Record<string, unknown> {
  const nduv = (name: string, value: number, unit = ''): Record<string, unknown> => ({ date, name, unit, value });
  const measure = new Map(cal.gates.filter((g) => g[0] === 'measure' && g[3] !== null).map((g) => [g[1][0]!, g[3]!]));
  return {
    backend_name: d.name, backend_version: '1.0.0', last_update_date: date, general: [],
    qubits: cal.qubits.map(([t1, t2, ro], q) => [
      nduv('T1', t1, 'us'), nduv('T2', t2, 'us'), nduv('readout_error', ro), nduv('prob_meas0_prep1', ro), nduv('prob_meas1_prep0', ro),
      nduv('readout_length', measure.get(q) ?? 1560, 'ns'),
    ]),
    gates: cal.gates.filter((g) => g[0] !== 'measure').map(([gate, qs, e, len]) => ({
      gate, qubits: qs, name: `${gate}${qs.join('_')}`, parameters: [nduv('gate_error', e), ...(len !== null ? [nduv('gate_length', len, 'ns')] : [])],
    })),
  };
}

/** Shots of a pub sampled with the device noise model, as unpadded hex per register. */
function noisySamples(program: string, shots: number, device: string, seed: number): Record<string, { samples: string[]; num_bits: number }> {
  const circuit = parseQasm(program);
  const r = simulateNoisy(circuit, deviceNoiseModel(device), { shots, seed });
  const outcomes: number[] = [];
  for (const [k, n] of [...r.outcomeCounts!].sort((a, b) => a[0] - b[0])) for (let i = 0; i < n; i++) outcomes.push(k);
  // Shuffle so that shot order carries no information, as on hardware.
  let x = seed || 1;
  for (let i = outcomes.length - 1; i > 0; i--) {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    const j = x % (i + 1);
    [outcomes[i], outcomes[j]] = [outcomes[j]!, outcomes[i]!];
  }
  const out: Record<string, { samples: string[]; num_bits: number }> = {};
  for (const reg of circuit.cregs) {
    out[reg.name] = { samples: outcomes.map((k) => `0x${(Math.floor(k / 2 ** reg.start) % 2 ** reg.size).toString(16)}`), num_bits: reg.size };
  }
  return out;
}
