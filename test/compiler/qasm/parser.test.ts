import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CircuitBuilder, circuitUnitary, controlledMatrix, gateMatrix, type Circuit, type Instruction } from '../../../compiler/circuit/index.js';
import { ParseError } from '../../../compiler/errors.js';
import { parseQasm } from '../../../compiler/qasm/index.js';
import { expectSameUnitary } from '../../helpers/quantum.js';
import { BENCH_CIRCUITS } from '../../helpers/fixtures.js';

const BENCH = BENCH_CIRCUITS;
const q3 = (body: string): Circuit => parseQasm(`OPENQASM 3.0;\ninclude "stdgates.inc";\n${body}`, { file: 't.qasm' });
const strip = (insts: readonly Instruction[]): unknown[] => insts.map((i) => ({ ...i }));

describe('bench circuits', () => {
  const files = ['nam_ccz', 'nam_clifford_t', 'nam_rz'].flatMap((d) => readdirSync(`${BENCH}/${d}`).filter((f) => f.endsWith('.qasm')).map((f) => `${d}/${f}`));
  it(`all ${files.length} files read, one instruction per gate line`, () => {
    expect(files.length).toBe(100);
    for (const f of files) {
      const text = readFileSync(`${BENCH}/${f}`, 'utf8');
      const c = parseQasm(text, { file: f });
      const gateLines = text.split('\n').filter((l) => /^\s*[a-z]+(\(.*\))?\s+q/.test(l) && !/^\s*qreg/.test(l)).length;
      expect(c.instructions.length, f).toBe(gateLines);
      expect(c.numQubits, f).toBe(Number(/qreg\s+\w+\[(\d+)\]/.exec(text)![1]));
    }
  });
  it('reads ccz as the library gate and rz(pi*-0.25) exactly', () => {
    const c = parseQasm('OPENQASM 2.0;\ninclude "qelib1.inc";\nqreg q[3];\nccz q[0], q[1], q[2];\nrz(pi*-0.250000) q[1];\n');
    expect(strip(c.instructions)).toEqual([
      { gate: 'ccz', qubits: [0, 1, 2], params: [] },
      { gate: 'rz', qubits: [1], params: [-Math.PI / 4] },
    ]);
  });
});

describe('language features', () => {
  it('declarations, physical qubits, constants and expressions', () => {
    const c = q3(`const int n = 2; const float th = tau / 8 + euler - euler;
      qubit[n] a; qubit b; bit[2] c; bit d;
      rx(π/2) a[0]; ry(-th) b; rz(2**-1 * sin(pi/2)) a[1]; p(ln(exp(1.5)) + sqrt(4) - arctan(1)*4/π) a[-1];
      U(1e-3, .5, 3.) b; cx a[0], b; c[1] = measure b; d = measure a[0];`);
    expect(c.numQubits).toBe(3);
    expect(c.numClbits).toBe(3);
    expect(c.qregs).toEqual([{ name: 'a', start: 0, size: 2 }, { name: 'b', start: 2, size: 1 }]);
    expect(strip(c.instructions)).toEqual([
      { gate: 'rx', qubits: [0], params: [Math.PI / 2] },
      { gate: 'ry', qubits: [2], params: [-(2 * Math.PI / 8 + Math.E - Math.E)] },
      { gate: 'rz', qubits: [1], params: [0.5] },
      { gate: 'p', qubits: [1], params: [Math.log(Math.exp(1.5)) + 2 - (Math.atan(1) * 4) / Math.PI] },
      { gate: 'U', qubits: [2], params: [1e-3, 0.5, 3] },
      { gate: 'cx', qubits: [0, 2], params: [] },
      { gate: 'measure', qubits: [2], params: [], clbits: [1] },
      { gate: 'measure', qubits: [0], params: [], clbits: [2] },
    ]);
    const phys = parseQasm('OPENQASM 3;\ninclude "stdgates.inc";\nbit[2] c;\nh $3;\ncx $3, $0;\nc[0] = measure $3;\n');
    expect(phys.numQubits).toBe(4);
    expect(phys.metadata).toEqual({ physicalQubits: true });
    expect(phys.instructions.map((i) => i.qubits)).toEqual([[3], [3, 0], [3]]);
  });

  it('broadcasting, slices, loops over ranges and sets, barrier, reset, all three measure forms', () => {
    const c = q3(`qubit[4] q; bit[4] c;
      h q; cx q[0], q[1:3]; cz q[0:1], q[2:3]; for int i in [0:2:3] { x q[i]; } for i in {3, 1} { y q[i]; }
      for uint i in [1:0] { z q[i]; } barrier q[0], q[2]; barrier; reset q[3];
      measure q[0] -> c[0]; c[1:2] = measure q[{1, 2}]; bit[4] e = measure q;`);
    const g = c.instructions.map((i) => `${i.gate}${i.qubits.join('')}${i.clbits ? `>${i.clbits.join('')}` : ''}`);
    expect(g).toEqual([
      'h0', 'h1', 'h2', 'h3', 'cx01', 'cx02', 'cx03', 'cz02', 'cz13', 'x0', 'x2', 'y3', 'y1', 'barrier02', 'barrier0123',
      'reset3', 'measure0>0', 'measure1>1', 'measure2>2', 'measure0>4', 'measure1>5', 'measure2>6', 'measure3>7',
    ]);
  });

  it('conditions: if (c[0]), if (!c[0]), if (c == 3), else, blocks, OpenQASM 2 if(c==1)', () => {
    const c = q3(`qubit[2] q; bit[2] c; c = measure q;
      if (c[0]) x q[0]; if (!c[1]) { h q[0]; z q[1]; } if (c == 2) y q[1]; if (c[1] == 0) s q[0]; else t q[0];`);
    expect(c.instructions.slice(2).map((i) => [i.gate, i.condition])).toEqual([
      ['x', { clbits: [0], value: 1 }], ['h', { clbits: [1], value: 0 }], ['z', { clbits: [1], value: 0 }],
      ['y', { clbits: [0, 1], value: 2 }], ['s', { clbits: [1], value: 0 }], ['t', { clbits: [1], value: 1 }],
    ]);
    const c2 = parseQasm('OPENQASM 2.0;\ninclude "qelib1.inc";\nqreg q[1];\ncreg m[3];\nif(m==5) x q[0];\n');
    expect(c2.instructions[0]!.condition).toEqual({ clbits: [0, 1, 2], value: 5 });
  });

  it('nested parameterised gate definitions flatten to the same unitary as the hand-built circuit', () => {
    const c = q3(`qubit[3] q;
      gate rot(a, b) x { rz(a) x; ry(b / 2) x; }
      gate pair(t) x, y { rot(t, 2 * t) x; cx x, y; rot(-t, t) y; }
      gate trio(t) x, y, z { pair(t) x, y; pair(t + pi) y, z; gphase(t); }
      trio(0.3) q[0], q[1], q[2]; /* block
      comment */ // line comment
      pair(1.1) q[2], q[0];`);
    const b = new CircuitBuilder(3);
    const pair = (t: number, x: number, y: number): void => {
      b.rz(t, x).ry(t, x).cx(x, y).rz(-t, y).ry(t / 2, y);
    };
    pair(0.3, 0, 1);
    pair(0.3 + Math.PI, 1, 2);
    b.gphase(0.3);
    pair(1.1, 2, 0);
    expect(strip(c.instructions)).toEqual(strip(b.build().instructions));
  });

  it('qelib1 extras map to library gates with the right matrices', () => {
    const c = parseQasm(`OPENQASM 2.0; include "qelib1.inc"; qreg q[5];
      cu3(0.1, 0.2, 0.3) q[0], q[1]; cu1(0.4) q[1], q[2]; c3x q[0], q[1], q[2], q[3]; c4x q[0], q[1], q[2], q[3], q[4];
      u0(1) q[0]; CX q[0], q[1]; u(0.1, 0.2, 0.3) q[2]; cphase(0.5) q[0], q[3];`);
    expect(strip(c.instructions)).toEqual([
      { gate: 'cu', qubits: [0, 1], params: [0.1, 0.2, 0.3, 0] }, { gate: 'cp', qubits: [1, 2], params: [0.4] },
      { gate: 'mcx', qubits: [0, 1, 2, 3], params: [] }, { gate: 'mcx', qubits: [0, 1, 2, 3, 4], params: [] },
      { gate: 'id', qubits: [0], params: [] }, { gate: 'cx', qubits: [0, 1], params: [] },
      { gate: 'U', qubits: [2], params: [0.1, 0.2, 0.3] }, { gate: 'cp', qubits: [0, 3], params: [0.5] },
    ]);
    // rccx and rc3x are read through their qelib1 bodies: Toffoli / C³X up to a diagonal of phases.
    for (const [name, n] of [['rccx', 3], ['rc3x', 4]] as const) {
      const qs = Array.from({ length: n }, (_, i) => `q[${i}]`).join(', ');
      const u = circuitUnitary(parseQasm(`OPENQASM 2.0; include "qelib1.inc"; qreg q[${n}]; ${name} ${qs};`));
      const d = u.mul(controlledMatrix(gateMatrix('x', []), n - 1).adjoint());
      for (let i = 0; i < d.rows; i++) {
        for (let j = 0; j < d.cols; j++) expect(Math.hypot(d.re[i * d.cols + j]!, d.im[i * d.cols + j]!)).toBeCloseTo(i === j ? 1 : 0, 12);
      }
    }
    const sx = gateMatrix('sx', []);
    expectSameUnitary(parseQasm('OPENQASM 2.0; include "qelib1.inc"; qreg q[2]; csx q[0], q[1];'), controlledMatrix(sx, 1));
    expectSameUnitary(parseQasm('OPENQASM 2.0; include "qelib1.inc"; qreg q[4]; c3sqrtx q[0], q[1], q[2], q[3];'), controlledMatrix(sx, 3));
  });

  it('a definition named like a library gate is read as that gate when its matrix matches, else as its body', () => {
    const lib = q3('gate ccz a, b, c { h c; ccx a, b, c; h c; }\nqubit[3] q; ccz q[0], q[1], q[2];');
    expect(lib.instructions.map((i) => i.gate)).toEqual(['ccz']);
    const own = q3('gate h a { x a; }\nqubit q; h q;');
    expect(own.instructions.map((i) => i.gate)).toEqual(['x']);
    const mcx = q3('gate mcx_3 a, b, c, d { ctrl(3) @ x a, b, c, d; }\nqubit[4] q; mcx_3 q[3], q[2], q[1], q[0];');
    expect(strip(mcx.instructions)).toEqual([{ gate: 'mcx', qubits: [3, 2, 1, 0], params: [] }]);
  });
});

describe('diagnostics: one FILE:LINE:COL line', () => {
  const cases: [string, string, string][] = [
    ['unknown gate', 'qubit q;\nfoo q;', "t.qasm:4:1: unknown gate 'foo' (define it with 'gate foo … { … }')"],
    ['wrong qubit count', 'qubit[2] q;\ncx q[0];', "t.qasm:4:1: gate 'cx' takes 2 qubit(s), got 1"],
    ['wrong parameter count', 'qubit q;\nrz q;', "t.qasm:4:1: gate 'rz' takes 1 parameter(s), got 0"],
    ['undeclared register', 'h r[0];', "t.qasm:3:3: undeclared qubit register 'r'"],
    ['index out of range', 'qubit[2] q;\nx q[5];', "t.qasm:4:5: index 5 is out of range for 'q' (size 2)"],
    ['repeated qubit', 'qubit[2] q;\ncx q[1], q[1];', 't.qasm:4:1: qubit 1 is used twice in one gate call'],
    ['syntax', 'qubit[2] q;\nh q[0]\nx q[1];', "t.qasm:5:1: expected ',' or ';' after a gate operand, found 'x'"],
    ['unsupported', 'qubit q;\nwhile (true) { x q; }', "t.qasm:4:1: 'while' is not supported (qntk reads static circuits: gates, measure, reset, barrier, if, for, const, input float/angle)"],
    ['bad include', 'include "mine.inc";', "t.qasm:3:9: cannot include 'mine.inc': only stdgates.inc and qelib1.inc are built in; paste the file's gate definitions instead"],
    ['register size mismatch', 'qubit[2] a; qubit[3] b;\ncx a, b;', 't.qasm:4:7: registers of different sizes (2 and 3) in one gate call'],
    ['undeclared identifier', 'qubit q;\nrx(theta) q;', "t.qasm:4:4: undeclared identifier 'theta'"],
    ['error inside a definition', 'gate g a { cx a; }', "t.qasm:3:12: gate 'cx' takes 2 qubit(s), got 1"],
    ['non-finite pow', 'qubit q;\npow(1/0) @ x q;', 't.qasm:4:5: pow(k) needs a finite exponent, got Infinity'],
    ['measure without target', 'qubit q;\nmeasure q;', "t.qasm:4:10: measure needs a target: write 'measure q -> c;' or 'c = measure q;'"],
    ['unterminated comment', 'qubit q; /* open', 't.qasm:3:10: unterminated block comment'],
    ['mixing $k and registers', 'qubit q;\nx $1;', 't.qasm:4:3: cannot use physical qubits ($k) in a program that declares qubit registers'],
    ['huge register', 'qubit[100000000] q;', "t.qasm:3:1: register 'q' of 100,000,000 qubits takes the program past the reader's limit of 1,048,576 qubits"],
    ['huge loop', 'qubit q;\nfor int i in [0:100000000] { x q; }', 't.qasm:4:1: this loop runs 100,000,001 times, more than the 67,108,864 steps of flattening work allowed; reduce its range'],
    ['nested if', 'qubit q; bit c;\nif (c) if (c) x q;', "t.qasm:4:8: nested 'if' is not supported"],
    ['control on a target qubit', 'qubit[2] q;\ngate g a { x a; }\nctrl @ g q[0], q[1]; ctrl @ rx(1) q[1], q[1];', 't.qasm:5:29: qubit 1 is used twice in one gate call'],
  ];
  it.each(cases)('%s', (_name, body, message) => {
    let err: unknown;
    try {
      q3(body);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ParseError);
    expect((err as Error).message).toBe(message);
    expect((err as Error).message).not.toContain('\n');
  });
});
