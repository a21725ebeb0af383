/** `qntk simulate --plot` and `qntk demo --report`: the histogram shows the counts printed, in our bit order; bad paths are one line, nothing written. */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { allElements, parseXml, type XmlElement } from '../helpers/xml.js';

const dir = mkdtempSync(join(tmpdir(), 'qntk-plot-'));
function program(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}
/** The bars of an SVG file as {category: value}. */
function bars(file: string): { root: XmlElement; values: Record<string, number> } {
  const text = readFileSync(file, 'utf8');
  expect(text.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n')).toBe(true);
  const root = parseXml(text.replace(/^<\?xml[^>]*\?>/, ''));
  const values = Object.fromEntries(allElements(root).filter((e) => e.attributes.class === 'bar').map((e) => [e.attributes['data-category']!, Number(e.attributes['data-value'])]));
  return { root, values };
}
const note = (root: XmlElement): string | undefined => allElements(root).find((e) => e.attributes.class === 'note')?.text;
const title = (root: XmlElement): string => allElements(root).find((e) => e.name === 'title')!.text;

const BELL_X2 = program('bell-x2.qasm', 'OPENQASM 3.0;\ninclude "stdgates.inc";\nqubit[3] q;\nbit[3] c;\nh q[0];\ncx q[0], q[1];\nx q[2];\nc = measure q;\n');

describe('qntk simulate --plot', () => {
  it('draws the counts --json prints, bitstrings with c[0] rightmost (q[2] flipped: 1xx)', async () => {
    const svg = join(dir, 'bell.svg');
    const res = await runCli(['simulate', BELL_X2, '--shots', '2000', '--seed', '5', '--plot', svg]);
    expect(res.code).toBe(0);
    const json = JSON.parse((await runCli(['simulate', BELL_X2, '--shots', '2000', '--seed', '5', '--json'])).stdout) as { counts: Record<string, number> };
    const { root, values } = bars(svg);
    expect(values).toEqual(json.counts);
    expect(Object.keys(values).sort()).toEqual(['100', '111']);
    expect(title(root)).toBe(`${BELL_X2}: 2000 shots (seed 5)`);
    expect(allElements(root).find((e) => e.attributes.class === 'xlabel')!.text).toBe('outcome c[2]…c[0] (c[0] rightmost)');
  });

  it('without shots draws the exact probabilities over the qubits', async () => {
    const file = program('plus.qasm', 'OPENQASM 3.0;\ninclude "stdgates.inc";\nqubit[2] q;\nh q[1];\n');
    const svg = join(dir, 'plus.svg');
    expect((await runCli(['simulate', file, '--plot', svg])).code).toBe(0);
    const { root, values } = bars(svg);
    expect(Object.keys(values).sort()).toEqual(['00', '10']);
    for (const v of Object.values(values)) expect(v).toBeCloseTo(0.5, 12);
    expect(allElements(root).find((e) => e.attributes.class === 'ylabel')!.text).toBe('probability');
  });

  it('shows the 32 most frequent of many outcomes and one "other" bar with the rest of the shots', async () => {
    const file = program('h7.qasm', `OPENQASM 3.0;\ninclude "stdgates.inc";\nqubit[7] q;\nbit[7] c;\n${Array.from({ length: 7 }, (_, k) => `h q[${k}];`).join('\n')}\nc = measure q;\n`);
    const svg = join(dir, 'h7.svg');
    expect((await runCli(['simulate', file, '--shots', '3000', '--seed', '2', '--plot', svg])).code).toBe(0);
    const counts = (JSON.parse((await runCli(['simulate', file, '--shots', '3000', '--seed', '2', '--json'])).stdout) as { counts: Record<string, number> }).counts;
    const { root, values } = bars(svg);
    expect(Object.keys(values)).toHaveLength(33);
    const top = Object.entries(counts).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, 32);
    for (const [b, v] of top) expect(values[b]).toBe(v);
    expect(values.other).toBe(3000 - top.reduce((s, [, v]) => s + v, 0));
    expect(note(root)).toBe(`top 32 of ${Object.keys(counts).length} outcomes; "other" sums the remaining ${Object.keys(counts).length - 32}`);
  });

  it('with --noise and --mitigate draws the raw noisy counts printed, and says so', async () => {
    const svg = join(dir, 'noisy.svg');
    const args = ['simulate', BELL_X2, '--noise', 'ibm_fez', '--shots', '500', '--seed', '1', '--mitigate', 'readout'];
    expect((await runCli([...args, '--plot', svg])).code).toBe(0);
    const json = JSON.parse((await runCli([...args, '--json'])).stdout) as { counts: Record<string, number> };
    const { root, values } = bars(svg);
    expect(values).toEqual(json.counts);
    expect(note(root)).toBe('raw counts with the noise of ibm_fez (mitigation readout applies to the expectation values)');
  });

  it('a bad path, or a sweep, is one line and exit 2, and nothing is written', async () => {
    for (const [args, fragment] of [
      [['--plot', join(dir, 'missing', 'x.svg')], '--plot'],
      [['--plot', dir], 'is a directory'],
    ] as const) {
      const res = await runCli(['simulate', BELL_X2, '--shots', '10', ...args]);
      expect(res.code).toBe(2);
      expect(res.stderr.trim().split('\n')).toHaveLength(1);
      expect(res.stderr).toContain(fragment);
    }
    const swept = program('swept.qasm', 'OPENQASM 3.0;\ninclude "stdgates.inc";\ninput float[64] t;\nqubit q;\nrx(t) q;\n');
    const out = join(dir, 'sweep.svg');
    const res = await runCli(['simulate', swept, '--param', 't=[0,1]', '--plot', out]);
    expect(res.code).toBe(2);
    expect(res.stderr).toContain('--plot draws one run');
    expect(existsSync(out)).toBe(false);
    expect(existsSync(join(dir, 'missing'))).toBe(false);
  });
});

describe('qntk demo --report', () => {
  it('refuses an unwritable report path before any work, and --hardware, with one line', async () => {
    for (const args of [['--report', join(dir, 'missing', 'r.html')], ['--hardware', '--report', join(dir, 'r.html')]]) {
      const res = await runCli(['demo', '--out', join(dir, 'out'), ...args]);
      expect(res.code).toBe(2);
      expect(res.stderr.trim().split('\n')).toHaveLength(1);
      expect(res.stderr).toContain('--report');
    }
    // Refused before the classifier ran: it creates --out only once it has programs to write.
    expect(existsSync(join(dir, 'out'))).toBe(false);
    expect(existsSync(join(dir, 'r.html'))).toBe(false);
  });
});
