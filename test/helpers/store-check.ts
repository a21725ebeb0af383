/** After failures, the job store must still be whole: every file a parseable record, no temp or lock files left. */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';

const STATUSES = ['pending', 'queued', 'running', 'completed', 'failed', 'cancelled', 'unknown'];

export function expectIntactStore(jobsDir: string): void {
  if (!existsSync(jobsDir)) return;
  for (const f of readdirSync(jobsDir)) {
    expect(f, 'only record files remain').toMatch(/^qj-\d{8}-\d{6}-[0-9a-f]{6}\.json$/);
    const rec = JSON.parse(readFileSync(join(jobsDir, f), 'utf8')) as { id: string; status: string; provider: string };
    expect(`${rec.id}.json`).toBe(f);
    expect(STATUSES).toContain(rec.status);
    expect(['local', 'ibm', 'ionq']).toContain(rec.provider);
  }
}
