import { describe, expect, it } from 'vitest';
import { CircuitBuilder, type Circuit } from '../../compiler/circuit/index.js';
import { readQasmFile } from '../../compiler/qasm/read.js';
import { bestOf, definePass, fixedPoint, makeContext, repeatWhileImproving, sequence, type Pass } from '../../passes/pass.js';
import { getTarget } from '../../passes/targets/builtins.js';
import { cancelInverses } from '../../passes/cancel-inverses.js';
import { mergeRotations } from '../../passes/merge-rotations.js';
import { reduceHadamards } from '../../passes/reduce-hadamards.js';
import { propagateNots } from '../../passes/propagate-nots.js';
import { decomposeToffoli, decomposeToffoliWith } from '../../passes/decompose-toffoli.js';
import { decomposeMultiControlled, decomposeMultiQubit } from '../../passes/decompose-multi-qubit.js';
import { fuseSingleQubit } from '../../passes/fuse-single-qubit.js';
import { removeDiagonalBeforeMeasure } from '../../passes/remove-diagonal-before-measure.js';
import { resynthesizePhasePolynomials } from '../../passes/resynthesize-phase-polynomials.js';
import { optimizationPipeline } from '../../passes/transpile.js';
import { consolidateTwoQubit } from '../../passes/consolidate-two-qubit.js';
import { hadamardCnotToPhase } from '../../passes/hadamard-cnot-to-phase.js';
import { checkEquivalence } from '../../passes/primitives/equivalence.js';
import { randomCircuit, type GatePool } from './random-circuits.js';
import { benchCircuit } from '../helpers/fixtures.js';

const ctx = makeContext(getTarget('generic'));
const gates = (c: Circuit): string[] => c.instructions.map((i) => i.gate);
const count = (c: Circuit, ...names: string[]): number => c.instructions.filter((i) => names.includes(i.gate)).length;

const PASSES: Array<[string, Pass]> = [
  ['cancel-inverses', cancelInverses],
  ['merge-rotations', mergeRotations],
  ['reduce-hadamards', reduceHadamards],
  ['propagate-nots', propagateNots],
  ['decompose-toffoli', decomposeToffoli],
  ['decompose-toffoli (orientation 3)', decomposeToffoliWith(3)],
  ['decompose-multi-controlled', decomposeMultiControlled],
  ['decompose-multi-qubit', decomposeMultiQubit],
  ['fuse-single-qubit', fuseSingleQubit()],
  ['resynthesize-phase-polynomials', sequence('toffoli+resynth', [decomposeToffoli, mergeRotations, resynthesizePhasePolynomials])],
  ['consolidate-two-qubit', consolidateTwoQubit],
  ['hadamard-cnot-to-phase', hadamardCnotToPhase],
  ['-O1', optimizationPipeline(1)],
  ['-O2', optimizationPipeline(2)],
  ['-O3', optimizationPipeline(3)],
];
const POOLS: GatePool[] = ['clifford-t', 'rotations', 'mixed'];

describe('every pass preserves the unitary (up to global phase) on seeded random circuits of 2–8 qubits', () => {
  it.each(PASSES)('%s', (_name, pass) => {
    for (let seed = 1; seed <= 6; seed++) {
      const n = 2 + (seed % 7);
      const pool = POOLS[seed % 3]!;
      const c = randomCircuit(n, 40, seed * 31 + n, pool);
      const out = pass.run(c, ctx);
      const eq = checkEquivalence(c, out);
      expect(eq.distance, `seed ${seed}, ${n} qubits, ${pool}`).toBeLessThan(1e-8);
    }
  });

  it.each(['tof_3', 'barenco_tof_3', 'mod5_4', 'tof_4', 'barenco_tof_4'])('bench circuit %s through -O1…-O3 stays equivalent and shrinks', (name) => {
    const c = readQasmFile(benchCircuit('nam_ccz', name));
    for (const level of [1, 2, 3] as const) {
      const out = optimizationPipeline(level).run(c, ctx);
      expect(checkEquivalence(c, out).distance, `-O${level}`).toBeLessThan(1e-8);
    }
    const o3 = optimizationPipeline(3).run(c, ctx);
    expect(count(o3, 'ccz', 'ccx')).toBe(0);
    expect(count(o3, 'cx')).toBeLessThan(count(c, 'cx') + 6 * count(c, 'ccz', 'ccx'));
  });
});

describe('what each pass does', () => {
  it('cancel-inverses: pairs across commuting gates, merged phases in Clifford+T names', () => {
    const c = new CircuitBuilder(3).cx(0, 1).rz(0.3, 0).cx(2, 1).cx(0, 1).h(2).h(2).t(2).t(2).build();
    const out = cancelInverses.run(c, ctx);
    expect(gates(out).sort()).toEqual(['cx', 'rz', 's'].sort());
    const blocked = new CircuitBuilder(2).cx(0, 1).h(0).cx(0, 1).build();
    expect(cancelInverses.run(blocked, ctx).instructions).toHaveLength(3);
  });

  it('merge-rotations: phases with the same parity merge across a CNOT network', () => {
    const c = new CircuitBuilder(2).cx(0, 1).t(1).cx(0, 1).x(0).cx(0, 1).t(1).cx(0, 1).build();
    const out = mergeRotations.run(c, ctx);
    // parity x0⊕x1 gets t, then after x(0) the wire holds the negated parity: t on ¬f = tdg on f.
    expect(count(out, 't', 'tdg')).toBe(0);
    expect(checkEquivalence(c, out).distance).toBeLessThan(1e-9);
  });

  it('reduce-hadamards: H·S·H and (H⊗H)·CX·(H⊗H)', () => {
    const c = new CircuitBuilder(2).h(0).s(0).h(0).h(0).h(1).cx(0, 1).h(0).h(1).build();
    const out = reduceHadamards.run(c, ctx);
    expect(count(out, 'h')).toBeLessThan(count(c, 'h'));
    expect(checkEquivalence(c, out).distance).toBeLessThan(1e-9);
    const d = new CircuitBuilder(2).h(1).s(1).cx(0, 1).sdg(1).h(1).build();
    const od = reduceHadamards.run(d, ctx);
    expect(count(od, 'h')).toBe(0);
    expect(checkEquivalence(d, od).distance).toBeLessThan(1e-9);
  });

  it('propagate-nots: X pairs meet through CNOTs and phases', () => {
    const c = new CircuitBuilder(2).x(0).cx(0, 1).t(0).cx(0, 1).x(0).build();
    const out = propagateNots.run(c, ctx);
    expect(count(out, 'x')).toBe(0);
    expect(checkEquivalence(c, out).distance).toBeLessThan(1e-9);
  });

  it('decompose-toffoli: two ccz on the same qubits vanish after merging', () => {
    const c = new CircuitBuilder(3).gate('ccz', [0, 1, 2]).gate('ccz', [0, 1, 2]).build();
    const out = sequence('t', [decomposeToffoli, mergeRotations, cancelInverses]).run(c, ctx);
    expect(count(out, 't', 'tdg', 's', 'sdg', 'z')).toBe(0);
    expect(checkEquivalence(c, out).distance).toBeLessThan(1e-9);
  });

  it('resynthesize-phase-polynomials: a redundant CNOT network shrinks', () => {
    const c = new CircuitBuilder(3).cx(0, 1).cx(1, 2).cx(0, 1).cx(1, 2).t(2).cx(1, 2).cx(0, 1).cx(1, 2).cx(0, 1).build();
    const out = resynthesizePhasePolynomials.run(c, ctx);
    expect(count(out, 'cx')).toBeLessThan(count(c, 'cx'));
    expect(count(out, 't', 'tdg')).toBe(1);
    expect(checkEquivalence(c, out).distance).toBeLessThan(1e-9);
  });

  it('fuse-single-qubit: a rotation run becomes one U; a Clifford run its shortest word', () => {
    const c = new CircuitBuilder(1).rz(0.1, 0).ry(0.2, 0).rx(0.3, 0).rz(0.4, 0).build();
    expect(gates(fuseSingleQubit().run(c, ctx))).toEqual(['U']);
    const cl = new CircuitBuilder(1).h(0).s(0).s(0).h(0).build();
    expect(gates(fuseSingleQubit().run(cl, ctx))).toEqual(['x']);
    const zsx = fuseSingleQubit({ basis: 'zsx', allowed: new Set(['rz', 'sx', 'x']) }).run(c, ctx);
    expect(gates(zsx).every((g) => ['rz', 'sx', 'x'].includes(g))).toBe(true);
    expect(checkEquivalence(c, zsx).distance).toBeLessThan(1e-9);
  });

  it('consolidate-two-qubit: a swap next to a cx on the same pair becomes at most 3 CNOTs', () => {
    const c = new CircuitBuilder(3).cx(0, 1).swap(0, 1).h(2).rz(0.3, 0).cx(1, 0).cx(1, 2).build();
    const out = consolidateTwoQubit.run(c, ctx);
    expect(out.instructions.filter((i) => i.qubits.length === 2 && i.qubits.includes(0)).length).toBeLessThanOrEqual(3);
    expect(count(out, 'swap')).toBe(0);
    expect(checkEquivalence(c, out).distance).toBeLessThan(1e-8);
  });

  it('hadamard-cnot-to-phase: H·CX·H on the target becomes a CNOT+phase network without Hadamards', () => {
    const c = new CircuitBuilder(2).h(1).cx(0, 1).h(1).build();
    const out = hadamardCnotToPhase.run(c, ctx);
    expect(count(out, 'h')).toBe(0);
    expect(checkEquivalence(c, out).distance).toBeLessThan(1e-9);
  });

  it('remove-diagonal-before-measure: only gates whose every qubit is measured next', () => {
    const c = new CircuitBuilder(2, 2).h(0).h(1).cz(0, 1).t(0).rz(0.2, 1).measure(0, 0).h(1).measure(1, 1).build();
    const out = removeDiagonalBeforeMeasure.run(c, ctx);
    expect(gates(out)).toEqual(['h', 'h', 'cz', 'rz', 'measure', 'h', 'measure']);
    // A removal exposes the gate before it: t goes, then cz has both its qubits measured next.
    const chain = new CircuitBuilder(2, 2).h(0).h(1).cz(0, 1).t(0).measure(0, 0).measure(1, 1).build();
    expect(gates(removeDiagonalBeforeMeasure.run(chain, ctx))).toEqual(['h', 'h', 'measure', 'measure']);
    // Without measurements the circuit comes back as it is.
    const none = new CircuitBuilder(1).t(0).build();
    expect(removeDiagonalBeforeMeasure.run(none, ctx)).toBe(none);
  });
});

describe('combinators', () => {
  const countingPass = (name: string, requires: never[] = []): Pass => definePass({ name, requires, guarantees: [] }, (c) => c);
  it('sequence refuses a pipeline whose requirement nothing guarantees', () => {
    const needsBasis = definePass({ name: 'needs-basis', requires: ['basis'], guarantees: [] }, (c) => c);
    expect(() => sequence('bad', [countingPass('a'), needsBasis])).toThrow(/requires 'basis'/);
    expect(() => sequence('ok', [needsBasis], ['basis'])).not.toThrow();
  });

  it('fixedPoint stops when nothing changes; repeatWhileImproving keeps the best; bestOf picks the cheapest', () => {
    let calls = 0;
    const dropFirst = definePass({ name: 'drop', requires: [], guarantees: [] }, (c) => {
      calls++;
      return { ...c, instructions: c.instructions.slice(1) };
    });
    const c = new CircuitBuilder(1).x(0).x(0).x(0).build();
    expect(fixedPoint(dropFirst).run(c, ctx).instructions).toHaveLength(0);
    expect(calls).toBe(4);
    expect(repeatWhileImproving(dropFirst, (k) => k.instructions.length, 2).run(c, ctx).instructions).toHaveLength(1);
    const grow = definePass({ name: 'grow', requires: [], guarantees: [] }, (k) => ({ ...k, instructions: [...k.instructions, ...k.instructions] }));
    expect(bestOf('b', [grow, dropFirst], (k) => k.instructions.length).run(c, ctx).instructions).toHaveLength(2);
  });
});

describe('multi-controlled decomposition and ancillas', () => {
  it('keeps the exact unitary by default (idle qubits only borrowed) and uses clean ancillas only when told the input is |0…0⟩', async () => {
    const { decomposeMultiQubitList } = await import('../../passes/decompose-multi-qubit.js');
    const c = new CircuitBuilder(7).h(0).h(1).h(2).h(3).gate('mcx', [0, 1, 2, 3, 4]).build();
    const exact = new CircuitBuilder(7);
    for (const i of decomposeMultiQubitList(c.instructions, 7)) exact.add(i);
    expect(checkEquivalence(c, exact.build()).distance).toBeLessThan(1e-8);
    const zero = new CircuitBuilder(7);
    for (const i of decomposeMultiQubitList(c.instructions, 7, { assumeZeroInput: true })) zero.add(i);
    // From |0…0⟩ the state is the same; as unitaries they may differ on the ancilla's |1⟩ inputs.
    const { circuitState } = await import('../../compiler/circuit/index.js');
    const { stateOverlap } = await import('../helpers/quantum.js');
    expect(stateOverlap(circuitState(c), circuitState(zero.build()))).toBeGreaterThan(1 - 1e-9);
  });
});
