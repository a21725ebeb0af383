/** The reader's budgets, scopes and expansion cache, with small budgets so that every limit is reached quickly. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ParseError, ValidationError } from '../../../compiler/errors.js';
import { parseQasm, readQasmFile } from '../../../compiler/qasm/index.js';
import { READER_BUDGETS, resolveBudgets, type ReaderBudgets } from '../../../compiler/qasm/budgets.js';

const HEAD = 'OPENQASM 3.0;\ninclude "stdgates.inc";\nqubit[2] q;\n';
const read = (body: string, budgets?: Partial<ReaderBudgets>) => parseQasm(`${HEAD}${body}`, { file: 't.qasm', ...(budgets ? { budgets } : {}) });
const chain = (depth: number): string => {
  let s = 'gate g0 a { }\n';
  for (let i = 1; i <= depth; i++) s += `gate g${i} a { g${i - 1} a; g${i - 1} a; }\n`;
  return `${s}g${depth} q[0];\n`;
};

describe('work budget', () => {
  it.each([
    ['a chain of definitions that emits nothing', 1_000, 10_000, chain(10)],
    ['an empty loop body', 1_000, 3_000, 'for int i in [0:999] { }\n'],
    ['loop iterations', 1_000, 3_000, 'for int i in [0:499] { x q[0]; }\n'],
    ['cached calls of a defined gate (each charged its body)', 1_000, 3_000, `gate g a { x a; x a; x a; }\n${'g q[0];\n'.repeat(200)}`],
    ['barrier operands', 1_000, 2_000, 'qubit[600] r;\nbarrier r;\nbarrier r;\n'],
  ])('%s: over the budget at %i steps, within it at %i', (_name, low, high, body) => {
    expect(() => read(body, { maxWork: low })).toThrow(/flattening needs more than|this loop runs/);
    expect(() => read(body, { maxWork: high })).not.toThrow();
  });

  it('stops a loop whose iterations alone exceed the budget at its header', () => {
    expect(() => read('x q[0];\nfor int i in [0:5000] { x q[0]; }\n', { maxWork: 1_000 }))
      .toThrow('t.qasm:5:1: this loop runs 5,001 times, more than the 1,000 steps of flattening work allowed; reduce its range');
  });

  it('bounds the flattened instructions separately', () => {
    expect(() => read('for int i in [0:99] { x q[0]; }\n', { maxInstructions: 50 })).toThrow(/^t\.qasm:4:\d+: the flattened program exceeds 50 instructions/);
    expect(read('for int i in [0:99] { x q[0]; }\n', { maxInstructions: 100 }).instructions).toHaveLength(100);
  });
});

describe('size budgets', () => {
  it('bounds qubits and bits in total and physical qubit indices', () => {
    expect(() => read('qubit[10] a;\nqubit[10] b;\n', { maxQubits: 15 })).toThrow("t.qasm:5:1: register 'b' of 10 qubits takes the program past the reader's limit of 15 qubits");
    expect(() => parseQasm('OPENQASM 3.0;\nx $15;\n', { file: 't.qasm', budgets: { maxQubits: 15 } })).toThrow("t.qasm:2:3: physical qubit $15 is beyond the reader's limit of 15 qubits");
    expect(parseQasm('OPENQASM 3.0;\nx $14;\n', { budgets: { maxQubits: 15 } }).numQubits).toBe(15);
  });

  it('refuses a file over maxFileBytes before reading it, and binary files', () => {
    const dir = mkdtempSync(join(tmpdir(), 'qntk-budget-'));
    const f = join(dir, 'p.qasm');
    writeFileSync(f, `${HEAD}x q[0];\n`);
    expect(() => readQasmFile(f, { budgets: { maxFileBytes: 20 } })).toThrow(`${f}: the file has 58 bytes, more than the 20 bytes allowed; give a smaller file`);
    expect(readQasmFile(f).instructions).toHaveLength(1);
    const bin = join(dir, 'b.qasm');
    writeFileSync(bin, Buffer.from([79, 80, 0, 1]));
    expect(() => readQasmFile(bin)).toThrow(ValidationError);
  });

  it('checks budget overrides', () => {
    expect(resolveBudgets(undefined)).toBe(READER_BUDGETS);
    expect(() => resolveBudgets({ maxWork: 0 })).toThrow('reader budget maxWork must be a positive integer, got 0');
  });
});

describe('scopes and cached expansions', () => {
  it('a gate body sees its parameters and global constants, not the caller\'s loop variables', () => {
    const c = read('const float a = 1;\ngate g b { rz(a) b; }\nfor float a in {2, 3} { g q[0]; rx(a) q[1]; }\n');
    expect(c.instructions.map((i) => [i.gate, ...i.params])).toEqual([['rz', 1], ['rx', 2], ['rz', 1], ['rx', 3]]);
  });

  it('a cached expansion is mapped onto each call\'s qubits, parameters and condition', () => {
    const c = read('bit c;\ngate g(t) a, b { cx a, b; rz(t) b; }\ng(0.5) q[0], q[1];\ng(0.5) q[1], q[0];\nif (c) g(0.25) q[0], q[1];\nif (c) g(0.5) q[1], q[0];\n');
    expect(c.instructions.map((i) => ({ gate: i.gate, qubits: i.qubits, params: i.params, cond: i.condition?.value }))).toEqual([
      { gate: 'cx', qubits: [0, 1], params: [], cond: undefined }, { gate: 'rz', qubits: [1], params: [0.5], cond: undefined },
      { gate: 'cx', qubits: [1, 0], params: [], cond: undefined }, { gate: 'rz', qubits: [0], params: [0.5], cond: undefined },
      { gate: 'cx', qubits: [0, 1], params: [], cond: 1 }, { gate: 'rz', qubits: [1], params: [0.25], cond: 1 },
      { gate: 'cx', qubits: [1, 0], params: [], cond: 1 }, { gate: 'rz', qubits: [0], params: [0.5], cond: 1 },
    ]);
  });

  it('expands a 200-deep chain of definitions; nesting past 256 is one line', () => {
    expect(() => read('gate g a { cx a; }\n')).toThrow(ParseError);
    const deep = (n: number): string => {
      let s = 'gate g0(t) a { rx(t) a; }\n';
      for (let i = 1; i <= n; i++) s += `gate g${i}(t) a { g${i - 1}(t + 1) a; }\n`;
      return `${s}g${n}(0.5) q[0];\n`;
    };
    expect(read(deep(200)).instructions).toEqual([{ gate: 'rx', qubits: [0], params: [200.5] }]);
    expect(() => read(deep(300))).toThrow(/gate calls nested more than 256 deep/);
  });
});
