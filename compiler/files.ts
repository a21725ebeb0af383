/** Reading the user's text files with one-line errors that name the file and the fix (never a stack trace). */
import { existsSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { ValidationError } from './errors.js';

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

/**
 * Read `path` as UTF-8; a missing, unreadable or directory path is a ValidationError (exit 2)
 * `LABEL PATH: cannot read the file: …`, where `label` names the flag (e.g. '--rhs').
 */
export function readTextFile(path: string, label?: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (err) {
    throw new ValidationError(`${label === undefined ? '' : `${label} `}${path}: cannot read the file: ${describeFsError(err)}`);
  }
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
