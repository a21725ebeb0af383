/**
 * A dry run: the exact request a submission would send (secrets redacted), described in a few
 * lines — method, URL, headers, body size, what the body holds — with the statistics of the
 * circuit inside it; the full request is kept as text for a file, never for the terminal (a
 * lowered readout circuit makes megabytes of JSON).
 * @see docs/backends.md §C6
 */
import type { Circuit } from '../compiler/circuit/index.js';
import { circuitStats } from '../compiler/circuit/stats.js';
import type { Backend, SubmitOptions } from './backend.js';
import type { SubmissionPrediction } from './predicted-success.js';
import type { PreparedSubmission } from './prepare.js';

/** The statistics of the circuit a dry run would send. */
export interface DryRunCircuit {
  /** Qubits the program addresses (a device's width once lowered) and qubits it actually uses. */
  readonly qubits: number;
  readonly qubitsUsed: number;
  readonly gates: number;
  readonly twoQubit: number;
  readonly depth: number;
  /** The target it was lowered for and checked against (null: sent as written). */
  readonly target: string | null;
  readonly lowered: boolean;
  readonly measuredAll: boolean;
  /** ESP and duration on the backend's calibration, or why there are none (absent when nothing predicted them). */
  readonly predicted?: SubmissionPrediction;
}

export interface DryRunReport {
  readonly provider: string;
  readonly backend: string;
  /** The request without its body (null for the local simulator, which sends none). */
  readonly request: {
    readonly method: string;
    readonly url: string;
    readonly headers: Readonly<Record<string, string>>;
    readonly summary: string;
    readonly bodyBytes: number;
  } | null;
  /** `{method, url, headers, body}` as JSON, secrets redacted: what `--request-out` writes. */
  readonly requestText: string | null;
  readonly circuit: DryRunCircuit;
  readonly warnings: readonly string[];
}

/** Qubits touched by anything but a barrier. */
export function qubitsUsed(circuit: Circuit): number {
  const used = new Set<number>();
  for (const i of circuit.instructions) if (i.gate !== 'barrier') for (const q of i.qubits) used.add(q);
  return used.size;
}

/** Build the request of `prepared` without sending it, and describe it. */
export function dryRun(backend: Backend, prepared: PreparedSubmission, options: SubmitOptions): DryRunReport {
  const req = backend.preview(prepared.circuit, options);
  const s = circuitStats(prepared.circuit);
  const circuit: DryRunCircuit = {
    qubits: prepared.circuit.numQubits, qubitsUsed: qubitsUsed(prepared.circuit), gates: s.size, twoQubit: s.twoQubit, depth: s.depth,
    target: prepared.target?.name ?? null, lowered: prepared.lowered, measuredAll: prepared.measuredAll,
    ...(prepared.predicted !== undefined ? { predicted: prepared.predicted } : {}),
  };
  if (req === null) return { provider: backend.provider, backend: backend.name, request: null, requestText: null, circuit, warnings: prepared.warnings };
  const body = JSON.stringify(req.body);
  const requestText = `{"method":${JSON.stringify(req.method)},"url":${JSON.stringify(req.url)},"headers":${JSON.stringify(req.headers)},"body":${body}}\n`;
  return {
    provider: backend.provider, backend: backend.name,
    request: { method: req.method, url: req.url, headers: req.headers, summary: req.summary, bodyBytes: Buffer.byteLength(body, 'utf8') },
    requestText, circuit, warnings: prepared.warnings,
  };
}

/** Bytes for people: 812 B, 14.2 kB, 2.51 MB. */
export function formatBytes(n: number): string {
  if (n < 1000) return `${n} B`;
  if (n < 1e6) return `${(n / 1e3).toFixed(1)} kB`;
  return `${(n / 1e6).toFixed(2)} MB`;
}
