/**
 * A pure state of n qubits as 2^n complex amplitudes, interleaved (data[2i] = Re ψ_i,
 * data[2i+1] = Im ψ_i; qubit 0 is the least significant bit of the basis index), in double
 * (Float64Array, the default) or single precision (Float32Array: half the memory, one more qubit).
 * The object other builders and tests use to check circuits too large for dense unitaries: build
 * one, apply gates or circuits, read amplitudes.
 */
import { freemem } from 'node:os';
import { isUnconditionalGate, type Circuit, type Instruction } from '../../compiler/circuit/index.js';
import { CMatrix, type Complex } from '../../compiler/linalg/complex.js';
import { ResourceError, ValidationError } from '../../compiler/errors.js';
import { compileOps } from './compile.js';
import { applyOps, PARALLEL_MIN_QUBITS, type EngineOptions } from './engine.js';
import type { Amplitudes, Op } from './kernels.js';

/** Amplitude precision: 'double' (Float64Array, 16 bytes per amplitude) or 'single' (Float32Array, 8 bytes). */
export type Precision = 'double' | 'single';

/** The amplitude array of a precision. */
export type AmplitudesOf<P extends Precision> = P extends 'single' ? Float32Array : Float64Array;

/** How a state is stored. */
export interface StateOptions<P extends Precision = Precision> {
  /** 'double' (default) or 'single'. */
  readonly precision?: P;
}

/**
 * The largest state: 8 GiB of amplitudes, i.e. 29 qubits in double precision and 30 in single.
 * It keeps every element index below 2^31, so the kernels' index arithmetic stays exact in int32
 * (byte offsets reach 2^33; only the typed arrays see them).
 */
export const MAX_STATE_BYTES = 2 ** 33;

/** Most qubits in double precision (29; the limit is MAX_STATE_BYTES). */
export const MAX_QUBITS = 29;

/** Most qubits in single precision (30). */
export const MAX_QUBITS_SINGLE = 30;

/** Bytes of a state of n qubits. */
export function stateBytes(n: number, precision: Precision = 'double'): number {
  return (precision === 'single' ? 8 : 16) * 2 ** n;
}

/** The share of free memory a simulation may take (the rest is left to the system and other programs). */
const FREE_MEMORY_SHARE = 0.8;

const gib = (bytes: number): string => (bytes >= 2 ** 30 ? `${(bytes / 2 ** 30).toFixed(1)} GiB` : `${Math.ceil(bytes / 2 ** 20)} MiB`);

/** What checkStateSize checks. */
export interface StateSizeOptions extends StateOptions {
  /** Further bytes the caller will allocate alongside the state (probability tables, copies). */
  readonly workspaceBytes?: number;
}

/**
 * Throws ResourceError, before anything is allocated, when a state of n qubits is beyond the
 * limit or does not fit, with its workspace, in the memory that is free now.
 */
export function checkStateSize(n: number, options: StateSizeOptions = {}): void {
  if (!Number.isInteger(n) || n < 0) throw new ValidationError(`simulator: qubit count ${n} is not a non-negative integer`);
  const precision = options.precision ?? 'double';
  const bytes = stateBytes(n, precision);
  if (bytes > MAX_STATE_BYTES) {
    const hint = precision === 'double' && n === MAX_QUBITS_SINGLE ? "; precision 'single' simulates 30 qubits in 8 GiB" : '; reduce the qubit count';
    throw new ResourceError(`simulator: ${n} qubits need ${gib(bytes)} of amplitudes in ${precision} precision, above the ${gib(MAX_STATE_BYTES)} limit (${MAX_QUBITS} qubits in double precision, ${MAX_QUBITS_SINGLE} in single)${hint}`);
  }
  const work = options.workspaceBytes ?? 0;
  const free = freemem();
  if (bytes + work > FREE_MEMORY_SHARE * free) {
    const what = work > 0 ? `${gib(bytes)} of amplitudes and ${gib(work)} of workspace` : `${gib(bytes)} of amplitudes`;
    const hint = precision === 'double' ? "precision 'single' halves the amplitudes, or simulate fewer qubits" : 'simulate fewer qubits';
    throw new ResourceError(`simulator: ${n} qubits need ${what} but only ${gib(free)} of memory is free (${Math.round(FREE_MEMORY_SHARE * 100)} % of it may be used); free memory, or ${hint}`);
  }
}

function allocate(n: number, single: boolean): Amplitudes {
  checkStateSize(n, { precision: single ? 'single' : 'double' });
  const len = 2 * 2 ** n;
  // Shared memory lets the worker thread of parallel.ts work on the same amplitudes.
  if (single) return n >= PARALLEL_MIN_QUBITS ? new Float32Array(new SharedArrayBuffer(4 * len)) : new Float32Array(len);
  return n >= PARALLEL_MIN_QUBITS ? new Float64Array(new SharedArrayBuffer(8 * len)) : new Float64Array(len);
}

export class Statevector<A extends Amplitudes = Float64Array> {
  readonly numQubits: number;
  /** Interleaved amplitudes: data[2i] = Re ψ_i, data[2i+1] = Im ψ_i. Mutated by the apply methods. */
  readonly data: A;

  private constructor(numQubits: number, data: A) {
    this.numQubits = numQubits;
    this.data = data;
  }

  /** |0…0⟩ on n qubits. */
  static zero<P extends Precision = 'double'>(n: number, options: StateOptions<P> = {}): Statevector<AmplitudesOf<P>> {
    const data = allocate(n, options.precision === 'single');
    data[0] = 1;
    return new Statevector(n, data as AmplitudesOf<P>);
  }

  /** The basis state |index⟩. */
  static basis<P extends Precision = 'double'>(n: number, index: number, options: StateOptions<P> = {}): Statevector<AmplitudesOf<P>> {
    const sv = Statevector.zero(n, options);
    sv.data[0] = 0;
    sv.data[2 * index] = 1;
    return sv;
  }

  /** From amplitudes (length a power of two); not renormalised. */
  static fromAmplitudes<P extends Precision = 'double'>(re: ArrayLike<number>, im?: ArrayLike<number>, options: StateOptions<P> = {}): Statevector<AmplitudesOf<P>> {
    const n = Math.log2(re.length);
    if (!Number.isInteger(n)) throw new ValidationError(`Statevector: ${re.length} amplitudes is not a power of two`);
    if (im !== undefined && im.length !== re.length) throw new ValidationError('Statevector: real and imaginary parts differ in length');
    const data = allocate(n, options.precision === 'single');
    for (let i = 0; i < re.length; i++) {
      data[2 * i] = re[i]!;
      data[2 * i + 1] = im === undefined ? 0 : im[i]!;
    }
    return new Statevector(n, data as AmplitudesOf<P>);
  }

  /** The state a unitary circuit prepares from |0…0⟩. */
  static fromCircuit<P extends Precision = 'double'>(circuit: Circuit, options: EngineOptions & StateOptions<P> = {}): Statevector<AmplitudesOf<P>> {
    return Statevector.zero(circuit.numQubits, options).applyCircuit(circuit, options);
  }

  get precision(): Precision {
    return this.data instanceof Float32Array ? 'single' : 'double';
  }

  get dimension(): number {
    return 2 ** this.numQubits;
  }

  amplitude(index: number): Complex {
    return { re: this.data[2 * index]!, im: this.data[2 * index + 1]! };
  }

  /** |ψ_index|² (no copy of the state). */
  probability(index: number): number {
    const re = this.data[2 * index]!, im = this.data[2 * index + 1]!;
    return re * re + im * im;
  }

  /** Real parts (a copy, in double precision). */
  get re(): Float64Array {
    const out = new Float64Array(this.dimension);
    for (let i = 0; i < out.length; i++) out[i] = this.data[2 * i]!;
    return out;
  }

  /** Imaginary parts (a copy, in double precision). */
  get im(): Float64Array {
    const out = new Float64Array(this.dimension);
    for (let i = 0; i < out.length; i++) out[i] = this.data[2 * i + 1]!;
    return out;
  }

  /** The state as a 2^n × 1 CMatrix (as circuitState returns it). */
  toCMatrix(): CMatrix {
    return new CMatrix(this.dimension, 1, this.re, this.im);
  }

  clone(): Statevector<A> {
    const data = allocate(this.numQubits, this.data instanceof Float32Array) as A;
    data.set(this.data);
    return new Statevector(this.numQubits, data);
  }

  /** Squared norm ⟨ψ|ψ⟩ (summed in double precision). */
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
    const d = this.data, bit = 1 << q, dim = this.dimension;
    let p = 0;
    for (let i = bit; i < dim; i = (i + 1) | bit) p += d[2 * i]! * d[2 * i]! + d[2 * i + 1]! * d[2 * i + 1]!;
    return p;
  }

  /** Project qubit q onto |outcome⟩ and renormalise (probability of that outcome must be > 0). */
  collapse(q: number, outcome: 0 | 1, probability = outcome === 1 ? this.probabilityOfOne(q) : 1 - this.probabilityOfOne(q)): this {
    if (!(probability > 0)) throw new ValidationError(`Statevector.collapse: outcome ${outcome} of qubit ${q} has probability 0`);
    const d = this.data, bit = 1 << q, scale = 1 / Math.sqrt(probability), dim = this.dimension;
    for (let i = 0; i < dim; i++) {
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
      if (inst.gate !== 'barrier' && !isUnconditionalGate(inst)) {
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
