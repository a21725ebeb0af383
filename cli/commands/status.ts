/** `qntk status ID [--json]`: the job's state, refreshed from its provider unless it is final. */
import { IbmBackend } from '../../backends/ibm/backend.js';
import type { ArgsOf } from '../spec.js';
import type { statusSpec } from '../specs/jobs.js';
import type { CliIo } from '../io.js';
import { backendFor, describeRecord, needsRefresh, out, outJson, storeOf } from './backend-common.js';

export async function run(args: ArgsOf<typeof statusSpec>, io: CliIo): Promise<number> {
  const store = storeOf(io);
  let rec = await store.get(args.id);
  let queue: number | undefined;
  if (needsRefresh(rec)) {
    const backend = backendFor(rec, io, store, true);
    rec = await backend.status(rec.id);
    // Long queues are the usual reason a job seems stuck (qiskit-ibm-runtime#317): say how long.
    if (backend instanceof IbmBackend && rec.status === 'queued') queue = await backend.client.queueLength(rec.backend).catch(() => undefined);
  }
  if (args.json) {
    outJson(io, {
      id: rec.id, provider: rec.provider, backend: rec.backend, status: rec.status,
      ...(rec.remoteId !== undefined ? { remoteId: rec.remoteId } : {}), ...(rec.remoteStatus !== undefined ? { remoteStatus: rec.remoteStatus } : {}),
      ...(rec.error !== undefined ? { error: rec.error } : {}), ...(queue !== undefined ? { queueLength: queue } : {}),
      createdAt: rec.createdAt, updatedAt: rec.updatedAt,
    });
  } else {
    out(io, describeRecord(rec) + (queue !== undefined ? `  ${queue} job${queue === 1 ? '' : 's'} queued on ${rec.backend}\n` : ''));
  }
  return 0;
}
