/**
 * Every component, one checker: registers, cost() = the built circuit's counts, and the simulated
 * circuit against the linear algebra it claims; size-only components against built ones.
 */
import { describe, expect, it } from 'vitest';
import { sparseEncodingExamples, SparseEncoding } from '../../../compiler/blockencoding/sparse.js';
import { SparseEncodingModel } from '../../../compiler/blockencoding/sparse-model.js';
import { buildHhl, HhlCircuit } from '../../../compiler/hhl/hhl.js';
import { Orthogonal } from '../../../compiler/hhl/orthogonal.js';
import { buildHhlWalk, HhlWalk } from '../../../compiler/hhl/walk.js';
import { CsrMatrix } from '../../../compiler/linalg/csr.js';
import { solvePhases } from '../../../compiler/qsvt/phases.js';
import { QsvtCircuit } from '../../../compiler/qsvt/qsvt-circuit.js';
import { evaluate, type Component } from '../../../compiler/synthesis/component.js';
import { StatePrep } from '../../../compiler/synthesis/state-prep.js';
import { Diagonal, UniformlyControlledRotation } from '../../../compiler/synthesis/uniformly-controlled.js';
import { rng } from '../../helpers/quantum.js';
import { ntkLike, randomSymmetric } from '../blockencoding/check.js';
import { checkComponent, checkSized, expectCostMatchesCircuit } from './check.js';
import { multiplexorMatrix } from './claims.js';
import { componentExamples, randomOrthogonal, randomParity } from './examples.js';

describe('every component against its claim', () => {
  it.each(componentExamples().map(([name, c, claim]) => [name, c, claim] as const))('%s', (_name, c, claim) => {
    checkComponent(c, claim());
  });
});

describe('size-only components against built ones of the same sizes', () => {
  const r = rng(5);
  const vec = (n: number): number[] => Array.from({ length: n }, () => r() - 0.5);

  it.each([0, 1, 3, 5])('a multiplexor with %i controls: any angles = random angles', (k) => {
    checkSized(new UniformlyControlledRotation({ axis: 'y', controls: k }), [new UniformlyControlledRotation({ axis: 'y', angles: vec(2 ** k) })], 'equal');
  });

  it.each([1, 2, 4])('a diagonal on %i qubits: any phases = random phases', (m) => {
    checkSized(new Diagonal({ qubits: m }), [new Diagonal({ phases: vec(2 ** m) })], 'equal');
  });

  it.each([[3, false, false], [3, true, false], [2, false, true], [2, true, true]] as const)('state preparation on %i qubits (complex %s, controlled %s): any amplitudes = random ones', (n, complex, ctl) => {
    const amplitudes = complex ? { re: vec(2 ** n), im: vec(2 ** n) } : vec(2 ** n);
    checkSized(StatePrep.sized({ numQubits: n, complex, controlled: ctl }), [new StatePrep({ amplitudes, controlled: ctl })], 'equal');
  });

  it('QSVT of a given degree without phases = with phases', () => {
    const be = sparseEncodingExamples()[2]!;
    checkSized(new QsvtCircuit({ blockEncoding: be, degree: 5 }), [new QsvtCircuit({ blockEncoding: be, phases: solvePhases(randomParity(5, 3)).phases })], 'equal');
  });

  it.each([
    ['NTK-like 8', ntkLike(8, 3)], ['NTK-like 16', ntkLike(16, 4)], ['random sparse 16', randomSymmetric(16, 5, 0.2)], ['random dense 4', randomSymmetric(4, 6, 1)],
  ] as const)('the sparse encoding model (QROM) bounds the built encoding of %s; QRAM has the ancilla-free register', (_n, a) => {
    const built = new SparseEncoding({ matrix: a });
    checkSized(new SparseEncodingModel({ systemQubits: built.systemQubits, colors: built.colors, access: 'qrom' }), [built], 'bound');
    const qram = new SparseEncodingModel({ systemQubits: built.systemQubits, colors: built.colors, access: 'qram' });
    expect(qram.numQubits).toBe(new SparseEncoding({ matrix: a, qrom: 'mcx' }).numQubits);
    expect(() => qram.circuit()).toThrow(/no circuit/);
  });

  it.each([1, 2, 3])('an orthogonal matrix on %i qubits: the size-only synthesis bounds the built one', (n) => {
    checkSized(Orthogonal.sized(n), [new Orthogonal(randomOrthogonal(2 ** n, 40 + n))], 'bound');
  });

  it.each([
    ['2×2 textbook', CsrMatrix.fromDense(2, 2, [1, -1 / 3, -1 / 3, 1]), [1, 0]],
    ['8×8 NTK-like', ntkLike(8, 3), [1, -1, 1, -1, 1, -1, 1, -1]],
    ['6×6 random SPD (padded)', CsrMatrix.fromDense(6, 6, Array.from({ length: 36 }, (_, k) => (k % 7 === 0 ? 2 + (k % 5) / 5 : 0.1 * Math.cos(k % 6 + Math.floor(k / 6))))), [1, 2, 3, 4, 5, 6]],
  ] as const)('HHL (eigenbasis) on %s: the size-only circuit bounds the built one', (_n, a, b) => {
    const h = buildHhl(a, [...b]);
    checkSized(HhlCircuit.sized({ systemQubits: h.system.length, clockQubits: h.clockQubits }), [h.component], 'bound');
  });

  it('HHL (walk): priced for any flag angles, it bounds the built circuit', () => {
    const a = CsrMatrix.fromDense(2, 2, [1, -1 / 3, -1 / 3, 1]);
    const w = buildHhlWalk(a, [1, 0], { encoding: 'lcu' });
    const built = w.component as HhlWalk;
    const sized = new HhlWalk({ blockEncoding: built.blockEncoding, rhs: new StatePrep({ amplitudes: [1, 0] }), clockQubits: built.clockQubits });
    checkSized(sized, [built], 'bound');
  });
});

describe('the call-graph model', () => {
  it('memoises evaluation: a 2^34-entry QROM and a degree-10^4 QSVT are priced without building anything', () => {
    const model = new SparseEncodingModel({ systemQubits: 30, colors: 16, access: 'qrom' });
    const q = new QsvtCircuit({ blockEncoding: model, degree: 10001 });
    const e = evaluate(q);
    expect(e.calls.get(model)).toBe(5001);
    expect(e.gates.ccx).toBeGreaterThan(2 ** 34 * 10001);
  });

  it('the checker fails on a wrong claim', () => {
    const m = new UniformlyControlledRotation({ axis: 'y', angles: [0.1, 0.2, 0.3, 0.4] });
    expect(() => checkComponent(m, { kind: 'unitary', matrix: multiplexorMatrix('y', [0.1, 0.2, 0.3, 0.41]) })).toThrow();
    expect(() => checkComponent(m, { kind: 'unitary', matrix: multiplexorMatrix('z', [0.1, 0.2, 0.3, 0.4]) })).toThrow();
  });

  it('the checker fails on a component whose call graph misstates its circuit', () => {
    const honest = new UniformlyControlledRotation({ axis: 'y', angles: [0.1, 0.2, 0.3, 0.4] });
    const liar: Component = Object.assign(Object.create(Object.getPrototypeOf(honest) as object) as UniformlyControlledRotation, honest, {
      callGraph: () => [['ry', 4], ['cx', 3]] as const,
    });
    expect(() => expectCostMatchesCircuit(liar)).toThrow();
  });
});
