/**
 * FABLE: fast approximate block encoding of a dense real matrix with 2n + 1 qubits and
 * α = N·max|a_ij|. U = (H^{⊗n}_row ⊗ I)·SWAP(row, sys)·O_A·(H^{⊗n}_row ⊗ I), where O_A is one
 * uniformly controlled Ry on the flag over (row, sys) with angles 2·arccos(a_ij/max|a|): N²
 * rotations and N² CNOTs in Gray-code order. Compression drops Walsh-domain angles up to a
 * threshold and cancels the CNOTs between kept rotations; the resulting error is computed
 * exactly (‖A − A'‖_F, a bound on the spectral error) from the kept angles.
 * Layout: system 0…n−1, row register n…2n−1, flag 2n.
 * @see arXiv:2205.00081 (Camps, Van Beeumen)
 */
import { CircuitBuilder, type Circuit } from '../circuit/index.js';
import { ValidationError } from '../errors.js';
import { CsrMatrix } from '../linalg/csr.js';
import { fwht, gray } from '../linalg/walsh.js';
import { ComponentBase, type CallGraph, type QubitRegister } from '../synthesis/component.js';
import { Layer } from '../synthesis/primitives.js';
import { multiplexorAngles, UniformlyControlledRotation } from '../synthesis/uniformly-controlled.js';
import { blockEncodingRegisters, type BlockEncoding } from './block-encoding.js';
import { padMatrix, type Padded, type PaddingMode } from './padding.js';

export interface FableOptions {
  readonly matrix: CsrMatrix;
  readonly pad?: PaddingMode;
  /** Drop Walsh-domain angles with |θ̂| ≤ threshold (default 1e-12: only numerical zeros). */
  readonly threshold?: number;
  /** Alternatively: drop the smallest angles while the (a-priori) error bound stays ≤ epsilon. */
  readonly epsilon?: number;
}

export class FableEncoding extends ComponentBase implements BlockEncoding {
  readonly kind = 'fable';
  readonly name = 'fable-block-encoding';
  readonly registers: readonly QubitRegister[];
  /** None: the row register and the flag both carry the block. */
  readonly workQubits: readonly number[] = [];
  readonly padded: Padded;
  readonly maxAbs: number;
  readonly alpha: number;
  readonly systemQubits: number;
  readonly ancillaQubits: number;
  readonly numQubits: number;
  readonly threshold: number;
  /** ‖A − A'‖_F for the encoded A' after compression. */
  readonly epsilon: number;
  private readonly angles: Float64Array;
  private readonly hadamards: Layer;
  private readonly swaps: Layer;
  private readonly rotation: UniformlyControlledRotation;

  constructor(o: FableOptions) {
    super();
    this.padded = padMatrix(o.matrix, o.pad ?? 'maxabs');
    const a = this.padded.matrix;
    this.maxAbs = a.maxAbs();
    if (!(this.maxAbs > 0)) throw new ValidationError('FABLE: the matrix is zero', { parameter: 'matrix' });
    const n = this.padded.qubits, N = 1 << n;
    if (n > 7) throw new ValidationError(`FABLE: a ${N}x${N} matrix needs 4^${n} rotations; choose the sparse or LCU encoding`, { parameter: 'encoding' });
    this.systemQubits = n;
    this.ancillaQubits = n + 1;
    this.numQubits = 2 * n + 1;
    this.alpha = N * this.maxAbs;
    // Multiplexor controls are [row…, sys…]: angle index i + N·j for entry (i, j).
    this.angles = new Float64Array(N * N);
    const dense = a.toDense();
    for (let i = 0; i < N; i++) for (let j = 0; j < N; j++) this.angles[i + N * j] = 2 * Math.acos(Math.max(-1, Math.min(1, dense[i * N + j]! / this.maxAbs)));
    this.threshold = o.epsilon !== undefined ? this.thresholdFor(o.epsilon) : (o.threshold ?? 1e-12);
    this.epsilon = this.exactError(dense);
    this.registers = blockEncodingRegisters(n, n + 1);
    this.hadamards = new Layer('h', n);
    this.swaps = new Layer('swap', n);
    this.rotation = new UniformlyControlledRotation({ axis: 'y', angles: this.angles, tolerance: this.threshold });
  }

  override get label(): string {
    return `fable-block-encoding (${this.systemQubits} system qubits, α = ${this.alpha.toPrecision(6)})`;
  }

  /** Largest threshold whose a-priori bound (max|a|/2)·N·‖dropped θ̂‖₂ is ≤ ε. */
  private thresholdFor(eps: number): number {
    if (!(eps >= 0)) throw new ValidationError(`epsilon ${eps}: the FABLE error budget must be ≥ 0`, { parameter: 'epsilon' });
    const mags = [...multiplexorAngles(this.angles)].map(Math.abs).sort((x, y) => x - y);
    const N = 1 << this.systemQubits;
    let sum2 = 0, thr = 1e-12;
    for (const m of mags) {
      sum2 += m * m;
      if ((this.maxAbs / 2) * N * Math.sqrt(sum2) > eps) break;
      thr = Math.max(thr, m);
    }
    return thr;
  }

  /** ‖A − A'‖_F where A' is what the compressed circuit encodes. */
  private exactError(dense: Float64Array): number {
    const theta = multiplexorAngles(this.angles);
    const len = theta.length;
    const walsh = new Float64Array(len);
    for (let i = 0; i < len; i++) if (Math.abs(theta[i]!) > this.threshold) walsh[gray(i)] = theta[i]!;
    const kept = fwht(walsh); // θ'_x = Σ_i (−1)^{x·gray(i)} θ_i
    const N = 1 << this.systemQubits;
    let err2 = 0;
    for (let i = 0; i < N; i++) for (let j = 0; j < N; j++) {
      const d = this.maxAbs * Math.cos(kept[i + N * j]! / 2) - dense[i * N + j]!;
      err2 += d * d;
    }
    return Math.sqrt(err2);
  }

  protected build(): Circuit {
    const n = this.systemQubits;
    const b = new CircuitBuilder();
    const sys = b.addQreg('sys', n);
    const row = b.addQreg('row', n);
    const [flag] = b.addQreg('flag', 1);
    b.compose(this.hadamards.circuit(), row);
    b.compose(this.rotation.circuit(), [...row, ...sys, flag!]);
    b.compose(this.swaps.circuit(), [...row, ...sys]);
    b.compose(this.hadamards.circuit(), row);
    b.setMetadata('blockEncoding', { kind: this.kind, alpha: this.alpha, systemQubits: n, ancillaQubits: this.ancillaQubits });
    return b.build();
  }

  /** H on the row register, the angle multiplexor, the swaps, H again. */
  callGraph(): CallGraph {
    return [[this.hadamards, 2], [this.rotation, 1], [this.swaps, 1]];
  }
}

export function fableExamples(): FableEncoding[] {
  const d = (n: number, v: number[]): CsrMatrix => CsrMatrix.fromDense(n, n, v);
  return [
    new FableEncoding({ matrix: d(2, [0.3, -0.9, 0.5, 0.1]) }),
    new FableEncoding({ matrix: d(3, [1, 2, 3, 2, -1, 0.5, 3, 0.5, 2]) }),
    new FableEncoding({ matrix: d(4, [1, 0.5, 0.25, 0.125, 0.5, 1, 0.5, 0.25, 0.25, 0.5, 1, 0.5, 0.125, 0.25, 0.5, 1]), epsilon: 0.05 }),
  ];
}
