/** `qntk jobs [--json]`: every recorded job, oldest first, as the store knows it (no network). */
import type { Argv } from 'yargs';
import type { QntkCommand } from '../command.js';
import type { CliIo } from '../io.js';
import { out, outJson, specOf, storeOf } from './backend-common.js';

async function run(args: Record<string, unknown>, io: CliIo): Promise<number> {
  const recs = await storeOf(io).list();
  if (args.json === true) {
    outJson(io, {
      jobs: recs.map((r) => ({
        id: r.id, provider: r.provider, backend: r.backend, status: r.status, createdAt: r.createdAt,
        ...(r.remoteId !== undefined ? { remoteId: r.remoteId } : {}), ...(r.shots !== undefined ? { shots: r.shots } : {}),
        ...(r.error !== undefined ? { error: r.error } : {}),
      })),
    });
    return 0;
  }
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
}

export const jobsCommand: QntkCommand = {
  command: 'jobs',
  describe: 'List every recorded job (local store, no network)',
  builder: (y: Argv) => y.option('json', { type: 'boolean', default: false, describe: 'print one JSON object' }),
  run,
};
