import { describe, it, expect } from 'vitest';
import { CircuitBuilder, circuitState } from '../../../compiler/circuit/index.js';
import { Statevector } from '../../../backends/local/index.js';

describe('multi-controlled gates in the simulator', () => {
  it.each(['mcz', 'mcp', 'mcx'] as const)('%s agrees with the dense reference on 5 qubits', (gate) => {
    const b = new CircuitBuilder(5);
    for (let q = 0; q < 5; q++) b.gate('U', [q], [0.3 + q, 0.2 * q, -0.1 * q]);
    b.gate(gate, [4, 0, 2, 1], gate === 'mcp' ? [0.77] : []);
    const c = b.build();
    const ref = circuitState(c);
    const sv = Statevector.fromCircuit(c);
    for (let i = 0; i < 32; i++) {
      expect(sv.re[i]).toBeCloseTo(ref.re[i]!, 12);
      expect(sv.im[i]).toBeCloseTo(ref.im[i]!, 12);
    }
  });

  it('applies an 18-qubit mcp without building its matrix', () => {
    const n = 18;
    const b = new CircuitBuilder(n);
    for (let q = 0; q < n; q++) b.h(q);
    const qs = Array.from({ length: n }, (_, i) => i);
    b.gate('mcp', qs, [0.5]).gate('mcz', qs).gate('mcx', qs);
    const sv = Statevector.fromCircuit(b.build());
    const a = 2 ** (-n / 2);
    const all = (1 << n) - 1;
    // mcx swaps all-ones with all-ones-but-the-target, which carried the phase e^{i(0.5+π)}
    expect(sv.re[all - (1 << (n - 1))]).toBeCloseTo(a * Math.cos(0.5 + Math.PI), 12);
    expect(sv.im[all - (1 << (n - 1))]).toBeCloseTo(a * Math.sin(0.5 + Math.PI), 12);
    expect(sv.re[all]).toBeCloseTo(a, 12);
    expect(sv.re[12345]).toBeCloseTo(a, 12);
  });
});
