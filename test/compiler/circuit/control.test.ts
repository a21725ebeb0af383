import { describe, it, expect } from 'vitest';
import { gateNames, gateSpec, gateMatrix, controlledMatrix, CircuitBuilder, circuitUnitary } from '../../../compiler/circuit/index.js';
import { controlInstruction, controlCircuit } from '../../../compiler/circuit/control.js';
import { rng } from '../../helpers/quantum.js';

const rand = rng(5);

describe('controlled gates', () => {
  const cases = gateNames().flatMap((name) => {
    const spec = gateSpec(name)!;
    const n = spec.variadic ? 3 : spec.qubits;
    return [1, 2, 3].map((k) => [name, n, k] as const);
  });

  it.each(cases)('%s (%i qubits) with %i controls is exact including phase', (name, n, k) => {
    const params = Array.from({ length: gateSpec(name)!.params }, () => (rand() - 0.5) * 6);
    // controls are the low qubits 0..k−1, the gate acts on k..k+n−1: matches controlledMatrix's layout
    const controls = Array.from({ length: k }, (_, i) => i);
    const targets = Array.from({ length: n }, (_, i) => k + i);
    const insts = controlInstruction({ gate: name, qubits: targets, params }, controls);
    const b = new CircuitBuilder(k + n);
    insts.forEach((i) => b.add(i));
    const expected = controlledMatrix(gateMatrix(name, params, n), k);
    expect(circuitUnitary(b.build()).maxAbsDiff(expected)).toBeLessThan(1e-10);
  });

  it('controls a whole circuit, global phase included', () => {
    const c = new CircuitBuilder(3).h(1).cx(1, 2).rz(0.3, 2).gphase(0.7).gate('ecr', [2, 1]).build();
    const cc = controlCircuit(c, [0]);
    const inner = new CircuitBuilder(2).h(0).cx(0, 1).rz(0.3, 1).gphase(0.7).gate('ecr', [1, 0]).build();
    expect(circuitUnitary(cc).maxAbsDiff(controlledMatrix(circuitUnitary(inner), 1))).toBeLessThan(1e-10);
  });
});
