import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { NewJob } from '../../backends/job-store.js';
import { JobStore, hashProgram, newJobId, qntkHome } from '../../backends/job-store.js';

const draft = (n = 0): NewJob => ({
  provider: 'ibm', backend: 'ibm_tiny', programHash: hashProgram(`p${n}`), shots: 100, status: 'pending',
  qubits: 2, clbits: 2, cregs: [{ name: 'c', start: 0, size: 2 }],
});
const fresh = (): JobStore => new JobStore(mkdtempSync(join(tmpdir(), 'qntk-store-')));

describe('JobStore', () => {
  it('records intent, then the remote id; files are 0600 in a 0700 directory, no temp files left', async () => {
    const s = fresh();
    const rec = await s.create(draft());
    expect(rec.status).toBe('pending');
    expect((await s.get(rec.id)).remoteId).toBeUndefined();
    const up = await s.update(rec.id, () => ({ remoteId: 'remote-123', status: 'queued' }));
    expect(up.remoteId).toBe('remote-123');
    expect(up.createdAt).toBe(rec.createdAt);
    expect((await s.get('remote-123')).id).toBe(rec.id);
    expect((await s.get(rec.id.slice(0, 20))).id).toBe(rec.id);
    expect(statSync(join(s.dir, `${rec.id}.json`)).mode & 0o777).toBe(0o600);
    expect(statSync(s.dir).mode & 0o777).toBe(0o700);
    expect(readdirSync(s.dir).filter((f) => !f.endsWith('.json'))).toEqual([]);
  });

  it('keeps every update under concurrent writers and every record under concurrent creators', async () => {
    const s = fresh();
    const rec = await s.create({ ...draft(), details: { n: 0 } });
    await Promise.all(Array.from({ length: 40 }, () => s.update(rec.id, (r) => ({ details: { n: Number(r.details?.n ?? 0) + 1 } }))));
    expect((await s.get(rec.id)).details?.n).toBe(40);
    const made = await Promise.all(Array.from({ length: 30 }, (_, i) => s.create(draft(i))));
    expect(new Set(made.map((r) => r.id)).size).toBe(30);
    expect((await s.list()).length).toBe(31);
  });

  it('breaks a stale lock left by a crashed process', async () => {
    const s = fresh();
    const rec = await s.create(draft());
    const lock = join(s.dir, `${rec.id}.json.lock`);
    writeFileSync(lock, '99999\n');
    const old = new Date(Date.now() - 60_000);
    utimesSync(lock, old, old);
    expect((await s.update(rec.id, () => ({ status: 'queued' }))).status).toBe('queued');
  });

  it('breaks at once a lock, and removes temp files, left by a process that was killed', async () => {
    const s = fresh();
    const rec = await s.create(draft());
    const dead = spawnSync(process.execPath, ['-e', '']).pid!; // it has exited: its pid names no process
    const host = createHash('sha256').update(hostname()).digest('hex').slice(0, 8);
    writeFileSync(join(s.dir, `${rec.id}.json.lock`), `${host} ${dead}\n`);
    writeFileSync(join(s.dir, `${rec.id}.json.${host}-${dead}-abcd1234.tmp`), '{"half": ');
    const t0 = Date.now();
    expect((await s.update(rec.id, () => ({ status: 'queued' }))).status).toBe('queued');
    expect(Date.now() - t0).toBeLessThan(2000);
    writeFileSync(join(s.dir, `${rec.id}.json.lock`), `${host} ${dead}\n`);
    expect((await s.list()).length).toBe(1);
    expect(readdirSync(s.dir)).toEqual([`${rec.id}.json`]);
  });

  it('ignores files that are not records and explains unknown ids', async () => {
    const s = fresh();
    await s.create(draft());
    writeFileSync(join(s.dir, 'junk.json'), '{not json');
    expect((await s.list()).length).toBe(1);
    await expect(s.get('qj-nope')).rejects.toThrow(/no job 'qj-nope'.*qntk jobs lists them/);
  });

  it('resolves QNTK_HOME and makes sortable ids', () => {
    expect(qntkHome({ QNTK_HOME: '/x/y' })).toBe('/x/y');
    expect(qntkHome({})).toMatch(/\.qntk$/);
    expect(newJobId(new Date('2026-11-24T13:01:02Z'))).toMatch(/^qj-20261124-130102-[0-9a-f]{6}$/);
  });
});
