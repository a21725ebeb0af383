/** `qntk cancel ID [--json]`: ask the provider to cancel a job that has not finished (a record without a remote id is looked up first). */
import type { ArgsOf } from '../spec.js';
import type { cancelSpec } from '../specs/jobs.js';
import type { CliIo } from '../io.js';
import { backendFor, describeRecord, out, outJson, redacting, storeOf } from './backend-common.js';

export function run(args: ArgsOf<typeof cancelSpec>, io: CliIo): Promise<number> {
  return redacting(io, async () => {
    const store = storeOf(io);
    const rec = await store.get(args.id);
    const done = await backendFor(rec, io, store, rec.provider !== 'local').cancel(rec.id);
    if (args.json) outJson(io, { id: done.id, provider: done.provider, backend: done.backend, status: done.status });
    else out(io, `cancelled ${describeRecord(done)}`);
    return 0;
  });
}
