/**
 * Circuit → OpenQASM AST, where the dialects differ: OpenQASM 3 or 2, physical `$k` qubits (IBM),
 * no include (Braket), gate definitions for gates outside stdgates.inc / qelib1.inc, and an
 * optional basis-gate check. printQasm = printProgram ∘ circuitToProgram.
 */
import type { Circuit, Instruction, Register } from '../circuit/circuit.js';
import { gateSpec } from '../circuit/gates.js';
import { ValidationError } from '../errors.js';
import type { BitRef, ConditionNode, GateCallNode, ParamExpr, Program, QubitRef, Statement } from './ast.js';
import { printProgram } from './printer.js';
import { symbolicDefinition, type AffineParam } from './writer-defs.js';

/** Writer options; `dialect` sets defaults that the other fields override. */
export interface QasmWriteOptions {
  /** OpenQASM version (default 3). */
  readonly version?: 2 | 3;
  /** 'ibm': physical qubits, no definitions (the circuit must already be in the device basis); 'braket': no include. */
  readonly dialect?: 'generic' | 'ibm' | 'braket';
  /** Address qubits as `$k` instead of declaring registers (OpenQASM 3 only). */
  readonly physicalQubits?: boolean;
  /** Emit `include "stdgates.inc"` / `"qelib1.inc"` (default true). */
  readonly include?: boolean;
  /** Emit `gate` definitions for gates outside the standard include (default true). */
  readonly definitions?: boolean;
  /** OpenQASM 3: write mcx/mcz/mcp as `ctrl(k) @ x|z|p` (default true); otherwise as defined gates mcx_K. */
  readonly modifiers?: boolean;
  /**
   * Print every gate parameter in [0, 2π), for readers that treat gate parameters as OpenQASM 3
   * `angle`s taken mod 2π (qsharp-lang does). Where that changes the gate (rotations are
   * 4π-periodic) the sign is restored exactly: z on the control of crx/cry/crz/cu, gphase(π)
   * otherwise. Off by default, so that read(write(c)) returns c's instructions unchanged.
   */
  readonly wrapAngles?: boolean;
  /** When given, every gate must be one of these (ValidationError listing the others). */
  readonly basisGates?: readonly string[];
  /**
   * Declare every input parameter as `float[64]` (IBM's Sampler binds plain numbers; an angle's
   * wrapping and rounding are applied to its values before they are sent). Default: the declared
   * types, except in the 'ibm' dialect.
   */
  readonly inputsAsFloat?: boolean;
}

/** Gates declared by stdgates.inc plus the OpenQASM 3 built-ins. */
export const QASM3_STANDARD: ReadonlySet<string> = new Set([
  'p', 'x', 'y', 'z', 'h', 's', 'sdg', 't', 'tdg', 'sx', 'rx', 'ry', 'rz', 'cx', 'cy', 'cz', 'cp', 'crx', 'cry', 'crz', 'ch',
  'swap', 'ccx', 'cswap', 'cu', 'id', 'u1', 'u2', 'u3', 'U', 'gphase',
]);
/** Library gates declared by qelib1.inc (the Qiskit edition every current reader ships) plus U. */
export const QASM2_STANDARD: ReadonlySet<string> = new Set([
  'u3', 'u2', 'u1', 'cx', 'id', 'x', 'y', 'z', 'h', 's', 'sdg', 't', 'tdg', 'rx', 'ry', 'rz', 'sx', 'sxdg', 'cz', 'cy', 'swap',
  'ch', 'ccx', 'cswap', 'crx', 'cry', 'crz', 'cp', 'cu', 'rxx', 'rzz', 'p', 'U',
]);

interface Resolved {
  readonly version: 2 | 3;
  readonly physical: boolean;
  readonly include: boolean;
  readonly definitions: boolean;
  readonly modifiers: boolean;
  readonly standard: ReadonlySet<string>;
  readonly wrapAngles: boolean;
  readonly inputsAsFloat: boolean;
}

/** Gates whose matrix changes sign when this parameter moves by 2π (controlled ones: a relative phase). */
const SIGN_PERIOD: Readonly<Record<string, number>> = {
  rx: 0, ry: 0, rz: 0, U: 0, u3: 0, rxx: 0, ryy: 0, rzz: 0, zz: 0, ms: 2, crx: 0, cry: 0, crz: 0, cu: 0,
};
const CONTROLLED_ROTATION = new Set(['crx', 'cry', 'crz', 'cu']);
const TWO_PI = 2 * Math.PI;

/** Parameters wrapped into [0, 2π) and whether the gate's sign flipped. */
function wrapParams(gate: string, params: readonly number[]): { params: number[]; flipped: boolean } {
  let flipped = false;
  const out = params.map((x, i) => {
    const w = ((x % TWO_PI) + TWO_PI) % TWO_PI;
    const turns = Math.round((x - w) / TWO_PI);
    if (SIGN_PERIOD[gate] === i && turns % 2 !== 0) flipped = true;
    return w;
  });
  return { params: out, flipped };
}

function resolve(o: QasmWriteOptions): Resolved {
  const version = o.version ?? 3;
  const ibm = o.dialect === 'ibm';
  const physical = o.physicalQubits ?? ibm;
  if (physical && version === 2) throw new ValidationError('physical qubits ($k) need OpenQASM 3; write OpenQASM 3 instead of 2');
  return {
    version, physical, include: o.include ?? o.dialect !== 'braket', definitions: o.definitions ?? !ibm,
    modifiers: version === 3 && (o.modifiers ?? true), standard: version === 3 ? QASM3_STANDARD : QASM2_STANDARD,
    wrapAngles: o.wrapAngles ?? false, inputsAsFloat: o.inputsAsFloat ?? ibm,
  };
}

const PARAM_NAMES = ['p0', 'p1', 'p2', 'p3'];

class Lowering {
  readonly defs = new Map<string, Statement>();
  constructor(readonly o: Resolved) {}

  /** The call node for gate `gate` on `qubits`, defining it first if needed; undefined to drop it. */
  call(gate: string, params: readonly ParamExpr[], qubits: readonly QubitRef[]): GateCallNode | undefined {
    const n = qubits.length;
    if (gate === 'gphase' && this.o.version === 2) return undefined; // OpenQASM 2 has no global phase.
    const node = (name: string, mods: number, ps: readonly ParamExpr[] = params): GateCallNode =>
      ({ kind: 'gateCall', name, modifiers: mods > 0 ? [{ kind: 'ctrl', count: mods }] : NO_MODIFIERS, params: ps, qubits });
    if (gate === 'mcx' || gate === 'mcz' || gate === 'mcp') {
      if (this.o.modifiers) return node(gate === 'mcx' ? 'x' : gate === 'mcz' ? 'z' : 'p', n - 1);
      if (this.o.version === 2 && gate === 'mcx' && (n === 4 || n === 5)) return node(n === 4 ? 'c3x' : 'c4x', 0);
      const name = `${gate}_${n - 1}`;
      if (this.o.definitions) this.define(gate, name, n);
      return node(name, 0);
    }
    if (!this.o.standard.has(gate) && this.o.definitions) this.define(gate, gate, n);
    return node(gate, 0);
  }

  /** Add `gate name(p0, …) q0, … { … }` (after the definitions its body needs). */
  private define(gate: string, name: string, n: number): void {
    if (this.defs.has(name)) return;
    const spec = gateSpec(gate);
    if (spec === undefined) throw new ValidationError(`cannot write unknown gate '${gate}'`);
    const body = symbolicDefinition(gate, spec.params, n);
    if (body === undefined) throw new ValidationError(`gate '${gate}' has no definition to write`);
    const paramNames = PARAM_NAMES.slice(0, spec.params);
    const qubitNames = Array.from({ length: n }, (_, i) => `q${i}`);
    const calls: GateCallNode[] = [];
    for (const b of body) {
      const ps = b.params.map((a: AffineParam): ParamExpr =>
        ({ kind: 'affine', constant: a.constant, terms: a.coefs.map((coef, i) => ({ coef, name: paramNames[i]! })) }));
      const c = this.call(b.gate, ps, b.qubits.map((q) => ({ kind: 'argument', name: qubitNames[q]! })));
      if (c !== undefined) calls.push(c);
    }
    this.defs.set(name, { kind: 'gateDef', name, params: paramNames, qubits: qubitNames, body: calls });
  }
}

/** Registers that tile 0..n−1 in order, or one register `fallback` over all of them. */
function tile(regs: readonly Register[], n: number, fallback: string): readonly Register[] {
  let next = 0;
  for (const r of regs) {
    if (r.start !== next) return n > 0 ? [{ name: fallback, start: 0, size: n }] : [];
    next += r.size;
  }
  if (next !== n) return n > 0 ? [{ name: fallback, start: 0, size: n }] : [];
  return regs;
}

function refTable(regs: readonly Register[], n: number): BitRef[] {
  const out: BitRef[] = new Array(n);
  for (const r of regs) for (let i = 0; i < r.size; i++) out[r.start + i] = { register: r.name, index: i };
  return out;
}

const NO_MODIFIERS: GateCallNode['modifiers'] = Object.freeze([]);
const NO_PARAMS: GateCallNode['params'] = Object.freeze([]);

/** Lower a circuit to an OpenQASM AST under the given dialect options. */
export function circuitToProgram(circuit: Circuit, options: QasmWriteOptions = {}): Program {
  const o = resolve(options);
  const inputs = circuit.parameters ?? [];
  if (o.version === 2 && (inputs.length > 0 || circuit.instructions.some((i) => i.exprs !== undefined))) {
    throw new ValidationError(`OpenQASM 2 has no input parameters; bind ${inputs.map((p) => p.name).join(', ') || 'them'} to numbers first, or write OpenQASM 3`);
  }
  if (options.basisGates !== undefined) checkBasis(circuit, options.basisGates);
  const low = new Lowering(o);
  const qregs = o.physical ? [] : tile(circuit.qregs, circuit.numQubits, 'q');
  const cregs = tile(circuit.cregs, circuit.numClbits, 'c');
  const qTable = refTable(qregs, circuit.numQubits);
  const cTable = refTable(cregs, circuit.numClbits);
  // One reference per qubit, shared by every node that names it (the AST is never mutated).
  const refs: QubitRef[] = Array.from({ length: circuit.numQubits }, (_, q) => (o.physical ? { kind: 'physical', index: q } : { kind: 'indexed', ...qTable[q]! }));
  const qref = (q: number): QubitRef => refs[q]!;
  const body: Statement[] = [];
  for (const inst of circuit.instructions) {
    const nodes = lowerInstruction(inst, low, qref, cTable);
    if (inst.condition === undefined) for (const s of nodes) body.push(s);
    else {
      const condition = lowerCondition(inst, cregs, cTable, o.version);
      for (const s of nodes) body.push({ kind: 'if', condition, body: s });
    }
  }
  const head: Statement[] = [];
  if (o.include) head.push({ kind: 'include', file: o.version === 3 ? 'stdgates.inc' : 'qelib1.inc' });
  for (const p of inputs) {
    head.push(o.inputsAsFloat ? { kind: 'inputDecl', name: p.name, type: 'float', width: 64 } : { kind: 'inputDecl', name: p.name, type: p.type, ...(p.width !== undefined ? { width: p.width } : {}) });
  }
  head.push(...low.defs.values());
  for (const r of qregs) head.push({ kind: 'qubitDecl', name: r.name, size: r.size });
  for (const r of cregs) head.push({ kind: 'bitDecl', name: r.name, size: r.size });
  return { version: o.version, statements: [...head, ...body] };
}

function lowerInstruction(inst: Instruction, low: Lowering, qref: (q: number) => QubitRef, cTable: readonly BitRef[]): Statement[] {
  switch (inst.gate) {
    case 'measure':
      return inst.qubits.map((q, i) => ({ kind: 'measure', qubit: qref(q), bit: cTable[inst.clbits![i]!]! }));
    case 'reset': return inst.qubits.map((q) => ({ kind: 'reset', qubit: qref(q) }));
    case 'barrier': return inst.qubits.length > 0 ? [{ kind: 'barrier', qubits: inst.qubits.map(qref) }] : [];
    case 'delay': throw new ValidationError("cannot write 'delay': timing is not supported");
    default: {
      const num = (value: number): ParamExpr => ({ kind: 'number', value });
      if (inst.exprs !== undefined) {
        // Expressions are written as they are: wrapping a symbolic angle needs its value.
        const ps = inst.exprs.map((e): ParamExpr => (e.isConstant() ? num(e.constant) : { kind: 'expression', expr: e }));
        const c = low.call(inst.gate, ps, inst.qubits.map(qref));
        return c === undefined ? [] : [c];
      }
      if (!low.o.wrapAngles) {
        const c = low.call(inst.gate, inst.params.length === 0 ? NO_PARAMS : inst.params.map(num), inst.qubits.map(qref));
        return c === undefined ? [] : [c];
      }
      const w = wrapParams(inst.gate, inst.params);
      const out = [low.call(inst.gate, w.params.map(num), inst.qubits.map(qref))];
      if (w.flipped) {
        out.push(CONTROLLED_ROTATION.has(inst.gate) ? low.call('z', [], [qref(inst.qubits[0]!)]) : low.call('gphase', [num(Math.PI)], []));
      }
      return out.filter((c): c is GateCallNode => c !== undefined);
    }
  }
}

function lowerCondition(inst: Instruction, cregs: readonly Register[], cTable: readonly BitRef[], version: 2 | 3): ConditionNode {
  const { clbits, value } = inst.condition!;
  const reg = cregs.find((r) => r.size === clbits.length && clbits.every((b, i) => b === r.start + i));
  if (clbits.length === 1 && !(version === 2 && reg !== undefined)) {
    if (version === 2) throw new ValidationError(`OpenQASM 2 can only condition on a whole register; '${inst.gate}' is conditioned on bit ${clbits[0]}; write OpenQASM 3 instead`);
    return { kind: 'bit', bit: cTable[clbits[0]!]!, value: value === 0 ? 0 : 1 };
  }
  if (reg === undefined) throw new ValidationError(`cannot write a condition on bits [${clbits.join(', ')}]: they are not one classical register`);
  return { kind: 'register', register: reg.name, value };
}

function checkBasis(circuit: Circuit, basis: readonly string[]): void {
  const allowed = new Set([...basis, 'measure', 'reset', 'barrier']);
  const bad = [...new Set(circuit.instructions.map((i) => i.gate).filter((g) => !allowed.has(g)))];
  if (bad.length > 0) throw new ValidationError(`gates ${bad.join(', ')} are not in the basis {${basis.join(', ')}}; lower the circuit for the target first`);
}

/** The circuit as OpenQASM text (version 3 unless options.version is 2). */
export function printQasm(circuit: Circuit, options: QasmWriteOptions = {}): string {
  return printProgram(circuitToProgram(circuit, options));
}
