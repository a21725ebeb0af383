/**
 * The hostile inputs against the reader's budgets, at the CLI: each ends with exit 0, or exit 2
 * and one `qntk: FILE:LINE:COL: …` line (bounded, control characters escaped), and none takes
 * more than seconds (vitest's timeout guards that; the budgets' costs are measured in bench/).
 */
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, type CliResult } from '../helpers/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'qntk-budgets-'));
const write = (name: string, text: string): string => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};
const HEAD = 'OPENQASM 3.0;\ninclude "stdgates.inc";\nqubit q;\n';

/** Exit 2, nothing on stdout, exactly one short line on stderr placed at FILE:LINE:COL. */
function expectOneLine(r: CliResult, file: string, pattern: RegExp): void {
  expect(r.stdout).toBe('');
  expect(r.stderr).toMatch(/^qntk: [^\n]+\n$/);
  expect(r.stderr.length).toBeLessThan(400);
  expect(r.stderr.startsWith(`qntk: ${file}:`)).toBe(true);
  expect(r.stderr).toMatch(pattern);
  expect(r.code).toBe(2);
}

const chain = (depth: number): string => {
  let s = `${HEAD}gate g0 a { }\n`;
  for (let i = 1; i <= depth; i++) s += `gate g${i} a { g${i - 1} a; g${i - 1} a; }\n`;
  return `${s}g${depth} q;\n`;
};

describe('nesting depth', () => {
  it.each([
    ['10,000 parentheses', `${HEAD}rz(${'('.repeat(10_000)}1${')'.repeat(10_000)}) q;\n`, /:4:260: expression nested more than 256 deep/],
    ['100,000 nested blocks', `${HEAD}${'{'.repeat(100_000)}h q;${'}'.repeat(100_000)}\n`, /:4:257: blocks nested more than 256 deep/],
    ['100,000 nested for loops', `${HEAD}${'for int i in [0:0] '.repeat(100_000)}h q;\n`, /loops nested more than 256 deep/],
    ['100,000 pow(2) @ modifiers', `${HEAD}${'pow(2) @ '.repeat(100_000)}h q;\n`, /more than 256 modifiers on one gate call/],
  ])('%s: one line, exit 2', async (_name, text, pattern) => {
    const f = write('deep.qasm', text);
    expectOneLine(await runCli(['stats', f]), f, pattern);
  });

  it.each([
    ['a 100,000-long unary minus chain', `${HEAD}rz(${'-'.repeat(100_000)}1) q;\n`],
    ['a 100,000-long ** chain', `${HEAD}rz(${'1**'.repeat(100_000)}1) q;\n`],
    ['60 pow(2) @ modifiers', `${HEAD}${'pow(2) @ '.repeat(60)}h q;\n`],
  ])('%s is read (iteratively)', async (_name, text) => {
    const r = await runCli(['stats', write('long.qasm', text), '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).qubits).toBe(1);
  });
});

describe('expanded work', () => {
  it('a 60-deep chain of definitions that emits nothing is charged its 2^60 calls', async () => {
    const f = write('chain.qasm', chain(60));
    expectOneLine(await runCli(['stats', f]), f, /flattening needs more than 67,108,864 steps/);
  });

  it('two nested ten-million loops with an empty body stop at the budget', async () => {
    const f = write('loops.qasm', `${HEAD}for int i in [0:9999999] { for int j in [0:9999999] { } }\n`);
    expectOneLine(await runCli(['stats', f]), f, /:4:28: flattening needs more than 67,108,864 steps/);
  });

  it('barrier over a 2^18-qubit register is read in linear time', async () => {
    const f = write('barrier.qasm', `OPENQASM 3.0;\nqubit[262144] q;\nbarrier q;\nbarrier q, q[0], q[1:7];\n`);
    const r = await runCli(['stats', f, '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).counts).toEqual({ barrier: 2 });
  });

  it('pow(10000000) @ h converts to nothing at once (h² = I)', async () => {
    const f = write('pow.qasm', `${HEAD}pow(10000000) @ h q;\npow(10000001) @ h q;\npow(0.5) @ x q;\n`);
    const r = await runCli(['convert', f]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('OPENQASM 3.0;\ninclude "stdgates.inc";\nqubit[1] q;\nh q[0];\nsx q[0];\n');
  });
});

describe('sizes that cannot be allocated', () => {
  it.each(['stats', 'convert', 'optimize'])('a qubit index past 2^32 (physical qubit) is refused by %s', async (command) => {
    const f = write('phys.qasm', 'OPENQASM 3.0;\nh $4294967296;\n');
    expectOneLine(await runCli([command, f]), f, /:2:3: physical qubit \$4294967296 is beyond the reader's limit of 1,048,576 qubits/);
  });

  it('a 50-byte Matrix Market header declaring 2147483647×2147483647 is refused before allocation', async () => {
    const m = write('huge.mtx', '%%MatrixMarket matrix coordinate real general\n2147483647 2147483647 1\n1 1 1\n');
    const b = write('b.txt', '1\n');
    expectOneLine(await runCli(['compile', '--matrix', m, '--rhs', b]), m, /:2:1: row count 2147483647 is outside 0…16777216/);
  });

  it.runIf(existsSync('/dev/zero'))('qntk stats /dev/zero stops at once', async () => {
    const r = await runCli(['stats', '/dev/zero']);
    expect(r).toEqual({ code: 2, stdout: '', stderr: 'qntk: /dev/zero: not a text file (a NUL byte at offset 0); give a UTF-8 text file\n' });
  });
});

describe('messages quote input bounded and escaped', () => {
  it('escapes terminal control codes from an include string', async () => {
    const f = write('esc.qasm', 'OPENQASM 3.0;\ninclude "\u001b[31mred\u001b[0m";\n');
    const r = await runCli(['stats', f]);
    expectOneLine(r, f, /cannot include '\\x1b\[31mred\\x1b\[0m'/);
    expect(r.stderr).not.toContain('\u001b');
  });

  it('cuts a 10 MB identifier to a short quote with its length', async () => {
    const f = write('long-id.qasm', `${HEAD}${'a'.repeat(10_000_000)} q;\n`);
    expectOneLine(await runCli(['stats', f]), f, /:4:1: unknown gate 'a{48}…' \(10,000,000 characters\)$/m);
  });
});
