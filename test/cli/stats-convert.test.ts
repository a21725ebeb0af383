import { mkdtempSync, readFileSync, writeFileSync, existsSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { BENCH_CIRCUITS } from '../helpers/fixtures.js';
import { parseQasm } from '../../compiler/qasm/index.js';
import { expectSameUnitary } from '../helpers/quantum.js';

const BENCH = BENCH_CIRCUITS;
const dir = mkdtempSync(join(tmpdir(), 'qntk-cli-'));
const write = (name: string, text: string): string => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};

describe('qntk stats', () => {
  it('reproduces the bench README counts for nam_clifford_t adder_8 (900 total, 409 two-qubit, 399 T)', async () => {
    const r = await runCli(['stats', `${BENCH}/nam_clifford_t/adder_8.qasm`, '--json']);
    expect(r.code).toBe(0);
    const s = JSON.parse(r.stdout);
    expect([s.size, s.twoQubit, s.tCount, s.qubits, s.qubitsUsed]).toEqual([900, 409, 399, 24, 24]);
    expect(Object.keys(s).sort()).toEqual(['clbits', 'counts', 'depth', 'multiQubit', 'qubits', 'qubitsUsed', 'size', 'tCount', 'twoQubit', 'twoQubitDepth']);
  });

  it('counts the rz(±π/4) of nam_rz as T gates, consistent with the README rule on nam_ccz', async () => {
    const rz = JSON.parse((await runCli(['stats', `${BENCH}/nam_rz/adder_8.qasm`, '--json'])).stdout);
    expect(rz.tCount).toBe(rz.counts.rz);
    const ccz = JSON.parse((await runCli(['stats', `${BENCH}/nam_ccz/adder_8.qasm`, '--json'])).stdout);
    // README rule: ccz = 6 CNOT + 7 T (13 gates); every other gate 1.
    const n = ccz.counts.ccz;
    expect([ccz.size + 12 * n, ccz.twoQubit + 6 * n, ccz.tCount + 7 * n]).toEqual([900, 409, 399]);
  });

  it('prints a human table and defines depth, size and tCount as documented', async () => {
    const f = write('small.qasm', `OPENQASM 3.0; include "stdgates.inc"; qubit[3] q; bit[2] c;
      h q[0]; cx q[0], q[1]; barrier q; rz(3*pi/4) q[2]; p(pi/2) q[2]; t q[1]; ccx q[0], q[1], q[2];
      c[0] = measure q[0]; reset q[1]; if (c[0]) x q[2];`);
    const s = JSON.parse((await runCli(['stats', f, '--json'])).stdout);
    expect(s.size).toBe(7);
    expect(s.counts).toEqual({ h: 1, cx: 1, barrier: 1, rz: 1, p: 1, t: 1, ccx: 1, measure: 1, reset: 1, x: 1 });
    // h, cx, t, ccx, measure on q0 → c0, then the x conditioned on c0.
    expect(s.depth).toBe(6);
    expect([s.tCount, s.twoQubit, s.multiQubit, s.twoQubitDepth]).toEqual([2, 1, 1, 2]);
    const human = await runCli(['stats', f]);
    expect(human.code).toBe(0);
    expect(human.stdout).toMatch(/T count\s+2/);
  });

  it('reports a bad program as one FILE:LINE:COL line with exit code 2', async () => {
    const f = write('bad.qasm', 'OPENQASM 3.0;\nqubit[2] q;\nfoo q[0];\n');
    const r = await runCli(['stats', f]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(`qntk: ${f}:3:1: unknown gate 'foo' (define it with 'gate foo … { … }')\n`);
  });
});

describe('qntk convert', () => {
  it('writes OpenQASM 3 to stdout and OpenQASM 2 to a file, both equivalent to the input', async () => {
    const src = `OPENQASM 3.0; include "stdgates.inc"; qubit[3] q;
      gate g(a) x, y { ctrl @ ry(a) x, y; }
      for int i in [0:1] { g(0.3 * (i + 1)) q[i], q[i + 1]; } ctrl(2) @ z q[0], q[1], q[2]; inv @ sx q[2];`;
    const f = write('in.qasm', src);
    const r3 = await runCli(['convert', f]);
    expect(r3.code).toBe(0);
    expect(r3.stdout.startsWith('OPENQASM 3.0;')).toBe(true);
    const out = join(dir, 'out2.qasm');
    const r2 = await runCli(['convert', f, '--to', 'qasm2', '-o', out]);
    expect([r2.code, r2.stdout]).toEqual([0, '']);
    const text2 = readFileSync(out, 'utf8');
    expect(text2.startsWith('OPENQASM 2.0;')).toBe(true);
    const original = parseQasm(src);
    expectSameUnitary(parseQasm(r3.stdout), original);
    expectSameUnitary(parseQasm(text2), original);
  });

  it('leaves no output file when the input is bad', async () => {
    const f = write('bad2.qasm', 'OPENQASM 2.0;\ninclude "qelib1.inc";\nqreg q[2];\ncx q[0], q[2];\n');
    const out = join(dir, 'never.qasm');
    const r = await runCli(['convert', f, '-o', out]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`qntk: ${f}:4:12: index 2 is out of range for 'q' (size 2)\n`);
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(dir).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  });

  it('--json prints {file, to, qubits, clbits, gates, depth, counts, bytes, output} and the program only when there is no -o', async () => {
    const f = write('j.qasm', 'OPENQASM 3.0; include "stdgates.inc"; qubit[2] q; bit[2] c; h q[0]; cx q[0], q[1]; c = measure q;');
    const out = join(dir, 'j2.qasm');
    const r = await runCli(['convert', f, '--to', 'qasm2', '-o', out, '--json']);
    expect(r.code).toBe(0);
    const text = readFileSync(out, 'utf8');
    expect(JSON.parse(r.stdout)).toEqual({
      file: f, to: 'qasm2', qubits: 2, clbits: 2, gates: 2, depth: 3, counts: { h: 1, cx: 1, measure: 2 },
      bytes: Buffer.byteLength(text), output: out,
    });
    const s = JSON.parse((await runCli(['convert', f, '--json'])).stdout);
    expect(s.output).toBeNull();
    expect(s.program).toBe((await runCli(['convert', f])).stdout);
    expect(s.bytes).toBe(Buffer.byteLength(s.program));
  });

  it('rejects an unknown --to with exit code 2', async () => {
    const f = write('ok.qasm', 'OPENQASM 3.0; qubit q; x q;');
    const r = await runCli(['convert', f, '--to', 'quil']);
    expect(r.code).toBe(2);
  });
});
