/** Our statevector against an independent simulator, the `quantum-circuit` npm package, on random circuits. */
import { describe, it } from 'vitest';
import QuantumCircuit from 'quantum-circuit';
import { CircuitBuilder, type GateName } from '../../../compiler/circuit/index.js';
import { Statevector } from '../../../backends/local/index.js';
import { expectStateClose, rng } from '../../helpers/quantum.js';

/** Gates both libraries define with the same matrix (up to global phase): ours → theirs, param names. */
const SHARED: ReadonlyArray<[GateName, string, readonly string[], number]> = [
  ['x', 'x', [], 1], ['y', 'y', [], 1], ['z', 'z', [], 1], ['h', 'h', [], 1], ['s', 's', [], 1], ['t', 't', [], 1],
  ['sdg', 'sdg', [], 1], ['tdg', 'tdg', [], 1], ['rx', 'rx', ['theta'], 1], ['ry', 'ry', ['theta'], 1], ['rz', 'rz', ['phi'], 1],
  ['p', 'u1', ['lambda'], 1], ['u2', 'u2', ['phi', 'lambda'], 1], ['u3', 'u3', ['theta', 'phi', 'lambda'], 1],
  ['cx', 'cx', [], 2], ['cy', 'cy', [], 2], ['cz', 'cz', [], 2], ['ch', 'ch', [], 2], ['swap', 'swap', [], 2],
  ['crx', 'crx', ['theta'], 2], ['cry', 'cry', ['theta'], 2], ['crz', 'crz', ['phi'], 2], ['cp', 'cu1', ['lambda'], 2],
  ['ccx', 'ccx', [], 3], ['cswap', 'cswap', [], 3],
];

interface Amp { index: number; amplitude: { re: number; im: number } }
interface Peer { appendGate(name: string, wires: number | number[], options?: { params: Record<string, number> }): void; run(): void; stateAsArray(): Amp[] }

describe('agreement with quantum-circuit', () => {
  it('random circuits of 3–6 qubits over the shared gate set give the same state', () => {
    for (let trial = 0; trial < 12; trial++) {
      const r = rng(500 + trial);
      const n = 3 + (trial % 4);
      const ours = new CircuitBuilder(n);
      const theirs = new (QuantumCircuit as unknown as new (n: number) => Peer)(n);
      for (let g = 0; g < 40; g++) {
        const [name, peerName, paramNames, k] = SHARED[Math.floor(r() * SHARED.length)]!;
        const qs: number[] = [];
        while (qs.length < k) {
          const q = Math.floor(r() * n);
          if (!qs.includes(q)) qs.push(q);
        }
        const params = paramNames.map(() => (r() - 0.5) * 6);
        ours.gate(name, qs, params);
        const options = { params: Object.fromEntries(paramNames.map((p, j) => [p, params[j]!])) };
        theirs.appendGate(peerName, k === 1 ? qs[0]! : qs, options);
      }
      theirs.run();
      const re = new Float64Array(1 << n), im = new Float64Array(1 << n);
      for (const a of theirs.stateAsArray()) {
        re[a.index] = a.amplitude.re;
        im[a.index] = a.amplitude.im;
      }
      // quantum-circuit rounds amplitudes to 14 digits, hence the tolerance.
      expectStateClose(Statevector.fromCircuit(ours.build()), { re, im }, 1e-11);
    }
  });
});
