import { describe, expect, it } from 'vitest';
import { bindParameters, coerceParameterValue, usedParameters, type Circuit } from '../../../compiler/circuit/index.js';
import { ParseError, ValidationError } from '../../../compiler/errors.js';
import { parseQasm, printQasm } from '../../../compiler/qasm/index.js';
import { checkEquivalence } from '../../../passes/primitives/equivalence.js';
import { randomSymbolicCircuit, valueSets } from '../../helpers/symbolic.js';

const HEAD = 'OPENQASM 3.0;\ninclude "stdgates.inc";\n';
const read = (body: string): Circuit => parseQasm(`${HEAD}${body}`, { file: 't.qasm' });
const readError = (body: string): string => {
  try {
    read(body);
  } catch (err) {
    expect(err).toBeInstanceOf(ParseError);
    expect((err as Error).message).not.toContain('\n');
    return (err as Error).message;
  }
  throw new Error('expected a ParseError');
};

describe('reading input parameters', () => {
  it('declares float and angle inputs of any width and keeps every use symbolic', () => {
    const c = read('input float[64] theta;\ninput angle[7] phi;\ninput angle a;\ninput float f;\nqubit[2] q;\nrx(theta) q[0];\ncrz(phi - theta/2) q[0], q[1];\nU(a, f, 0.5) q[1];\n');
    expect(c.parameters).toEqual([
      { name: 'theta', type: 'float', width: 64 }, { name: 'phi', type: 'angle', width: 7 }, { name: 'a', type: 'angle' }, { name: 'f', type: 'float' },
    ]);
    expect(c.instructions.every((i) => i.exprs !== undefined)).toBe(true);
    expect([...usedParameters(c)].sort()).toEqual(['a', 'f', 'phi', 'theta']);
  });

  it('passes inputs through gate definitions, modifiers and non-const variables', () => {
    const c = read('input float[64] t;\nfloat half = t / 2;\ngate g(x) a, b { rz(x) a; cx a, b; ry(-x) b; }\nqubit[3] q;\ng(half) q[0], q[1];\ninv @ g(t) q[1], q[2];\nctrl @ rx(t) q[0], q[2];\npow(2) @ rz(t) q[1];\n');
    for (const v of [0.3, -2.1, 5]) {
      const ref = read(`gate g(x) a, b { rz(x) a; cx a, b; ry(-x) b; }\nqubit[3] q;\ng(${v / 2}) q[0], q[1];\ninv @ g(${v}) q[1], q[2];\nctrl @ rx(${v}) q[0], q[2];\nrz(${v}) q[1];\nrz(${v}) q[1];\n`);
      expect(checkEquivalence(ref, bindParameters(c, { t: v })).distance).toBeLessThan(1e-10);
    }
  });

  it.each([
    ['input int[8] n;\n', "t.qasm:3:7: expected 'float' or 'angle' after input (qntk takes float and angle inputs as gate parameters), found 'int'"],
    ['input float[16] h;\n', 't.qasm:3:13: float[16] inputs are not supported; use float[64] (or float[32])'],
    ['input float x = 1;\n', 't.qasm:3:15: an input takes its value when the program runs; it cannot be initialised'],
    ['input float t;\nconst float c = 2*t;\n', "t.qasm:4:17: constant 'c' cannot depend on input parameters; declare it without 'const'"],
    ['input float t;\nqubit[2] q;\nx q[t];\n', "t.qasm:5:5: an index must be a constant, but it depends on input parameter 't'"],
    ['input float t;\ngate g a { rz(t) a; }\n', "t.qasm:4:15: gate bodies cannot use input parameter 't'; pass it to the gate as a parameter"],
    ['input float t;\nqubit q;\npow(0.5) @ rz(t) q;\n', 't.qasm:5:12: pow(0.5) @ a gate with input parameters: only integer powers are supported (bind the inputs for others)'],
    ['input float t;\nqubit q;\nrz(t % 2) q;\n', "t.qasm:5:6: '%' of an input parameter is not supported"],
    ['input float t;\ninput angle t;\n', "t.qasm:4:13: 't' is already declared as an input"],
  ])('refuses %j in one line', (body, message) => {
    expect(readError(body)).toBe(message);
  });

  it('round trip: print → parse gives the same instructions, expressions and inputs', () => {
    for (let seed = 1; seed <= 6; seed++) {
      const c = randomSymbolicCircuit(4, 40, seed);
      const text = printQasm(c);
      expect(text).toContain('input float[64] theta;');
      expect(text).toContain('input angle[20] gamma;');
      const back = parseQasm(text);
      expect(back.parameters).toEqual(c.parameters);
      expect(back.instructions.length).toBe(c.instructions.length);
      back.instructions.forEach((b, k) => {
        const a = c.instructions[k]!;
        expect([b.gate, b.qubits], `seed ${seed} #${k}`).toEqual([a.gate, a.qubits]);
        expect(b.exprs?.map((e) => e.key), `seed ${seed} #${k}`).toEqual(a.exprs?.map((e) => e.key));
        if (a.exprs === undefined) expect(b.params).toEqual(a.params);
      });
      expect(printQasm(back)).toBe(text);
    }
  });

  it('OpenQASM 2 has no inputs: writing a symbolic circuit as version 2 is refused', () => {
    expect(() => printQasm(randomSymbolicCircuit(2, 5, 1), { version: 2 })).toThrow(/OpenQASM 2 has no input parameters; bind theta, phi, gamma/);
  });
});

describe('binding values', () => {
  const c = read('input float[64] theta;\ninput angle[3] phi;\ninput float[32] s;\nqubit[2] q;\nrx(theta) q[0];\nrz(phi) q[1];\nry(sqrt(theta) + s) q[0];\n');

  it('gives a numeric circuit, each value converted to its input type first', () => {
    const b = bindParameters(c, { theta: 2, phi: 1, s: 0.1 });
    expect(b.parameters).toBeUndefined();
    expect(b.instructions.some((i) => i.exprs !== undefined)).toBe(false);
    // angle[3]: multiples of 2π/8; 1 rad rounds to π/4. float[32]: single precision.
    expect(b.instructions[1]!.params[0]).toBe(Math.PI / 4);
    expect(b.instructions[2]!.params[0]).toBe(Math.sqrt(2) + Math.fround(0.1));
    expect(coerceParameterValue({ name: 'a', type: 'angle' }, -Math.PI / 2)).toBeCloseTo(1.5 * Math.PI, 15);
    expect(coerceParameterValue({ name: 'a', type: 'angle', width: 3 }, 2 * Math.PI - 0.1)).toBe(0);
  });

  it('binds some inputs and keeps the rest symbolic', () => {
    const b = bindParameters(c, { phi: 1 }, { partial: true });
    expect(b.parameters?.map((p) => p.name)).toEqual(['theta', 's']);
    expect(b.instructions[1]!.exprs).toBeUndefined();
    expect(b.instructions[0]!.exprs).toBeDefined();
  });

  it.each([
    [{ theta: 1, phi: 1, s: 0, bogus: 2 }, "parameter 'bogus' is not an input of the program (its inputs are theta, phi, s)"],
    [{ theta: 1 }, 'input parameters phi, s have no value; give a value to every input (theta, phi, s)'],
    [{ theta: -1, phi: 0, s: 0 }, "binding s = 0, theta = -1 gives parameter 0 of 'ry' (instruction 2) the value NaN: 's + sqrt(theta)' is undefined there; choose values inside its domain"],
    [{ theta: Infinity, phi: 0, s: 0 }, "input parameter 'theta': value Infinity is not a finite number"],
  ])('refuses %j in one line', (values, message) => {
    expect(() => bindParameters(c, values)).toThrow(ValidationError);
    expect(() => bindParameters(c, values)).toThrow(message);
  });

  it('bound circuits of random symbolic circuits are valid numeric circuits for every value set', () => {
    const r = randomSymbolicCircuit(3, 30, 12);
    for (const v of valueSets(3, 2)) {
      const b = bindParameters(r, v);
      expect(b.instructions.every((i) => i.exprs === undefined && i.params.every(Number.isFinite))).toBe(true);
    }
  });
});
