/** IonQ native lowering: rxx/ryy/rzz onto one ms/zz, cx onto one entangler, minimal gpi/gpi2 runs with virtual Z. */
import { describe, expect, it } from 'vitest';
import { CircuitBuilder, withInstructions, type Circuit, type GateName, type Instruction } from '../../compiler/circuit/index.js';
import { lowerPauliRotation, mergeIonqNative } from '../../passes/ionq-native.js';
import { translateBasis } from '../../passes/translate-basis.js';
import { makeContext } from '../../passes/pass.js';
import { transpile } from '../../passes/transpile.js';
import { getTarget } from '../../passes/targets/builtins.js';
import { verify } from '../../passes/targets/target.js';
import { checkEquivalence } from '../../passes/primitives/equivalence.js';
import { rng } from '../helpers/quantum.js';
import { randomCircuit } from './random-circuits.js';

const ENT = new Set(['ms', 'zz']);
const ONE_Q: GateName[] = ['h', 'x', 'y', 'z', 's', 'sdg', 't', 'tdg', 'sx', 'sxdg', 'rz', 'rx', 'ry', 'U', 'gpi', 'gpi2'];

function randomOneQ(b: CircuitBuilder, q: number, r: () => number): void {
  const g = ONE_Q[Math.floor(r() * ONE_Q.length)]!;
  const np = g === 'U' ? 3 : ['rz', 'rx', 'ry', 'gpi', 'gpi2'].includes(g) ? 1 : 0;
  b.gate(g, [q], Array.from({ length: np }, () => (r() < 0.4 ? Math.round(r() * 8) * Math.PI / 4 : (r() - 0.5) * 8)));
}

/** Random circuit of one-qubit gates, cx and Pauli rotations whose angles cover every fold of ms's [0, π/2]. */
function randomPauliCircuit(n: number, gates: number, seed: number): Circuit {
  const r = rng(seed);
  const b = new CircuitBuilder(n);
  for (let k = 0; k < gates; k++) {
    const u = r();
    if (u < 0.45) {
      const a = Math.floor(r() * n);
      const c = (a + 1 + Math.floor(r() * (n - 1))) % n;
      const g = (['rxx', 'ryy', 'rzz', 'cx'] as const)[Math.floor(r() * 4)]!;
      b.gate(g, [a, c], g === 'cx' ? [] : [(r() - 0.5) * 4 * Math.PI]);
    } else randomOneQ(b, Math.floor(r() * n), r);
  }
  return b.build();
}

const lower = (c: Circuit, target: string): Circuit => translateBasis.run(c, makeContext(getTarget(target)));
const entanglers = (is: readonly Instruction[]): number => is.filter((i) => ENT.has(i.gate)).length;

/** Longest run of one-qubit gates on a wire between two-qubit gates, and the run at each wire's end. */
function runLengths(c: Circuit): { inner: number; last: number } {
  const run = new Array<number>(c.numQubits).fill(0);
  let inner = 0;
  for (const i of c.instructions) {
    if (i.qubits.length === 1) run[i.qubits[0]!]! += 1;
    else for (const q of i.qubits) { inner = Math.max(inner, run[q]!); run[q] = 0; }
  }
  return { inner, last: Math.max(0, ...run) };
}

describe('IonQ native lowering', () => {
  it.each([['ms', 'ionq_aria'], ['zz', 'ionq_forte']] as const)('rxx/ryy/rzz at any angle become exactly one %s', (ent, target) => {
    const t = getTarget(target);
    const r = rng(3);
    for (const g of ['rxx', 'ryy', 'rzz'] as const) {
      for (const th of [0.3, -0.3, 1.4, -1.4, 2.5, -2.5, Math.PI, -3.1, 7.7, (r() - 0.5) * 20]) {
        const c = new CircuitBuilder(2).gate('h', [0]).gate(g, [1, 0], [th]).build();
        const seq = lowerPauliRotation(c.instructions[1]!, ent)!;
        expect(entanglers(seq), `${g}(${th})`).toBe(1);
        const low = lower(c, target);
        expect(entanglers(low.instructions)).toBe(1);
        expect(verify(low, t), `${g}(${th})`).toEqual([]);
        const bare = new CircuitBuilder(2).gate(g, [1, 0], [th]).build();
        expect(checkEquivalence(bare, withInstructions(bare, seq)).distance, `${g}(${th}) raw`).toBeLessThan(1e-9);
        expect(checkEquivalence(c, low).distance, `${g}(${th})`).toBeLessThan(1e-9);
      }
    }
    // rzz on Forte is zz itself: no one-qubit gates at all.
    if (ent === 'zz') expect(lower(new CircuitBuilder(2).gate('rzz', [0, 1], [0.7]).build(), target).instructions.map((i) => i.gate)).toEqual(['zz']);
    if (ent === 'ms') expect(lower(new CircuitBuilder(2).gate('rxx', [0, 1], [0.7]).build(), target).instructions.map((i) => i.gate)).toEqual(['ms']);
  });

  it('any one-qubit run becomes ≤ 3 gates at the end of a wire, ≤ 2 before an entangler, and cx is one entangler', () => {
    for (let seed = 1; seed <= 60; seed++) {
      const r = rng(seed);
      const b = new CircuitBuilder(2);
      const len = 1 + Math.floor(r() * 6);
      for (let k = 0; k < len; k++) randomOneQ(b, 0, r);
      b.gate('cx', [0, 1]);
      for (let k = 0; k < len; k++) randomOneQ(b, 0, r);
      const c = b.build();
      for (const target of ['ionq_aria', 'ionq_forte']) {
        const low = lower(c, target);
        expect(checkEquivalence(c, low).distance, `seed ${seed} ${target}`).toBeLessThan(1e-9);
        expect(entanglers(low.instructions)).toBe(1);
        const runs = runLengths(low);
        expect(runs.inner, `seed ${seed}`).toBeLessThanOrEqual(2);
        expect(runs.last, `seed ${seed}`).toBeLessThanOrEqual(3);
      }
    }
  });

  it('merges a run of natives on its own (gpi2·gpi2·gpi2 with Z frames)', () => {
    const c = new CircuitBuilder(1).gate('gpi2', [0], [0.2]).gate('rz', [0], [0.9]).gate('gpi2', [0], [1.1]).gate('gpi2', [0], [-0.4]).gate('gpi', [0], [2]).build();
    const m = withInstructions(c, mergeIonqNative(c.instructions, 1));
    expect(m.instructions.length).toBeLessThanOrEqual(3);
    expect(checkEquivalence(c, m).distance).toBeLessThan(1e-9);
    const id = new CircuitBuilder(1).gate('gpi2', [0], [0.3]).gate('gpi2', [0], [0.3 + Math.PI]).build();
    expect(mergeIonqNative(id.instructions, 1)).toEqual([]);
  });

  it('before an ms, a run costs at most one gate: the rotation about the ms axis moves past it', () => {
    const r = rng(11);
    for (let seed = 0; seed < 40; seed++) {
      const b = new CircuitBuilder(2);
      for (let k = 0; k < 3; k++) { randomOneQ(b, 0, r); randomOneQ(b, 1, r); }
      b.gate('ms', [0, 1], [(r() - 0.5) * 7, (r() - 0.5) * 7, r() * Math.PI / 2]);
      randomOneQ(b, 0, r);
      const c = b.build();
      const m = withInstructions(c, mergeIonqNative(c.instructions, 2));
      const k = m.instructions.findIndex((i) => i.gate === 'ms');
      for (const q of [0, 1]) expect(m.instructions.slice(0, k).filter((i) => i.qubits[0] === q).length, `seed ${seed}`).toBeLessThanOrEqual(1);
      expect(checkEquivalence(c, m).distance, `seed ${seed}`).toBeLessThan(1e-9);
    }
  });

  it.each(['ionq_aria', 'ionq_forte'])('%s: random Pauli-rotation circuits keep their unitary, satisfy the predicates, and spend one entangler per rotation or cx', (target) => {
    const t = getTarget(target);
    for (let seed = 1; seed <= 8; seed++) {
      const c = randomPauliCircuit(2 + (seed % 4), 40, 50 + seed);
      const low = lower(c, target);
      expect(verify(low, t), `seed ${seed}`).toEqual([]);
      expect(checkEquivalence(c, low).distance, `seed ${seed}`).toBeLessThan(1e-8);
      const twoQ = c.instructions.filter((i) => i.qubits.length === 2).length;
      expect(entanglers(low.instructions), `seed ${seed}`).toBe(twoQ);
      expect(runLengths(low).inner).toBeLessThanOrEqual(2);
      const r = transpile(c, t, { level: 2, seed });
      expect(verify(r.circuit, t)).toEqual([]);
      expect(checkEquivalence(c, r.circuit).distance, `seed ${seed} O2`).toBeLessThan(1e-8);
    }
  });

  it.each(['ionq_aria', 'ionq_forte'])('%s: the shared random-circuit pools still lower exactly, measurements included', (target) => {
    const t = getTarget(target);
    for (let seed = 1; seed <= 4; seed++) {
      const c = randomCircuit(3 + (seed % 3), 30, 900 + seed, seed % 2 === 0 ? 'rotations' : 'mixed');
      const low = lower(c, target);
      expect(verify(low, t)).toEqual([]);
      expect(checkEquivalence(c, low).distance, `seed ${seed}`).toBeLessThan(1e-8);
    }
    // A Z rotation right before a measurement is dropped (it only changes a phase of the measured basis state).
    const m = new CircuitBuilder(1, 1).gate('h', [0]).gate('t', [0]).measure(0, 0).build();
    const low = lower(m, target);
    expect(low.instructions.map((i) => i.gate)).toEqual(['gpi2', 'measure']);
  });
});
