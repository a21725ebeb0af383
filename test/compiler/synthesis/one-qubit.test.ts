import { describe, expect, it } from 'vitest';
import { CMatrix } from '../../../compiler/linalg/complex.js';
import { eulerAngles, gateMatrix } from '../../../compiler/circuit/index.js';
import { namedOneQubitGate, oneQubitToInstructions, runMatrix, type OneQubitBasis } from '../../../compiler/synthesis/one-qubit.js';
import { expectSameUnitary, rng } from '../../helpers/quantum.js';

function randomU(r: () => number): CMatrix {
  const a = r() * 2 * Math.PI, b = r() * 2 * Math.PI, c = r() * 2 * Math.PI, d = r() * 2 * Math.PI;
  return gateMatrix('U', [a, b, c]).scale({ re: Math.cos(d), im: Math.sin(d) });
}

const special: CMatrix[] = ['id', 'x', 'y', 'z', 'h', 's', 't', 'sx', 'sxdg'].map((g) => gateMatrix(g, []))
  .concat([gateMatrix('U', [Math.PI / 2, 0.3, -1.1]), gateMatrix('U', [Math.PI, 0.7, 0.2]), gateMatrix('rz', [0.4]), gateMatrix('ry', [1e-13])]);

describe('one-qubit resynthesis', () => {
  it('the IR\'s Euler angles reproduce the matrix with its exact phase, as U and as Rz·Ry·Rz (random and special unitaries)', () => {
    const r = rng(11);
    for (const u of [...special, ...Array.from({ length: 40 }, () => randomU(r))]) {
      const e = eulerAngles(u);
      const m3 = gateMatrix('U', [e.theta, e.phi, e.lambda]).scale({ re: Math.cos(e.phase), im: Math.sin(e.phase) });
      expect(m3.maxAbsDiff(u)).toBeLessThan(1e-9);
      const zyz = gateMatrix('rz', [e.phi]).mul(gateMatrix('ry', [e.theta])).mul(gateMatrix('rz', [e.lambda]));
      const g = e.phase + (e.phi + e.lambda) / 2;
      expect(zyz.scale({ re: Math.cos(g), im: Math.sin(g) }).maxAbsDiff(u)).toBeLessThan(1e-9);
    }
  });

  it.each<OneQubitBasis>(['zyz', 'u3', 'zsx'])('%s output equals the input up to global phase', (basis) => {
    const r = rng(12);
    for (const u of [...special, ...Array.from({ length: 30 }, () => randomU(r))]) {
      const insts = oneQubitToInstructions(u, 0, { basis });
      expectSameUnitary(runMatrix(insts), u, 1e-9);
      if (basis === 'zsx') {
        expect(insts.every((i) => ['rz', 'sx', 'x'].includes(i.gate))).toBe(true);
        expect(insts.filter((i) => i.gate === 'sx').length).toBeLessThanOrEqual(2);
      }
    }
  });

  it('diagonal unitaries become one rz; named gates are recognised', () => {
    expect(oneQubitToInstructions(gateMatrix('t', []), 0, { basis: 'zsx' }).map((i) => i.gate)).toEqual(['rz']);
    expect(namedOneQubitGate(gateMatrix('h', []).mul(gateMatrix('z', [])).mul(gateMatrix('h', [])))).toBe('x');
    expect(namedOneQubitGate(gateMatrix('rz', [0.3]))).toBeUndefined();
  });
});
