import { describe, it, expect } from 'vitest';
import { CircuitBuilder, circuitState, type Circuit } from '../../../compiler/circuit/index.js';
import { hadamardTest, overlapFromProbabilities, shotsForSign, withMeasurements } from '../../../compiler/readout/hadamard-test.js';
import type { PreparedState } from '../../../compiler/synthesis/prepared-state.js';
import { rng } from '../../helpers/quantum.js';

/** A random circuit on n qubits from a fixed gate pool. */
function randomCircuit(n: number, depth: number, seed: number): Circuit {
  const r = rng(seed);
  const b = new CircuitBuilder(n);
  for (let k = 0; k < depth; k++) {
    const q = Math.floor(r() * n);
    const choice = r();
    if (choice < 0.3 || n === 1) b.gate('U', [q], [r() * 3, r() * 3, r() * 3]);
    else {
      let t = Math.floor(r() * n);
      if (t === q) t = (q + 1) % n;
      b.cx(q, t);
    }
  }
  return b.build();
}

/** √p·ψ: the amplitudes of the kept branch on the system register. */
function keptBranch(s: PreparedState): { re: Float64Array; im: Float64Array } {
  const st = circuitState(s.circuit);
  const dim = 1 << s.system.length;
  const re = new Float64Array(dim), im = new Float64Array(dim);
  for (let idx = 0; idx < st.rows; idx++) {
    if (!s.postselect.every(([q, v]) => ((idx >> q) & 1) === v)) continue;
    let sIdx = 0;
    s.system.forEach((q, k) => { sIdx |= ((idx >> q) & 1) << k; });
    re[sIdx]! += st.re[idx]!;
    im[sIdx]! += st.im[idx]!;
  }
  return { re, im };
}

describe('Hadamard-test readout', () => {
  it.each([1, 2, 3, 4, 5])('estimates √(pa·pb)·Re⟨a|b⟩ exactly (seed %i)', (seed) => {
    // a: 2 system qubits, no flags; b: 2 system qubits at positions [1, 2] and a flag at 0 kept at value 1
    const a: PreparedState = { circuit: randomCircuit(2, 8, seed), system: [0, 1], postselect: [] };
    const b: PreparedState = { circuit: randomCircuit(3, 12, seed + 100), system: [1, 2], postselect: [[0, 1]] };
    const test = hadamardTest(a, b);
    const st = circuitState(test.circuit);
    const got = overlapFromProbabilities(test, (i) => st.re[i]! ** 2 + st.im[i]! ** 2);
    const ka = keptBranch(a), kb = keptBranch(b);
    let expected = 0;
    for (let i = 0; i < ka.re.length; i++) expected += ka.re[i]! * kb.re[i]! + ka.im[i]! * kb.im[i]!;
    expect(got).toBeCloseTo(expected, 10);
  });

  it('rejects mismatched registers and unlisted ancillas', () => {
    const a: PreparedState = { circuit: randomCircuit(2, 3, 1), system: [0, 1], postselect: [] };
    expect(() => hadamardTest(a, { circuit: randomCircuit(1, 2, 2), system: [0], postselect: [] })).toThrow(/system qubits/);
    expect(() => hadamardTest(a, { circuit: randomCircuit(3, 2, 2), system: [0, 1], postselect: [] })).toThrow(/post-selected/);
  });

  it('shot counts follow the 1/o² rule and the measured circuit measures control first', () => {
    expect(shotsForSign(0.1)).toBe(Math.ceil(2 * Math.log(20) / 0.01));
    expect(shotsForSign(0.2)).toBeLessThan(shotsForSign(0.1));
    const a: PreparedState = { circuit: randomCircuit(1, 2, 1), system: [0], postselect: [] };
    const m = withMeasurements(hadamardTest(a, { circuit: randomCircuit(2, 4, 3), system: [0], postselect: [[1, 0]] }));
    const meas = m.instructions.filter((i) => i.gate === 'measure');
    expect(meas[0]!.qubits[0]).toBe(m.numQubits - 1);
    expect(meas.length).toBe(2);
  });
});
