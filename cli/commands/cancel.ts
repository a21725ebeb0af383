/** `qntk cancel ID [--json]`: ask the provider to cancel a job that has not finished. */
import type { Argv } from 'yargs';
import type { QntkCommand } from '../command.js';
import type { CliIo } from '../io.js';
import { backendFor, describeRecord, out, outJson, storeOf } from './backend-common.js';

async function run(args: Record<string, unknown>, io: CliIo): Promise<number> {
  const store = storeOf(io);
  const rec = await store.get(String(args.id));
  const done = await backendFor(rec, io, store, rec.provider !== 'local' && rec.remoteId !== undefined).cancel(rec.id);
  if (args.json === true) outJson(io, { id: done.id, provider: done.provider, backend: done.backend, status: done.status });
  else out(io, `cancelled ${describeRecord(done)}`);
  return 0;
}

export const cancelCommand: QntkCommand = {
  command: 'cancel <id>',
  describe: 'Cancel a queued or running cloud job',
  builder: (y: Argv) => y.positional('id', { type: 'string', describe: 'job id' }).option('json', { type: 'boolean', default: false, describe: 'print one JSON object' }),
  run,
};
