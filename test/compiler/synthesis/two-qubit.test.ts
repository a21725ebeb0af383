import { describe, expect, it } from 'vitest';
import { CircuitBuilder, circuitUnitary, type Circuit } from '../../../compiler/circuit/index.js';
import { twoQubitToInstructions } from '../../../compiler/synthesis/two-qubit.js';
import { expectSameUnitary, rng } from '../../helpers/quantum.js';

function randomTwoQubit(seed: number, cnots: number): Circuit {
  const r = rng(seed);
  const b = new CircuitBuilder(2);
  const locals = (): void => {
    for (const q of [0, 1]) b.u(r() * 6.3, r() * 6.3, r() * 6.3, q);
  };
  locals();
  for (let k = 0; k < cnots; k++) {
    if (r() < 0.5) b.cx(0, 1);
    else b.cx(1, 0);
    locals();
  }
  return b.build();
}

const synth = (c: Circuit) => {
  const out = twoQubitToInstructions(circuitUnitary(c));
  expect(out).toBeDefined();
  const b = new CircuitBuilder(2);
  for (const i of out!) b.add(i);
  const s = b.build();
  expectSameUnitary(s, c, 1e-8);
  return s.instructions.filter((i) => i.gate === 'cx').length;
};

describe('two-qubit KAK synthesis', () => {
  it('random unitaries need at most 3 CNOTs', () => {
    for (let seed = 1; seed <= 12; seed++) expect(synth(randomTwoQubit(seed, 3 + (seed % 3)))).toBeLessThanOrEqual(3);
  });
  it('local products need none, CNOT-equivalents one, two-CNOT products two', () => {
    for (let seed = 1; seed <= 4; seed++) {
      expect(synth(randomTwoQubit(100 + seed, 0))).toBe(0);
      expect(synth(randomTwoQubit(200 + seed, 1))).toBe(1);
      expect(synth(randomTwoQubit(300 + seed, 2))).toBeLessThanOrEqual(2);
    }
  });
  it('named gates: swap 3, cz 1, iswap-like rxx·ryy 2', () => {
    expect(synth(new CircuitBuilder(2).swap(0, 1).build())).toBe(3);
    expect(synth(new CircuitBuilder(2).cz(0, 1).build())).toBe(1);
    expect(synth(new CircuitBuilder(2).gate('rxx', [0, 1], [Math.PI / 2]).gate('ryy', [0, 1], [Math.PI / 2]).build())).toBe(2);
  });
});
