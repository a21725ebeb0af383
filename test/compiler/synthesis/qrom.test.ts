import { describe, expect, it } from 'vitest';
import { circuitState, type Circuit } from '../../../compiler/circuit/index.js';
import { CMatrix } from '../../../compiler/linalg/complex.js';
import { circuitCost } from '../../../compiler/synthesis/cost.js';
import { Qrom, qromExamples } from '../../../compiler/synthesis/qrom.js';
import { rng } from '../../helpers/quantum.js';

/** Classical simulation of an X/CX/CCX/MCX circuit on a basis state. */
function classical(c: Circuit, input: number): number {
  let s = input;
  for (const inst of c.instructions) {
    if (!['x', 'cx', 'ccx', 'mcx'].includes(inst.gate)) throw new Error(`non-classical gate ${inst.gate}`);
    const t = inst.qubits[inst.qubits.length - 1]!;
    if (inst.qubits.slice(0, -1).every((q) => (s >> q) & 1)) s ^= 1 << t;
  }
  return s;
}

function expectLookup(qrom: Qrom): void {
  const c = qrom.circuit();
  const r = qrom.qubits;
  const n = qrom.selectBits, b = qrom.dataBits;
  for (const ctrl of qrom.controlled ? [0, 1] : [1]) {
    for (let i = 0; i < 2 ** n; i++) {
      for (const y of [0, (1 << b) - 1]) {
        let input = i | (y << n);
        if (r.control !== undefined && ctrl) input |= 1 << r.control;
        const d = ctrl && i < qrom.length ? qrom.entry(i) : 0;
        const expected = input ^ (d << n);
        expect(classical(c, input), `index ${i}, target ${y}, control ${ctrl}`).toBe(expected);
      }
    }
  }
}

describe('QROM by unary iteration', () => {
  it.each(qromExamples().map((e, i) => [i, e] as const))('example %i XORs d_i into the target and returns the ancillas clean', (_i, q) => {
    expectLookup(q);
    expect(circuitCost(q.circuit()).gates).toEqual(q.cost().gates);
  });

  it('agrees with the state-vector simulator on a superposed selection', () => {
    const q = new Qrom({ data: [2, 1, 3] });
    const dim = 1 << q.numQubits;
    const input = new CMatrix(dim, 1);
    for (let i = 0; i < 4; i++) input.re[i] = 0.5;
    const out = circuitState(q.circuit(), input);
    for (let i = 0; i < 4; i++) expect(out.re[i | ((i < 3 ? q.entry(i) : 0) << 2)]).toBeCloseTo(0.5, 12);
  });

  it('random tables up to 64 entries: Toffolis ≤ 2(L + log L), ancillas ⌈log L⌉ − 1', () => {
    const r = rng(5);
    for (const L of [7, 16, 33, 64]) {
      const q = new Qrom({ data: Array.from({ length: L }, () => Math.floor(r() * 32)) });
      expectLookup(q);
      expect(q.cost().gates.ccx ?? 0).toBeLessThanOrEqual(2 * (L + q.selectBits));
      expect(q.ancillaCount).toBe(Math.ceil(Math.log2(L)) - 1);
    }
  });

  it('sparse tables cost in proportion to their nonzeros', () => {
    const data = new Array(256).fill(0);
    data[17] = 3;
    data[200] = 1;
    const q = new Qrom({ data });
    expectLookup(q);
    expect(q.cost().gates.ccx ?? 0).toBeLessThanOrEqual(2 * 2 * 8);
  });

  it('rejects bad tables', () => {
    expect(() => new Qrom({ data: [] })).toThrow(/empty/);
    expect(() => new Qrom({ data: [1.5] })).toThrow(/integer/);
    expect(() => new Qrom({ data: [8], dataBits: 3 })).toThrow(/fit/);
  });
});
