/**
 * HHL through a block encoding: phase estimation on the qubitization walk
 * W = R·U†·R·U (R = 2|0⟩⟨0| − I on the encoding's ancillas). For a symmetric A encoded by U with
 * subnormalisation α, |0⟩|v_j⟩ splits into two eigenvectors of W with phases ±2θ_j,
 * cos θ_j = |λ_j|/α, so the clock value c estimates λ̃(c) = α·|cos(πc/2^t)| without any
 * Hamiltonian simulation. Controlled-W needs only the reflections controlled (U·U† = I when the
 * control is off). The flag rotation, uncomputation and post-selection (flag = 1, clock = 0,
 * encoding ancillas = 0) are as in hhl.ts. The walk sees |λ| only, so A must be positive definite.
 * Circuit size grows with 2^t·cost(U): polylogarithmic in N for oracle-efficient encodings. The
 * circuit is the component HhlWalk, which `qntk estimate` also builds from sizes alone.
 * @see arXiv:1610.06546 (Low, Chuang: qubitization); arXiv:1806.01838 (GSLW) Section 3;
 * @see arXiv:0811.3171 (HHL)
 */
import { CircuitBuilder, type Circuit } from '../circuit/index.js';
import type { BlockEncoding } from '../blockencoding/block-encoding.js';
import { chooseEncoding, type EncodingKind } from '../blockencoding/choose.js';
import { walkPowers } from '../blockencoding/qubitization.js';
import { ResourceError, ValidationError } from '../errors.js';
import type { CsrMatrix } from '../linalg/csr.js';
import { ComponentBase, layoutRegisters, registerQubits, type CallGraph, type Component, type QubitRegister } from '../synthesis/component.js';
import { adjoint } from '../synthesis/primitives.js';
import type { PostSelection } from '../synthesis/prepared-state.js';
import { PhaseEstimation } from '../synthesis/qpe.js';
import { StatePrep } from '../synthesis/state-prep.js';
import { UniformlyControlledRotation } from '../synthesis/uniformly-controlled.js';
import type { HhlProgram } from './hhl.js';
import { gain, prepareSystem } from './system.js';

export interface HhlWalkOptions {
  readonly epsilon?: number;
  readonly kappa?: number;
  readonly clockQubits?: number;
  /** Largest clock considered (default 12). */
  readonly maxClockQubits?: number;
  /** Block encoding (default: auto among sparse, FABLE, LCU). */
  readonly encoding?: EncodingKind | 'auto';
}

export interface HhlWalkProgram extends HhlProgram {
  readonly encoding: string;
  readonly alpha: number;
}

export interface HhlWalkParts {
  readonly blockEncoding: BlockEncoding;
  /** Prepares |b⟩ on the system register (a StatePrep, its size-only form, or a QRAM oracle). */
  readonly rhs: Component;
  readonly clockQubits: number;
  /** Flag rotation angles 2·arcsin(C/λ̃(c)) per clock value; absent: priced for any angles. */
  readonly flagAngles?: ArrayLike<number>;
}

/** |b⟩, phase estimation on the walk, the flag rotation on the clock, the phase estimation undone. */
export class HhlWalk extends ComponentBase {
  readonly name = 'hhl-walk';
  readonly blockEncoding: BlockEncoding;
  readonly clockQubits: number;
  readonly numQubits: number;
  readonly registers: readonly QubitRegister[];
  private readonly rhs: Component;
  private readonly estimation: PhaseEstimation;
  private readonly flag: UniformlyControlledRotation;

  constructor(o: HhlWalkParts) {
    super();
    const be = o.blockEncoding, t = o.clockQubits;
    if (!Number.isInteger(t) || t < 1 || t > 30) throw new ValidationError(`clockQubits ${t} must be an integer in 1..30`, { parameter: 'clockQubits' });
    if (o.rhs.numQubits !== be.systemQubits) throw new ValidationError(`HHL (walk): the right-hand side preparation acts on ${o.rhs.numQubits} qubits, the system has ${be.systemQubits}`);
    this.blockEncoding = be;
    this.clockQubits = t;
    this.rhs = o.rhs;
    this.numQubits = be.numQubits + t + 1;
    this.registers = layoutRegisters([['system', be.systemQubits], ['ancillas', be.ancillaQubits], ['clock', t], ['flag', 1]]);
    const powers = walkPowers(be, t);
    this.estimation = new PhaseEstimation({ clockQubits: t, targetQubits: be.numQubits, controlledPower: (k) => powers[k]!, swaps: false });
    this.flag = o.flagAngles ? new UniformlyControlledRotation({ axis: 'y', angles: o.flagAngles, tolerance: 1e-12 }) : new UniformlyControlledRotation({ axis: 'y', controls: t });
  }

  override get label(): string {
    return `hhl-walk (${this.clockQubits} clock qubits)`;
  }

  callGraph(): CallGraph {
    return [[this.rhs, 1], [this.estimation, 1], [this.flag, 1], [adjoint(this.estimation), 1]];
  }

  protected build(): Circuit {
    const be = this.blockEncoding;
    const b = new CircuitBuilder();
    const sys = b.addQreg('sys', be.systemQubits);
    const enc = b.addQreg('enc', be.ancillaQubits);
    const clock = b.addQreg('clock', this.clockQubits);
    const [flag] = b.addQreg('flag', 1);
    b.compose(this.rhs.circuit(), sys);
    // Phase estimation as one sub-circuit so its inverse uncomputes it exactly.
    b.compose(this.estimation.circuit(), [...sys, ...enc, ...clock]);
    b.compose(this.flag.circuit(), [...clock, flag!]);
    b.compose(adjoint(this.estimation).circuit(), [...sys, ...enc, ...clock]);
    return b.build();
  }

  /** The post-selection: flag 1, clock and encoding ancillas 0. */
  get postselect(): PostSelection {
    return [[registerQubits(this, 'flag')[0]!, 1], ...[...registerQubits(this, 'clock'), ...registerQubits(this, 'ancillas')].map((q) => [q, 0] as const)];
  }
}

/** HHL for A x = b with A positive definite, by phase estimation on the block encoding's walk. */
export function buildHhlWalk(matrix: CsrMatrix, b: ArrayLike<number>, options: HhlWalkOptions = {}): HhlWalkProgram {
  const eps = options.epsilon ?? 0.01;
  const sys = prepareSystem(matrix, b, options);
  if (sys.signed) throw new ValidationError('HHL (walk): the matrix has negative eigenvalues; the qubitization walk sees only |λ|, so use the eigenbasis HHL or the QSVT method', { parameter: 'matrix' });
  const enc = options.encoding ?? 'auto';
  const be = chooseEncoding(matrix, enc === 'auto' ? {} : { kinds: [enc] }).chosen.encoding;
  if (be.systemQubits !== sys.n) throw new Error('HHL (walk): the block encoding pads differently from the system');
  const alpha = be.alpha;
  const lamMin = sys.lamMax / sys.kappa;
  const designFor = (t: number): { t: number; sines: Float64Array; cConst: number; success: number; fidelity: number } => {
    const T = 2 ** t;
    const grid = Float64Array.from({ length: T }, (_, c) => alpha * Math.abs(Math.cos((Math.PI * c) / T)));
    let cConst = 0;
    for (const g of grid) if (g <= lamMin * (1 + 1e-12) && g > cConst) cConst = g;
    const sines = grid.map((g) => (g < 1e-12 * alpha || cConst === 0 ? 0 : Math.min(1, cConst / g)));
    let success = 0, overlap = 0, ideal = 0;
    sys.spec.lambda.forEach((l, j) => {
      const phi = Math.acos(Math.min(1, l / alpha)) / Math.PI; // and −phi: same gain on the symmetric grid
      const g = gain(phi, t, sines);
      const bj = sys.beta[j]!;
      success += (bj * g) ** 2;
      overlap += (bj * g * bj) / l;
      ideal += (bj / l) ** 2;
    });
    return { t, sines, cConst, success, fidelity: success > 0 ? overlap / Math.sqrt(success * ideal) : 0 };
  };
  let d;
  if (options.clockQubits !== undefined) d = designFor(options.clockQubits);
  else {
    const maxT = options.maxClockQubits ?? 12;
    let t = Math.max(2, Math.ceil(Math.log2(Math.PI * (alpha / lamMin))));
    d = designFor(t);
    while (d.fidelity < 1 - eps && t < maxT) d = designFor(++t);
    if (d.fidelity < 1 - eps) throw new ResourceError(`HHL (walk): ε = ${eps} needs more than ${maxT} clock qubits at α/λ_min = ${(alpha / lamMin).toPrecision(4)}; raise epsilon or use the QSVT method`);
  }
  const component = new HhlWalk({
    blockEncoding: be, rhs: new StatePrep({ amplitudes: sys.bPad, numQubits: sys.n }), clockQubits: d.t, flagAngles: d.sines.map((s) => 2 * Math.asin(s)),
  });
  const circuit = CircuitBuilder.from(component.circuit()).setMetadata('hhl', { evolution: 'walk', encoding: be.kind, alpha, clockQubits: d.t, inversionConstant: d.cConst }).build();
  const flag = registerQubits(component, 'flag')[0]!;
  return {
    circuit, system: registerQubits(component, 'system'), clock: registerQubits(component, 'clock'), flag, postselect: component.postselect,
    clockQubits: d.t, successProbability: d.success, expectedFidelity: d.fidelity, kappa: sys.kappa,
    evolutionTime: NaN, inversionConstant: d.cConst, n: matrix.rows, encoding: be.kind, alpha, component,
  };
}
