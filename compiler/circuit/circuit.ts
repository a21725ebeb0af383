/**
 * The circuit IR shared by every stage: named registers over flat qubit/clbit indices and an
 * ordered list of instructions. Circuits are immutable values; build them with CircuitBuilder.
 * Qubit 0 is the least significant bit of a basis-state index (see gates.ts for gate matrices).
 */
import { ValidationError } from '../errors.js';
import type { Expr } from './expression.js';
import { gateSpec, type GateName, type OperationName } from './gates.js';
import { isGate, isUnconditionalGate } from './kinds.js';
import { inverseInstruction } from './inverse.js';

/** A named, contiguous slice of qubits or clbits. */
export interface Register {
  readonly name: string;
  readonly start: number;
  readonly size: number;
}

/**
 * A classical condition: the instruction runs only when the listed clbits, read as an integer
 * with clbits[0] the least significant bit, equal `value`.
 */
export interface Condition {
  readonly clbits: readonly number[];
  readonly value: number;
}

/** One operation: a library gate, or 'measure' | 'reset' | 'barrier'. */
export interface Instruction {
  readonly gate: OperationName;
  readonly qubits: readonly number[];
  /** Numeric parameters; NaN where `exprs` holds an expression of the circuit's input parameters. */
  readonly params: readonly number[];
  /**
   * Present only on a symbolic instruction (kinds.ts `isSymbolic`): one expression per parameter,
   * at least one of them using an input parameter. Only passes that declare they handle symbolic
   * instructions see them; `bindParameters` turns them into numeric instructions.
   */
  readonly exprs?: readonly Expr[];
  /** For 'measure': the clbit receiving each measured qubit. */
  readonly clbits?: readonly number[];
  readonly condition?: Condition;
}

/** Free-form facts later stages attach (layout, final permutation, target name, …). */
export type CircuitMetadata = Readonly<Record<string, unknown>>;

/** The type of an input parameter (OpenQASM 3 `input float[64] theta;`, `input angle[32] phi;`). */
export interface Parameter {
  readonly name: string;
  readonly type: 'float' | 'angle';
  /** Bits of the type (`float[64]`, `angle[32]`); absent when the program gave none. */
  readonly width?: number;
}

export interface Circuit {
  readonly numQubits: number;
  readonly numClbits: number;
  readonly qregs: readonly Register[];
  readonly cregs: readonly Register[];
  readonly instructions: readonly Instruction[];
  readonly metadata: CircuitMetadata;
  /** Input parameters in declaration order (absent or empty: a numeric circuit). */
  readonly parameters?: readonly Parameter[];
}

/** A gate instruction without clbits or condition (the form most builders and passes emit). */
export function instruction(gate: GateName, qubits: readonly number[], params: readonly number[] = []): Instruction {
  return { gate, qubits, params };
}

/** Check an instruction against the library and the circuit's sizes; throws ValidationError. */
export function validateInstruction(inst: Instruction, numQubits: number, numClbits: number): void {
  const where = `instruction '${inst.gate}'`;
  for (const q of inst.qubits) {
    if (!Number.isInteger(q) || q < 0 || q >= numQubits) throw new ValidationError(`${where}: qubit ${q} is outside 0..${numQubits - 1}`);
  }
  if (new Set(inst.qubits).size !== inst.qubits.length) throw new ValidationError(`${where}: repeated qubit in [${inst.qubits.join(', ')}]`);
  for (const b of inst.clbits ?? []) {
    if (!Number.isInteger(b) || b < 0 || b >= numClbits) throw new ValidationError(`${where}: clbit ${b} is outside 0..${numClbits - 1}`);
  }
  for (const b of inst.condition?.clbits ?? []) {
    if (!Number.isInteger(b) || b < 0 || b >= numClbits) throw new ValidationError(`${where}: condition clbit ${b} is outside 0..${numClbits - 1}`);
  }
  if (!isGate(inst)) {
    if (inst.gate === 'measure' && (inst.clbits?.length ?? 0) !== inst.qubits.length) {
      throw new ValidationError(`${where}: measure needs one clbit per qubit`);
    }
    return;
  }
  const spec = gateSpec(inst.gate);
  if (spec === undefined) throw new ValidationError(`unknown gate '${inst.gate}'`);
  const n = inst.qubits.length;
  if (spec.variadic ? n < spec.qubits : n !== spec.qubits) {
    throw new ValidationError(`${where}: takes ${spec.variadic ? `at least ${spec.qubits}` : spec.qubits} qubit(s), got ${n}`);
  }
  if (inst.params.length !== spec.params) throw new ValidationError(`${where}: takes ${spec.params} parameter(s), got ${inst.params.length}`);
  const exprs = inst.exprs;
  if (exprs !== undefined && (exprs.length !== inst.params.length || exprs.every((e) => e.isConstant()))) {
    throw new ValidationError(`${where}: symbolic parameters must give one expression per parameter, at least one using an input`);
  }
  inst.params.forEach((v, i) => {
    if (!Number.isFinite(v) && !(Number.isNaN(v) && exprs !== undefined && !exprs[i]!.isConstant())) throw new ValidationError(`${where}: parameter ${v} is not finite`);
  });
}

/**
 * Mutable builder for circuits. Gate helpers take qubit indices; `add` takes any instruction.
 * `build()` returns an immutable Circuit; the builder can keep going afterwards.
 */
export class CircuitBuilder {
  private readonly insts: Instruction[] = [];
  private readonly qregList: Register[] = [];
  private readonly cregList: Register[] = [];
  private nq = 0;
  private nc = 0;
  private meta: Record<string, unknown> = {};
  private readonly inputs: Parameter[] = [];

  constructor(numQubits = 0, numClbits = 0) {
    if (numQubits > 0) this.addQreg('q', numQubits);
    if (numClbits > 0) this.addCreg('c', numClbits);
  }

  /** Start from an existing circuit (registers, instructions and metadata copied). */
  static from(circuit: Circuit): CircuitBuilder {
    const b = new CircuitBuilder();
    b.nq = circuit.numQubits;
    b.nc = circuit.numClbits;
    b.qregList.push(...circuit.qregs);
    b.cregList.push(...circuit.cregs);
    b.insts.push(...circuit.instructions);
    b.meta = { ...circuit.metadata };
    b.inputs.push(...(circuit.parameters ?? []));
    return b;
  }

  /** Declare an input parameter (its name must be new). */
  addParameter(p: Parameter): this {
    if (this.inputs.some((x) => x.name === p.name)) throw new ValidationError(`input parameter '${p.name}' is already declared`);
    this.inputs.push(p);
    return this;
  }

  get numQubits(): number {
    return this.nq;
  }

  get numClbits(): number {
    return this.nc;
  }

  /** Add a quantum register; returns its qubit indices. */
  addQreg(name: string, size: number): number[] {
    if (this.qregList.some((r) => r.name === name) || this.cregList.some((r) => r.name === name)) {
      throw new ValidationError(`register '${name}' is already declared`);
    }
    this.qregList.push({ name, start: this.nq, size });
    const idx = Array.from({ length: size }, (_, i) => this.nq + i);
    this.nq += size;
    return idx;
  }

  /** Add a classical register; returns its clbit indices. */
  addCreg(name: string, size: number): number[] {
    if (this.qregList.some((r) => r.name === name) || this.cregList.some((r) => r.name === name)) {
      throw new ValidationError(`register '${name}' is already declared`);
    }
    this.cregList.push({ name, start: this.nc, size });
    const idx = Array.from({ length: size }, (_, i) => this.nc + i);
    this.nc += size;
    return idx;
  }

  setMetadata(key: string, value: unknown): this {
    this.meta[key] = value;
    return this;
  }

  /** Append an instruction after validating it. */
  add(inst: Instruction): this {
    validateInstruction(inst, this.nq, this.nc);
    this.insts.push(inst);
    return this;
  }

  /** Append a gate by name. */
  gate(gate: GateName, qubits: readonly number[], params: readonly number[] = []): this {
    return this.add({ gate, qubits: [...qubits], params: [...params] });
  }

  /** Append every instruction of `other`, mapping its qubit i to qubitMap[i] (default identity). */
  compose(other: Circuit, qubitMap?: readonly number[], clbitMap?: readonly number[]): this {
    const qm = qubitMap ?? Array.from({ length: other.numQubits }, (_, i) => i);
    const cm = clbitMap ?? Array.from({ length: other.numClbits }, (_, i) => i);
    if (qm.length !== other.numQubits) throw new ValidationError(`compose: qubit map has ${qm.length} entries for ${other.numQubits} qubits`);
    for (const inst of other.instructions) this.add(remapInstruction(inst, qm, cm));
    return this;
  }

  h(q: number): this { return this.gate('h', [q]); }
  x(q: number): this { return this.gate('x', [q]); }
  y(q: number): this { return this.gate('y', [q]); }
  z(q: number): this { return this.gate('z', [q]); }
  s(q: number): this { return this.gate('s', [q]); }
  sdg(q: number): this { return this.gate('sdg', [q]); }
  t(q: number): this { return this.gate('t', [q]); }
  tdg(q: number): this { return this.gate('tdg', [q]); }
  sx(q: number): this { return this.gate('sx', [q]); }
  rx(theta: number, q: number): this { return this.gate('rx', [q], [theta]); }
  ry(theta: number, q: number): this { return this.gate('ry', [q], [theta]); }
  rz(theta: number, q: number): this { return this.gate('rz', [q], [theta]); }
  p(lambda: number, q: number): this { return this.gate('p', [q], [lambda]); }
  u(theta: number, phi: number, lambda: number, q: number): this { return this.gate('U', [q], [theta, phi, lambda]); }
  cx(c: number, t: number): this { return this.gate('cx', [c, t]); }
  cz(a: number, b: number): this { return this.gate('cz', [a, b]); }
  cp(lambda: number, c: number, t: number): this { return this.gate('cp', [c, t], [lambda]); }
  swap(a: number, b: number): this { return this.gate('swap', [a, b]); }
  ccx(c0: number, c1: number, t: number): this { return this.gate('ccx', [c0, c1, t]); }
  /** Multi-controlled X; with no controls it is a plain X. */
  mcx(controls: readonly number[], t: number): this {
    if (controls.length === 0) return this.x(t);
    if (controls.length === 1) return this.cx(controls[0]!, t);
    if (controls.length === 2) return this.ccx(controls[0]!, controls[1]!, t);
    return this.gate('mcx', [...controls, t]);
  }
  /** Multi-controlled Z over all the given qubits (symmetric). */
  mcz(qubits: readonly number[]): this {
    if (qubits.length === 1) return this.z(qubits[0]!);
    if (qubits.length === 2) return this.cz(qubits[0]!, qubits[1]!);
    if (qubits.length === 3) return this.gate('ccz', qubits);
    return this.gate('mcz', qubits);
  }
  gphase(theta: number): this { return this.gate('gphase', [], [theta]); }
  measure(q: number, c: number): this { return this.add({ gate: 'measure', qubits: [q], params: [], clbits: [c] }); }
  reset(q: number): this { return this.add({ gate: 'reset', qubits: [q], params: [] }); }
  barrier(qubits?: readonly number[]): this {
    return this.add({ gate: 'barrier', qubits: qubits ? [...qubits] : Array.from({ length: this.nq }, (_, i) => i), params: [] });
  }

  build(): Circuit {
    return freezeCircuit({
      numQubits: this.nq,
      numClbits: this.nc,
      qregs: [...this.qregList],
      cregs: [...this.cregList],
      instructions: [...this.insts],
      metadata: { ...this.meta },
      ...(this.inputs.length > 0 ? { parameters: [...this.inputs] } : {}),
    });
  }
}

function freezeCircuit(c: Circuit): Circuit {
  Object.freeze(c.instructions);
  Object.freeze(c.qregs);
  Object.freeze(c.cregs);
  Object.freeze(c.metadata);
  if (c.parameters !== undefined) Object.freeze(c.parameters);
  return Object.freeze(c);
}

/**
 * Whether two instructions are the same operation: gate, qubits, parameters (NaN placeholders of
 * symbolic ones equal), expressions, clbits and condition.
 */
export function sameInstruction(x: Instruction, y: Instruction): boolean {
  if (x === y) return true;
  if (x.gate !== y.gate || !sameNumbers(x.qubits, y.qubits) || x.params.length !== y.params.length) return false;
  for (let j = 0; j < x.params.length; j++) if (x.params[j] !== y.params[j] && !(Number.isNaN(x.params[j]) && Number.isNaN(y.params[j]))) return false;
  if (x.exprs !== y.exprs && (x.exprs === undefined || y.exprs === undefined || x.exprs.length !== y.exprs.length || x.exprs.some((e, j) => e.key !== y.exprs![j]!.key))) return false;
  if (x.clbits !== y.clbits && (x.clbits === undefined || y.clbits === undefined || !sameNumbers(x.clbits, y.clbits))) return false;
  const c = x.condition, d = y.condition;
  return c === d || (c !== undefined && d !== undefined && c.value === d.value && sameNumbers(c.clbits, d.clbits));
}

function sameNumbers(a: readonly number[], b: readonly number[]): boolean {
  if (a.length !== b.length) return false;
  for (let k = 0; k < a.length; k++) if (a[k] !== b[k]) return false;
  return true;
}

/** The same instruction on mapped qubits and clbits. */
export function remapInstruction(inst: Instruction, qubitMap: readonly number[], clbitMap: readonly number[] = []): Instruction {
  const mapQ = (q: number): number => {
    const v = qubitMap[q];
    if (v === undefined) throw new ValidationError(`remap: no image for qubit ${q}`);
    return v;
  };
  const mapC = (b: number): number => clbitMap[b] ?? b;
  const out: { -readonly [K in keyof Instruction]: Instruction[K] } = { gate: inst.gate, qubits: inst.qubits.map(mapQ), params: inst.params };
  if (inst.exprs) out.exprs = inst.exprs;
  if (inst.clbits) out.clbits = inst.clbits.map(mapC);
  if (inst.condition) out.condition = { clbits: inst.condition.clbits.map(mapC), value: inst.condition.value };
  return out;
}

/** A new circuit with the same registers, parameters and metadata but other instructions (for passes). */
export function withInstructions(circuit: Circuit, instructions: readonly Instruction[], metadata?: CircuitMetadata): Circuit {
  return freezeCircuit({ ...circuit, instructions: [...instructions], metadata: { ...(metadata ?? circuit.metadata) } });
}

/**
 * withInstructions for a list the caller built and lets go of: the list itself is frozen and
 * kept, not copied (a pass over a million gates otherwise copies a million references again).
 */
export function withOwnInstructions(circuit: Circuit, instructions: readonly Instruction[]): Circuit {
  return freezeCircuit({ ...circuit, instructions, metadata: { ...circuit.metadata } });
}

/** The same circuit declaring `parameters` as its inputs (none: a numeric circuit). */
export function withParameters(circuit: Circuit, parameters: readonly Parameter[]): Circuit {
  const { parameters: _old, ...rest } = circuit;
  return freezeCircuit({ ...rest, instructions: [...circuit.instructions], metadata: { ...circuit.metadata }, ...(parameters.length > 0 ? { parameters: [...parameters] } : {}) });
}

/** The inverse circuit (unitary gates only; throws on measure/reset or conditions). */
export function inverseCircuit(circuit: Circuit): Circuit {
  const out: Instruction[] = [];
  for (let k = circuit.instructions.length - 1; k >= 0; k--) {
    const inst = circuit.instructions[k]!;
    if (inst.gate === 'barrier') {
      out.push(inst);
      continue;
    }
    if (!isUnconditionalGate(inst)) throw new ValidationError(`inverseCircuit: '${inst.gate}' cannot be inverted`);
    out.push(inverseInstruction(inst));
  }
  return withInstructions(circuit, out);
}

/** Unitary gates only (no measure, reset or conditions; barriers allowed). */
export function isUnitaryCircuit(circuit: Circuit): boolean {
  return circuit.instructions.every((i) => i.gate === 'barrier' || isUnconditionalGate(i));
}
