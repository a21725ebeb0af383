/**
 * Index arithmetic at the top of the largest states (2^30 amplitudes: element offsets up to 2^31,
 * byte offsets up to 2^33), tested without allocating them: the kernels and the stage runner write
 * into a virtual amplitude array that stores only what is written, and the expected positions are
 * computed here by plain arithmetic (sums of powers of two, no bit operations).
 */
import { describe, expect, it } from 'vitest';
import { CircuitBuilder } from '../../../compiler/circuit/index.js';
import { compileOps } from '../../../backends/local/compile.js';
import { planStages } from '../../../backends/local/blocking.js';
import { kApplyOps, kMakeScratch, kRunStage, kStageChunks, type Amplitudes } from '../../../backends/local/kernels.js';
import { amplitudeWeights } from '../../../backends/local/sampling.js';
import { rng } from '../../helpers/quantum.js';

/** A deterministic value for element e, so every amplitude is distinct and non-zero. */
const initial = (e: number): number => Math.sin(e * 0.7548776662 + 0.1) * 0.5 + 0.25 * Math.cos(e * 1e-7);

/** A virtual interleaved amplitude array of `length` elements; reads come from `initial` until written. */
function virtualAmplitudes(length: number, single: boolean): { a: Amplitudes; writes: Map<number, number> } {
  const writes = new Map<number, number>();
  const round = single ? Math.fround : (x: number): number => x;
  const read = (e: number): number => {
    if (!(Number.isInteger(e) && e >= 0 && e < length)) throw new RangeError(`element ${e} outside 0..${length - 1}`);
    return writes.get(e) ?? round(initial(e));
  };
  const write = (e: number, v: number): void => {
    if (!(Number.isInteger(e) && e >= 0 && e < length)) throw new RangeError(`element ${e} outside 0..${length - 1}`);
    writes.set(e, round(v));
  };
  const target = {
    length,
    subarray: (s: number, e: number): Amplitudes => {
      const out = single ? new Float32Array(e - s) : new Float64Array(e - s);
      for (let k = 0; k < out.length; k++) out[k] = read(s + k);
      return out;
    },
    set: (src: ArrayLike<number>, offset: number): void => {
      for (let k = 0; k < src.length; k++) write(offset + k, src[k]!);
    },
  };
  const a = new Proxy(target, {
    get: (t, key) => (typeof key === 'string' && /^\d+$/.test(key) ? read(Number(key)) : (t as Record<string | symbol, unknown>)[key]),
    set: (_t, key, v: number) => {
      if (typeof key !== 'string' || !/^\d+$/.test(key)) return false;
      write(Number(key), v);
      return true;
    },
  });
  return { a: a as unknown as Amplitudes, writes };
}

/** Sum of 2^q over the qubits q (an index, without bit operations). */
const indexOf = (qubits: readonly number[]): number => qubits.reduce((s, q) => s + 2 ** q, 0);

describe.each([
  { precision: 'double', n: 29, single: false },
  { precision: 'single', n: 30, single: true },
] as const)('$precision precision, $n qubits (byte offsets to 2^33)', ({ n, single }) => {
  const dim = 2 ** n;
  const allQubits = Array.from({ length: n }, (_, q) => q);

  it('shot sampling sees all 2^n outcomes (a length of 2^31 elements must not wrap in 32-bit arithmetic)', () => {
    const { a } = virtualAmplitudes(2 * dim, single);
    const w = amplitudeWeights(a);
    expect(w.length).toBe(dim);
    expect(w.weight(dim - 1)).toBe(value(2 * dim - 2) ** 2 + value(2 * dim - 1) ** 2);
  });

  it('an mcx on every qubit but one swaps exactly the two top amplitudes', () => {
    const t = 3, free = 17;
    const controls = allQubits.filter((q) => q !== t && q !== free);
    const { a, writes } = virtualAmplitudes(2 * dim, single);
    const ops = compileOps(new CircuitBuilder(n).gate('mcx', [...controls, t]).build().instructions);
    kApplyOps(a, dim, ops, null);
    const top = indexOf(controls);
    for (const f of [0, 2 ** free]) {
      const i0 = top + f, i1 = top + f + 2 ** t;
      expect(a[2 * i0]).toBe(single ? Math.fround(initial(2 * i1)) : initial(2 * i1));
      expect(a[2 * i1 + 1]).toBe(single ? Math.fround(initial(2 * i0 + 1)) : initial(2 * i0 + 1));
    }
    expect(writes.size).toBe(8);
    expect(Math.max(...writes.keys())).toBe(2 * dim - 1);
  });

  const value = (e: number): number => (single ? Math.fround(initial(e)) : initial(e));
  const digits = single ? 6 : 14;

  it('an mcp on every qubit multiplies the last amplitude only (elements 2^(n+1) − 2 and − 1)', () => {
    const { a, writes } = virtualAmplitudes(2 * dim, single);
    kApplyOps(a, dim, compileOps(new CircuitBuilder(n).gate('mcp', allQubits, [0.4]).build().instructions), null);
    const last = dim - 1, xr = value(2 * last), xi = value(2 * last + 1);
    expect([...writes.keys()].sort((x, y) => x - y)).toEqual([2 * last, 2 * last + 1]);
    expect(a[2 * last]).toBeCloseTo(xr * Math.cos(0.4) - xi * Math.sin(0.4), digits);
    expect(a[2 * last + 1]).toBeCloseTo(xr * Math.sin(0.4) + xi * Math.cos(0.4), digits);
  });

  it('a 2×2 gate with n − 2 controls changes one pair at the top for each value of the free qubit', () => {
    const { a, writes } = virtualAmplitudes(2 * dim, single);
    const t = 2, free = 5, theta = 0.83;
    const controls = allQubits.filter((q) => q !== t && q !== free);
    const c = Math.cos(theta / 2), sn = Math.sin(theta / 2);
    const m = Float64Array.from([c, 0, -sn, 0, sn, 0, c, 0]);
    kApplyOps(a, dim, [{ kind: 'cdense1', cmask: controls.reduce((mk, q) => mk | (1 << q), 0), t, m }], null);
    expect(writes.size).toBe(8);
    for (const f of [0, 2 ** free]) {
      const i0 = indexOf(controls) + f, i1 = i0 + 2 ** t;
      expect(a[2 * i0]).toBeCloseTo(c * value(2 * i0) - sn * value(2 * i1), digits);
      expect(a[2 * i1 + 1]).toBeCloseTo(sn * value(2 * i0 + 1) + c * value(2 * i1 + 1), digits);
    }
  });

  it('a swap of qubits 0 and n − 1 under n − 3 controls exchanges the two amplitudes of each pair', () => {
    const { a, writes } = virtualAmplitudes(2 * dim, single);
    const free = 11, controls = allQubits.filter((q) => q !== 0 && q !== n - 1 && q !== free);
    kApplyOps(a, dim, [{ kind: 'swap', q0: 0, q1: n - 1, cmask: controls.reduce((mk, q) => mk | (1 << q), 0) }], null);
    expect(writes.size).toBe(8);
    for (const f of [0, 2 ** free]) {
      const i01 = indexOf(controls) + f + 1, i10 = indexOf(controls) + f + 2 ** (n - 1);
      expect(a[2 * i01]).toBe(value(2 * i10));
      expect(a[2 * i10 + 1]).toBe(value(2 * i01 + 1));
    }
  });

  it('cache-blocked stages gather and scatter the top chunks at their exact offsets (controlled stages too)', () => {
    const seed = 2024 + n;
    const r = rng(seed);
    const b = new CircuitBuilder(n);
    const pick = (): number => Math.floor(r() * n);
    // A run in which every gate is controlled on the top qubit (a controlled stage), then mixed gates.
    for (let g = 0; g < 60; g++) {
      const [x, y, z] = [pick(), pick(), pick()];
      if (x === y || y === z || x === z) continue;
      const k = g < 40 ? 3 + (g % 3) : g % 3;
      const [u, v] = x === n - 1 ? [z, y] : y === n - 1 ? [x, z] : [x, y];
      if (k === 0) b.u(r() * 3, r() * 6, r() * 6, x);
      else if (k === 1) b.cx(x, y);
      else if (k === 2) b.gate('rzz', [x, y], [r() * 3]);
      else if (k === 3) b.gate('ccx', [n - 1, u, v]);
      else if (k === 4) b.gate('cry', [n - 1, u], [r() * 6]);
      else b.gate('mcp', [n - 1, u, v], [r() * 6]);
    }
    const ops = compileOps(b.build().instructions);
    // Small chunks keep the virtual array fast; the offset arithmetic does not depend on their size.
    const K = 10;
    const stages = planStages(ops, n, K);
    expect(stages.some((s) => (s.fixed ?? 0) !== 0), 'some stage skips chunks on a fixed control').toBe(true);
    const scratch = kMakeScratch(K, null, null, single);
    for (const stage of stages) {
      if (stage.local.length === n) continue;
      const total = kStageChunks(n, stage);
      const free = allQubits.filter((q) => !stage.local.includes(q) && !(((stage.fixed ?? 0) >> q) & 1));
      const fixedQubits = allQubits.filter((q) => ((stage.fixed ?? 0) >> q) & 1);
      // Chunks with unequal bits catch a wrong deposit order; the last one reaches the top of the state.
      for (const c of [...new Set([Math.floor(total / 3), total - 2, total - 1])].filter((x) => x >= 0)) {
        const { a, writes } = virtualAmplitudes(2 * dim, single);
        kRunStage(a, n, stage, scratch, c, c + 1);
        // The chunk's amplitude j sits at fixed + (c's bits on the free qubits) + (j's bits on the local ones).
        const chunkBase = indexOf(fixedQubits) + indexOf(free.filter((_, j) => Math.floor(c / 2 ** j) % 2 === 1));
        const size = 2 ** stage.local.length;
        const ref = single ? new Float32Array(2 * size) : new Float64Array(2 * size);
        const where = new Float64Array(size);
        for (let j = 0; j < size; j++) {
          where[j] = chunkBase + indexOf(stage.local.filter((_, l) => Math.floor(j / 2 ** l) % 2 === 1));
          ref[2 * j] = initial(2 * where[j]!);
          ref[2 * j + 1] = initial(2 * where[j]! + 1);
        }
        kApplyOps(ref, size, stage.ops, null);
        expect(writes.size, `seed ${seed}: every amplitude of the chunk is written back once`).toBe(2 * size);
        let maxDiff = 0;
        for (let j = 0; j < size; j++) {
          maxDiff = Math.max(maxDiff, Math.abs(a[2 * where[j]!]! - ref[2 * j]!), Math.abs(a[2 * where[j]! + 1]! - ref[2 * j + 1]!));
        }
        expect(maxDiff, `seed ${seed}, chunk ${c} of ${total}`).toBe(0);
        if (c === total - 1 && (stage.fixed ?? 0) === 0) expect([...writes.keys()].reduce((x, y) => Math.max(x, y))).toBe(2 * dim - 1);
      }
    }
  });
});
