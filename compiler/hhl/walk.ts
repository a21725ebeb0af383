/**
 * HHL through a block encoding: phase estimation on the qubitization walk
 * W = R·U†·R·U (R = 2|0⟩⟨0| − I on the encoding's ancillas). For a symmetric A encoded by U with
 * subnormalisation α, |0⟩|v_j⟩ splits into two eigenvectors of W with phases ±2θ_j,
 * cos θ_j = |λ_j|/α, so the clock value c estimates λ̃(c) = α·|cos(πc/2^t)| without any
 * Hamiltonian simulation. Controlled-W needs only the reflections controlled (U·U† = I when the
 * control is off). The flag rotation, uncomputation and post-selection (flag = 1, clock = 0,
 * encoding ancillas = 0) are as in hhl.ts. The walk sees |λ| only, so A must be positive definite.
 * Circuit size grows with 2^t·cost(U): polylogarithmic in N for oracle-efficient encodings.
 * @see arXiv:1610.06546 (Low, Chuang: qubitization); arXiv:1806.01838 (GSLW) Section 3;
 * @see arXiv:0811.3171 (HHL)
 */
import { CircuitBuilder, inverseCircuit, type Circuit } from '../circuit/index.js';
import { ResourceError, ValidationError } from '../errors.js';
import type { CsrMatrix } from '../linalg/csr.js';
import { chooseEncoding, type EncodingKind } from '../blockencoding/choose.js';
import { Qft } from '../synthesis/qft.js';
import { walkControlledPower } from '../synthesis/qpe.js';
import { StatePrep } from '../synthesis/state-prep.js';
import { appendMultiplexor } from '../synthesis/uniformly-controlled.js';
import { gain, prepareSystem, type HhlProgram } from './hhl.js';

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

/** HHL for A x = b with A positive definite, by phase estimation on the block encoding's walk. */
export function buildHhlWalk(matrix: CsrMatrix, b: ArrayLike<number>, options: HhlWalkOptions = {}): HhlWalkProgram {
  const eps = options.epsilon ?? 0.01;
  const sys = prepareSystem(matrix, b, options);
  if (sys.signed) throw new ValidationError('HHL (walk): the matrix has negative eigenvalues; the qubitization walk sees only |λ|, so use the eigenbasis HHL or --method qsvt');
  const enc = options.encoding ?? 'auto';
  const be = chooseEncoding(matrix, enc === 'auto' ? {} : { kinds: [enc] }).chosen.blockEncoding();
  if (be.systemQubits !== sys.n) throw new ValidationError('HHL (walk): the block encoding pads differently from the system');
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
    if (d.fidelity < 1 - eps) throw new ResourceError(`HHL (walk): ε = ${eps} needs more than ${maxT} clock qubits at α/λ_min = ${(alpha / lamMin).toPrecision(4)}; raise --epsilon or use --method qsvt`);
  }
  const t = d.t;
  const builder = new CircuitBuilder();
  const sysQ = builder.addQreg('sys', be.systemQubits);
  const ancQ = builder.addQreg('enc', be.ancillaQubits);
  const clock = builder.addQreg('clock', t);
  const [flag] = builder.addQreg('flag', 1);
  new StatePrep({ amplitudes: sys.bPad, numQubits: sys.n }).appendTo(builder, sysQ);
  // Phase estimation as one sub-circuit so its inverse uncomputes it exactly.
  const pe = new CircuitBuilder(builder.numQubits);
  const power = walkControlledPower(be);
  const encQ = [...sysQ, ...ancQ];
  for (const q of clock) pe.h(q);
  // Clock qubit t−1−k controls W^{2^k}: the bit-reversed order lets the QFTs skip their swaps.
  for (let k = 0; k < t; k++) pe.compose(power(k), [clock[t - 1 - k]!, ...encQ]);
  pe.compose(new Qft({ numQubits: t, inverse: true, swaps: false }).circuit(), clock);
  const peCircuit = pe.build();
  builder.compose(peCircuit);
  appendMultiplexor(builder, { axis: 'y', angles: d.sines.map((s) => 2 * Math.asin(s)), controls: clock, target: flag!, tolerance: 1e-12 });
  builder.compose(inverseCircuit(peCircuit));
  builder.setMetadata('hhl', { evolution: 'walk', encoding: be.kind, alpha, clockQubits: t, inversionConstant: d.cConst });
  return {
    circuit: builder.build(), system: sysQ, clock, flag: flag!,
    postselect: [[flag!, 1], ...clock.map((q) => [q, 0] as const), ...ancQ.map((q) => [q, 0] as const)],
    clockQubits: t, successProbability: d.success, expectedFidelity: d.fidelity, kappa: sys.kappa,
    evolutionTime: NaN, inversionConstant: d.cConst, n: matrix.rows, encoding: be.kind, alpha,
  };
}
