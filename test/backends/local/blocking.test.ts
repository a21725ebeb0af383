/** Stage planning: controlled stages skip the chunks their fixed controls exclude, and give the direct path's state. */
import { describe, expect, it } from 'vitest';
import { CircuitBuilder } from '../../../compiler/circuit/index.js';
import { compileOps } from '../../../backends/local/compile.js';
import { planStages } from '../../../backends/local/blocking.js';
import { kStageChunks } from '../../../backends/local/kernels.js';
import { Statevector } from '../../../backends/local/index.js';
import { rng } from '../../helpers/quantum.js';

/** Amplitudes a plan gathers and scatters: Σ over its chunk stages of chunks × 2^local. */
const amplitudesMoved = (stages: ReturnType<typeof planStages>, n: number): number =>
  stages.reduce((s, st) => s + (st.local.length === n ? 0 : kStageChunks(n, st) * 2 ** st.local.length), 0);

function expectSameState(a: Statevector, b: Statevector): void {
  let maxDiff = 0;
  for (let i = 0; i < a.data.length; i++) maxDiff = Math.max(maxDiff, Math.abs(a.data[i]! - b.data[i]!));
  expect(maxDiff).toBeLessThanOrEqual(1e-12);
}

describe('controlled stages', () => {
  it('a Hadamard-test-like circuit (every gate controlled on the top qubit) moves about half the state per stage', () => {
    const seed = 515, r = rng(seed);
    const n = 14, K = 7, top = n - 1;
    const b = new CircuitBuilder(n).h(top);
    for (let g = 0; g < 300; g++) {
      const x = Math.floor(r() * top), y = (x + 1 + Math.floor(r() * (top - 1))) % top;
      const k = g % 4;
      if (k === 0) b.gate('cry', [top, x], [r() * 6]);
      else if (k === 1) b.gate('ccx', [top, x, y]);
      else if (k === 2) b.cx(top, x);
      else b.gate('cswap', [top, x, y]);
    }
    b.h(top);
    const c = b.build();
    const stages = planStages(compileOps(c.instructions), n, K);
    // The planner is greedy: a stage with the top qubit local may now and then take more gates per pass.
    const controlled = stages.filter((s) => ((s.fixed ?? 0) >> top) & 1).length;
    expect(controlled / stages.length, `seed ${seed}`).toBeGreaterThan(0.8);
    expect(amplitudesMoved(stages, n) / (stages.length * 2 ** n), `seed ${seed}`).toBeLessThan(0.6);
    const direct = Statevector.fromCircuit(c, { blockQubits: n });
    expectSameState(Statevector.fromCircuit(c, { blockQubits: K, threads: 'off' }), direct);
    expectSameState(Statevector.fromCircuit(c, { blockQubits: K, threads: 'on' }), direct);
    expectSameState(Statevector.fromCircuit(c, { blockQubits: K, threads: 'off', kernels: 'js' }), direct);
  });

  it.each([2, 4, 8])('an mcx with %i controls above the low qubits moves 2^(n−k) amplitudes', (k) => {
    const n = 20, K = 8;
    const controls = Array.from({ length: k }, (_, j) => 8 + j);
    const c = new CircuitBuilder(n).gate('mcx', [...controls, 18]).build();
    const stages = planStages(compileOps(c.instructions), n, K);
    expect(stages).toHaveLength(1);
    expect(amplitudesMoved(stages, n)).toBe(2 ** (n - k));
  });

  it('controls on qubits 3–5 (inside the usual low run) are fixed too, and the state matches the direct path', () => {
    const n = 16, K = 8, r = rng(33);
    const prep = new CircuitBuilder(n);
    for (let q = 0; q < n; q++) prep.u(r() * 3, r() * 6, r() * 6, q);
    const gates = new CircuitBuilder(n).gate('mcx', [3, 5, 9, 12, 0]).gate('cry', [4, 1], [0.7]).gate('mcp', [3, 4, 5, 14], [1.1]).build();
    const stages = planStages(compileOps(gates.instructions), n, K);
    expect(amplitudesMoved(stages, n)).toBeLessThanOrEqual(2 ** (n - 4) + 2 ** (n - 1) + 2 ** (n - 4));
    expect(stages.some((s) => ((s.fixed ?? 0) & 0b111000) !== 0)).toBe(true);
    const start = Statevector.fromCircuit(prep.build());
    const direct = start.clone().applyCircuit(gates, { blockQubits: n });
    expectSameState(start.clone().applyCircuit(gates, { blockQubits: K, threads: 'off' }), direct);
    expectSameState(start.clone().applyCircuit(gates, { blockQubits: K, threads: 'off', kernels: 'js' }), direct);
  });

  it('ops that share only controls commute past a skipped op: the first stage takes the gates on both sides of it', () => {
    const n = 12, K = 8, r = rng(9);
    // Low qubits 0–4 are always local, leaving three places: 11, 6 and 7. ccx(11, 9, 10) does not fit
    // and is skipped; cx(11, 1) shares only the control 11 with it, so it may still join the stage.
    const prep = new CircuitBuilder(n);
    for (let q = 0; q < n; q++) prep.u(r() * 3, r() * 6, r() * 6, q);
    const gates = new CircuitBuilder(n).cx(11, 0).gate('ccx', [11, 6, 7]).gate('ccx', [11, 9, 10]).cx(11, 1).build();
    const stages = planStages(compileOps(gates.instructions), n, K);
    expect(stages[0]!.ops).toHaveLength(3);
    const start = Statevector.fromCircuit(prep.build());
    const direct = start.clone().applyCircuit(gates, { blockQubits: n });
    expectSameState(start.clone().applyCircuit(gates, { blockQubits: K, threads: 'off' }), direct);
  });
});
