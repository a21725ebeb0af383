import { describe, expect, it } from 'vitest';
import { bindParameters, CircuitBuilder, Expr, withValues, type Circuit } from '../../compiler/circuit/index.js';
import { TargetError, QntkError } from '../../compiler/errors.js';
import { definePass, makeContext, sequence } from '../../passes/pass.js';
import { transpile } from '../../passes/transpile.js';
import { getTarget } from '../../passes/targets/builtins.js';
import { makeTarget, verify, type Target } from '../../passes/targets/target.js';
import { checkEquivalence } from '../../passes/primitives/equivalence.js';
import { cancelInverses } from '../../passes/cancel-inverses.js';
import { mergeRotations } from '../../passes/merge-rotations.js';
import { fuseSingleQubit } from '../../passes/fuse-single-qubit.js';
import { randomSymbolicCircuit, valueSets, INPUTS } from '../helpers/symbolic.js';
import { routedEquivalent } from './random-circuits.js';

const LEVELS = [0, 1, 2, 3] as const;
const line5 = (name: string, basis: string[]): Target => makeTarget({ name, numQubits: 5, basisGates: basis, operations: ['measure', 'reset', 'barrier'], coupling: [[0, 1], [1, 2], [2, 3], [3, 4]], symmetric: true, physicalQubits: true });
const TARGETS: readonly Target[] = [
  getTarget('generic'),
  makeTarget({ name: 'zyz+cx', basisGates: ['cx', 'rz', 'ry'] }),
  makeTarget({ name: 'u+cx', basisGates: ['cx', 'U'] }),
  makeTarget({ name: 'zhz+cx', basisGates: ['cx', 'p', 'h'] }),
  getTarget('ionq_qis'),
  line5('line5-rz-sx-cz', ['cz', 'rz', 'sx', 'x']),
  line5('line5-rz-rx-cx', ['cx', 'rz', 'rx']),
];

function countSymbolic(c: Circuit): number {
  return c.instructions.filter((i) => i.exprs !== undefined).length;
}

describe('optimising and lowering with symbolic angles, then binding, equals binding first', () => {
  it.each(TARGETS.map((t) => [t.name, t] as const))('%s at every level on random symbolic circuits, several value sets each', (_name, t) => {
    for (const level of LEVELS) {
      for (let seed = 1; seed <= 2; seed++) {
        const n = 3 + ((seed + level) % 2);
        const c = randomSymbolicCircuit(n, 28, 1000 * level + 17 * seed + t.name.length);
        const r = transpile(c, t, { level, seed });
        const where = `${t.name} O${level} seed ${seed}`;
        expect(verify(r.circuit, t), where).toEqual([]);
        expect(r.circuit.parameters, where).toEqual(INPUTS);
        expect(countSymbolic(r.circuit), where).toBeGreaterThan(0);
        for (const v of valueSets(3, seed + level)) {
          const bound = bindParameters(r.circuit, v);
          const reference = bindParameters(c, v);
          const d = t.coupling === null ? checkEquivalence(reference, bound).distance : routedEquivalent(reference, bound, r.layout, r.physicalPermutation).distance;
          expect(d, `${where} ${JSON.stringify(v)}`).toBeLessThan(1e-7);
        }
      }
    }
  });

  it.each(['ibm_fez', 'ibm_brisbane'])('%s: routed, translated, bound circuits match under the recorded permutation', (name) => {
    const t = getTarget(name);
    for (const level of LEVELS) {
      const c = randomSymbolicCircuit(4, 24, 31 + level + name.length);
      const r = transpile(c, t, { level, seed: level + 1 });
      expect(verify(r.circuit, t)).toEqual([]);
      // Only rz carries an angle in IBM's basis.
      expect(new Set(r.circuit.instructions.filter((i) => i.exprs).map((i) => i.gate))).toEqual(new Set(['rz']));
      for (const v of valueSets(2, level)) {
        const eq = routedEquivalent(bindParameters(c, v), bindParameters(r.circuit, v), r.layout, r.physicalPermutation);
        expect(eq.distance, `${name} O${level}`).toBeLessThan(1e-7);
      }
    }
  });

  it('the check can fail: the lowered circuit bound to other values differs', () => {
    const c = randomSymbolicCircuit(3, 20, 4);
    const r = transpile(c, getTarget('generic'), { level: 2 });
    const [v, w] = valueSets(2, 9) as [Record<string, number>, Record<string, number>];
    expect(checkEquivalence(bindParameters(c, v), bindParameters(r.circuit, w)).distance).toBeGreaterThan(1e-3);
  });

  it('rotations merge and inverse pairs cancel with expressions', () => {
    const th = Expr.symbol('theta'), ph = Expr.symbol('phi');
    const b = new CircuitBuilder(2).addParameter({ name: 'theta', type: 'float', width: 64 }).addParameter({ name: 'phi', type: 'float', width: 64 });
    b.add(withValues({ gate: 'rz', qubits: [0], params: [] }, [th])).cx(0, 1).t(0)
      .add(withValues({ gate: 'rz', qubits: [0], params: [] }, [th.scale(-1).add(ph)]))
      .add(withValues({ gate: 'rx', qubits: [1], params: [] }, [ph.scale(0.5)]))
      .add(withValues({ gate: 'rx', qubits: [1], params: [] }, [ph.scale(-0.5)]))
      .add(withValues({ gate: 'crz', qubits: [0, 1], params: [] }, [th])).add(withValues({ gate: 'crz', qubits: [0, 1], params: [] }, [th]));
    const c = b.build();
    const ctx = makeContext(getTarget('generic'));
    const out = sequence('merge', [mergeRotations, cancelInverses]).run(c, ctx);
    const text = out.instructions.map((i) => `${i.gate}(${i.exprs?.map((e) => e.format()).join(',') ?? i.params.join(',')})`);
    // θ − θ + φ + π/4 on wire 0, rx pair gone, crz(θ)·crz(θ) = crz(2θ).
    expect(text).toEqual(['rz(phi + 0.7853981633974483)', 'cx()', 'crz(2*theta)']);
    for (const v of valueSets(2, 3)) expect(checkEquivalence(bindParameters(c, { theta: v.theta!, phi: v.phi! }), bindParameters(out, { theta: v.theta!, phi: v.phi! })).distance).toBeLessThan(1e-9);
  });

  it('IonQ native targets and Clifford+T bases refuse symbolic angles in one line', () => {
    const c = randomSymbolicCircuit(3, 10, 2);
    expect(() => transpile(c, getTarget('ionq_aria'))).toThrow(TargetError);
    expect(() => transpile(c, getTarget('ionq_aria'))).toThrow(/cannot stay symbolic: the device's native gates take numeric phases; bind the input parameters/);
    expect(() => transpile(c, makeTarget({ name: 'ct', basisGates: ['h', 's', 'sdg', 't', 'tdg', 'x', 'cx'] }))).toThrow(/exact Clifford\+T/);
  });
});

describe('the pass runner keeps symbolic instructions from passes that do not declare them', () => {
  const c = randomSymbolicCircuit(3, 30, 8);
  it('an opaque pass never sees one, and its work is kept around the fences', () => {
    let seen = 0;
    const probe = definePass({ name: 'probe', requires: [], guarantees: [] }, (circuit) => {
      seen += circuit.instructions.filter((i) => i.exprs !== undefined).length;
      return circuit;
    });
    const out = probe.run(c, makeContext(getTarget('generic')));
    expect(seen).toBe(0);
    expect(out.instructions).toEqual(c.instructions);
    const fused = fuseSingleQubit().run(c, makeContext(getTarget('generic')));
    expect(countSymbolic(fused)).toBe(countSymbolic(c));
    for (const v of valueSets(2, 1)) expect(checkEquivalence(bindParameters(c, v), bindParameters(fused, v)).distance).toBeLessThan(1e-8);
  });

  it('a pass that drops a fence, or reads a symbolic angle as a number, is an internal error naming it', () => {
    const dropper = definePass({ name: 'dropper', requires: [], guarantees: [] }, (circuit) => ({ ...circuit, instructions: circuit.instructions.filter((i) => i.gate !== 'barrier') }));
    expect(() => dropper.run(c, makeContext(getTarget('generic')))).toThrow(/internal: pass 'dropper' removed a barrier/);
    const reader = definePass({ name: 'reader', requires: [], guarantees: [], symbolic: 'supported' }, (circuit) => ({
      ...circuit, instructions: circuit.instructions.map((i) => (i.exprs ? { gate: i.gate, qubits: i.qubits, params: i.params } : i)),
    }));
    expect(() => reader.run(c, makeContext(getTarget('generic')))).toThrow(QntkError);
    expect(() => reader.run(c, makeContext(getTarget('generic')))).toThrow(/internal: pass 'reader' left '.+' with parameter NaN/);
  });
});
