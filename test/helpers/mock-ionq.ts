/**
 * A local imitation of the IonQ v0.4 API (design/backends.md §0, §B, §E): `Authorization: apiKey`
 * everywhere but /backends, create-job validation (type, backend, input, gateset required for
 * circuit.v1, additionalProperties=false), multi-circuit jobs (children listed in circuit order,
 * probabilities keyed by child job id, ≤ 5,000 circuits and 150,000 gates), 201 {id, status:
 * submitted}, submitted → ready → started (or v0.3's `running`) → completed, legacy results URL,
 * probabilities keyed by unpadded decimal integers (bit i = qubit i), QASM3 preflight failures,
 * cancel, `{error, message, statusCode}`. With `noise`, native-gate circuits are sampled with
 * qntk's noise model of that device.
 */
import { randomUUID } from 'node:crypto';
import { deviceNoiseModel, simulateNoisy } from '../../backends/local/noise/index.js';
import { CircuitBuilder, instruction } from '../../compiler/circuit/index.js';
import { MockServer, type LoggedRequest, type Reply } from './mock-server.js';

export interface MockIonqOptions {
  readonly apiKey: string;
  /** Say `running` (v0.3) instead of `started`. */
  readonly legacyRunning?: boolean;
  /** Serve results as an artifact map instead of the legacy URL. */
  readonly artifacts?: boolean;
  /** Sample native circuits on QPUs with this device's noise model (ionq_aria, ionq_forte). */
  readonly noise?: string;
}

interface JsonGate { gate: string; target?: number; targets?: number[]; control?: number; controls?: number[]; phase?: number; phases?: number[]; angle?: number }
interface ChildCircuit { circuit: JsonGate[]; qubits: number; gateset: string }

interface MockIonqJob {
  id: string;
  submittedAt: string;
  body: Record<string, unknown>;
  polls: number;
  qubits: number;
  canceled: boolean;
  failure?: { code: string; message: string };
  /** Creation order (seeds the noisy sampling). */
  seq: number;
  /** A multi-circuit job: its child ids and circuits, in order. */
  children?: { id: string; input: ChildCircuit }[];
}

const STEPS = ['submitted', 'ready', 'started', 'completed'] as const;
const TOP_KEYS = ['type', 'backend', 'shots', 'name', 'metadata', 'noise', 'settings', 'dry_run', 'session_id', 'input'];
const QIS = new Set(['x', 'y', 'z', 'rx', 'ry', 'rz', 'h', 's', 'si', 'v', 'vi', 't', 'ti', 'not', 'cnot', 'swap', 'xx', 'yy', 'zz', 'pauliexp']);
const NATIVE = new Set(['gpi', 'gpi2', 'ms', 'zz']);

const error = (status: number, err: string, message: string, extra: Record<string, unknown> = {}): Reply =>
  ({ status, body: { error: err, message, statusCode: status, ...extra } });

export class MockIonq extends MockServer {
  readonly opts: MockIonqOptions;
  readonly jobs = new Map<string, MockIonqJob>();
  /** Most jobs one list page holds (IonQ pages its job list). */
  pageLimit = 100;
  /** Probabilities to return instead of the mock's classical simulation of x/cnot circuits. */
  probabilitiesFor: ((job: { body: Record<string, unknown> }) => Record<string, number>) | undefined;

  constructor(opts: MockIonqOptions) {
    super((r) => this.route(r));
    this.opts = opts;
  }

  get url(): string { return `${this.origin}/v0.4`; }

  private route(r: LoggedRequest): Reply {
    const path = r.path.split('?')[0]!;
    if (!path.startsWith('/v0.4/')) return error(404, 'Not Found Error', `no route ${path}`);
    const p = path.slice('/v0.4/'.length).split('/').map(decodeURIComponent);
    if (p[0] === 'backends' && r.method === 'GET') {
      return { status: 200, body: [
        { backend: 'simulator', status: 'available', qubits: 29, average_queue_time: 0, last_updated: 1767225600 },
        { backend: 'qpu.forte-1', status: 'available', qubits: 36, average_queue_time: 3600000, last_updated: 1767225600, supported_native_gates: ['gpi', 'gpi2', 'zz'] },
        { backend: 'qpu.aria-1', status: 'unavailable', qubits: 25, average_queue_time: 0, last_updated: 1767225600, supported_native_gates: ['gpi', 'gpi2', 'ms'] },
      ] };
    }
    if (r.headers.authorization !== `apiKey ${this.opts.apiKey}`) return error(401, 'Unauthorized Error', 'Invalid key provided');
    if (p[0] !== 'jobs') return error(404, 'Not Found Error', `no route ${path}`);
    if (p.length === 1 && r.method === 'POST') return this.create(r.body);
    if (p.length === 1 && r.method === 'GET') {
      // Newest first, filtered by backend (`target`), paged with an opaque `next` cursor (the last id of a page).
      const q = new URLSearchParams(r.path.split('?')[1] ?? '');
      const limit = Math.min(this.pageLimit, Number(q.get('limit') ?? 25));
      const target = q.get('target');
      let jobs = [...this.jobs.values()].reverse().filter((j) => target === null || j.body.backend === target);
      const after = q.get('next');
      if (after !== null) jobs = jobs.slice(jobs.findIndex((j) => j.id === after) + 1);
      const page = jobs.slice(0, limit);
      return { status: 200, body: { jobs: page.map((j) => this.jobObject(j, false)), next: jobs.length > limit ? page.at(-1)!.id : null } };
    }
    const job = this.jobs.get(p[1] ?? '');
    if (job === undefined) return error(404, 'Not Found Error', `Job ${p[1]} not found`);
    if (p.length === 2 && r.method === 'GET') return { status: 200, body: this.jobObject(job, true) };
    if (p[2] === 'status' && p[3] === 'cancel' && r.method === 'PUT') {
      const st = this.status(job, false);
      if (st === 'completed' || st === 'failed' || st === 'canceled') return error(400, 'Bad Request', `Job ${job.id} is already ${st} and cannot be canceled`);
      job.canceled = true;
      return { status: 200, body: { id: job.id, status: 'canceled' } };
    }
    const wantsProbs = (p[2] === 'results' && p[3] === 'probabilities') || (p[2] === 'artifacts' && p[3] === `${job.id}-probabilities`);
    if (wantsProbs && r.method === 'GET') {
      if (this.status(job, false) !== 'completed') return error(404, 'Not Found Error', 'Results are not available');
      if (job.children !== undefined) {
        const shots = Number(job.body.shots ?? 100);
        return { status: 200, body: Object.fromEntries(job.children.map((c, i) => [c.id, this.probabilitiesOf(job, c.input, shots, i)])) };
      }
      return { status: 200, body: this.probabilitiesFor ? this.probabilitiesFor(job) : this.probabilitiesOf(job, job.body.input as ChildCircuit, Number(job.body.shots ?? 100), 0) };
    }
    return error(404, 'Not Found Error', `no route ${r.method} ${path}`);
  }

  private create(text: string): Reply {
    let b: Record<string, unknown>;
    try { b = JSON.parse(text) as Record<string, unknown>; } catch { return error(400, 'Bad Request', 'Body is not JSON'); }
    const extra = Object.keys(b).filter((k) => !TOP_KEYS.includes(k));
    if (extra.length > 0) return error(400, 'Bad Request', 'Invalid request', { validation: { keys: extra, source: 'body' } });
    const input = b.input as Record<string, unknown> | undefined;
    const meta = b.metadata as Record<string, unknown> | undefined;
    if (meta !== undefined && Object.values(meta).some((v) => typeof v !== 'string')) return error(400, 'Bad Request', 'metadata values must be strings', { validation: { keys: ['metadata'], source: 'body' } });
    if (typeof b.backend !== 'string' || !['simulator', 'qpu.forte-1', 'qpu.aria-1', 'qpu.forte-enterprise-1'].includes(b.backend)) {
      return error(400, 'Bad Request', `Unknown backend ${String(b.backend)}`, { validation: { keys: ['backend'], source: 'body' } });
    }
    if (input === undefined) return error(400, 'Bad Request', 'input is required', { validation: { keys: ['input'], source: 'body' } });
    let qubits = 0;
    let failure: MockIonqJob['failure'];
    let children: MockIonqJob['children'];
    if (b.type === 'ionq.multi-circuit.v1') {
      const list = Array.isArray(input.circuits) ? (input.circuits as { circuit?: unknown; gateset?: unknown; qubits?: unknown }[]) : [];
      if (list.length === 0 || list.length > 5000) return error(400, 'Bad Request', 'input.circuits must hold 1 to 5000 circuits', { validation: { keys: ['input.circuits'], source: 'body' } });
      let total = 0;
      children = [];
      for (const c of list) {
        const gateset = c.gateset ?? input.gateset;
        if (gateset !== 'qis' && gateset !== 'native') return error(400, 'Bad Request', 'input.gateset is required', { validation: { keys: ['input.gateset'], source: 'body' } });
        const gates = Array.isArray(c.circuit) ? (c.circuit as JsonGate[]) : [];
        const bad = gates.find((g) => !(gateset === 'qis' ? QIS : NATIVE).has(g.gate ?? ''));
        if (bad) return error(400, 'Bad Request', `Unsupported gate ${bad.gate} for gateset ${String(gateset)}`, { validation: { keys: ['input.circuits'], source: 'body' } });
        total += gates.length;
        children.push({ id: randomUUID(), input: { circuit: gates, gateset, qubits: Number(c.qubits ?? input.qubits) } });
      }
      if (total > 150_000) return error(400, 'Bad Request', `${total} gates in one job; the limit is 150000`, { validation: { keys: ['input.circuits'], source: 'body' } });
      qubits = Number(input.qubits);
    } else if (b.type === 'ionq.circuit.v1') {
      if (input.gateset !== 'qis' && input.gateset !== 'native') return error(400, 'Bad Request', 'input.gateset is required', { validation: { keys: ['input.gateset'], source: 'body' } });
      const names = input.gateset === 'qis' ? QIS : NATIVE;
      const gates = Array.isArray(input.circuit) ? (input.circuit as { gate?: string }[]) : [];
      const badGate = gates.find((g) => !names.has(g.gate ?? ''));
      if (badGate) return error(400, 'Bad Request', `Unsupported gate ${badGate.gate} for gateset ${String(input.gateset)}`, { validation: { keys: ['input.circuit'], source: 'body' } });
      qubits = Number(input.qubits);
    } else if (b.type === 'ionq.qasm3.v1') {
      const data = String(input.data ?? '');
      qubits = Number(/qubit\[(\d+)\]/.exec(data)?.[1] ?? input.qubits ?? 0);
      if (/\$\d+/.test(data)) failure = { code: 'PreflightError', message: 'Physical qubits ($n) are not supported' };
      else if (/\b(for|while|if)\b/.test(data)) failure = { code: 'PreflightError', message: 'Unsupported construct: dynamic circuits (loops/branches)' };
    } else {
      return error(400, 'Bad Request', `Unknown job type ${String(b.type)}`, { validation: { keys: ['type'], source: 'body' } });
    }
    const id = randomUUID();
    this.jobs.set(id, { id, submittedAt: new Date(Date.now() + this.jobs.size).toISOString(), body: b, polls: 0, qubits, seq: this.jobs.size, canceled: false, ...(failure ? { failure } : {}), ...(children ? { children } : {}) });
    return { status: 201, body: { id, status: 'submitted', session_id: null } };
  }

  /** One circuit's probabilities: the noise model's on a QPU when the mock has one, else the classical run. */
  private probabilitiesOf(job: MockIonqJob, input: ChildCircuit, shots: number, index: number): Record<string, number> {
    if (this.opts.noise !== undefined && job.body.backend !== 'simulator' && input.gateset === 'native') {
      return noisyProbabilities(input, shots, this.opts.noise, 1000 * job.seq + index + 1);
    }
    return classical(input);
  }

  private status(job: MockIonqJob, advance: boolean): string {
    if (advance) job.polls++;
    if (job.canceled) return 'canceled';
    if (job.failure && job.polls >= 1) return 'failed';
    const s = STEPS[Math.min(job.polls, STEPS.length - 1)]!;
    return s === 'started' && this.opts.legacyRunning ? 'running' : s;
  }

  private jobObject(job: MockIonqJob, advance: boolean): Record<string, unknown> {
    const st = this.status(job, advance);
    const done = st === 'completed';
    const results = !done ? null
      : this.opts.artifacts
        ? { 'ionq.result.probabilities.json.v1': { id: `${job.id}-probabilities`, format: 'ionq.result.probabilities.json.v1', media_type: 'application/json' } }
        : { probabilities: { url: `/v0.4/jobs/${job.id}/results/probabilities` } };
    return {
      id: job.id, status: st, type: job.body.type, backend: job.body.backend, dry_run: false, submitter_id: 'u1', project_id: null,
      parent_job_id: null, child_job_ids: job.children?.map((c) => c.id) ?? null, session_id: null, metadata: job.body.metadata ?? {}, name: job.body.name ?? null,
      submitted_at: job.submittedAt, started_at: null, completed_at: null, predicted_wait_time_ms: null,
      predicted_execution_duration_ms: null, execution_duration_ms: done ? 12 : null, shots: job.body.shots,
      failure: st === 'failed' ? job.failure : null, settings: {}, output: {},
      stats: { qubits: job.qubits, circuits: job.children?.length ?? 1, gate_counts: { '1q': 0, '2q': 0 } }, results,
    };
  }
}

/** Estimated probabilities of a native circuit on a QPU sampled `shots` times with the noise model of `device` (every qubit read at the end). */
function noisyProbabilities(input: ChildCircuit, shots: number, device: string, seed: number): Record<string, number> {
  const turn = 2 * Math.PI;
  const b = new CircuitBuilder(input.qubits, 0);
  for (const g of input.circuit) {
    const qs = g.targets ?? [g.target!];
    if (g.gate === 'gpi' || g.gate === 'gpi2') b.add(instruction(g.gate, qs, [turn * g.phase!]));
    else if (g.gate === 'ms') b.add(instruction('ms', qs, [turn * g.phases![0]!, turn * g.phases![1]!, turn * (g.angle ?? 0.25)]));
    else if (g.gate === 'zz') b.add(instruction('zz', qs, [turn * g.angle!]));
    else throw new Error(`mock noise model takes native gates only (got ${g.gate})`);
  }
  const r = simulateNoisy(b.build(), deviceNoiseModel(device), { shots, seed });
  return Object.fromEntries([...r.outcomeCounts!].map(([k, n]) => [String(k), n / shots]));
}

/** Exact outcome of a QIS circuit made of x / not / cnot / controlled-x on basis states. */
function classical(input: ChildCircuit): Record<string, number> {
  let state = 0;
  for (const g of input.circuit) {
    const controls = g.controls ?? (g.control !== undefined ? [g.control] : []);
    const isX = g.gate === 'x' || g.gate === 'not' || g.gate === 'cnot';
    if (!isX || g.target === undefined) throw new Error(`mock can only simulate x/cnot circuits; set probabilitiesFor (got ${g.gate})`);
    if (controls.every((c) => ((state >> c) & 1) === 1)) state ^= 1 << g.target;
  }
  return { [String(state)]: 1 };
}
