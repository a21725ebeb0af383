/**
 * The README's tour is real output: every `$ qntk …` command in its code blocks runs again here
 * (in a scratch folder holding links to `bench/` and `examples/`), exits 0, and prints every line
 * the README shows for it (an elided `…` line stands for lines left out; job ids and their
 * timestamps are compared by shape). The demos have their own, longer tests.
 */
import { describe, expect, it, beforeAll, afterAll } from 'vitest';
import { readFileSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT, scratch } from './helpers/fixtures.js';
import { runCli } from './helpers/cli.js';

interface Shown {
  readonly command: string;
  readonly lines: readonly string[];
}

/** The `$ qntk …` commands of the README's fenced blocks and the lines shown after each. */
export function shownCommands(markdown: string): Shown[] {
  const out: { command: string; lines: string[] }[] = [];
  let inBlock = false;
  let current: { command: string; lines: string[] } | null = null;
  for (const line of markdown.split('\n')) {
    if (line.startsWith('```')) {
      inBlock = !inBlock;
      current = null;
      continue;
    }
    if (!inBlock) continue;
    if (line.startsWith('$ ')) {
      current = line.startsWith('$ qntk ') ? { command: line.slice('$ qntk '.length), lines: [] } : null;
      if (current) out.push(current);
    } else if (current) {
      current.lines.push(line);
    }
  }
  return out;
}

/** Job ids and creation times differ from run to run; everything else must match. */
const normalise = (line: string): string =>
  line.replace(/qj-\d{8}-\d{6}-[0-9a-f]{6}/g, 'qj-ID').replace(/\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}/g, 'TIME').trimEnd();

/** The lines of `shown` missing from `printed` (a `…` line is a gap, not a line to find). */
export function missingLines(shown: readonly string[], printed: string): string[] {
  const have = new Set(printed.split('\n').map(normalise));
  return shown.map(normalise).filter((l) => l !== '' && l.trim() !== '…' && !have.has(l));
}

/** Run by their own tests (tens of seconds each). */
const LEFT_TO_OWN_TESTS = /^demo\b/;

const README = readFileSync(join(REPO_ROOT, 'README.md'), 'utf8');
const commands = shownCommands(README);

describe('README tour', () => {
  const { dir } = scratch('qntk-readme-');
  const cwd = process.cwd();
  beforeAll(() => {
    symlinkSync(join(REPO_ROOT, 'bench'), join(dir, 'bench'));
    symlinkSync(join(REPO_ROOT, 'examples'), join(dir, 'examples'));
    process.chdir(dir);
  });
  afterAll(() => process.chdir(cwd));

  it('shows commands, and the checker finds a line a command did not print', () => {
    expect(commands.length).toBeGreaterThan(15);
    expect(missingLines(['  11       1019', '…', 'qj-20261205-051107-729074  local'], '  11       1019\nqj-20991231-235959-abcdef  local\n')).toEqual([]);
    expect(missingLines(['  11       1018'], '  11       1019\n')).toEqual(['  11       1018']);
  });

  it.each(commands.filter((c) => !LEFT_TO_OWN_TESTS.test(c.command)).map((c) => [c.command, c] as const))('qntk %s', async (_name, shown) => {
    const env = { QNTK_HOME: join(dir, 'home') };
    const r = await runCli(shown.command.split(/\s+/), env);
    expect(r.stderr.split('\n').filter((l) => /^qntk: /.test(l))).toEqual([]);
    expect(r.code).toBe(0);
    expect(missingLines(shown.lines, `${r.stdout}\n${r.stderr}`)).toEqual([]);
  });
});
