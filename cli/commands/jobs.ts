/**
 * `qntk jobs [--json]`: every recorded job, oldest first. Records whose create response never came
 * back (crash, timeout, lost connection) are first looked up at their provider by their tag or name.
 */
import { netConfigFromEnv } from '../../backends/http.js';
import { reconcileStore } from '../../backends/reconcile.js';
import type { ArgsOf } from '../spec.js';
import type { jobsSpec } from '../specs/jobs.js';
import type { CliIo } from '../io.js';
import { backendFor, note, out, outJson, redacting, specOf, storeOf } from './backend-common.js';

export function run(args: ArgsOf<typeof jobsSpec>, io: CliIo): Promise<number> {
  return redacting(io, async () => {
    const store = storeOf(io);
    const unreconciled = await reconcileStore(store, (rec) => backendFor(rec, io, store, true), netConfigFromEnv(io.env));
    const recs = await store.list();
    if (args.json) {
      outJson(io, {
        jobs: recs.map((r) => ({
          id: r.id, provider: r.provider, backend: r.backend, status: r.status, createdAt: r.createdAt,
          ...(r.remoteId !== undefined ? { remoteId: r.remoteId } : {}), ...(r.shots !== undefined ? { shots: r.shots } : {}),
          ...(r.error !== undefined ? { error: r.error } : {}),
        })),
        // Present only when some record could not be looked up (no credentials, provider unreachable).
        ...(unreconciled.length > 0 ? { unreconciled } : {}),
      });
      return 0;
    }
    for (const u of unreconciled) note(io, `qntk: job ${u.id} could not be looked up at its provider: ${u.reason}\n`);
    if (recs.length === 0) {
      out(io, 'no jobs recorded yet (qntk submit FILE --backend … records one)\n');
      return 0;
    }
    const rows = recs.map((r) => [r.id, specOf(r), r.status, r.createdAt.slice(0, 19).replace('T', ' '), r.remoteId ?? '-']);
    const head = ['ID', 'BACKEND', 'STATUS', 'CREATED (UTC)', 'REMOTE ID'];
    const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
    const line = (cells: string[]): string => `${cells.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd()}\n`;
    out(io, line(head) + rows.map(line).join(''));
    return 0;
  });
}
