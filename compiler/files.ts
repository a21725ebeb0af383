/** Reading the user's text files with one-line errors that name the file and the fix (never a stack trace). */
import { closeSync, existsSync, fstatSync, openSync, readSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { escapeControl, ValidationError } from './errors.js';

/**
 * What went wrong with a file system call, in words a user can act on; the errno code stays in
 * parentheses so scripts can still match it.
 */
export function describeFsError(err: unknown, writing = false): string {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'ENOENT':
      return writing ? 'its directory does not exist (ENOENT); create the directory first or choose another path' : 'no such file (ENOENT); check the path';
    case 'EISDIR':
      return writing ? 'it is a directory (EISDIR); give a file name' : 'it is a directory (EISDIR); give a file';
    case 'ENOTDIR':
      return 'a part of the path is not a directory (ENOTDIR); check the path';
    case 'EACCES':
    case 'EPERM':
      return `permission denied (${code}); check the file's permissions`;
    case 'ENOSPC':
      return 'no space left on the device (ENOSPC)';
    default:
      return code ?? (err instanceof Error ? err.message.split('\n')[0]! : String(err));
  }
}

/** Largest text file read by default (V8 cannot hold a much longer string). */
export const MAX_TEXT_BYTES = 512 * 1024 * 1024;

/** Options of readTextFile. */
export interface ReadTextOptions {
  /** Refuse files longer than this many bytes (default MAX_TEXT_BYTES); a stream stops reading there. */
  readonly maxBytes?: number;
}

/**
 * Read `path` as UTF-8 text. A missing, unreadable or directory path, a file over `maxBytes`
 * (checked from its size before reading; a device or pipe stops being read at the limit) and a
 * binary file (a NUL byte) are ValidationErrors (exit 2) `LABEL PATH: cannot read the file: …`,
 * where `label` names the flag (e.g. '--rhs').
 */
export function readTextFile(path: string, label?: string, options: ReadTextOptions = {}): string {
  const where = `${label === undefined ? '' : `${label} `}${escapeControl(path)}`;
  const max = options.maxBytes ?? MAX_TEXT_BYTES;
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (err) {
    throw new ValidationError(`${where}: cannot read the file: ${describeFsError(err)}`);
  }
  try {
    const st = fstatSync(fd);
    if (st.isDirectory()) throw new ValidationError(`${where}: cannot read the file: it is a directory (EISDIR); give a file`);
    if (st.isFile() && st.size > max) throw new ValidationError(`${where}: the file has ${formatBytes(st.size)}, more than the ${formatBytes(max)} allowed; give a smaller file`);
    const chunks: Buffer[] = [];
    let total = 0;
    const chunkSize = st.isFile() ? Math.min(max + 1, Math.max(st.size + 1, 1)) : 1 << 16;
    for (;;) {
      const buf = Buffer.allocUnsafe(Math.min(chunkSize, max + 1 - total));
      let n: number;
      try {
        n = readSync(fd, buf, 0, buf.length, null);
      } catch (err) {
        throw new ValidationError(`${where}: cannot read the file: ${describeFsError(err)}`);
      }
      if (n === 0) break;
      const nul = (n === buf.length ? buf : buf.subarray(0, n)).indexOf(0);
      if (nul >= 0) throw new ValidationError(`${where}: not a text file (a NUL byte at offset ${total + nul}); give a UTF-8 text file`);
      chunks.push(n === buf.length ? buf : buf.subarray(0, n));
      total += n;
      if (total > max) throw new ValidationError(`${where}: more than the ${formatBytes(max)} allowed were read; give a smaller file`);
    }
    return (chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, total)).toString('utf8');
  } finally {
    closeSync(fd);
  }
}

/** A byte count in words (MiB above 1 MiB). */
function formatBytes(n: number): string {
  return n >= 1 << 20 ? `${(n / (1 << 20)).toFixed(n % (1 << 20) === 0 ? 0 : 1)} MiB` : `${n} bytes`;
}

/** Write `text` to `path` atomically: a temp file beside it, renamed only once complete. */
export function writeFileAtomic(path: string, text: string): void {
  checkWritable(path);
  const tmp = `${path}.${process.pid}.${Date.now()}.tmp`;
  try {
    writeFileSync(tmp, text);
    renameSync(tmp, path);
  } catch (err) {
    rmSync(tmp, { force: true });
    throw new ValidationError(`${path}: cannot write the file: ${describeFsError(err, true)}`);
  }
}

/**
 * Fail early when `dir` cannot become an output directory (created with mkdir -p later): it, or
 * its nearest existing ancestor, is a file.
 */
export function checkOutputDir(dir: string, label?: string): void {
  const where = `${label === undefined ? '' : `${label} `}${dir}`;
  let d = dir;
  while (!existsSync(d)) {
    const up = dirname(d);
    if (up === d) return;
    d = up;
  }
  if (!statSync(d).isDirectory()) {
    throw new ValidationError(`${where}: ${d === dir ? 'it' : d} is a file, not a directory; choose another directory`);
  }
}

/**
 * Fail early, with the fix, when `path` cannot become an output file: its directory is missing
 * or not a directory, or the path itself is a directory. Cheap; call it before long work.
 */
export function checkWritable(path: string, label?: string): void {
  const where = `${label === undefined ? '' : `${label} `}${path}`;
  const dir = dirname(path);
  if (!existsSync(dir)) throw new ValidationError(`${where}: the directory ${dir} does not exist; create it first or choose another path`);
  if (!statSync(dir).isDirectory()) throw new ValidationError(`${where}: ${dir} is not a directory; choose another path`);
  if (existsSync(path) && statSync(path).isDirectory()) throw new ValidationError(`${where}: it is a directory; give a file name`);
}
