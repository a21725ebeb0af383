import { describe, expect, it } from 'vitest';
import { CircuitBuilder } from '../../../compiler/circuit/index.js';
import { circuitCost } from '../../../compiler/synthesis/cost.js';
import { relativePhaseToffoli } from '../../../compiler/synthesis/mcx.js';
import { rotationTCost, tCount, tOf } from '../../../compiler/estimate/gates.js';
import { cczNetwork } from '../../../passes/decompose-toffoli.js';

const tGates = (seq: readonly { gate: string }[]): number => seq.filter((i) => i.gate === 't' || i.gate === 'tdg').length;

describe('T rules', () => {
  it('a Toffoli is the 7-T ccz network, a relative-phase Toffoli 4 T', () => {
    expect(tOf('ccx', 2, { toffoliT: 7, rotationT: 0 })).toBe(tGates(cczNetwork(0, 1, 2)));
    expect(tGates(relativePhaseToffoli(0, 1, 2))).toBe(4);
    // k ≥ 3 controls: 2(k − 2) relative-phase Toffolis and one Toffoli (the CNOT model's 6k − 6 = 2(k−2)·3 + 6).
    for (const k of [3, 5, 9]) expect(tOf('mcx', k, { toffoliT: 7, rotationT: 0 })).toBe(2 * (k - 2) * tGates(relativePhaseToffoli(0, 1, 2)) + tGates(cczNetwork(0, 1, 2)));
  });

  it('counts rotations and prices them at ceil(3 log2(1/eps)) T', () => {
    const c = new CircuitBuilder(5).rz(0.1, 0).ry(0.2, 1).cp(0.3, 0, 1).ccx(0, 1, 2).mcx([0, 1, 2, 3], 4).h(0).build();
    const r = tCount(circuitCost(c), { toffoliT: 4, rotationT: rotationTCost(1e-10) });
    expect(r.rotations).toBe(1 + 1 + 3);
    expect(rotationTCost(1e-10)).toBe(Math.ceil(3 * Math.log2(1e10)));
    expect(r.toffoli).toBe(4 + (2 * 2 * 4 + 4));
    expect(r.total).toBe(r.toffoli + 5 * rotationTCost(1e-10));
  });
});
