/** The statevector engine against the dense reference (circuitState / circuitUnitary) for every library gate. */
import { describe, expect, it } from 'vitest';
import { CircuitBuilder, circuitState, gateNames, gateSpec, type Circuit } from '../../../compiler/circuit/index.js';
import { Statevector } from '../../../backends/local/index.js';
import { parallelPool } from '../../../backends/local/parallel.js';
import { simdModule } from '../../../backends/local/engine.js';
import { expectStateClose, rng } from '../../helpers/quantum.js';

/** A random product-ish state so every amplitude is non-zero (catches kernels that skip indices). */
function randomPrep(b: CircuitBuilder, n: number, r: () => number): void {
  for (let q = 0; q < n; q++) b.u(r() * 3, r() * 6, r() * 6, q);
  for (let q = 0; q + 1 < n; q++) b.cx(q, q + 1);
  for (let q = 0; q < n; q++) b.u(r() * 3, r() * 6, r() * 6, q);
}

/** Arity of a library gate for a test (variadic gates get `extra` more qubits). */
function arity(name: string, extra: number): number {
  const s = gateSpec(name)!;
  return s.variadic ? s.qubits + extra : s.qubits;
}

function pickQubits(n: number, k: number, r: () => number): number[] {
  const all = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    [all[i], all[j]] = [all[j]!, all[i]!];
  }
  return all.slice(0, k);
}

function expectMatchesReference(c: Circuit, tol = 1e-10): void {
  const ref = circuitState(c);
  const sv = Statevector.fromCircuit(c);
  // Exact equality including global phase, not only fidelity.
  let maxDiff = 0;
  for (let i = 0; i < ref.rows; i++) {
    maxDiff = Math.max(maxDiff, Math.abs(sv.data[2 * i]! - ref.re[i]!), Math.abs(sv.data[2 * i + 1]! - ref.im[i]!));
  }
  expect(maxDiff, `max amplitude difference ${maxDiff}`).toBeLessThanOrEqual(tol);
}

describe('Statevector', () => {
  const names = gateNames();
  it.each(names)('gate %s on every qubit position agrees with circuitState', (name) => {
    const seed = name.split('').reduce((h, ch) => h * 31 + ch.charCodeAt(0), 7) >>> 0;
    const r = rng(seed);
    for (const n of [2, 3, 5]) {
      const extras = gateSpec(name)!.variadic ? [0, 1, 2] : [0];
      for (const extra of extras) {
        const k = arity(name, extra);
        if (k > n) continue;
        // Every target position at least once: rotate a random placement through all offsets.
        for (let shift = 0; shift < n; shift++) {
          const qs = pickQubits(n, k, r).map((q) => (q + shift) % n);
          const b = new CircuitBuilder(n);
          randomPrep(b, n, r);
          const params = Array.from({ length: gateSpec(name)!.params }, () => (r() - 0.5) * 7);
          b.gate(name, qs, params);
          expectMatchesReference(b.build());
        }
      }
    }
  });

  it('random 2–8 qubit circuits over the whole library agree with circuitState (seeded)', () => {
    for (let trial = 0; trial < 40; trial++) {
      const seed = 1000 + trial;
      const r = rng(seed);
      const n = 2 + (trial % 7);
      const b = new CircuitBuilder(n);
      randomPrep(b, n, r);
      for (let g = 0; g < 60; g++) {
        const name = names[Math.floor(r() * names.length)]!;
        const k = arity(name, Math.floor(r() * 3));
        if (k > n) continue;
        const params = Array.from({ length: gateSpec(name)!.params }, () => (r() - 0.5) * 7);
        b.gate(name, pickQubits(n, k, r), params);
      }
      expectMatchesReference(b.build());
    }
  });

  it('cache-blocked stages (small block size) agree with the direct path', () => {
    const r = rng(77);
    const n = 9;
    const b = new CircuitBuilder(n);
    randomPrep(b, n, r);
    for (let g = 0; g < 200; g++) {
      const name = names[Math.floor(r() * names.length)]!;
      const k = arity(name, Math.floor(r() * 4));
      if (k > n) continue;
      const params = Array.from({ length: gateSpec(name)!.params }, () => (r() - 0.5) * 7);
      b.gate(name, pickQubits(n, k, r), params);
    }
    const c = b.build();
    const direct = Statevector.fromCircuit(c);
    for (const [blockQubits, kernels] of [[4, 'auto'], [5, 'js'], [7, 'auto'], [7, 'js']] as const) {
      const blocked = Statevector.fromCircuit(c, { blockQubits, threads: 'off', kernels });
      expectStateClose(blocked, direct, 1e-12);
      let maxDiff = 0;
      for (let i = 0; i < direct.data.length; i++) maxDiff = Math.max(maxDiff, Math.abs(direct.data[i]! - blocked.data[i]!));
      expect(maxDiff).toBeLessThanOrEqual(1e-12);
    }
  });
});

describe('kernels', () => {
  it('the WebAssembly SIMD kernel compiles here (else every SIMD test would silently run the JS kernel)', () => {
    expect(simdModule()).not.toBeNull();
  });

  it('SIMD and JS kernels agree on a random 10-qubit circuit, and both match circuitState', () => {
    const r = rng(99);
    const b = new CircuitBuilder(10);
    randomPrep(b, 10, r);
    for (let g = 0; g < 100; g++) b.u(r() * 3, r() * 6, r() * 6, Math.floor(r() * 10)).cx(Math.floor(r() * 5), 5 + Math.floor(r() * 5));
    const c = b.build();
    const simd = Statevector.fromCircuit(c);
    const js = Statevector.fromCircuit(c, { kernels: 'js' });
    expectStateClose(simd, js, 1e-13);
    expectMatchesReference(c);
  });
});

describe('parallel stages', () => {
  it('the worker-thread path gives the same state as the serial one', () => {
    const r = rng(4242);
    const n = 14;
    const names = gateNames();
    const b = new CircuitBuilder(n);
    randomPrep(b, n, r);
    for (let g = 0; g < 400; g++) {
      const name = names[Math.floor(r() * names.length)]!;
      const k = arity(name, Math.floor(r() * 3));
      const params = Array.from({ length: gateSpec(name)!.params }, () => (r() - 0.5) * 7);
      b.gate(name, pickQubits(n, k, r), params);
    }
    const c = b.build();
    const serial = Statevector.fromCircuit(c, { blockQubits: 8, threads: 'off' });
    for (let rep = 0; rep < 4; rep++) {
      const par = Statevector.fromCircuit(c, { blockQubits: 8, threads: 'on' });
      let maxDiff = 0;
      for (let i = 0; i < serial.data.length; i++) maxDiff = Math.max(maxDiff, Math.abs(serial.data[i]! - par.data[i]!));
      expect(maxDiff).toBe(0);
    }
    expect(parallelPool()!.stats.joined, 'the worker thread took part').toBeGreaterThan(0);
  });
});

describe('stage planning', () => {
  it('covers every op exactly once and uses chunk stages, not only whole-state ones (order is checked by the blocked-vs-direct state tests)', async () => {
    const { planStages } = await import('../../../backends/local/blocking.js');
    const { compileOps } = await import('../../../backends/local/compile.js');
    const r = rng(31);
    const n = 10;
    const b = new CircuitBuilder(n);
    for (let g = 0; g < 300; g++) {
      const q = Math.floor(r() * n);
      if (r() < 0.5) b.h(q);
      else b.cx(q, (q + 1 + Math.floor(r() * (n - 1))) % n);
    }
    const ops = compileOps(b.build().instructions);
    for (const K of [4, 6, 8]) {
      const stages = planStages(ops, n, K);
      expect(stages.reduce((s, st) => s + st.ops.length, 0)).toBe(ops.length);
      expect(stages.filter((st) => st.local.length === K).length).toBeGreaterThan(0);
      for (const st of stages) expect(st.local.length === K || st.local.length === n).toBe(true);
    }
  });
});

describe('wide controlled gates', () => {
  it('19-control mcx, mcz and mcp on 20 qubits act on the all-ones corner only (no dense matrix is built)', () => {
    const n = 20, all = (1 << n) - 1;
    const controls = Array.from({ length: n - 1 }, (_, i) => i + 1);
    const b = new CircuitBuilder(n);
    for (const q of controls) b.x(q);
    b.h(0).gate('mcx', [...controls, 0]).gate('mcz', [0, ...controls]).gate('mcp', [...controls, 0], [0.3]);
    const sv = Statevector.fromCircuit(b.build());
    // H|0⟩ = (|0⟩ + |1⟩)/√2; X on the target swaps them; Z and P(0.3) then multiply the |1⟩ part by −e^{0.3i}.
    const s = Math.SQRT1_2;
    expect(sv.amplitude(all - 1).re).toBeCloseTo(s, 12);
    expect(sv.amplitude(all).re).toBeCloseTo(-s * Math.cos(0.3), 12);
    expect(sv.amplitude(all).im).toBeCloseTo(-s * Math.sin(0.3), 12);
    expect(sv.normSquared()).toBeCloseTo(1, 12);
  });
});
