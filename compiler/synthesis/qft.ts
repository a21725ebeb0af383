/**
 * Quantum Fourier transform on n qubits: QFT|x⟩ = 2^{−n/2} Σ_y e^{2πi·xy/2^n}|y⟩ with qubit 0 the
 * least significant bit of x and y. n Hadamards, n(n−1)/2 controlled phases, ⌊n/2⌋ swaps
 * (omitted with `swaps: false`, which leaves the output bit-reversed).
 * @see Nielsen & Chuang, Section 5.1; arXiv:quant-ph/0201067 (Coppersmith, approximate QFT)
 */
import { CircuitBuilder, inverseCircuit, type Circuit } from '../circuit/index.js';
import { ValidationError } from '../errors.js';
import { CostTally, type Component, type GateCost } from './cost.js';

export interface QftOptions {
  readonly numQubits: number;
  readonly inverse?: boolean;
  readonly swaps?: boolean;
  /** Drop controlled phases with angle < π/2^approximationDegree (Coppersmith); default exact. */
  readonly approximationDegree?: number;
}

export class Qft implements Component {
  readonly name = 'qft';
  readonly numQubits: number;
  readonly inverse: boolean;
  readonly swaps: boolean;
  readonly approximationDegree: number;

  constructor(o: QftOptions) {
    if (!Number.isInteger(o.numQubits) || o.numQubits < 1) throw new ValidationError(`QFT: numQubits must be a positive integer, got ${o.numQubits}`);
    this.numQubits = o.numQubits;
    this.inverse = o.inverse ?? false;
    this.swaps = o.swaps ?? true;
    this.approximationDegree = o.approximationDegree ?? Infinity;
  }

  /** Append onto `qubits` (qubits[0] = least significant bit). */
  appendTo(b: CircuitBuilder, qubits: readonly number[]): void {
    const sub = this.circuit();
    b.compose(sub, qubits);
  }

  circuit(): Circuit {
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

  cost(): GateCost {
    const n = this.numQubits;
    let cps = 0;
    for (let j = 0; j < n; j++) cps += Math.min(j, Number.isFinite(this.approximationDegree) ? this.approximationDegree : j);
    const t = new CostTally().add('h', n).add('cp', cps).add('swap', this.swaps ? n >> 1 : 0);
    t.depth = 2 * n + (this.swaps ? 1 : 0);
    return t.toCost(n);
  }
}

export const qftExamples = (): Qft[] => [
  new Qft({ numQubits: 1 }),
  new Qft({ numQubits: 3 }),
  new Qft({ numQubits: 4, inverse: true }),
  new Qft({ numQubits: 5, swaps: false }),
];
