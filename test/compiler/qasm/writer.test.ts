import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CircuitBuilder, controlledMatrix, gateMatrix, gateNames, gateSpec, type Circuit, type Instruction } from '../../../compiler/circuit/index.js';
import { ValidationError } from '../../../compiler/errors.js';
import { formatNumber, parseQasm, printQasm, QASM2_STANDARD, QASM3_STANDARD, type QasmWriteOptions } from '../../../compiler/qasm/index.js';
import { expectSameUnitary, rng } from '../../helpers/quantum.js';
import { BENCH_CIRCUITS } from '../../helpers/fixtures.js';

/** Same gates, qubits, clbits and conditions, parameters within 1e-12 (one expect: bench circuits are large). */
function expectSameInstructions(a: Circuit, b: Circuit): void {
  expect(b.instructions.length).toBe(a.instructions.length);
  const key = (i: Instruction): string => JSON.stringify([i.gate, i.qubits, i.clbits, i.condition]);
  let mismatch = '';
  for (let k = 0; k < a.instructions.length && mismatch === ''; k++) {
    const x = a.instructions[k]!, y = b.instructions[k]!;
    if (key(x) !== key(y) || x.params.length !== y.params.length || x.params.some((p, i) => !(Math.abs(y.params[i]! - p) <= 1e-12))) {
      mismatch = `instruction ${k}: ${key(x)} ${JSON.stringify(x.params)} came back as ${key(y)} ${JSON.stringify(y.params)}`;
    }
  }
  expect(mismatch).toBe('');
}

/** Every library gate on shuffled qubits of a 6-qubit register, with random parameters, some conditioned. */
function everyGate(seed: number, withGphase: boolean, conditions: boolean): Circuit {
  const r = rng(seed);
  const b = new CircuitBuilder(0, 0);
  b.addQreg('a', 2);
  b.addQreg('b', 4);
  b.addCreg('m', 2);
  b.addCreg('flag', 1);
  for (const g of gateNames()) {
    if (g === 'gphase' && !withGphase) continue;
    const s = gateSpec(g)!;
    const n = s.variadic ? 5 : s.qubits;
    const qs = [0, 1, 2, 3, 4, 5].sort(() => r() - 0.5).slice(0, n);
    const params = Array.from({ length: s.params }, () => (r() - 0.5) * 20);
    b.gate(g, qs, params);
  }
  b.measure(3, 0).measure(1, 1).measure(2, 2).reset(4).barrier([0, 5]);
  if (conditions) {
    b.add({ gate: 'rx', qubits: [2], params: [0.25], condition: { clbits: [0, 1], value: 2 } });
    b.add({ gate: 'x', qubits: [0], params: [], condition: { clbits: [2], value: 1 } });
  }
  b.add({ gate: 'h', qubits: [1], params: [], condition: { clbits: [2], value: 0 } });
  return b.build();
}

describe('round trip: read(write(c)) has the instructions of c', () => {
  const variants: [string, QasmWriteOptions, boolean][] = [
    ['OpenQASM 3', {}, true], ['OpenQASM 3 without modifiers', { modifiers: false }, true], ['OpenQASM 2', { version: 2 }, false],
    ['Braket (no include)', { dialect: 'braket' }, true],
  ];
  it.each(variants)('every library gate, %s', (_name, options, v3) => {
    for (const seed of [1, 2, 3]) {
      const c = everyGate(seed, v3, v3);
      const back = parseQasm(printQasm(c, options));
      expectSameInstructions(c, back);
      expect(back.qregs).toEqual(c.qregs);
      expect(back.cregs).toEqual(c.cregs);
    }
  });
  it('every bench circuit, OpenQASM 3 and 2', () => {
    const dir = BENCH_CIRCUITS;
    for (const d of ['nam_ccz', 'nam_clifford_t', 'nam_rz']) {
      for (const f of readdirSync(`${dir}/${d}`).filter((x) => x.endsWith('.qasm'))) {
        const c = parseQasm(readFileSync(`${dir}/${d}/${f}`, 'utf8'), { file: f });
        expectSameInstructions(c, parseQasm(printQasm(c)));
        expectSameInstructions(c, parseQasm(printQasm(c, { version: 2 })));
      }
    }
  });
  it('numbers print as text that reads back as the same double', () => {
    const r = rng(5);
    const xs = [Math.PI, -Math.PI / 2, (3 * Math.PI) / 4, Math.PI / 3, 1e-300, -2.5e17, 0.1, ...Array.from({ length: 200 }, () => (r() - 0.5) * 10 ** Math.floor(r() * 8 - 4))];
    for (const x of xs) {
      const c = parseQasm(`OPENQASM 3; qubit q; rz(${formatNumber(x)}) q;`);
      expect(c.instructions[0]!.params[0]).toBe(x);
    }
    expect([formatNumber(Math.PI / 2), formatNumber((-3 * Math.PI) / 4), formatNumber(0.5)]).toEqual(['pi/2', '-3*pi/4', '0.5']);
  });
});

describe('program text and dialects', () => {
  it('OpenQASM 3 and 2, exact text', () => {
    const c = new CircuitBuilder(2, 2).h(0).cx(0, 1).rz(-Math.PI / 4, 1).gate('rzz', [0, 1], [0.5]).measure(0, 0).measure(1, 1).build();
    expect(printQasm(c)).toBe([
      'OPENQASM 3.0;', 'include "stdgates.inc";', 'gate rzz(p0) q0, q1 {', '  cx q0, q1;', '  rz(p0) q1;', '  cx q0, q1;', '}',
      'qubit[2] q;', 'bit[2] c;', 'h q[0];', 'cx q[0], q[1];', 'rz(-pi/4) q[1];', 'rzz(0.5) q[0], q[1];', 'c[0] = measure q[0];', 'c[1] = measure q[1];', '',
    ].join('\n'));
    expect(printQasm(c, { version: 2 })).toBe([
      'OPENQASM 2.0;', 'include "qelib1.inc";', 'qreg q[2];', 'creg c[2];', 'h q[0];', 'cx q[0], q[1];', 'rz(-pi/4) q[1];', 'rzz(0.5) q[0], q[1];',
      'measure q[0] -> c[0];', 'measure q[1] -> c[1];', '',
    ].join('\n'));
  });
  it('IBM: physical qubits, c[i] = measure $k, no definitions, basis check', () => {
    const c = new CircuitBuilder(3, 1).gate('ecr', [2, 0]).rz(0.5, 1).measure(2, 0).build();
    expect(printQasm(c, { dialect: 'ibm' })).toBe(
      ['OPENQASM 3.0;', 'include "stdgates.inc";', 'bit[1] c;', 'ecr $2, $0;', 'rz(0.5) $1;', 'c[0] = measure $2;', ''].join('\n'));
    expect(() => printQasm(c, { dialect: 'ibm', basisGates: ['ecr', 'sx', 'x', 'rz'] })).not.toThrow();
    expect(() => printQasm(new CircuitBuilder(1).h(0).build(), { dialect: 'ibm', basisGates: ['ecr', 'sx', 'x', 'rz'] }))
      .toThrow(new ValidationError('gates h are not in the basis {ecr, sx, x, rz}; lower the circuit for the target first'));
    expect(parseQasm(printQasm(c, { dialect: 'ibm' })).instructions).toEqual(c.instructions);
  });
  it('Braket: no include line; OpenQASM 2 refuses single-bit conditions on wider registers', () => {
    expect(printQasm(new CircuitBuilder(1).x(0).build(), { dialect: 'braket' })).toBe('OPENQASM 3.0;\nqubit[1] q;\nx q[0];\n');
    const c = new CircuitBuilder(1, 2).add({ gate: 'x', qubits: [0], params: [], condition: { clbits: [1], value: 1 } }).build();
    expect(() => printQasm(c, { version: 2 })).toThrow(ValidationError);
  });
});

describe('emitted gate definitions are exact', () => {
  // Each non-standard gate's definition, renamed so that our reader uses the body, under a control.
  const nonStandard = gateNames().filter((g) => !QASM3_STANDARD.has(g) || !QASM2_STANDARD.has(g)).filter((g) => g !== 'gphase');
  it.each(nonStandard)('%s', (g) => {
    const s = gateSpec(g)!;
    const n = s.variadic ? 4 : s.qubits;
    const params = Array.from({ length: s.params }, (_, i) => -2.1 + 1.7 * i);
    const c = new CircuitBuilder(n).gate(g, Array.from({ length: n }, (_, i) => i), params).build();
    const u = gateMatrix(g, params, n);
    for (const options of [{ modifiers: false }, { version: 2 as const }]) {
      const text = printQasm(c, options);
      const names = [...text.matchAll(/^gate (\w+)/gm)].map((m) => m[1]!);
      if (names.length === 0) continue;
      let renamed = text;
      for (const name of names) renamed = renamed.replace(new RegExp(`\\b${name}\\b`, 'g'), `${name}_body`);
      if (options.version === 2) {
        expectSameUnitary(parseQasm(renamed), u); // OpenQASM 2 has no gphase: equal up to global phase
        continue;
      }
      // The gate is defined after the definitions it uses; check it under a control, where phases show.
      const defs = renamed.slice(renamed.indexOf('gate '), renamed.lastIndexOf('}\n') + 2);
      const ps = params.length > 0 ? `(${params.join(', ')})` : '';
      const qs = Array.from({ length: n + 1 }, (_, i) => `q[${i}]`).join(', ');
      const program = `OPENQASM 3.0;\ninclude "stdgates.inc";\n${defs}qubit[${n + 1}] q;\nctrl @ ${names[names.length - 1]}_body${ps} ${qs};\n`;
      expectSameUnitary(parseQasm(program), controlledMatrix(u, 1));
    }
  });
});

it('wrapAngles prints every parameter in [0, 2π) and keeps the unitary exactly (also under control)', () => {
  const c = everyGate(9, true, false);
  const unitary = new CircuitBuilder(0);
  unitary.addQreg('a', 2);
  unitary.addQreg('b', 4);
  for (const i of c.instructions) if (!['measure', 'reset', 'barrier'].includes(i.gate) && !i.condition) unitary.add(i);
  const u = unitary.build();
  const back = parseQasm(printQasm(u, { wrapAngles: true }));
  for (const i of back.instructions) for (const p of i.params) expect(p >= 0 && p < 2 * Math.PI, `${i.gate}(${p})`).toBe(true);
  expectSameUnitary(back, u);
});
