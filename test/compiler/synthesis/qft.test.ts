import { describe, expect, it } from 'vitest';
import { CircuitBuilder, circuitUnitary } from '../../../compiler/circuit/index.js';
import { CMatrix } from '../../../compiler/linalg/complex.js';
import { controlledCircuit } from '../../../compiler/synthesis/controlled.js';
import { circuitCost } from '../../../compiler/synthesis/cost.js';
import { Qft, qftExamples } from '../../../compiler/synthesis/qft.js';
import { expectSameUnitary } from '../../helpers/quantum.js';

function dft(n: number, inverse: boolean): CMatrix {
  const dim = 1 << n;
  const m = new CMatrix(dim, dim);
  const s = 1 / Math.sqrt(dim);
  for (let y = 0; y < dim; y++) for (let x = 0; x < dim; x++) {
    const a = ((inverse ? -2 : 2) * Math.PI * x * y) / dim;
    m.set(y, x, { re: s * Math.cos(a), im: s * Math.sin(a) });
  }
  return m;
}

function bitReverse(n: number): CMatrix {
  const dim = 1 << n;
  const m = new CMatrix(dim, dim);
  for (let x = 0; x < dim; x++) {
    let r = 0;
    for (let b = 0; b < n; b++) if ((x >> b) & 1) r |= 1 << (n - 1 - b);
    m.re[r * dim + x] = 1;
  }
  return m;
}

describe('quantum Fourier transform', () => {
  it.each(qftExamples().map((e) => [e.numQubits, e.inverse, e.swaps, e] as const))('n=%i inverse=%s swaps=%s equals the DFT matrix exactly', (n, inv, swaps, q) => {
    const ref = swaps ? dft(n, inv) : bitReverse(n).mul(dft(n, inv));
    expect(circuitUnitary(q.circuit()).maxAbsDiff(ref)).toBeLessThan(1e-12);
    expect(circuitCost(q.circuit()).gates).toEqual(q.cost().gates);
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
