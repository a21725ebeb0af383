/**
 * Quantum Fourier transform on n qubits: QFT|x⟩ = 2^{−n/2} Σ_y e^{2πi·xy/2^n}|y⟩ with qubit 0 the
 * least significant bit of x and y. n Hadamards, n(n−1)/2 controlled phases, ⌊n/2⌋ swaps
 * (omitted with `swaps: false`, which leaves the output bit-reversed).
 * @see Nielsen & Chuang, Section 5.1; arXiv:quant-ph/0201067 (Coppersmith, approximate QFT)
 */
import { CircuitBuilder, inverseCircuit, type Circuit } from '../circuit/index.js';
import { ValidationError } from '../errors.js';
import { ComponentBase, range, type CallGraph, type QubitRegister } from './component.js';
import { Layer } from './primitives.js';

export interface QftOptions {
  readonly numQubits: number;
  readonly inverse?: boolean;
  readonly swaps?: boolean;
  /** Drop controlled phases with angle < π/2^approximationDegree (Coppersmith); default exact. */
  readonly approximationDegree?: number;
}

export class Qft extends ComponentBase {
  readonly name = 'qft';
  readonly numQubits: number;
  readonly inverse: boolean;
  readonly swaps: boolean;
  readonly approximationDegree: number;
  readonly registers: readonly QubitRegister[];
  /** 2n (+ 1 for the swap layer): the Hadamards and controlled phases pipeline along the register. */
  readonly depth: number;

  constructor(o: QftOptions) {
    super();
    if (!Number.isInteger(o.numQubits) || o.numQubits < 1) throw new ValidationError(`QFT: numQubits must be a positive integer, got ${o.numQubits}`);
    this.numQubits = o.numQubits;
    this.inverse = o.inverse ?? false;
    this.swaps = o.swaps ?? true;
    this.approximationDegree = o.approximationDegree ?? Infinity;
    this.registers = [{ name: 'q', qubits: range(0, o.numQubits) }];
    this.depth = 2 * o.numQubits + (this.swaps ? 1 : 0);
  }

  override get label(): string {
    return `${this.inverse ? 'inverse ' : ''}qft (${this.numQubits} qubits${this.swaps ? '' : ', no swaps'})`;
  }

  /** Append onto `qubits` (qubits[0] = least significant bit). */
  appendTo(b: CircuitBuilder, qubits: readonly number[]): void {
    const sub = this.circuit();
    b.compose(sub, qubits);
  }

  protected build(): Circuit {
    const n = this.numQubits;
    const b = new CircuitBuilder(n);
    for (let j = n - 1; j >= 0; j--) {
      b.h(j);
      for (let k = j - 1; k >= 0; k--) {
        if (j - k > this.approximationDegree) continue;
        b.cp(Math.PI / 2 ** (j - k), k, j);
      }
    }
    if (this.swaps) for (let j = 0; j < n >> 1; j++) b.swap(j, n - 1 - j);
    const c = b.build();
    return this.inverse ? inverseCircuit(c) : c;
  }

  callGraph(): CallGraph {
    const n = this.numQubits;
    let cps = 0;
    for (let j = 0; j < n; j++) cps += Math.min(j, this.approximationDegree);
    return [['h', n], ['cp', cps], [new Layer('swap', this.swaps ? n >> 1 : 0), 1]];
  }
}

export const qftExamples = (): Qft[] => [
  new Qft({ numQubits: 1 }),
  new Qft({ numQubits: 3 }),
  new Qft({ numQubits: 4, inverse: true }),
  new Qft({ numQubits: 5, swaps: false }),
  new Qft({ numQubits: 3, inverse: true, swaps: false }),
];
