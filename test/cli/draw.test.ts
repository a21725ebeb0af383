/** `qntk draw`: text to stdout, folded at --fold or the terminal width; SVG to a file; --max-columns. */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../cli/main.js';
import { runCli } from '../helpers/cli.js';
import { allElements, parseXml } from '../helpers/xml.js';

const dir = mkdtempSync(join(tmpdir(), 'qntk-draw-'));
const file = join(dir, 'c.qasm');
const gates = Array.from({ length: 30 }, (_, i) => `rz(${i / 10}) q[${i % 4}]; cx q[${i % 4}], q[${(i + 1) % 4}];`).join('\n');
writeFileSync(file, `OPENQASM 3.0;\ninclude "stdgates.inc";\nqubit[4] q;\n${gates}\n`);

describe('qntk draw', () => {
  it('prints the text drawing folded at --fold', async () => {
    const r = await runCli(['draw', file, '--fold', '50']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const lines = r.stdout.trimEnd().split('\n');
    expect(Math.max(...lines.map((l) => [...l].length))).toBeLessThanOrEqual(50);
    expect(lines.filter((l) => l.startsWith('q[0]')).length).toBeGreaterThan(1);
  });

  it('folds at the terminal width when stdout is one, else at 80', async () => {
    let out = '';
    await main(['draw', file], { stdout: (t) => { out += t; }, stderr: () => {}, interactive: true, columns: 40, env: {} });
    expect(Math.max(...out.trimEnd().split('\n').map((l) => [...l].length))).toBeLessThanOrEqual(40);
    const r = await runCli(['draw', file]);
    expect(Math.max(...r.stdout.trimEnd().split('\n').map((l) => [...l].length))).toBeLessThanOrEqual(80);
  });

  it('--max-columns draws the first columns and says how to see the rest', async () => {
    const r = await runCli(['draw', file, '--max-columns', '3']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/\n… [\d,]+ more columns \([\d,]+ operations\) not drawn\n\(--max-columns 0 draws every column\)\n$/);
  });

  it('--svg writes one <g class="op"> per gate and prints nothing', async () => {
    const out = join(dir, 'c.svg');
    const r = await runCli(['draw', file, '--svg', out]);
    expect([r.code, r.stdout, r.stderr]).toEqual([0, '', '']);
    const ops = allElements(parseXml(readFileSync(out, 'utf8'))).filter((e) => e.attributes['class'] === 'op');
    expect(ops).toHaveLength(60);
  });

  it('reports a bad program or a bad output path as one line, writing nothing', async () => {
    const bad = join(dir, 'bad.qasm');
    writeFileSync(bad, 'OPENQASM 3.0;\nqubit q;\nfoo q;\n');
    const out = join(dir, 'never.svg');
    const r = await runCli(['draw', bad, '--svg', out]);
    expect(r).toEqual({ code: 2, stdout: '', stderr: `qntk: ${bad}:3:1: unknown gate 'foo' (define it with 'gate foo … { … }')\n` });
    expect(existsSync(out)).toBe(false);
    const r2 = await runCli(['draw', file, '--svg', join(dir, 'missing', 'x.svg')]);
    expect(r2.code).toBe(2);
    expect(r2.stderr).toMatch(/^qntk: --svg .*does not exist/);
  });
});
