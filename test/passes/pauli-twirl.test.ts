import { describe, expect, it } from 'vitest';
import { CircuitBuilder, instruction } from '../../compiler/circuit/index.js';
import { createRandom } from '../../compiler/linalg/random.js';
import { noiseModel, simulateNoisy } from '../../backends/local/noise/index.js';
import { pauliTwirls, twirlSet, twirlTwoQubitGates } from '../../passes/pauli-twirl.js';
import { getTarget } from '../../passes/targets/builtins.js';
import { verify } from '../../passes/targets/target.js';
import { expectSameUnitary } from '../helpers/quantum.js';
import { toyCalibration } from '../helpers/calibration.js';
import { loweredRandom, unitaryPart, usedQubits } from './noise-helpers.js';

describe('Pauli twirling', () => {
  it.each(['ibm_fez', 'ibm_brisbane', 'ionq_aria', 'ionq_forte'])('every twirl of a circuit lowered for %s is the same unitary, in the basis, with as many two-qubit gates', (name) => {
    const target = getTarget(name);
    for (const seed of [4, 5]) {
      const c = loweredRandom(name, seed);
      const q = usedQubits(c);
      const two = (x: typeof c): number => x.instructions.filter((i) => i.qubits.length === 2).length;
      for (const t of pauliTwirls(c, target, 4, seed)) {
        expectSameUnitary(unitaryPart(t, q), unitaryPart(c, q), 1e-8);
        expect(verify(t, target), `${name} seed ${seed}`).toEqual([]);
        expect(two(t)).toBe(two(c));
      }
    }
  });

  it('admits all 16 Paulis for Clifford entanglers and only those commuting with Z⊗Z for zz(θ)', () => {
    expect(twirlSet(instruction('cz', [0, 1])).length).toBe(16);
    expect(twirlSet(instruction('ecr', [0, 1])).length).toBe(16);
    expect(twirlSet(instruction('ms', [0, 1], [0, 0, Math.PI / 2])).length).toBe(16);
    expect(twirlSet(instruction('zz', [0, 1], [0.3])).length).toBe(8);
    // Randomised, yet reproducible from the seed.
    const c = new CircuitBuilder(2).h(0).cz(0, 1).build();
    const a = twirlTwoQubitGates(c, getTarget('generic'), createRandom(9));
    expect(twirlTwoQubitGates(c, getTarget('generic'), createRandom(9))).toEqual(a);
  });

  it('turns a coherent ZZ over-rotation into a stochastic error: the twirled average is far closer to the ideal', () => {
    // |+⟩|+⟩, then 8 cz pairs (identity); each cz is followed by a coherent ZZ rotation of 0.05 rad.
    const b = new CircuitBuilder(2, 2).h(0).h(1);
    for (let k = 0; k < 16; k++) b.cz(0, 1);
    const c = b.h(0).h(1).measure(0, 0).measure(1, 1).build();
    const m = noiseModel(toyCalibration(), { relaxation: false, gateErrors: false, readout: false, twoQubitOverRotation: 0.05 });
    // ⟨Z0⟩ after the final H is ⟨X0⟩ before it, which a ZZ rotation turns: ideal 1.
    const z0 = (p: Float64Array): number => p[0]! - p[1]! + p[2]! - p[3]!;
    const coherent = z0(simulateNoisy(c, m).probabilities!);
    const twirls = pauliTwirls(c, getTarget('generic'), 64, 3);
    const twirled = twirls.reduce((s, t) => s + z0(simulateNoisy(t, m).probabilities!), 0) / twirls.length;
    // Coherent, the 16 rotations add up: cos(16·0.05). Twirled, each flips sign at random: on average cos(0.05)^16.
    expect(coherent).toBeCloseTo(Math.cos(0.8), 12);
    expect(Math.abs(twirled - Math.cos(0.05) ** 16)).toBeLessThan(0.01);
    expect(1 - twirled).toBeLessThan((1 - coherent) / 5);
  });
});
