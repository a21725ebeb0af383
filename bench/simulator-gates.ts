/**
 * Per-gate figures for `npm run bench -- simulator`: runs of one kind of gate on random qubits of an
 * n-qubit state (seeded), timed as whole circuits. ns per gate·amplitude is normalised by the full
 * 2^n amplitudes for every gate, so a k-controlled gate that touches only its 2^(n−k) amplitudes
 * shows up as a figure 2^k times smaller than a one-qubit gate at memory bandwidth.
 */
import { CircuitBuilder, type Circuit } from '../compiler/circuit/index.js';
import { Statevector, type Precision } from '../backends/local/statevector.js';
import type { EngineOptions } from '../backends/local/engine.js';

/** A seeded PRNG (mulberry32). */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The gate kinds timed: name, controls, builder of one gate on distinct qubits (controls first). */
export const GATE_KINDS: ReadonlyArray<{ readonly name: string; readonly controls: number; add(b: CircuitBuilder, qs: number[], r: () => number): void }> = [
  { name: 'u (one qubit)', controls: 0, add: (b, qs, r) => b.u(r() * 3, r() * 6, r() * 6, qs[0]!) },
  { name: 'cry', controls: 1, add: (b, qs, r) => b.gate('cry', qs.slice(0, 2), [r() * 6]) },
  { name: 'cswap', controls: 1, add: (b, qs) => b.gate('cswap', qs.slice(0, 3)) },
  { name: 'ccx', controls: 2, add: (b, qs) => b.gate('ccx', qs.slice(0, 3)) },
  { name: 'mcx, 2 controls', controls: 2, add: (b, qs) => b.gate('mcx', qs.slice(0, 3)) },
  { name: 'mcx, 4 controls', controls: 4, add: (b, qs) => b.gate('mcx', qs.slice(0, 5)) },
  { name: 'mcx, 8 controls', controls: 8, add: (b, qs) => b.gate('mcx', qs.slice(0, 9)) },
];

/** `gates` gates of one kind on random distinct qubits of n. */
export function gateRun(kind: (typeof GATE_KINDS)[number], n: number, gates: number, seed = 7): Circuit {
  const r = random(seed);
  const b = new CircuitBuilder(n);
  const all = Array.from({ length: n }, (_, q) => q);
  for (let g = 0; g < gates; g++) {
    for (let i = n - 1; i > 0; i--) {
      const j = Math.floor(r() * (i + 1));
      [all[i], all[j]] = [all[j]!, all[i]!];
    }
    kind.add(b, [...all], r);
  }
  return b.build();
}

export interface Timing { readonly wallMs: number; readonly cpuMs: number }

/** Best (by wall time) of `reps` simulations from |0…0⟩; allocation and page faults are outside the timed region. */
export function timeCircuit(c: Circuit, reps: number, options: EngineOptions & { precision?: Precision } = {}): Timing {
  let best: Timing = { wallMs: Infinity, cpuMs: Infinity };
  for (let r = 0; r < reps; r++) {
    const sv = Statevector.zero(c.numQubits, options.precision === undefined ? {} : { precision: options.precision });
    // Touch every page first so page faults are not timed (a real run allocates once).
    sv.data.fill(0);
    sv.data[0] = 1;
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    sv.applyCircuit(c, options);
    const wallMs = performance.now() - t0;
    const cpu = process.cpuUsage(cpu0);
    if (wallMs < best.wallMs) best = { wallMs, cpuMs: (cpu.user + cpu.system) / 1e3 };
  }
  return best;
}

/** ns per gate per amplitude, normalised by the full 2^n. */
export const perGateAmp = (ms: number, c: Circuit): number => (ms * 1e6) / (c.instructions.length * 2 ** c.numQubits);
