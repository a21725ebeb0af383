/** `qntk status ID [--json]`: the job's state, reconciled and refreshed from its provider unless it is final. */
import { needsRefresh } from '../../backends/backend.js';
import type { ArgsOf } from '../spec.js';
import type { statusSpec } from '../specs/jobs.js';
import type { CliIo } from '../io.js';
import { backendFor, describeRecord, out, outJson, redacting, storeOf } from './backend-common.js';

export function run(args: ArgsOf<typeof statusSpec>, io: CliIo): Promise<number> {
  return redacting(io, async () => {
    const store = storeOf(io);
    let rec = await store.get(args.id);
    let queue: number | undefined;
    if (needsRefresh(rec)) {
      const backend = backendFor(rec, io, store, true);
      rec = await backend.status(rec.id);
      // Long queues are the usual reason a job seems stuck (qiskit-ibm-runtime#317): say how long.
      if (rec.status === 'queued' && backend.queueLength) queue = await backend.queueLength().catch(() => undefined);
    }
    if (args.json) {
      outJson(io, {
        id: rec.id, provider: rec.provider, backend: rec.backend, status: rec.status,
        ...(rec.remoteId !== undefined ? { remoteId: rec.remoteId } : {}), ...(rec.remoteStatus !== undefined ? { remoteStatus: rec.remoteStatus } : {}),
        ...(rec.error !== undefined ? { error: rec.error } : {}), ...(queue !== undefined ? { queueLength: queue } : {}),
        ...(rec.submission?.duplicates !== undefined ? { duplicates: rec.submission.duplicates } : {}),
        createdAt: rec.createdAt, updatedAt: rec.updatedAt,
      });
    } else {
      out(io, describeRecord(rec) + (queue !== undefined ? `  ${queue} job${queue === 1 ? '' : 's'} queued on ${rec.backend}\n` : ''));
    }
    return 0;
  });
}
