/** Every component's small example instances, each with the linear algebra it claims (computed from its parameters). */
import { CircuitBuilder, circuitUnitary, gateMatrix } from '../../../compiler/circuit/index.js';
import { CircuitBlockEncoding, type BlockEncoding } from '../../../compiler/blockencoding/block-encoding.js';
import { fableExamples } from '../../../compiler/blockencoding/fable.js';
import { LcuEncoding, lcuExamples } from '../../../compiler/blockencoding/lcu.js';
import { WalkStep } from '../../../compiler/blockencoding/qubitization.js';
import { SparseEncoding, sparseEncodingExamples } from '../../../compiler/blockencoding/sparse.js';
import { buildHhl } from '../../../compiler/hhl/hhl.js';
import { Orthogonal } from '../../../compiler/hhl/orthogonal.js';
import { buildHhlWalk } from '../../../compiler/hhl/walk.js';
import { chebEval, chebMaxAbsOnGrid } from '../../../compiler/linalg/chebyshev.js';
import { CMatrix } from '../../../compiler/linalg/complex.js';
import { CsrMatrix } from '../../../compiler/linalg/csr.js';
import { compileLinearSystem } from '../../../compiler/linear-system.js';
import { solvePhases } from '../../../compiler/qsvt/phases.js';
import { ProjectorPhase, QsvtCircuit } from '../../../compiler/qsvt/qsvt-circuit.js';
import type { Component } from '../../../compiler/synthesis/component.js';
import { multiControlledExamples, MultiControlledPhase } from '../../../compiler/synthesis/multi-controlled.js';
import { adjoint, Layer, Repeated } from '../../../compiler/synthesis/primitives.js';
import { PhaseEstimation } from '../../../compiler/synthesis/qpe.js';
import { qftExamples } from '../../../compiler/synthesis/qft.js';
import { qromExamples } from '../../../compiler/synthesis/qrom.js';
import { statePrepExamples } from '../../../compiler/synthesis/state-prep.js';
import { diagonalExamples, uniformlyControlledExamples } from '../../../compiler/synthesis/uniformly-controlled.js';
import { rng } from '../../helpers/quantum.js';
import type { Claim } from './check.js';
import { ancillaReflection, controlled, diagonalMatrix, matrixFunction2, multiplexorMatrix, phaseEstimationMatrix, power, qftMatrix } from './claims.js';

export type Example = readonly [name: string, component: Component, claim: () => Claim];

const range = (n: number): number[] => Array.from({ length: n }, (_, i) => i);

/** A random real orthogonal matrix (Gram–Schmidt of a seeded random matrix), row-major. */
export function randomOrthogonal(N: number, seed: number): Float64Array {
  const r = rng(seed);
  const q = Array.from({ length: N }, () => Array.from({ length: N }, () => r() - 0.5));
  for (let i = 0; i < N; i++) {
    for (let k = 0; k < i; k++) {
      const d = q[i]!.reduce((s, v, t) => s + v * q[k]![t]!, 0);
      q[i] = q[i]!.map((v, t) => v - d * q[k]![t]!);
    }
    const nr = Math.hypot(...q[i]!);
    q[i] = q[i]!.map((v) => v / nr);
  }
  return Float64Array.from(q.flat());
}

/** A random real polynomial of the given parity with max |f| = 0.8 on [−1, 1]. */
export function randomParity(d: number, seed: number): Float64Array {
  const r = rng(seed);
  const c = new Float64Array(d + 1);
  for (let k = d % 2; k <= d; k += 2) c[k] = 2 * r() - 1;
  const m = chebMaxAbsOnGrid(c);
  return c.map((x) => (0.8 * x) / m);
}

function synthesisExamples(): Example[] {
  const out: Example[] = [];
  for (const [i, e] of uniformlyControlledExamples().entries()) out.push([`multiplexor ${i}`, e, () => ({ kind: 'unitary', matrix: multiplexorMatrix(e.axis, e.angles!) })]);
  for (const [i, e] of diagonalExamples().entries()) out.push([`diagonal ${i}`, e, () => ({ kind: 'unitary', matrix: diagonalMatrix(e.phases!) })]);
  for (const [i, sp] of statePrepExamples().entries()) {
    const psi = (shift: number): CMatrix => {
      const v = new CMatrix(2 ** sp.numQubits, 1);
      for (let x = 0; x < sp.re.length; x++) v.set(x + shift, 0, { re: sp.re[x]!, im: sp.im[x]! });
      return v;
    };
    const on = 2 ** sp.stateQubits;
    out.push([`state-prep ${i}`, sp, () => ({ kind: 'states', cases: sp.controlled ? [{ input: 0, output: 0 }, { input: on, output: psi(on) }] : [{ input: 0, output: psi(0) }] })]);
  }
  for (const [i, q] of qromExamples().entries()) {
    const n = q.selectBits, b = q.dataBits;
    const cases: { input: number; output: number }[] = [];
    for (const ctrl of q.controlled ? [0, 1] : [1]) for (let s = 0; s < 2 ** n; s++) for (const y of [0, 2 ** b - 1]) {
      const input = s | (y << n) | (q.controlled ? ctrl << (n + b) : 0);
      cases.push({ input, output: input ^ ((ctrl && s < q.length ? q.entry(s) : 0) << n) });
    }
    out.push([`qrom ${i}`, q, () => ({ kind: 'states', cases })]);
  }
  for (const [i, q] of qftExamples().entries()) out.push([`qft ${i}`, q, () => ({ kind: 'unitary', matrix: qftMatrix(q.numQubits, q) })]);
  const pGate = new CircuitBuilder(1).p(2 * Math.PI * (5 / 8), 0).build();
  const two = new CircuitBuilder(2).h(0).cx(0, 1).rz(0.7, 1).cx(0, 1).h(0).build();
  for (const [u, t, swaps] of [[pGate, 3, true], [two, 3, true], [two, 3, false]] as const) {
    const pe = new PhaseEstimation({ clockQubits: t, targetQubits: u.numQubits, unitary: u, swaps });
    out.push([`phase estimation (${u.numQubits} target qubits, swaps ${swaps})`, pe, () => ({ kind: 'unitary', matrix: phaseEstimationMatrix(circuitUnitary(u), u.numQubits, t, swaps) })]);
  }
  for (const [i, m] of multiControlledExamples().entries()) {
    if (m instanceof MultiControlledPhase) {
      const dim = 2 ** m.numQubits;
      out.push([`mcp ${i}`, m, () => ({ kind: 'unitary', matrix: diagonalMatrix(range(dim).map((x) => (x === dim - 1 ? m.lambda : 0))) })]);
      continue;
    }
    const k = m.controls, clean = m.ancillas === 'clean';
    const cases: { input: number; output: number }[] = [];
    for (let x = 0; x < 2 ** m.numQubits; x++) {
      if (clean && x >> (k + 1) !== 0) continue;
      cases.push({ input: x, output: (x & (2 ** k - 1)) === 2 ** k - 1 ? x ^ (1 << k) : x });
    }
    out.push([`mcx ${i} (${m.label})`, m, () => ({ kind: 'states', cases })]);
  }
  const h = gateMatrix('h', []);
  out.push(['layer of h', new Layer('h', 2), () => ({ kind: 'unitary', matrix: h.kron(h) })]);
  out.push(['layer of cx', new Layer('cx', 2), () => ({ kind: 'states', cases: range(16).map((x) => ({ input: x, output: x ^ (((x & 3) << 2)) })) })]);
  const mux = uniformlyControlledExamples()[1]!;
  out.push(['adjoint of a multiplexor', adjoint(mux), () => ({ kind: 'unitary', matrix: multiplexorMatrix(mux.axis, mux.angles!).adjoint() })]);
  out.push(['a multiplexor repeated 3 times', new Repeated(mux, 3), () => ({ kind: 'unitary', matrix: power(multiplexorMatrix(mux.axis, mux.angles!), 3) })]);
  out.push(['projector phase (angles 0)', new ProjectorPhase(2), () => ({ kind: 'unitary', matrix: CMatrix.identity(16) })]);
  const v = randomOrthogonal(4, 3);
  out.push(['orthogonal 4×4', new Orthogonal(v), () => ({ kind: 'unitary', matrix: new CMatrix(4, 4, Float64Array.from(v), new Float64Array(16)) })]);
  return out;
}

function blockEncodingExamples(): Example[] {
  const out: Example[] = [];
  type Padded = BlockEncoding & { readonly padded: { readonly matrix: CsrMatrix } };
  const encodings: [string, Padded, number][] = [
    ...sparseEncodingExamples().map((e, i) => [`sparse encoding ${i}`, e, 1e-9] as [string, Padded, number]),
    ...fableExamples().map((e, i) => [`FABLE encoding ${i}`, e, e.epsilon + 1e-9] as [string, Padded, number]),
    ...lcuExamples().map((e, i) => [`LCU encoding ${i}`, e, 1e-9] as [string, Padded, number]),
  ];
  for (const [name, be, tol] of encodings) out.push([name, be, () => ({ kind: 'block', matrix: be.padded.matrix, tol })]);
  const sparse0 = sparseEncodingExamples()[0]!;
  const wrapped = new CircuitBlockEncoding({ kind: 'hand', circuit: sparse0.circuit(), alpha: sparse0.alpha, systemQubits: sparse0.systemQubits, workQubits: sparse0.workQubits });
  out.push(['circuit block encoding', wrapped, () => ({ kind: 'block', matrix: sparse0.padded.matrix })]);
  for (const be of [lcuExamples()[0]!, fableExamples()[0]!]) {
    const step = new WalkStep(be);
    out.push([`walk step of ${be.kind}`, step, () => {
      const n = be.numQubits, u = circuitUnitary(be.circuit()), r = ancillaReflection(be.systemQubits, n);
      return { kind: 'unitary', matrix: controlled(r.mul(u.adjoint()).mul(r).mul(u)) };
    }]);
  }
  return out;
}

/** QSVT on real encodings of a 2×2 matrix: block = f(A/α) for a random odd and a random even f. */
function qsvtExamples(): Example[] {
  const dense = [0.7, -0.4, -0.4, -0.2] as const;
  const m = CsrMatrix.fromDense(2, 2, [...dense]);
  const out: Example[] = [];
  for (const be of [new SparseEncoding({ matrix: m }), new LcuEncoding({ matrix: m })]) {
    for (const d of [5, 4]) {
      const coeffs = randomParity(d, 9 + d);
      const q = new QsvtCircuit({ blockEncoding: be, phases: solvePhases(coeffs).phases });
      const scaled = dense.map((x) => x / be.alpha) as unknown as readonly [number, number, number, number];
      out.push([`QSVT degree ${d} on the ${be.kind} encoding`, q, () => ({ kind: 'block-function', systemQubits: 1, matrix: matrixFunction2(scaled, (x) => chebEval(coeffs, x)) })]);
    }
  }
  return out;
}

/** The linear solvers' programs: post-selected state ∝ A⁻¹b with the predicted probability. */
function solverExamples(): Example[] {
  const textbook = CsrMatrix.fromDense(2, 2, [1, -1 / 3, -1 / 3, 1]);
  const a3 = CsrMatrix.fromDense(3, 3, [2, 0.3, 0, 0.3, 1.5, -0.2, 0, -0.2, 1]);
  const out: Example[] = [];
  for (const [name, a, b, encoding] of [['2×2, sparse', textbook, [1, 0], 'sparse'], ['3×3 (padded), auto', a3, [1, -1, 0.5], 'auto']] as const) {
    const p = compileLinearSystem(a, [...b], { epsilon: 1e-3, encoding });
    out.push([`QSVT inversion ${name}`, p.component, () => ({ kind: 'solution', a, b, fidelity: 0.999, system: p.system, postselect: p.postselect, probability: p.successProbability })]);
  }
  const h = buildHhl(a3, [1, -1, 0.5]);
  out.push(['HHL (eigenbasis) 3×3', h.component, () => ({ kind: 'solution', a: a3, b: [1, -1, 0.5], fidelity: 0.99, system: h.system, postselect: h.postselect, probability: h.successProbability })]);
  const w = buildHhlWalk(textbook, [1, 0], { encoding: 'lcu' });
  out.push(['HHL (walk, LCU) 2×2', w.component, () => ({ kind: 'solution', a: textbook, b: [1, 0], fidelity: 0.99, system: w.system, postselect: w.postselect, probability: w.successProbability })]);
  return out;
}

/** Every example with its claim. */
export function componentExamples(): Example[] {
  return [...synthesisExamples(), ...blockEncodingExamples(), ...qsvtExamples(), ...solverExamples()];
}

