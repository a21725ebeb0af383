/** `qntk cancel ID [--json]`: ask the provider to cancel a job that has not finished. */
import type { ArgsOf } from '../spec.js';
import type { cancelSpec } from '../specs/jobs.js';
import type { CliIo } from '../io.js';
import { backendFor, describeRecord, out, outJson, storeOf } from './backend-common.js';

export async function run(args: ArgsOf<typeof cancelSpec>, io: CliIo): Promise<number> {
  const store = storeOf(io);
  const rec = await store.get(args.id);
  const done = await backendFor(rec, io, store, rec.provider !== 'local' && rec.remoteId !== undefined).cancel(rec.id);
  if (args.json) outJson(io, { id: done.id, provider: done.provider, backend: done.backend, status: done.status });
  else out(io, `cancelled ${describeRecord(done)}`);
  return 0;
}
