/** Reading the user's text files with one-line errors that name the file and the fix (never a stack trace). */
import { readFileSync } from 'node:fs';
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
