/**
 * The repository stands alone: no tracked file names an absolute path of the machine it was
 * written on, or a folder outside the repository (a clone elsewhere has neither).
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from './helpers/fixtures.js';

/** Home and work folders of developer machines; built from parts so this file does not match itself. */
const ABSOLUTE = new RegExp(`(?<![\\w.~-])(?:/${'work'}/|/${'home'}/|/${'Users'}/|/${'root'}/|[A-Z]:\\\\${'Users'}\\\\)`, 'g');
/** A relative path that climbs one or more folders up. */
const CLIMBING = /(?<![\w.])(?:\.\.\/)+[\w@][\w.@-]*/g;

export interface OutsideReference {
  readonly line: number;
  readonly text: string;
}

/**
 * References in `text` (the content of `file`, relative to `root`) that point outside the
 * repository: absolute machine paths, and relative paths that climb above the root from the
 * file's folder (and, for documents, from the root, where README commands run).
 */
export function outsideReferences(text: string, file: string, root: string): OutsideReference[] {
  const found: OutsideReference[] = [];
  const lines = text.split('\n');
  const fromDirs = [dirname(join(root, file)), ...(/\.(md|txt)$/i.test(file) ? [root] : [])];
  lines.forEach((line, k) => {
    for (const m of line.matchAll(ABSOLUTE)) found.push({ line: k + 1, text: line.slice(m.index, m.index + 60) });
    for (const m of line.matchAll(CLIMBING)) {
      const escapes = fromDirs.some((d) => relative(root, resolve(d, m[0])).startsWith('..'));
      if (escapes) found.push({ line: k + 1, text: m[0] });
    }
  });
  return found;
}

function trackedTextFiles(): string[] {
  const out = execFileSync('git', ['ls-files', '-z'], { cwd: REPO_ROOT, encoding: 'utf8' });
  return out.split('\0').filter((f) => f !== '' && f !== 'package-lock.json' && !/\.(png|jpg|gz|wasm|ico)$/.test(f));
}

describe('repository hygiene', () => {
  it('flags absolute machine paths and folders outside the repository', () => {
    const root = '/r/repo';
    const up = (n: number): string => '../'.repeat(n);
    const bad = [
      `see /${'work'}/shared/design/x.md`,
      `const f = '/${'home'}/alice/data.csv';`,
      `import x from '${up(3)}outside.js';`,
    ];
    for (const line of bad) expect(outsideReferences(line, 'cli/commands/a.ts', root), line).not.toEqual([]);
    expect(outsideReferences(`run qntk stats ${up(1)}shared/bench/a.qasm`, 'README.md', root)).not.toEqual([]);
    expect(outsideReferences(`see ${up(1)}other/a.md`, 'docs/a.md', root)).not.toEqual([]);
    const good = [`import { x } from '${up(2)}compiler/circuit/index.js';`, 'see docs/backends.md', 'cd /tmp && ls', 'a/../b'];
    for (const line of good) expect(outsideReferences(line, 'cli/commands/a.ts', root), line).toEqual([]);
  });

  it('no tracked file refers to a place outside the repository', () => {
    const problems: string[] = [];
    for (const file of trackedTextFiles()) {
      let text: string;
      try {
        text = readFileSync(join(REPO_ROOT, file), 'utf8');
      } catch {
        continue; // deleted in the work tree
      }
      if (text.includes('\0')) continue;
      for (const r of outsideReferences(text, file, REPO_ROOT)) problems.push(`${file}:${r.line}: ${r.text}`);
    }
    expect(problems).toEqual([]);
  });
});
