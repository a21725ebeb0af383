/**
 * Single precision against double on random circuits over the whole gate library, through both the
 * WebAssembly f32x4 kernels and the JS ones, cache-blocked and threaded. The bounds are the
 * accuracy docs/simulator.md states; measured values sit one to two orders of magnitude below them.
 */
import { describe, expect, it } from 'vitest';
import { CircuitBuilder, gateNames, gateSpec, type Circuit } from '../../../compiler/circuit/index.js';
import { simulate, Statevector, type Amplitudes } from '../../../backends/local/index.js';
import { rng } from '../../helpers/quantum.js';

function randomCircuit(n: number, gates: number, seed: number): Circuit {
  const r = rng(seed);
  const names = gateNames();
  const b = new CircuitBuilder(n);
  for (let q = 0; q < n; q++) b.h(q);
  for (let g = 0; g < gates;) {
    const name = names[Math.floor(r() * names.length)]!;
    const spec = gateSpec(name)!;
    const k = spec.variadic ? spec.qubits + Math.floor(r() * 3) : spec.qubits;
    if (k > n) continue;
    const qs = Array.from({ length: n }, (_, i) => i);
    for (let i = n - 1; i > 0; i--) {
      const j = Math.floor(r() * (i + 1));
      [qs[i], qs[j]] = [qs[j]!, qs[i]!];
    }
    b.gate(name, qs.slice(0, k), Array.from({ length: spec.params }, () => (r() - 0.5) * 7));
    g++;
  }
  return b.build();
}

interface Comparison { infidelity: number; maxAmplitude: number; maxProbability: number; normDrift: number }

function compare(d: Amplitudes, s: Amplitudes): Comparison {
  let dr = 0, di = 0, nd = 0, ns = 0, maxAmplitude = 0, maxProbability = 0;
  for (let i = 0; i < d.length; i += 2) {
    const ar = d[i]!, ai = d[i + 1]!, br = s[i]!, bi = s[i + 1]!;
    dr += ar * br + ai * bi;
    di += ar * bi - ai * br;
    nd += ar * ar + ai * ai;
    ns += br * br + bi * bi;
    maxAmplitude = Math.max(maxAmplitude, Math.hypot(ar - br, ai - bi));
    maxProbability = Math.max(maxProbability, Math.abs(ar * ar + ai * ai - br * br - bi * bi));
  }
  return { infidelity: 1 - (dr * dr + di * di) / (nd * ns), maxAmplitude, maxProbability, normDrift: Math.abs(ns - 1) };
}

describe('single precision', () => {
  it.each([
    { n: 8, gates: 300, seed: 81, options: {} },
    { n: 11, gates: 600, seed: 82, options: { kernels: 'js' } },
    { n: 13, gates: 1500, seed: 83, options: { blockQubits: 9, threads: 'off' } },
    { n: 14, gates: 1200, seed: 84, options: { blockQubits: 10, threads: 'on' } },
    { n: 12, gates: 800, seed: 85, options: { blockQubits: 8, kernels: 'js', threads: 'off' } },
  ] as const)('agrees with double on a random $n-qubit circuit of $gates gates (seed $seed, $options)', ({ n, gates, seed, options }) => {
    const c = randomCircuit(n, gates, seed);
    const double = Statevector.fromCircuit(c, options);
    const single = Statevector.fromCircuit(c, { ...options, precision: 'single' });
    expect(single.data).toBeInstanceOf(Float32Array);
    expect(single.precision).toBe('single');
    const e = compare(double.data, single.data);
    const msg = `seed ${seed}: ${JSON.stringify(e)}`;
    expect(e.infidelity, msg).toBeLessThan(1e-10);
    expect(e.maxAmplitude, msg).toBeLessThan(1e-6);
    expect(e.maxProbability, msg).toBeLessThan(1e-6);
    expect(e.normDrift, msg).toBeLessThan(1e-8 * gates);
    // The amplitudes really were stored and computed in float32: they differ from double.
    expect(e.maxAmplitude, msg).toBeGreaterThan(1e-10);
  });

  it('simulate() samples the same counts from a single-precision state as from a double one (same seed)', () => {
    const c = randomCircuit(10, 200, 7);
    const d = simulate(c, { shots: 2000, seed: 3 });
    const s = simulate(c, { shots: 2000, seed: 3, precision: 'single' });
    expect(s.statevector!.data).toBeInstanceOf(Float32Array);
    // Cumulative sums differ by ~1e-6, so at most a handful of the 2000 draws may land in a neighbouring outcome.
    let moved = 0;
    for (const [k, v] of d.outcomeCounts!) moved += Math.abs(v - (s.outcomeCounts!.get(k) ?? 0));
    expect(moved).toBeLessThanOrEqual(10);
    const pd = simulate(c).probabilities!, ps = simulate(c, { precision: 'single' }).probabilities!;
    let maxDiff = 0;
    for (let k = 0; k < pd.length; k++) maxDiff = Math.max(maxDiff, Math.abs(pd[k]! - ps[k]!));
    expect(maxDiff).toBeLessThan(1e-6);
  });
});
