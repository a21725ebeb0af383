/** `qntk result ID [--json]`: counts (and probabilities when the backend gives them) of a finished job. */
import type { Argv } from 'yargs';
import { notReady } from '../../backends/backend.js';
import type { QntkCommand } from '../command.js';
import type { CliIo } from '../io.js';
import { backendFor, describeResult, needsRefresh, out, outJson, resultJson, storeOf } from './backend-common.js';

async function run(args: Record<string, unknown>, io: CliIo): Promise<number> {
  const store = storeOf(io);
  const rec = await store.get(String(args.id));
  let res = rec.result;
  if (res === undefined) {
    if (!needsRefresh(rec)) throw notReady(rec);
    res = await backendFor(rec, io, store, true).result(rec.id);
  }
  const now = await store.get(rec.id);
  if (args.json === true) outJson(io, resultJson(now, res));
  else out(io, `${now.id}  ${now.status}\n${describeResult(res)}`);
  return 0;
}

export const resultCommand: QntkCommand = {
  command: 'result <id>',
  describe: 'Print the counts of a finished job (fetched once, then kept in the job store)',
  builder: (y: Argv) => y.positional('id', { type: 'string', describe: 'job id' }).option('json', { type: 'boolean', default: false, describe: 'print one JSON object' }),
  run,
};
