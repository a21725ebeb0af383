/**
 * The examples run as the test suite runs them: each main() with a capturing io, then checks on
 * what it printed — and, where it prints a program, that program is parsed back and simulated here.
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { CircuitBuilder, Statevector, parseQasm, postselectedState, readQasmFile, simulate, solveSymmetric } from '../../index.js';
import { remapInstruction, withInstructions, type Circuit } from '../../compiler/circuit/index.js';

/** The physical qubits a device program uses, renumbered 0..m−1 in order (the layout may pick any of the device's). */
function compactQubits(c: Circuit): Circuit {
  const used = [...new Set(c.instructions.flatMap((i) => i.qubits))].sort((a, b) => a - b);
  const index = new Array<number>(c.numQubits).fill(0);
  used.forEach((p, k) => (index[p] = k));
  return withInstructions({ ...c, numQubits: used.length, qregs: [{ name: 'q', start: 0, size: used.length }] }, c.instructions.map((i) => remapInstruction(i, index)));
}
import { main as compileMatrix, SYSTEM } from '../../examples/compile-matrix.js';
import { main as inspectGates } from '../../examples/inspect-gates.js';
import { main as optimizeForDevice } from '../../examples/optimize-for-device.js';
import { FAKE_ENV, main as submitDryRun } from '../../examples/submit-dry-run.js';
import { main as ntkClassifier } from '../../examples/ntk-classifier.js';

function capture(): { lines: string[]; io: { log(line: string): void }; text(): string } {
  const lines: string[] = [];
  return { lines, io: { log: (line) => void lines.push(line) }, text: () => lines.join('\n') };
}

/** The first number after `label` in the text. */
function numberAfter(text: string, label: string): number {
  const at = text.indexOf(label);
  expect(at, `output lacks "${label}"`).toBeGreaterThanOrEqual(0);
  const m = /-?\d+(\.\d+)?(e[-+]?\d+)?/.exec(text.slice(at + label.length));
  expect(m, `no number after "${label}"`).not.toBeNull();
  return Number(m![0]);
}

/** Indented lines right after the line starting with `header` (the example's way of printing a program). */
function block(lines: readonly string[], header: string): string {
  const start = lines.findIndex((l) => l.startsWith(header));
  expect(start, `output lacks "${header}"`).toBeGreaterThanOrEqual(0);
  const out: string[] = [];
  for (const l of lines.slice(start + 1)) {
    if (!l.startsWith('  ')) break;
    out.push(l.slice(2));
  }
  return out.join('\n');
}

const tmp = mkdtempSync(join(tmpdir(), 'qntk-examples-'));
afterEach(() => vi.unstubAllGlobals());
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('examples', () => {
  it('compile-matrix: the written OpenQASM 3 program prepares A⁻¹b/‖A⁻¹b‖ after post-selection', async () => {
    const c = capture();
    await compileMatrix({ ...c.io, outDir: tmp });
    const text = c.text();
    expect(numberAfter(text, 'fidelity of the simulated solution state:')).toBeGreaterThanOrEqual(0.999);
    expect(numberAfter(text, 'polynomial degree')).toBeGreaterThan(0);
    expect(numberAfter(text, 'α =')).toBeGreaterThan(0);
    // Predicted and simulated success probabilities agree.
    expect(numberAfter(text, 'simulated post-selection probability')).toBeCloseTo(numberAfter(text, '(predicted'), 3);

    // Independently: read the file back, keep the printed branch, compare with a dense solve of the exported system.
    const system = /system register: qubits \[([\d, ]+)\]/.exec(text)![1]!.split(', ').map(Number);
    const postselect = [...text.matchAll(/q(\d+)=([01])/g)].map((m) => [Number(m[1]), Number(m[2])] as const);
    expect(postselect.length).toBeGreaterThan(0);
    const kept = postselectedState(Statevector.fromCircuit(readQasmFile(join(tmp, 'compile-matrix.qasm'))), system, postselect);
    const x = solveSymmetric(SYSTEM.a, SYSTEM.n, SYSTEM.b);
    let dr = 0, di = 0, np = 0, nx = 0;
    for (let i = 0; i < SYSTEM.n; i++) {
      dr += kept.re[i]! * x[i]!;
      di += kept.im[i]! * x[i]!;
      nx += x[i]! ** 2;
    }
    for (let i = 0; i < kept.re.length; i++) np += kept.re[i]! ** 2 + kept.im[i]! ** 2;
    expect((dr * dr + di * di) / (np * nx)).toBeGreaterThanOrEqual(0.999);
  });

  it('inspect-gates: counts of the Clifford+T adder, fewer T and two-qubit gates after -O2, still equivalent', async () => {
    const c = capture();
    await inspectGates(c.io);
    const lines = c.lines;
    const adder = lines.indexOf(lines.find((l) => l.startsWith('== Cuccaro'))!);
    const row = (label: string, from: number): number[] => lines.slice(from).find((l) => l.startsWith(label))!.slice(16).trim().split(/\s+/).map(Number);
    // 4 Toffolis × (7 T + 6 CX + 2 H), 8 CX around them, 1 CX for the carry.
    expect(row('gates', adder)[0]).toBe(4 * 15 + 8 + 1);
    expect(row('T-count', adder)[0]).toBe(28);
    expect(row('two-qubit gates', adder)[0]).toBe(4 * 6 + 9);
    const [tBefore, tO2, tO3] = row('T-count', adder);
    expect(tO2).toBeLessThan(tBefore!);
    expect(tO3).toBeLessThanOrEqual(tO2!);
    expect(row('two-qubit gates', adder)[1]).toBeLessThan(33);
    expect(lines.filter((l) => l.includes('-O2 true, -O3 true'))).toHaveLength(2);

    // A file given on the command line: two cancelling pairs and one T.
    const file = join(tmp, 'cancel.qasm');
    writeFileSync(file, 'OPENQASM 3.0;\ninclude "stdgates.inc";\nqubit[2] q;\nh q[0];\nh q[0];\ncx q[0], q[1];\ncx q[0], q[1];\nt q[1];\n');
    const f = capture();
    await inspectGates(f.io, [file]);
    const gates = f.lines.find((l) => l.startsWith('gates '))!.slice(16).trim().split(/\s+/).map(Number);
    expect(gates).toEqual([5, 1, 1]);
    expect(f.text()).toContain('-O2 true, -O3 true');
  });

  it('optimize-for-device: no violations, and both printed programs still read out 101', async () => {
    const c = capture();
    await optimizeForDevice(c.io);
    expect(c.lines.filter((l) => l.endsWith('violations: 0'))).toHaveLength(2);

    // The IBM program as printed: physical $k qubits, c[i] = measure $k; simulate it.
    const ibm = block(c.lines, 'OpenQASM 3 (IBM dialect):');
    expect(ibm).toMatch(/c\[0\] = measure \$\d+;/);
    expect(ibm).not.toMatch(/\b(h|cx|cp|swap)\b/);
    const pIbm = simulate(compactQubits(parseQasm(ibm))).probabilities!;
    expect(pIbm[0b101]).toBeCloseTo(1, 9);

    // The IonQ JSON as printed: rebuild the circuit from turns (×2π) and simulate it.
    const json = JSON.parse(block(c.lines, 'IonQ JSON')) as { qubits: number; circuit: { gate: string; target?: number; targets?: number[]; phase?: number; phases?: number[]; angle?: number }[] };
    const b = new CircuitBuilder(json.qubits);
    const turn = 2 * Math.PI;
    for (const g of json.circuit) {
      if (g.gate === 'ms') b.gate('ms', g.targets!, [g.phases![0]! * turn, g.phases![1]! * turn, g.angle! * turn]);
      else b.gate(g.gate === 'gpi' ? 'gpi' : 'gpi2', [g.target!], [g.phase! * turn]);
    }
    const finalLine = c.lines.filter((l) => l.startsWith('final permutation'))[1]!;
    const perm = [...finalLine.matchAll(/(\d+)→(\d+)/g)].map((m) => Number(m[2]));
    const expected = perm.reduce((acc, phys, logical) => acc | (((0b101 >> logical) & 1) << phys), 0);
    expect(simulate(b.build()).probabilities![expected]).toBeCloseTo(1, 9);
  });

  it('submit-dry-run: exact requests with secrets redacted, the program in the body, nothing sent or recorded', async () => {
    const fetchSpy = vi.fn(() => Promise.reject(new Error('the dry run must not send anything')));
    vi.stubGlobal('fetch', fetchSpy);
    rmSync(FAKE_ENV.QNTK_HOME!, { recursive: true, force: true });
    const c = capture();
    await submitDryRun(c.io);
    const text = c.text();
    expect(fetchSpy).not.toHaveBeenCalled();
    expect(existsSync(FAKE_ENV.QNTK_HOME!)).toBe(false);
    for (const secret of [FAKE_ENV.QNTK_IBM_TOKEN!, FAKE_ENV.IONQ_API_KEY!]) expect(text).not.toContain(secret);
    expect(text).toContain('POST https://quantum.cloud.ibm.com/api/v1/jobs');
    expect(text).toContain('Authorization: Bearer <redacted>');
    expect(text).toContain('POST https://api.ionq.co/v0.4/jobs');
    expect(text).toContain('Authorization: apiKey <redacted>');
    expect(text).toContain('"type": "ionq.circuit.v1"');
    expect(c.lines.filter((l) => l.includes(', 0 target violations'))).toHaveLength(2);
    // The IBM body carries the program: a Bell pair, measured.
    const program = block(c.lines, "the pub's program");
    expect(program).toContain('OPENQASM 3.0;');
    const p = simulate(compactQubits(parseQasm(program))).probabilities!;
    expect(p[0b00]).toBeCloseTo(0.5, 12);
    expect(p[0b11]).toBeCloseTo(0.5, 12);
  });

  it('ntk-classifier: κ ≈ 1, the simulated solution state matches K̃⁻¹y, quantum accuracy = classical sparse', async () => {
    const c = capture();
    await ntkClassifier(c.io);
    const text = c.text();
    expect(numberAfter(text, 'κ(K̃) =')).toBeLessThan(1.05);
    expect(numberAfter(text, 'solution state: fidelity')).toBeGreaterThanOrEqual(0.999);
    const sparse = numberAfter(text, 'sparsified');
    expect(sparse).toBeGreaterThanOrEqual(70);
    // A solution state this close to K̃⁻¹y/‖K̃⁻¹y‖ gives the same predictions as the classical sparse solve.
    expect(Math.abs(numberAfter(text, 'quantum (simulated)') - sparse)).toBeLessThanOrEqual(1);
  });
});
