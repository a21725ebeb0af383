/**
 * The job store: one JSON file per job under $QNTK_HOME/jobs (default ~/.qntk/jobs), so that
 * concurrent qntk processes never rewrite each other's records. Each write goes to a private temp
 * file and is renamed into place (atomic on POSIX); files are mode 0600 in a 0700 directory.
 * Updates of one record take a per-job lock file created with O_EXCL; a lock older than
 * LOCK_STALE_MS (its holder crashed) is broken. Every record is redacted as it is written, with
 * the environment's credentials and those the backends register (IBM's bearer token).
 * @see docs/backends.md §C3
 */
import { createHash, randomBytes } from 'node:crypto';
import { promises as fs, constants as fsc } from 'node:fs';
import { homedir, hostname } from 'node:os';
import { join } from 'node:path';
import { BackendError, ValidationError } from '../compiler/errors.js';
import { describeFsError } from '../compiler/files.js';
import type { JobRecord } from './backend.js';
import { envSecrets, redactorFor } from './redact.js';

const LOCK_STALE_MS = 15_000;
/** This host, short: temp and lock files name their writer by host and pid, so a crash's leftovers can be told from live work. */
const HOST = createHash('sha256').update(hostname()).digest('hex').slice(0, 8);
const LEFTOVER_RE = /\.([0-9a-f]{8})-(\d+)-[0-9a-f]+\.tmp$/;

/** Whether process `pid` of this host is running (a process of another user counts). */
export function processAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Whether a temp or lock file written by `host`-`pid` belongs to a process that is gone. */
function writerGone(host: string, pid: number): boolean {
  return host === HOST && pid !== process.pid && !processAlive(pid);
}
const LOCK_WAIT_MS = 5_000;
const ID_RE = /^qj-[0-9]{8}-[0-9]{6}-[0-9a-f]{6}$/;

/** The qntk home directory: $QNTK_HOME or ~/.qntk. */
export function qntkHome(env: Readonly<Record<string, string | undefined>>): string {
  const h = env.QNTK_HOME;
  return h !== undefined && h !== '' ? h : join(homedir(), '.qntk');
}

/** A fresh local job id, `qj-YYYYMMDD-HHMMSS-xxxxxx` (sortable by creation time). */
export function newJobId(now = new Date()): string {
  const iso = now.toISOString();
  const d = iso.slice(0, 10).replace(/-/g, '');
  const t = iso.slice(11, 19).replace(/:/g, '');
  return `qj-${d}-${t}-${randomBytes(3).toString('hex')}`;
}

/** sha256 (hex) of the program text or request body, so a record identifies what ran. */
export function hashProgram(text: string): string {
  return `sha256:${createHash('sha256').update(text).digest('hex')}`;
}

/** Draft of a new record: everything but the store-managed fields. */
export type NewJob = Omit<JobRecord, 'id' | 'createdAt' | 'updatedAt'>;

/** Persistent, crash-safe, multi-process-safe record of every job. */
export class JobStore {
  readonly dir: string;
  private readonly secretSources: (() => readonly string[])[] = [];

  /** `secrets`: credentials no record may contain (more can be added with addSecrets). */
  constructor(home: string, secrets: readonly string[] = []) {
    this.dir = join(home, 'jobs');
    if (secrets.length > 0) this.secretSources.push(() => secrets);
  }

  /** The store of $QNTK_HOME, redacting the credentials the environment holds. */
  static fromEnv(env: Readonly<Record<string, string | undefined>>): JobStore {
    return new JobStore(qntkHome(env), envSecrets(env));
  }

  /** Also keep the values `source` returns (read at every write) out of every record. */
  addSecrets(source: () => readonly string[]): void {
    this.secretSources.push(source);
  }

  /** Record a new job (the intent, before any request is sent); returns the stored record. */
  async create(draft: NewJob): Promise<JobRecord> {
    await this.ensureDir();
    const now = new Date();
    const rec: JobRecord = { ...draft, id: newJobId(now), createdAt: now.toISOString(), updatedAt: now.toISOString() };
    // O_EXCL on the final name too: two processes can never claim one id.
    await this.writeAtomic(rec, true);
    return rec;
  }

  /** Read one record by local id, remote id, or a unique prefix of either. */
  async get(idOrRemote: string): Promise<JobRecord> {
    if (ID_RE.test(idOrRemote)) {
      const rec = await this.readFile(this.file(idOrRemote), true);
      if (rec !== undefined) return rec;
    }
    const all = await this.list();
    const exact = all.filter((r) => r.id === idOrRemote || r.remoteId === idOrRemote);
    if (exact.length === 1) return exact[0]!;
    const pre = all.filter((r) => r.id.startsWith(idOrRemote) || (r.remoteId?.startsWith(idOrRemote) ?? false));
    if (pre.length === 1) return pre[0]!;
    if (pre.length > 1) throw new ValidationError(`job id '${idOrRemote}' is ambiguous (${pre.length} jobs match); give more characters`);
    throw new ValidationError(`no job '${idOrRemote}' in ${this.dir} (qntk jobs lists them)`);
  }

  /** Apply `change` to record `id` under its lock and store the result atomically. */
  async update(id: string, change: (rec: JobRecord) => Partial<JobRecord>): Promise<JobRecord> {
    return this.withLock(id, async () => {
      const cur = await this.readFile(this.file(id), true);
      if (cur === undefined) throw new BackendError(`job record ${id} vanished from ${this.dir}`);
      const next: JobRecord = { ...cur, ...change(cur), id: cur.id, createdAt: cur.createdAt, updatedAt: new Date().toISOString() };
      await this.writeAtomic(next, false);
      return next;
    });
  }

  /** Every record, oldest first. Unreadable files are skipped (they never come from us). */
  async list(): Promise<JobRecord[]> {
    let names: string[];
    try {
      names = await fs.readdir(this.dir);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw this.dirError(err);
    }
    // A process killed mid-write leaves its temp file or lock: remove those of writers that are gone.
    for (const n of names) {
      const m = LEFTOVER_RE.exec(n);
      if (m !== null && writerGone(m[1]!, Number(m[2]))) await fs.unlink(join(this.dir, n)).catch(() => undefined);
      if (n.endsWith('.json.lock') && (await this.lockHolderGone(join(this.dir, n)))) await fs.unlink(join(this.dir, n)).catch(() => undefined);
    }
    const recs: JobRecord[] = [];
    for (const n of names.filter((x) => x.endsWith('.json')).sort()) {
      const r = await this.readFile(join(this.dir, n));
      if (r !== undefined) recs.push(r);
    }
    return recs.sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : a.id < b.id ? -1 : 1));
  }

  private file(id: string): string {
    if (!ID_RE.test(id)) throw new ValidationError(`'${id}' is not a qntk job id`);
    return join(this.dir, `${id}.json`);
  }

  private async ensureDir(): Promise<void> {
    try {
      await fs.mkdir(this.dir, { recursive: true, mode: 0o700 });
    } catch (err) {
      throw this.dirError(err);
    }
  }

  /** A store directory that cannot be used (QNTK_HOME is a file, no permission, …): one line with the fix. */
  private dirError(err: unknown): ValidationError {
    return new ValidationError(`job store ${this.dir}: ${describeFsError(err, true)}; point QNTK_HOME at a writable directory`);
  }

  /**
   * One record, or undefined if the file is missing. A file that is not a job record (bad JSON,
   * missing fields) is skipped when listing and an error when asked for by id (`strict`).
   */
  private async readFile(path: string, strict = false): Promise<JobRecord | undefined> {
    let text: string;
    try {
      text = await fs.readFile(path, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw this.dirError(err);
    }
    let why: string;
    try {
      const rec = JSON.parse(text) as Partial<JobRecord> | null;
      const missing = ['id', 'provider', 'backend', 'status', 'createdAt'].filter((k) => typeof (rec as Record<string, unknown> | null)?.[k] !== 'string');
      if (missing.length === 0) return rec as JobRecord;
      why = `missing ${missing.join(', ')}`;
    } catch (err) {
      why = `not valid JSON: ${(err as Error).message}`;
    }
    if (strict) throw new ValidationError(`${path} is not a qntk job record (${why}); repair the file or move it out of ${this.dir}`);
    return undefined;
  }

  private async writeAtomic(rec: JobRecord, exclusive: boolean): Promise<void> {
    const final = this.file(rec.id);
    const tmp = this.tempName(final);
    const r = redactorFor(this.secretSources.flatMap((f) => f()));
    // Field by field, so that a redaction can never break the JSON around a value.
    const text = `${JSON.stringify(rec, (_k, v: unknown) => (typeof v === 'string' ? r.redact(v) : v), 2)}\n`;
    const fh = await fs.open(tmp, fsc.O_WRONLY | fsc.O_CREAT | fsc.O_EXCL, 0o600);
    try {
      await fh.writeFile(text, 'utf8');
      await fh.sync();
    } finally {
      await fh.close();
    }
    try {
      if (exclusive) {
        // link() fails if the name exists, unlike rename(): the id is claimed exactly once.
        await fs.link(tmp, final);
        await fs.unlink(tmp);
      } else {
        await fs.rename(tmp, final);
      }
    } catch (err) {
      await fs.unlink(tmp).catch(() => undefined);
      throw err;
    }
  }

  /** Whether the process named in lock file `lock` is gone. */
  private async lockHolderGone(lock: string): Promise<boolean> {
    const holder = (await fs.readFile(lock, 'utf8').catch(() => '')).trim().split(' ');
    return holder.length === 2 && writerGone(holder[0]!, Number(holder[1]));
  }

  /** `final.HOST-PID-RANDOM.tmp`: unique, and tells whose it is. */
  private tempName(final: string): string {
    return `${final}.${HOST}-${process.pid}-${randomBytes(4).toString('hex')}.tmp`;
  }

  /**
   * Run `body` holding the record's lock. The lock file is linked into place with its holder
   * (`HOST PID`) already written, so it is never seen empty; a lock whose holder is gone (killed)
   * is broken at once, any other after LOCK_STALE_MS.
   */
  private async withLock<T>(id: string, body: () => Promise<T>): Promise<T> {
    await this.ensureDir();
    const lock = `${this.file(id)}.lock`;
    const start = Date.now();
    const tmp = this.tempName(lock);
    await fs.writeFile(tmp, `${HOST} ${process.pid}\n`, { mode: 0o600 });
    try {
      for (;;) {
        try {
          await fs.link(tmp, lock);
          break;
        } catch (err) {
          if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
        }
        const st = await fs.stat(lock).catch(() => undefined);
        if ((await this.lockHolderGone(lock)) || (st !== undefined && Date.now() - st.mtimeMs > LOCK_STALE_MS)) {
          await fs.unlink(lock).catch(() => undefined);
          continue;
        }
        if (Date.now() - start > LOCK_WAIT_MS) {
          throw new BackendError(`job ${id} is locked by another qntk process (${lock}); retry, or delete the lock if no qntk is running`);
        }
        await new Promise((r) => setTimeout(r, 5 + Math.random() * 20));
      }
    } finally {
      await fs.unlink(tmp).catch(() => undefined);
    }
    try {
      return await body();
    } finally {
      await fs.unlink(lock).catch(() => undefined);
    }
  }
}
