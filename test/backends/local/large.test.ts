/**
 * The largest states for real (8 GiB each: 29 qubits in double precision, 30 in single), run only
 * when QNTK_LARGE_TESTS=1 (CI does not set it; each case needs about 9 GiB free and takes minutes on 2 cores).
 * H on every qubit, then random gates on eight qubits spread up to the top one: the state is
 * |+⟩^(n−8) ⊗ ψ, with ψ from the dense reference, and every one of the 2^n amplitudes is checked.
 * Threads are on (auto), so the worker works on an 8 GiB shared buffer.
 */
import { describe, expect, it } from 'vitest';
import { CircuitBuilder, circuitState, type Circuit, type GateName } from '../../../compiler/circuit/index.js';
import { amplitudeWeights, sampleCounts, simulate, Statevector } from '../../../backends/local/index.js';
import { createRandom } from '../../../compiler/linalg/random.js';
import { rng } from '../../helpers/quantum.js';

const large = process.env.QNTK_LARGE_TESTS === '1';

/** The same random gates on the qubits `on` of an n-qubit circuit (`b`) and on 0..k−1 of a k-qubit one (`small`). */
function randomGates(b: CircuitBuilder, small: CircuitBuilder, on: readonly number[], seed: number): void {
  const r = rng(seed);
  const k = on.length;
  const pick = (count: number): number[] => {
    const idx = Array.from({ length: k }, (_, i) => i);
    for (let i = k - 1; i > 0; i--) {
      const j = Math.floor(r() * (i + 1));
      [idx[i], idx[j]] = [idx[j]!, idx[i]!];
    }
    return idx.slice(0, count);
  };
  const kinds: ReadonlyArray<readonly [GateName, number, number]> = [
    ['U', 1, 3], ['cx', 2, 0], ['ccx', 3, 0], ['cry', 2, 1], ['cswap', 3, 0], ['rzz', 2, 1], ['mcx', 5, 0], ['mcp', 4, 1], ['swap', 2, 0], ['ch', 2, 0],
  ];
  for (let g = 0; g < 80; g++) {
    const [name, arity, params] = kinds[g % kinds.length]!;
    const idx = pick(arity);
    const ps = Array.from({ length: params }, () => (r() - 0.5) * 6);
    b.gate(name, idx.map((i) => on[i]!), ps);
    small.gate(name, idx, ps);
  }
}

describe.skipIf(!large)('8 GiB states (QNTK_LARGE_TESTS=1)', () => {
  it.each([
    { n: 30, precision: 'single', tol: 1e-5 },
    { n: 29, precision: 'double', tol: 1e-11 },
  ] as const)('$n qubits in $precision precision: every amplitude matches the dense reference', ({ n, precision, tol }) => {
    const on = [0, 1, 7, 15, 21, n - 5, n - 2, n - 1];
    const seed = 100 + n;
    const b = new CircuitBuilder(n), small = new CircuitBuilder(on.length);
    for (let q = 0; q < n; q++) b.h(q);
    for (let q = 0; q < on.length; q++) small.h(q);
    randomGates(b, small, on, seed);
    const ref = circuitState(small.build());
    const sv = Statevector.fromCircuit(b.build(), { precision });
    const scale = 2 ** (-(n - on.length) / 2);
    let maxDiff = 0;
    const d = sv.data;
    for (let i = 0; i < 2 ** n; i++) {
      let s = 0;
      for (let j = 0; j < on.length; j++) s |= ((i >> on[j]!) & 1) << j;
      const dr = Math.abs(d[2 * i]! - scale * ref.re[s]!), di = Math.abs(d[2 * i + 1]! - scale * ref.im[s]!);
      if (dr > maxDiff) maxDiff = dr;
      if (di > maxDiff) maxDiff = di;
    }
    expect(maxDiff / scale, `seed ${seed}`).toBeLessThan(tol);
    // Shots see every one of the 2^n outcomes.
    const counts = sampleCounts(amplitudeWeights(d), 1000, createRandom(seed));
    expect([...counts.values()].reduce((x, y) => x + y, 0)).toBe(1000);
    expect(Math.max(...counts.keys())).toBeGreaterThan(2 ** (n - 1));
  }, 1_800_000);

  it('28 qubits with terminal measurements and shots (4 GiB: the size that used to fail in the worker)', () => {
    const n = 28;
    const b = new CircuitBuilder(n, n);
    b.h(0);
    for (let q = 1; q < n; q++) b.cx(q - 1, q);
    b.gate('mcx', [0, 9, 18, 27, 5]);
    for (let q = 0; q < n; q++) b.measure(q, q);
    const c: Circuit = b.build();
    const res = simulate(c, { shots: 1000, seed: 1 });
    // GHZ: all zeros, or all ones with qubit 5 flipped by the mcx.
    const ones = 2 ** n - 1 - 2 ** 5;
    expect([...res.outcomeCounts!.keys()].sort((x, y) => x - y)).toEqual([0, ones]);
    expect(res.outcomeCounts!.get(0)! + res.outcomeCounts!.get(ones)!).toBe(1000);
  }, 1_800_000);
});
