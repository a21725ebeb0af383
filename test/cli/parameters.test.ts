/** `--param` on simulate, optimize and submit: values, sweeps, symbolic output, one-line errors. */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bindParameters } from '../../compiler/circuit/index.js';
import { parseQasm, readQasmFile } from '../../compiler/qasm/index.js';
import { checkEquivalence } from '../../passes/primitives/equivalence.js';
import { runCli } from '../helpers/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'qntk-params-'));
const file = join(dir, 'ansatz.qasm');
writeFileSync(file, `OPENQASM 3.0;
include "stdgates.inc";
input float[64] theta;
input angle[16] phi;
qubit[2] q;
bit[2] c;
ry(theta) q[0];
cx q[0], q[1];
rz(phi) q[1];
rz(-phi / 2) q[1];
rx(theta / 2) q[1];
c = measure q;
`);
const unmeasured = join(dir, 'rx.qasm');
writeFileSync(unmeasured, 'OPENQASM 3.0;\ninclude "stdgates.inc";\ninput float[64] t;\nqubit q;\nrx(t) q;\n');
const env = { QNTK_HOME: join(dir, 'home') };

describe('qntk simulate --param', () => {
  it('binds the values: P(1) = sin²(t/2) for rx(t)', async () => {
    for (const t of [0.4, 2]) {
      const r = await runCli(['simulate', unmeasured, '--param', `t=${t}`, '--json']);
      expect(r.code).toBe(0);
      const out = JSON.parse(r.stdout) as { probabilities: Record<string, number>; values: Record<string, number> };
      expect(out.values).toEqual({ t });
      expect(out.probabilities['1']).toBeCloseTo(Math.sin(t / 2) ** 2, 12);
    }
  });

  it('a list or range sweeps: one result per value set, in order, equal to simulating each bound program', async () => {
    const r = await runCli(['simulate', file, '--param', 'theta=0:pi:3', '--param', 'phi=[0.5,1,2]', '--json']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { sweep: { values: Record<string, number>; probabilities: Record<string, number> }[] };
    expect(out.sweep.map((p) => p.values.theta)).toEqual([0, Math.PI / 2, Math.PI]);
    for (const p of out.sweep) {
      const one = await runCli(['simulate', file, '--param', `theta=${p.values.theta},phi=${p.values.phi}`, '--json']);
      expect((JSON.parse(one.stdout) as { probabilities: unknown }).probabilities).toEqual(p.probabilities);
    }
    const text = await runCli(['simulate', file, '--param', 'theta=[0.1,0.2]', '--param', 'phi=1', '--shots', '50', '--seed', '3']);
    expect(text.stdout).toMatch(/\[theta = 0\.1, phi = [\d.]+\]: 2 qubits; counts of 50 shots \(seed 3\)/);
    expect(text.stdout).toMatch(/\[theta = 0\.2, phi = [\d.]+\]: 2 qubits; counts of 50 shots \(seed 4\)/);
  });

  it.each([
    [[], 'has input parameters theta (float[64]), phi (angle[16]): give their values with --param NAME=VALUE'],
    [['--param', 'theta=1'], 'input parameter phi has no value'],
    [['--param', 'theta=1,phi=2,psi=3'], "parameter 'psi' is not an input of the program (its inputs are theta, phi)"],
    [['--param', 'theta=[1,2],phi=[1,2,3]'], 'parameter lists of a sweep must have one length: theta has 2, phi has 3'],
    [['--param', 'theta=1,phi=pi/'], "parameter values 'theta=1,phi=pi/': expected an expression, found end of file (at column 16)"],
    [['--param', 'theta=1', '--param', 'theta=2,phi=1'], "parameter values 'theta=2,phi=1': parameter 'theta' is given more than once (at column 1)"],
  ])('%j is one line, exit 2', async (extra, message) => {
    const r = await runCli(['simulate', file, ...extra]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain(message);
  });

  it('a program without inputs takes no --param', async () => {
    const plain = join(dir, 'plain.qasm');
    writeFileSync(plain, 'OPENQASM 3.0;\ninclude "stdgates.inc";\nqubit q;\nh q;\n');
    const r = await runCli(['simulate', plain, '--param', 'x=1']);
    expect([r.code, r.stderr.trim()]).toEqual([2, `qntk: ${plain} has no input parameters; drop --param`]);
  });
});

describe('qntk optimize with inputs', () => {
  it('keeps unbound inputs symbolic, writes input declarations, and the output bound equals the input bound', async () => {
    const out = join(dir, 'opt.qasm');
    for (const target of ['generic', 'ibm_fez']) {
      const r = await runCli(['optimize', file, '--target', target, '-O', '2', '-o', out, '--json']);
      expect(r.code, r.stderr).toBe(0);
      expect((JSON.parse(r.stdout) as { inputs: unknown }).inputs).toEqual([{ name: 'theta', type: 'float', width: 64 }, { name: 'phi', type: 'angle', width: 16 }]);
      const text = readFileSync(out, 'utf8');
      expect(text).toContain('input float[64] theta;\ninput angle[16] phi;\n');
      if (target === 'generic') {
        const a = bindParameters(readQasmFile(file), { theta: 0.7, phi: 2.5 }), b = bindParameters(parseQasm(text), { theta: 0.7, phi: 2.5 });
        expect(checkEquivalence({ ...a, instructions: a.instructions.filter((i) => i.gate !== 'measure') }, { ...b, instructions: b.instructions.filter((i) => i.gate !== 'measure') }).distance).toBeLessThan(1e-9);
      }
    }
  });

  it('binds the inputs given before optimising; a sweep is refused', async () => {
    const r = await runCli(['optimize', file, '--param', 'phi=1']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('input float[64] theta;');
    expect(r.stdout).not.toContain('input angle[16] phi;');
    expect(r.stderr).toContain('(input parameters kept symbolic: theta (float[64]))');
    const s = await runCli(['optimize', file, '--param', 'phi=[1,2]']);
    expect([s.code, s.stderr]).toEqual([2, 'qntk: --param: a list or range makes a sweep of 2 value sets; give one value per parameter here\n']);
  });
});

describe('qntk submit --param', () => {
  it('a local sweep is one job with a result per value set; IonQ refuses a sweep in one line', async () => {
    const r = await runCli(['submit', file, '--backend', 'local', '--shots', '20', '--seed', '1', '--param', 'theta=[0,3.141592653589793]', '--param', 'phi=0', '--wait', '--json'], env);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as { sweep: { values: Record<string, number>; counts: Record<string, number> }[] };
    expect(out.sweep.map((p) => p.counts)).toEqual([{ '00': 20 }, { '01': expect.any(Number), '11': expect.any(Number) }]);
    const ionq = await runCli(['submit', file, '--backend', 'ionq:forte-1', '--dry-run', '--param', 'theta=[0,1],phi=0'], env);
    expect(ionq.code).toBe(2);
    expect(ionq.stderr).toContain('runs one value set per job');
  });

  it('an IBM dry run puts the values in the pub and keeps the program symbolic', async () => {
    const req = join(dir, 'req.json');
    const r = await runCli(['submit', file, '--backend', 'ibm:ibm_fez', '--dry-run', '--param', 'theta=[0.1,0.2]', '--param', 'phi=1', '--request-out', req], env);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('parameter values for theta, phi (2 sets)');
    const body = (JSON.parse(readFileSync(req, 'utf8')) as { body: { params: { pubs: [string, Record<string, number[]>, number][] } } }).body;
    const [program, values] = body.params.pubs[0]!;
    expect(values.theta).toEqual([0.1, 0.2]);
    expect(program).toContain('input float[64] theta;\ninput float[64] phi;');
    expect(program).toMatch(/rz\(theta \+ pi\)/);
  });
});
