import { describe, expect, it } from 'vitest';
import { CircuitBuilder, circuitUnitary, gateSpec, instruction, withInstructions } from '../../compiler/circuit/index.js';
import { globalPhaseDistance } from '../../compiler/linalg/complex.js';
import { TargetError } from '../../compiler/errors.js';
import { RULES } from '../../passes/equivalence-rules.js';
import { transpile } from '../../passes/transpile.js';
import { makeTarget, verify } from '../../passes/targets/target.js';
import { checkEquivalence } from '../../passes/primitives/equivalence.js';
import { randomCircuit } from './random-circuits.js';
import { rng } from '../helpers/quantum.js';

const BASES: ReadonlyArray<readonly string[]> = [
  ['h', 'rz', 'cx', 'x'], ['rz', 'sx', 'x', 'cx'], ['rz', 'sx', 'x', 'cz'], ['u3', 'cx'], ['U', 'cx'], ['rx', 'ry', 'rz', 'cz'],
  ['rx', 'rz', 'cx'], ['p', 'h', 'cz'],
];
const CLIFFORD_T = ['h', 's', 'sdg', 't', 'tdg', 'x', 'cx'] as const;

describe('equivalence rules', () => {
  it('every rule equals its gate up to global phase (random parameters)', () => {
    const r = rng(5);
    for (const rule of RULES) {
      const spec = gateSpec(rule.from)!;
      for (let trial = 0; trial < 3; trial++) {
        // Partial (Clifford+T) rules take multiples of π/4; the others any angle.
        const params = Array.from({ length: spec.params }, () => (rule.partial ? Math.floor(r() * 8) * (Math.PI / 4) : (r() - 0.5) * 7));
        const qubits = Array.from({ length: spec.qubits }, (_, k) => k);
        const built = rule.build(qubits, params);
        expect(built, `${rule.from} → ${rule.uses.join(',')}`).toBeDefined();
        const n = Math.max(1, spec.qubits);
        const a = withInstructions(new CircuitBuilder(n).build(), [instruction(rule.from, qubits, params)]);
        const b = withInstructions(new CircuitBuilder(n).build(), built!);
        expect(globalPhaseDistance(circuitUnitary(a), circuitUnitary(b)), `${rule.from} → ${rule.uses.join(',')}`).toBeLessThan(1e-9);
      }
    }
  });
});

describe('translation to any universal basis', () => {
  it.each(BASES.map((b) => [b.join(',')]))('{%s}: every level, random circuits, verified by unitary', (basis) => {
    const t = makeTarget({ name: `basis ${basis}`, basisGates: basis.split(',') });
    for (const level of [0, 1, 2, 3] as const) {
      for (let seed = 1; seed <= 3; seed++) {
        const c = randomCircuit(3 + (seed % 3), 30, 31 * seed + level, seed === 1 ? 'clifford-t' : seed === 2 ? 'rotations' : 'mixed');
        const out = transpile(c, t, { level, seed }).circuit;
        expect(verify(out, t), `${basis} O${level} seed ${seed}`).toEqual([]);
        expect(checkEquivalence(c, out).distance, `${basis} O${level} seed ${seed}`).toBeLessThan(1e-7);
      }
    }
  });

  it('with a directed coupling map, cx only in the edge direction', () => {
    const t = makeTarget({ name: 'line', numQubits: 4, basisGates: ['h', 'rz', 'cx', 'x'], coupling: [[0, 1], [1, 2], [2, 3]], physicalQubits: true });
    const c = randomCircuit(4, 30, 9, 'mixed');
    const r = transpile(c, t, { level: 2 });
    expect(verify(r.circuit, t)).toEqual([]);
  });

  it('Clifford+T: exact Clifford+T inputs stay exact (T gates named), others are refused', () => {
    const t = makeTarget({ name: 'clifford+t', basisGates: [...CLIFFORD_T] });
    for (let seed = 1; seed <= 4; seed++) {
      const c = randomCircuit(4, 40, seed, 'clifford-t');
      for (const level of [0, 2, 3] as const) {
        const out = transpile(c, t, { level }).circuit;
        expect(verify(out, t), `seed ${seed} O${level}`).toEqual([]);
        expect(checkEquivalence(c, out).distance, `seed ${seed} O${level}`).toBeLessThan(1e-7);
      }
    }
    const bad = new CircuitBuilder(2).gate('h', [0]).gate('rz', [1], [0.3]).gate('cx', [0, 1]).build();
    expect(() => transpile(bad, t, { level: 1 })).toThrow(TargetError);
    expect(() => transpile(bad, t, { level: 1 })).toThrow(/exactly Clifford\+T/);
  });

  it('a basis without a universal one-qubit form or without an entangler is refused clearly', () => {
    expect(() => transpile(new CircuitBuilder(2).gate('h', [0]).build(), makeTarget({ name: 'no1q', basisGates: ['cx', 'x'] }))).toThrow(/cannot express arbitrary one-qubit gates/);
    expect(() => transpile(new CircuitBuilder(2).gate('h', [0]).build(), makeTarget({ name: 'no2q', basisGates: ['rz', 'sx', 'x'] }))).toThrow(/entangler/);
  });
});
