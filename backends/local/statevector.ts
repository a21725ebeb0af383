/**
 * A pure state of n qubits as 2^n complex amplitudes (interleaved Float64Array; qubit 0 is the
 * least significant bit of the basis index). The object other builders and tests use to check
 * circuits too large for dense unitaries: build one, apply gates or circuits, read amplitudes.
 */
import { freemem } from 'node:os';
import { type Circuit, type Instruction, NON_UNITARY } from '../../compiler/circuit/index.js';
import { CMatrix, type Complex } from '../../compiler/linalg/complex.js';
import { ResourceError, ValidationError } from '../../compiler/errors.js';
import { compileOps } from './compile.js';
import { applyOps, PARALLEL_MIN_QUBITS, type EngineOptions } from './engine.js';
import type { Op } from './kernels.js';

/** Hard cap on qubits (indices stay within 31-bit integer arithmetic); memory is checked as well. */
export const MAX_QUBITS = 28;

const gib = (bytes: number): string => `${(bytes / 2 ** 30).toFixed(bytes < 2 ** 30 ? 2 : 1)} GiB`;

/** Throws ResourceError, before anything is allocated, when 2^n amplitudes do not fit. */
export function checkStateSize(n: number): void {
  if (!Number.isInteger(n) || n < 0) throw new ValidationError(`simulator: qubit count ${n} is not a non-negative integer`);
  const bytes = 16 * 2 ** n;
  if (n > MAX_QUBITS) {
    throw new ResourceError(`simulator: ${n} qubits need ${gib(bytes)} of amplitudes, above the ${MAX_QUBITS}-qubit limit; reduce the qubit count`);
  }
  const free = freemem();
  if (bytes > 0.8 * free) {
    throw new ResourceError(`simulator: ${n} qubits need ${gib(bytes)} of amplitudes but only ${gib(free)} of memory is free; simulate fewer qubits`);
  }
}

function allocate(n: number): Float64Array {
  checkStateSize(n);
  const len = 2 << n;
  // Shared memory lets the worker thread of parallel.ts work on the same amplitudes.
  return n >= PARALLEL_MIN_QUBITS ? new Float64Array(new SharedArrayBuffer(8 * len)) : new Float64Array(len);
}

export class Statevector {
  readonly numQubits: number;
  /** Interleaved amplitudes: data[2i] = Re ψ_i, data[2i+1] = Im ψ_i. Mutated by the apply methods. */
  readonly data: Float64Array;

  private constructor(numQubits: number, data: Float64Array) {
    this.numQubits = numQubits;
    this.data = data;
  }

  /** |0…0⟩ on n qubits. */
  static zero(n: number): Statevector {
    const data = allocate(n);
    data[0] = 1;
    return new Statevector(n, data);
  }

  /** The basis state |index⟩. */
  static basis(n: number, index: number): Statevector {
    const sv = Statevector.zero(n);
    sv.data[0] = 0;
    sv.data[2 * index] = 1;
    return sv;
  }

  /** From amplitudes (length a power of two); not renormalised. */
  static fromAmplitudes(re: ArrayLike<number>, im?: ArrayLike<number>): Statevector {
    const n = Math.log2(re.length);
    if (!Number.isInteger(n)) throw new ValidationError(`Statevector: ${re.length} amplitudes is not a power of two`);
    if (im !== undefined && im.length !== re.length) throw new ValidationError('Statevector: real and imaginary parts differ in length');
    const data = allocate(n);
    for (let i = 0; i < re.length; i++) {
      data[2 * i] = re[i]!;
      data[2 * i + 1] = im === undefined ? 0 : im[i]!;
    }
    return new Statevector(n, data);
  }

  /** The state a unitary circuit prepares from |0…0⟩. */
  static fromCircuit(circuit: Circuit, options?: EngineOptions): Statevector {
    return Statevector.zero(circuit.numQubits).applyCircuit(circuit, options);
  }

  get dimension(): number {
    return 2 ** this.numQubits;
  }

  amplitude(index: number): Complex {
    return { re: this.data[2 * index]!, im: this.data[2 * index + 1]! };
  }

  /** Real parts (a copy). */
  get re(): Float64Array {
    const out = new Float64Array(this.dimension);
    for (let i = 0; i < out.length; i++) out[i] = this.data[2 * i]!;
    return out;
  }

  /** Imaginary parts (a copy). */
  get im(): Float64Array {
    const out = new Float64Array(this.dimension);
    for (let i = 0; i < out.length; i++) out[i] = this.data[2 * i + 1]!;
    return out;
  }

  /** The state as a 2^n × 1 CMatrix (as circuitState returns it). */
  toCMatrix(): CMatrix {
    return new CMatrix(this.dimension, 1, this.re, this.im);
  }

  clone(): Statevector {
    const data = allocate(this.numQubits);
    data.set(this.data);
    return new Statevector(this.numQubits, data);
  }

  /** Squared norm ⟨ψ|ψ⟩. */
  normSquared(): number {
    let s = 0;
    for (let k = 0; k < this.data.length; k++) s += this.data[k]! * this.data[k]!;
    return s;
  }

  /** |ψ_i|² for every basis state. */
  probabilities(): Float64Array {
    const out = new Float64Array(this.dimension);
    const d = this.data;
    for (let i = 0; i < out.length; i++) out[i] = d[2 * i]! * d[2 * i]! + d[2 * i + 1]! * d[2 * i + 1]!;
    return out;
  }

  /** Probability that measuring qubit q gives 1. */
  probabilityOfOne(q: number): number {
    this.checkQubit(q);
    const d = this.data, bit = 1 << q;
    let p = 0;
    for (let i = bit; i < this.dimension; i = (i + 1) | bit) p += d[2 * i]! * d[2 * i]! + d[2 * i + 1]! * d[2 * i + 1]!;
    return p;
  }

  /** Project qubit q onto |outcome⟩ and renormalise (probability of that outcome must be > 0). */
  collapse(q: number, outcome: 0 | 1, probability = outcome === 1 ? this.probabilityOfOne(q) : 1 - this.probabilityOfOne(q)): this {
    if (!(probability > 0)) throw new ValidationError(`Statevector.collapse: outcome ${outcome} of qubit ${q} has probability 0`);
    const d = this.data, bit = 1 << q, scale = 1 / Math.sqrt(probability);
    for (let i = 0; i < this.dimension; i++) {
      if (((i & bit) !== 0) === (outcome === 1)) {
        d[2 * i]! *= scale;
        d[2 * i + 1]! *= scale;
      } else {
        d[2 * i] = 0;
        d[2 * i + 1] = 0;
      }
    }
    return this;
  }

  /** Apply compiled ops (see compile.ts). */
  applyOps(ops: readonly Op[], options?: EngineOptions): this {
    applyOps(this.data, this.numQubits, ops, options);
    return this;
  }

  /** Apply one unitary instruction (conditions are not evaluated here; see simulate()). */
  apply(inst: Instruction, options?: EngineOptions): this {
    return this.applyInstructions([inst], options);
  }

  /** Apply unitary instructions, fused and cache-blocked. */
  applyInstructions(instructions: readonly Instruction[], options?: EngineOptions): this {
    for (const inst of instructions) {
      for (const q of inst.qubits) this.checkQubit(q);
      if (inst.gate !== 'barrier' && (NON_UNITARY.has(inst.gate) || inst.condition)) {
        throw new ValidationError(`Statevector: '${inst.gate}'${inst.condition ? ' with a condition' : ''} is not a unitary gate; use simulate() for measurements, resets and conditions`);
      }
    }
    return this.applyOps(compileOps(instructions), options);
  }

  /** Apply every instruction of a unitary circuit on the same number of qubits. */
  applyCircuit(circuit: Circuit, options?: EngineOptions): this {
    if (circuit.numQubits !== this.numQubits) throw new ValidationError(`Statevector: circuit has ${circuit.numQubits} qubits, state has ${this.numQubits}`);
    return this.applyInstructions(circuit.instructions, options);
  }

  private checkQubit(q: number): void {
    if (!Number.isInteger(q) || q < 0 || q >= this.numQubits) throw new ValidationError(`Statevector: qubit ${q} is outside 0..${this.numQubits - 1}`);
  }
}
