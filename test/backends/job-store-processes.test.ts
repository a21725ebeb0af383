import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { JobStore, hashProgram } from '../../backends/job-store.js';
import { expectIntactStore } from '../helpers/store-check.js';

/**
 * Real concurrent qntk processes: the store module is bundled to plain JS (with vitest's own
 * bundler, rolldown) and run by several `node` processes at once against one QNTK_HOME.
 */
describe('JobStore across processes', () => {
  it('loses no update and no record when four processes write at once', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'qntk-procs-'));
    const bundle = join(dir, 'job-store.mjs');
    const root = resolve(import.meta.dirname, '../..');
    const rd = spawnSync(join(root, 'node_modules/.bin/rolldown'), [join(root, 'backends/job-store.ts'), '--file', bundle, '--format', 'esm', '--platform', 'node'], { encoding: 'utf8' });
    expect(rd.status, rd.stderr).toBe(0);
    const home = join(dir, 'home');
    const store = new JobStore(home);
    const shared = await store.create({ provider: 'ibm', backend: 'x', programHash: hashProgram('p'), status: 'queued', qubits: 1, clbits: 1, cregs: [], details: { n: 0 } });
    const worker = join(dir, 'worker.mjs');
    writeFileSync(worker, `
      import { JobStore, hashProgram } from ${JSON.stringify(bundle)};
      const s = new JobStore(process.argv[2]);
      for (let i = 0; i < 25; i++) {
        await s.update(process.argv[3], (r) => ({ details: { n: r.details.n + 1 } }));
        if (i % 5 === 0) await s.create({ provider: 'local', backend: 'simulator', programHash: hashProgram(String(i)), status: 'completed', qubits: 1, clbits: 0, cregs: [] });
      }
    `);
    const run = (): Promise<number> => new Promise((ok) => {
      const p = spawn(process.execPath, [worker, home, shared.id], { stdio: 'inherit' });
      p.on('exit', (code) => ok(code ?? -1));
    });
    expect(await Promise.all([run(), run(), run(), run()])).toEqual([0, 0, 0, 0]);
    expect((await store.get(shared.id)).details?.n).toBe(100);
    expect((await store.list()).length).toBe(1 + 4 * 5);
    expectIntactStore(store.dir);
  });
});
