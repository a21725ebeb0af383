/** `qntk result ID [--json]`: counts (and probabilities when the backend gives them) of a finished job. */
import { needsRefresh, notReady } from '../../backends/backend.js';
import type { ArgsOf } from '../spec.js';
import type { resultSpec } from '../specs/jobs.js';
import type { CliIo } from '../io.js';
import { backendFor, describeResult, out, outJson, redacting, resultJson, storeOf } from './backend-common.js';

export function run(args: ArgsOf<typeof resultSpec>, io: CliIo): Promise<number> {
  return redacting(io, async () => {
    const store = storeOf(io);
    const rec = await store.get(args.id);
    let res = rec.result;
    if (res === undefined) {
      // A record without a remote id is looked up first (backend.result reconciles); never a resubmission hint.
      if (!needsRefresh(rec)) throw notReady(rec);
      res = await backendFor(rec, io, store, true).result(rec.id);
    }
    const now = await store.get(rec.id);
    if (args.json) outJson(io, resultJson(now, res));
    else out(io, `${now.id}  ${now.status}\n${describeResult(res)}`);
    return 0;
  });
}
