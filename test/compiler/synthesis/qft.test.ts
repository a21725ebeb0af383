import { describe, expect, it } from 'vitest';
import { CircuitBuilder, circuitUnitary } from '../../../compiler/circuit/index.js';
import { CMatrix } from '../../../compiler/linalg/complex.js';
import { controlledCircuit } from '../../../compiler/synthesis/controlled.js';
import { circuitCost } from '../../../compiler/synthesis/cost.js';
import { Qft, qftExamples } from '../../../compiler/synthesis/qft.js';
import { expectSameUnitary } from '../../helpers/quantum.js';
import { dft, qftMatrix } from '../components/claims.js';

describe('quantum Fourier transform', () => {
  it.each(qftExamples().map((e) => [e.numQubits, e.inverse, e.swaps, e] as const))('n=%i inverse=%s swaps=%s equals the DFT matrix exactly', (n, inverse, swaps, q) => {
    expect(circuitUnitary(q.circuit()).maxAbsDiff(qftMatrix(n, { inverse, swaps }))).toBeLessThan(1e-12);
  });

  it('approximate QFT drops small rotations and stays close', () => {
    const q = new Qft({ numQubits: 6, approximationDegree: 3 });
    expect(circuitCost(q.circuit()).gates).toEqual(q.cost().gates);
    expect(circuitUnitary(q.circuit()).maxAbsDiff(dft(6, false))).toBeLessThan(0.1);
  });
});

describe('controlled circuits', () => {
  it('every supported gate becomes exactly controlled, global phase included', () => {
    const u = new CircuitBuilder(3)
      .h(0).x(1).y(2).z(0).s(1).sdg(2).t(0).tdg(1).sx(2).gate('sxdg', [0]).rx(0.3, 1).ry(-0.4, 2).rz(0.9, 0).p(0.2, 1)
      .u(0.1, 0.2, 0.3, 2).cx(0, 1).cz(1, 2).cp(0.5, 2, 0).gate('crz', [0, 2], [0.7]).gate('cry', [1, 0], [-1.1])
      .gate('crx', [2, 1], [0.6]).ccx(0, 1, 2).swap(0, 2).gphase(0.8).build();
    const cu = controlledCircuit(u);
    const uu = circuitUnitary(u);
    const ref = new CMatrix(16, 16);
    for (let i = 0; i < 16; i++) for (let j = 0; j < 16; j++) {
      if ((i & 1) !== (j & 1)) continue;
      ref.set(i, j, (i & 1) ? uu.get(i >> 1, j >> 1) : { re: i === j ? 1 : 0, im: 0 });
    }
    expect(circuitUnitary(cu).maxAbsDiff(ref)).toBeLessThan(1e-12);
    expectSameUnitary(cu, ref);
  });
});
