/** `qntk backends ibm|ionq [--json]`: the provider's devices with status, qubits and queue. */
import { IbmClient, ibmConfigFromEnv } from '../../backends/ibm/client.js';
import { IonqClient, ionqConfigFromEnv } from '../../backends/ionq/client.js';
import { ValidationError } from '../../compiler/errors.js';
import type { ArgsOf } from '../spec.js';
import type { backendsSpec } from '../specs/jobs.js';
import type { CliIo } from '../io.js';
import { out, outJson, redacting } from './backend-common.js';

interface Row {
  name: string;
  status: string;
  qubits: number | null;
  queue: number | null;
  detail?: string;
}

async function list(provider: string, io: CliIo): Promise<Row[]> {
  if (provider === 'ibm') {
    const devices = await new IbmClient(ibmConfigFromEnv(io.env)).listBackends();
    return devices.map((d) => ({
      name: d.name, status: d.status?.name ?? 'unknown', qubits: d.qubits ?? null, queue: d.queue_length ?? null,
      ...(d.processor_type?.family ? { detail: `${d.processor_type.family} r${d.processor_type.revision ?? '?'}` } : {}),
    }));
  }
  if (provider === 'ionq') {
    // GET /backends needs no key; use one if set.
    const devices = await new IonqClient(ionqConfigFromEnv(io.env, false)).listBackends();
    return devices.map((d) => ({
      name: d.backend, status: d.status ?? 'unknown', qubits: d.qubits ?? null,
      queue: typeof d.average_queue_time === 'number' ? Math.round(d.average_queue_time / 1000) : null,
      ...(d.supported_native_gates ? { detail: `native: ${d.supported_native_gates.join(' ')}` } : {}),
    }));
  }
  throw new ValidationError(`qntk backends ${provider}: name a provider, ibm or ionq`);
}

export function run(args: ArgsOf<typeof backendsSpec>, io: CliIo): Promise<number> {
  return redacting(io, () => table(args, io));
}

async function table(args: ArgsOf<typeof backendsSpec>, io: CliIo): Promise<number> {
  const provider = args.provider;
  const rows = await list(provider, io);
  if (args.json) {
    outJson(io, { provider, backends: rows });
    return 0;
  }
  const queueHead = provider === 'ionq' ? 'AVG QUEUE (s)' : 'QUEUE';
  const cells = rows.map((r) => [r.name, r.status, r.qubits === null ? '-' : String(r.qubits), r.queue === null ? '-' : String(r.queue), r.detail ?? '']);
  const head = ['NAME', 'STATUS', 'QUBITS', queueHead, ''];
  const widths = head.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  const line = (c: string[]): string => `${c.map((x, i) => x.padEnd(widths[i]!)).join('  ').trimEnd()}\n`;
  out(io, line(head) + cells.map(line).join(''));
  return 0;
}
