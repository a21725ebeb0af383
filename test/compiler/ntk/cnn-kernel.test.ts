/**
 * The fast convolutional NTK against a direct evaluation written from the layer definitions
 * (full pixel-pair covariance matrices for (x, x′), (x, x) and (x′, x′), naive 9-offset convolution,
 * ReLU through atan2, explicit pooling windows, trace/size Flatten), on tiny images.
 */
import { describe, expect, it } from 'vitest';
import { cnnPlan, type CnnArchitecture } from '../../../compiler/ntk/cnn-plan.js';
import { CnnWorkspace, pairKernel, selfFeatures } from '../../../compiler/ntk/cnn-kernel.js';
import { cnnKernelMatrices, simdModule } from '../../../compiler/ntk/cnn-gram.js';
import { rng } from '../../helpers/quantum.js';

type Mat = Float64Array; // (side²)×(side²) row-major over pixel pairs

interface Slow { side: number; s12: Mat; s11: Mat; s22: Mat; t12: Mat }

function conv(m: Mat, side: number, w2: number): Mat {
  const P = side * side, out = new Float64Array(P * P);
  for (let i = 0; i < side; i++) for (let j = 0; j < side; j++) for (let k = 0; k < side; k++) for (let l = 0; l < side; l++) {
    let s = 0;
    for (let u = -1; u <= 1; u++) for (let v = -1; v <= 1; v++) {
      const a = i + u, b = j + v, c = k + u, d = l + v;
      if (a < 0 || b < 0 || c < 0 || d < 0 || a >= side || b >= side || c >= side || d >= side) continue;
      s += m[(a * side + b) * P + (c * side + d)]!;
    }
    out[(i * side + j) * P + (k * side + l)] = (w2 * s) / 9;
  }
  return out;
}

function relu(q: number, c1: number, c2: number): [number, number] {
  const root = Math.sqrt(Math.max(c1 * c2 - q * q, 0));
  const th = Math.atan2(root, q);
  return [(root + (Math.PI - th) * q) / (2 * Math.PI), (Math.PI - th) / (2 * Math.PI)];
}

function pool(m: Mat, side: number): Mat {
  const half = Math.floor(side / 2), P = side * side, Q = half * half, out = new Float64Array(Q * Q);
  for (let I = 0; I < half; I++) for (let J = 0; J < half; J++) for (let K = 0; K < half; K++) for (let L = 0; L < half; L++) {
    let s = 0;
    for (let a = 0; a < 2; a++) for (let b = 0; b < 2; b++) for (let c = 0; c < 2; c++) for (let d = 0; d < 2; d++) {
      s += m[((2 * I + a) * side + 2 * J + b) * P + (2 * K + c) * side + 2 * L + d]!;
    }
    out[(I * half + J) * Q + K * half + L] = s / 16;
  }
  return out;
}

function slowKernel(x1: Float64Array, x2: Float64Array, side: number, arch: Required<Pick<CnnArchitecture, 'convsPerStage' | 'poolsAfterStage'>>): number {
  const outer = (a: Float64Array, b: Float64Array): Mat => {
    const P = a.length, m = new Float64Array(P * P);
    for (let p = 0; p < P; p++) for (let r = 0; r < P; r++) m[p * P + r] = a[p]! * b[r]!;
    return m;
  };
  let st: Slow = { side, s12: outer(x1, x2), s11: outer(x1, x1), s22: outer(x2, x2), t12: new Float64Array(x1.length ** 2) };
  arch.convsPerStage.forEach((convs, k) => {
    for (let l = 0; l < convs; l++) {
      const s12 = conv(st.s12, st.side, 2), s11 = conv(st.s11, st.side, 2), s22 = conv(st.s22, st.side, 2);
      const t12 = conv(st.t12, st.side, 2).map((v, i) => v + s12[i]!);
      const P = st.side * st.side;
      const n12 = new Float64Array(P * P), n11 = new Float64Array(P * P), n22 = new Float64Array(P * P);
      for (let p = 0; p < P; p++) for (let r = 0; r < P; r++) {
        const i = p * P + r;
        const [q, dot] = relu(s12[i]!, s11[p * P + p]!, s22[r * P + r]!);
        n12[i] = q;
        t12[i] = t12[i]! * dot;
        n11[i] = relu(s11[i]!, s11[p * P + p]!, s11[r * P + r]!)[0];
        n22[i] = relu(s22[i]!, s22[p * P + p]!, s22[r * P + r]!)[0];
      }
      st = { side: st.side, s12: n12, s11: n11, s22: n22, t12 };
    }
    for (let p = 0; p < arch.poolsAfterStage[k]!; p++) {
      st = { side: Math.floor(st.side / 2), s12: pool(st.s12, st.side), s11: pool(st.s11, st.side), s22: pool(st.s22, st.side), t12: pool(st.t12, st.side) };
    }
  });
  const P = st.side * st.side;
  const trace = (m: Mat): number => { let s = 0; for (let p = 0; p < P; p++) s += m[p * P + p]!; return s / P; };
  let q = 2 * trace(st.s12), c1 = 2 * trace(st.s11), c2 = 2 * trace(st.s22);
  let t = 2 * trace(st.t12) + q;
  const den = (1 + 2 * c1) * (1 + 2 * c2);
  t *= 4 / Math.PI / Math.sqrt(den - 4 * q * q);
  q = (2 / Math.PI) * Math.asin((2 * q) / Math.sqrt(den));
  return 2 * t + 2 * q;
}

function image(side: number, seed: number): Float64Array {
  const r = rng(seed), x = new Float64Array(side * side);
  for (let i = 0; i < x.length; i++) x[i] = r() - 0.3;
  const norm = Math.hypot(...x);
  return x.map((v) => v / norm);
}

const cases: { side: number; convsPerStage: number[]; poolsAfterStage: number[] }[] = [
  { side: 6, convsPerStage: [2, 2], poolsAfterStage: [1, 1] }, // 6 → 3 → 1, the default rule
  { side: 7, convsPerStage: [1, 2, 1], poolsAfterStage: [1, 1, 0] }, // 7 → 3 → 1, odd floors
  { side: 6, convsPerStage: [3, 1], poolsAfterStage: [1, 0] }, // Flatten over a 3×3 map
  { side: 8, convsPerStage: [2, 1], poolsAfterStage: [1, 2] }, // two pools after the last stage
  { side: 5, convsPerStage: [3], poolsAfterStage: [0] }, // no pooling: every displacement
];

const simd = simdModule();
if (simd === undefined) throw new Error('this Node lacks WebAssembly SIMD');
const engines = [['js', undefined], ['wasm', simd]] as const;

describe('convolutional NTK', () => {
  for (const c of cases) for (const [engine, module] of engines) {
    it(`matches the direct evaluation (${engine}): side ${c.side}, convs [${c.convsPerStage}], pools [${c.poolsAfterStage}]`, () => {
      const plan = cnnPlan(c.side, c);
      const ws = new CnnWorkspace(plan, module);
      expect(ws.wasmPlane !== undefined).toBe(engine === 'wasm');
      for (const [s1, s2] of [[1, 2], [4, 5]] as const) {
        const x1 = image(c.side, s1), x2 = image(c.side, s2);
        const fast = pairKernel(ws, selfFeatures(ws, x1), selfFeatures(ws, x2));
        const slow = slowKernel(x1, x2, c.side, c);
        expect(Math.abs(fast - slow), `fast ${fast} slow ${slow}`).toBeLessThanOrEqual(1e-12 * Math.abs(slow));
        const self = slowKernel(x1, x1, c.side, c);
        expect(Math.abs(selfFeatures(ws, x1).selfKernel - self)).toBeLessThanOrEqual(1e-12 * self);
      }
      // Two equal images through the cross path: ρ = 1 up to rounding, where acos turns a relative
      // rounding δ ≈ 1e-15 of q/(s·s) into √(2δ) ≈ 5e-8 in θ, i.e. ≈ 1e-8 relative per ReLU layer.
      const x = image(c.side, 3), twin = Float64Array.from(x);
      const layers = c.convsPerStage.reduce((a, b) => a + b, 0);
      const same = slowKernel(x, x, c.side, c);
      expect(Math.abs(pairKernel(ws, selfFeatures(ws, x), selfFeatures(ws, twin)) - same)).toBeLessThanOrEqual(1e-8 * layers * same);
    });
  }

  it('resolves the paper network: 28 → 14 → 7 → 3 → 1 with radii 15, 7, 3', () => {
    const plan = cnnPlan(28);
    expect(plan.stages.map((s) => [s.size, s.convs, s.radius, s.pools.map((p) => `${p.from}>${p.to}`).join(',')])).toEqual([
      [28, 32, 15, '28>14'], [14, 32, 7, '14>7'], [7, 32, 3, '7>3,3>1'],
    ]);
    expect(plan.finalSize).toBe(1);
    expect(cnnPlan(14).stages.map((s) => [s.size, s.radius, s.pools.length])).toEqual([[14, 7, 1], [7, 3, 1], [3, 1, 1]]);
  });

  it('is symmetric in its arguments', () => {
    const plan = cnnPlan(6, { convsPerStage: [3, 3] });
    const ws = new CnnWorkspace(plan);
    const f1 = selfFeatures(ws, image(6, 11)), f2 = selfFeatures(ws, image(6, 12));
    const k12 = pairKernel(ws, f1, f2), k21 = pairKernel(ws, f2, f1);
    expect(Math.abs(k12 - k21)).toBeLessThanOrEqual(1e-14 * Math.abs(k12));
    expect(Math.abs(pairKernel(ws, f1, f1) - f1.selfKernel)).toBeLessThanOrEqual(1e-12 * f1.selfKernel);
  });
});

describe('convolutional NTK matrices', () => {
  it('agree between one thread and two, and match the pair kernel', async () => {
    const arch = { convsPerStage: [2, 2] };
    const side = 6, n = 5, m = 3;
    const imgs = (count: number, seed: number): Float64Array => {
      const out = new Float64Array(count * side * side);
      for (let i = 0; i < count; i++) out.set(image(side, seed + i), i * side * side);
      return out;
    };
    const train = { data: imgs(n, 20), count: n, side }, test = { data: imgs(m, 40), count: m, side };
    const one = await cnnKernelMatrices(train, test, { architecture: arch, threads: 1 });
    const two = await cnnKernelMatrices(train, test, { architecture: arch, threads: 2 });
    expect(Array.from(two.gram)).toEqual(Array.from(one.gram));
    expect(Array.from(two.cross)).toEqual(Array.from(one.cross));
    const ws = new CnnWorkspace(cnnPlan(side, arch), simd);
    const f = (x: Float64Array, i: number) => selfFeatures(ws, x.subarray(i * 36, (i + 1) * 36));
    expect(one.gram[1 * n + 3]).toBe(pairKernel(ws, f(train.data, 1), f(train.data, 3)));
    expect(one.gram[3 * n + 1]).toBe(one.gram[1 * n + 3]);
    expect(one.cross[2 * n + 4]).toBe(pairKernel(ws, f(test.data, 2), f(train.data, 4)));
    expect(one.testSelf[1]).toBe(f(test.data, 1).selfKernel);
  });
});

describe('convolutional NNGP against a sampled network', () => {
  it('first conv + ReLU + 2×2 pool variances match random filters within 5 standard errors', () => {
    // Channels of the first layer are independent given x and their pre-activations exactly Gaussian,
    // so the mean over sampled channels of the pooled relu products is an unbiased estimate at any width.
    const side = 4, x = image(side, 21), plan = cnnPlan(side, { convsPerStage: [1, 1], poolsAfterStage: [1, 0] });
    const ws = new CnnWorkspace(plan);
    const expected = selfFeatures(ws, x).stageDiagonals[1]!; // variances after conv → ReLU → pool
    const r = rng(99), gauss = (): number => Math.sqrt(-2 * Math.log(r() || 1e-300)) * Math.cos(2 * Math.PI * r());
    const samples = 100_000, half = side / 2;
    const sum = new Float64Array(half * half), sumSq = new Float64Array(half * half);
    const h = new Float64Array(side * side), w = new Float64Array(9);
    for (let s = 0; s < samples; s++) {
      for (let k = 0; k < 9; k++) w[k] = gauss() * Math.sqrt(2 / 9); // W_std² / fan-in (1 channel × 3×3)
      for (let i = 0; i < side; i++) for (let j = 0; j < side; j++) {
        let v = 0;
        for (let u = -1; u <= 1; u++) for (let t = -1; t <= 1; t++) {
          const a = i + u, b = j + t;
          if (a >= 0 && b >= 0 && a < side && b < side) v += w[(u + 1) * 3 + t + 1]! * x[a * side + b]!;
        }
        h[i * side + j] = Math.max(v, 0);
      }
      for (let I = 0; I < half; I++) for (let J = 0; J < half; J++) {
        const m = (h[2 * I * side + 2 * J]! + h[2 * I * side + 2 * J + 1]! + h[(2 * I + 1) * side + 2 * J]! + h[(2 * I + 1) * side + 2 * J + 1]!) / 4;
        sum[I * half + J] = sum[I * half + J]! + m * m;
        sumSq[I * half + J] = sumSq[I * half + J]! + m ** 4;
      }
    }
    for (let k = 0; k < half * half; k++) {
      const mean = sum[k]! / samples, se = Math.sqrt((sumSq[k]! / samples - mean * mean) / samples);
      expect(Math.abs(mean - expected[k]!), `pixel ${k}: sampled ${mean} ± ${se}, kernel ${expected[k]}`).toBeLessThanOrEqual(5 * se);
    }
  });
});
