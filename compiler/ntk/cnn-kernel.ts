/**
 * The infinite-width NTK of the convolutional network (cnn-plan.ts) between two images, evaluated
 * as neural-tangents does (NTK parameterisation), but organised for speed:
 *  - a 3×3 SAME convolution maps the pixel-pair covariance Σ(p, p′) to the mean of Σ(p+δ, p′+δ) over
 *    the 9 offsets δ; it keeps the displacement Δ = p′ − p, so Σ splits into independent planes, one per
 *    Δ, each a rectangle on which the convolution is a zero-padded 3×3 box sum (separable: 4 adds);
 *  - within a stage each plane runs through all its conv+ReLU layers while it sits in L1 cache;
 *  - only the displacements the later pools and the Flatten read are tracked (|Δ| ≤ 15 at 28×28);
 *  - each image's own variances c(p) are computed once per image (selfFeatures), not per pair.
 * @see arXiv:2107.09200; neural-tangents (Novak et al., arXiv:1912.02803) stax.Conv / Relu / AvgPool / Flatten / Erf
 */
import type { CnnPlan, StagePlan, PoolStep } from './cnn-plan.js';
import { CnnWorkspace, type PlaneSet } from './cnn-workspace.js';

export { CnnWorkspace, type CnnWasmModule, type WasmJsApi } from './cnn-workspace.js';

/** Per-image quantities reused for every pair that contains the image. */
export interface CnnImageFeatures {
  /** The input image, row-major, side plan.inputSize. */
  readonly x: Float64Array;
  /** Per stage, the variances c(p) = Σ(x, x)(p, p) at the stage's input (stage 0: x²). */
  readonly stageDiagonals: readonly Float64Array[];
  /** Flattened variance (mean over pixels of c after the last pool). */
  readonly flatVariance: number;
  /** K(x, x). */
  readonly selfKernel: number;
}

const INV_2PI = 1 / (2 * Math.PI);

/** Σ₀(p, p′) = xA(p)·xB(p′) (one input channel), Θ₀ = 0, on the planes stage 0 needs. */
function inputPlanes(ws: CnnWorkspace, stage: StagePlan, xA: Float64Array, xB: Float64Array): PlaneSet {
  const set = ws.planes(stage.size, stage.radius);
  const n = stage.size, R = stage.radius, side = 2 * R + 1;
  const { sigma, theta, offsets } = set;
  for (let dy = -R; dy <= R; dy++) {
    const i0 = (dy < 0 ? -dy : 0), h = n - Math.abs(dy);
    for (let dx = -R; dx <= R; dx++) {
      const j0 = (dx < 0 ? -dx : 0), w = n - Math.abs(dx);
      let k = offsets[(dy + R) * side + (dx + R)]!;
      for (let a = 0; a < h; a++) {
        const pa = (i0 + a) * n + j0, pb = (i0 + a + dy) * n + j0 + dx;
        for (let b = 0; b < w; b++, k++) sigma[k] = xA[pa + b]! * xB[pb + b]!;
      }
    }
  }
  theta.fill(0);
  return set;
}

/**
 * √c(p) after each convolution of a stage, from the stage's input variances: the variance plane of one
 * image is the Δ = 0 plane of its self-covariance, so conv is the same box sum and ReLU halves it
 * (θ = 0 gives q′ = c/2).
 */
function scaleSequence(ws: CnnWorkspace, stage: StagePlan, diag: Float64Array, out: Float64Array, inverse: Float64Array): void {
  const n = stage.size, nn = n * n, scale = ws.plan.convWStd2 / 9;
  const cur = ws.boxTmp.subarray(0, nn), tmp = ws.boxTmp.subarray(nn, 2 * nn);
  cur.set(diag.subarray(0, nn));
  for (let l = 0; l < stage.convs; l++) {
    boxSum(cur, tmp, n, n);
    const base = l * nn;
    for (let k = 0; k < nn; k++) {
      const c = cur[k]! * scale, root = Math.sqrt(c);
      out[base + k] = root;
      inverse[base + k] = root > 0 ? 1 / root : 0;
      cur[k] = 0.5 * c;
    }
  }
}

/** In-place zero-padded 3×3 box sum of an h×w row-major array (tmp holds ≥ h·w). */
function boxSum(a: Float64Array, tmp: Float64Array, h: number, w: number): void {
  for (let r = 0; r < h; r++) {
    const o = r * w;
    for (let c = 0; c < w; c++) {
      let s = a[o + c]!;
      if (c > 0) s += a[o + c - 1]!;
      if (c < w - 1) s += a[o + c + 1]!;
      tmp[o + c] = s;
    }
  }
  for (let r = 0; r < h; r++) {
    const o = r * w;
    for (let c = 0; c < w; c++) {
      let s = tmp[o + c]!;
      if (r > 0) s += tmp[o + c - w]!;
      if (r < h - 1) s += tmp[o + c + w]!;
      a[o + c] = s;
    }
  }
}

/**
 * Runs every plane of a stage through its `convs` layers of Conv(W_std²) → ReLU:
 *   Σ ← (W²/9)·box(Σ);  Θ ← (W²/9)·box(Θ) + Σ;
 *   ρ = Σ/(s_A(p) s_B(p′)), θ = acos ρ;  Θ ← Θ·(π − θ)/(2π);  Σ ← s_A s_B (√(1−ρ²) + (π − θ)ρ)/(2π).
 * This is neural-tangents' ABRelu(0, 1) map with θ = atan2(√(c₁c₂ − q²), q) written through ρ.
 */
function runStage(ws: CnnWorkspace, stage: StagePlan, set: PlaneSet, sA: Float64Array, sB: Float64Array, self: boolean): void {
  const n = stage.size, R = stage.radius, side = 2 * R + 1;
  const scale = ws.plan.convWStd2 / 9;
  const { sigma, theta, offsets } = set;
  const wasm = ws.wasmPlane;
  for (let dy = -R; dy <= R; dy++) {
    for (let dx = -R; dx <= R; dx++) {
      const off = offsets[(dy + R) * side + (dx + R)]!;
      if (self && dy === 0 && dx === 0) selfDiagonalPlane(sigma, theta, off, n, stage.convs, scale, ws.rowSigma);
      else if (wasm !== undefined) {
        const i0 = dy < 0 ? -dy : 0, j0 = dx < 0 ? -dx : 0;
        wasm(sigma.byteOffset + off * 8, theta.byteOffset + off * 8, n - (dy < 0 ? -dy : dy), n - (dx < 0 ? -dx : dx), stage.convs, scale,
          sA.byteOffset + (i0 * n + j0) * 8, sB.byteOffset + ((i0 + dy) * n + j0 + dx) * 8,
          ws.inverseA.byteOffset + (i0 * n + j0) * 8, ws.inverseB.byteOffset + ((i0 + dy) * n + j0 + dx) * 8, n * 8, n * n * 8,
          ws.rowSigma.byteOffset, ws.rowTheta.byteOffset, ws.zeroRow.byteOffset);
      } else planeLayers(sigma, theta, off, n, dy, dx, stage.convs, scale, sA, sB, ws.rowSigma, ws.rowTheta);
    }
  }
}

/** All conv+ReLU layers of a stage on the plane of displacement (dy, dx) stored at `off` (kept in L1). */
function planeLayers(
  sigma: Float64Array, theta: Float64Array, off: number, n: number, dy: number, dx: number, convs: number,
  scale: number, sA: Float64Array, sB: Float64Array, tS: Float64Array, tT: Float64Array,
): void {
  // Integer-only arithmetic (no Math.max/-0) keeps TurboFan on its fast int32 path.
  const i0 = dy < 0 ? 0 - dy : 0, j0 = dx < 0 ? 0 - dx : 0;
  const h = n - (dy < 0 ? 0 - dy : dy), w = n - (dx < 0 ? 0 - dx : dx), nn = n * n;
  // tS/tT keep one zero row above and below the plane so the vertical sum needs no branches.
  tS.fill(0, 0, w); tT.fill(0, 0, w);
  tS.fill(0, (h + 1) * w, (h + 2) * w); tT.fill(0, (h + 1) * w, (h + 2) * w);
  for (let l = 0; l < convs; l++) {
    // Horizontal 3-tap sums into rows 1..h of tS/tT.
    for (let a = 0; a < h; a++) {
      const src = off + a * w, dst = (a + 1) * w;
      if (w === 1) {
        tS[dst] = sigma[src]!; tT[dst] = theta[src]!;
        continue;
      }
      tS[dst] = sigma[src]! + sigma[src + 1]!;
      tT[dst] = theta[src]! + theta[src + 1]!;
      for (let b = 1; b < w - 1; b++) {
        tS[dst + b] = sigma[src + b - 1]! + sigma[src + b]! + sigma[src + b + 1]!;
        tT[dst + b] = theta[src + b - 1]! + theta[src + b]! + theta[src + b + 1]!;
      }
      tS[dst + w - 1] = sigma[src + w - 2]! + sigma[src + w - 1]!;
      tT[dst + w - 1] = theta[src + w - 2]! + theta[src + w - 1]!;
    }
    // Vertical 3-tap sums, then the ReLU map, back into the plane.
    const lb = l * nn;
    for (let a = 0; a < h; a++) {
      const t = (a + 1) * w, dst = off + a * w;
      const pa = lb + (i0 + a) * n + j0, pb = lb + (i0 + a + dy) * n + j0 + dx;
      for (let b = 0; b < w; b++) {
        const q = scale * (tS[t + b - w]! + tS[t + b]! + tS[t + b + w]!);
        const ntk = scale * (tT[t + b - w]! + tT[t + b]! + tT[t + b + w]!) + q;
        const ss = sA[pa + b]! * sB[pb + b]!;
        if (ss > 0) {
          let r = q / ss;
          if (r > 1) r = 1;
          else if (r < -1) r = -1;
          const dot = (Math.PI - Math.acos(r)) * INV_2PI;
          theta[dst + b] = ntk * dot;
          sigma[dst + b] = ss * (Math.sqrt((1 - r) * (1 + r)) * INV_2PI + dot * r);
        } else {
          // c₁c₂ = 0: atan2(0, q) = 0 for q = 0, so Σ̇ = 1/2 and Σ′ = 0.
          theta[dst + b] = 0.5 * ntk;
          sigma[dst + b] = 0;
        }
      }
    }
  }
}

/**
 * The Δ = 0 plane of a self pair, where c₁c₂ = q² holds exactly (θ = 0: Σ ← Σ/2, Θ ← Θ/2). Going through
 * acos would turn rounding of q/(s·s) ≈ 1 into errors of order √ε_mach per layer.
 */
function selfDiagonalPlane(sigma: Float64Array, theta: Float64Array, off: number, n: number, convs: number, scale: number, tmp: Float64Array): void {
  const nn = n * n;
  const s = sigma.subarray(off, off + nn), t = theta.subarray(off, off + nn);
  for (let l = 0; l < convs; l++) {
    boxSum(s, tmp, n, n);
    boxSum(t, tmp, n, n);
    for (let k = 0; k < nn; k++) {
      const q = scale * s[k]!;
      t[k] = 0.5 * (scale * t[k]! + q);
      s[k] = 0.5 * q;
    }
  }
}

/** One 2×2 stride-2 VALID average pool of Σ and Θ: mean over the 4 × 4 pixel pairs of two windows. */
function poolPlanes(ws: CnnWorkspace, src: PlaneSet, step: PoolStep): PlaneSet {
  const dst = ws.planes(step.to, step.radiusTo);
  const m = step.to, Rd = step.radiusTo, sideD = 2 * Rd + 1;
  const n = step.from, Rs = step.radiusFrom, sideS = 2 * Rs + 1;
  for (let dy = -Rd; dy <= Rd; dy++) {
    const I0 = (dy < 0 ? -dy : 0), H = m - Math.abs(dy);
    for (let dx = -Rd; dx <= Rd; dx++) {
      const J0 = (dx < 0 ? -dx : 0), W = m - Math.abs(dx);
      let k = dst.offsets[(dy + Rd) * sideD + (dx + Rd)]!;
      for (let A = 0; A < H; A++) {
        for (let B = 0; B < W; B++, k++) {
          const Pi = I0 + A, Pj = J0 + B;
          let s = 0, t = 0;
          for (let ai = 0; ai < 2; ai++) for (let bi = 0; bi < 2; bi++) {
            const ey = 2 * dy + bi - ai, pi = 2 * Pi + ai;
            const rowOff = pi - (ey < 0 ? -ey : 0);
            for (let aj = 0; aj < 2; aj++) for (let bj = 0; bj < 2; bj++) {
              const ex = 2 * dx + bj - aj, pj = 2 * Pj + aj, w = n - Math.abs(ex);
              const idx = src.offsets[(ey + Rs) * sideS + (ex + Rs)]! + rowOff * w + (pj - (ex < 0 ? -ex : 0));
              s += src.sigma[idx]!;
              t += src.theta[idx]!;
            }
          }
          dst.sigma[k] = s / 16;
          dst.theta[k] = t / 16;
        }
      }
    }
  }
  return dst;
}

/**
 * Runs all stages and pools. `given` holds both images' stage-input variances; without it (a self
 * pair) they are read off the Δ = 0 plane as the pass goes and stored into `found`.
 */
function propagate(
  ws: CnnWorkspace, xA: Float64Array, xB: Float64Array,
  given: readonly [readonly Float64Array[], readonly Float64Array[]] | undefined, found: Float64Array[],
): PlaneSet {
  const plan = ws.plan;
  let set = inputPlanes(ws, plan.stages[0]!, xA, xB);
  for (let k = 0; k < plan.stages.length; k++) {
    const stage = plan.stages[k]!;
    let dA: Float64Array, dB: Float64Array;
    if (given === undefined) {
      const R = set.radius, centre = set.offsets[R * (2 * R + 1) + R]!;
      dA = dB = found[k] = k === 0 ? xA.map((v) => v * v) : set.sigma.slice(centre, centre + stage.size * stage.size);
    } else {
      dA = given[0][k]!;
      dB = given[1][k]!;
    }
    scaleSequence(ws, stage, dA, ws.scaleA, ws.inverseA);
    if (given === undefined) {
      const len = stage.convs * stage.size * stage.size;
      ws.scaleB.set(ws.scaleA.subarray(0, len));
      ws.inverseB.set(ws.inverseA.subarray(0, len));
    } else scaleSequence(ws, stage, dB, ws.scaleB, ws.inverseB);
    runStage(ws, stage, set, ws.scaleA, ws.scaleB, given === undefined);
    for (const step of stage.pools) set = poolPlanes(ws, set, step);
  }
  return set;
}

/** Flatten (mean over the diagonal pixel pairs) of the final planes: [Σ, Θ]. */
function flatten(set: PlaneSet): [number, number] {
  const R = set.radius, centre = set.offsets[R * (2 * R + 1) + R]!, nn = set.size * set.size;
  let s = 0, t = 0;
  for (let k = 0; k < nn; k++) {
    s += set.sigma[centre + k]!;
    t += set.theta[centre + k]!;
  }
  return [s / nn, t / nn];
}

/**
 * Dense(W²) → Erf → Dense(W²) on flattened kernels (algorithms.md §1.2 maps, plain erf):
 * Θ ← W²Θ + Σ;  Θ ← Θ·(4/π)/√((1+2c₁)(1+2c₂) − 4q²);  q ← (2/π)·asin(2q/√((1+2c₁)(1+2c₂))).
 */
export function erfReadout(q: number, theta: number, cA: number, cB: number, w2: number): number {
  q *= w2; cA *= w2; cB *= w2;
  theta = w2 * theta + q;
  const prod = (1 + 2 * cA) * (1 + 2 * cB);
  const r = Math.sqrt(Math.max(prod - 4 * q * q, 0));
  theta *= (4 / Math.PI) / r;
  q = (2 / Math.PI) * Math.atan2(2 * q, r);
  return w2 * theta + w2 * q;
}

/** Self pass of one image: its variances per stage, flattened variance and K(x, x). */
export function selfFeatures(ws: CnnWorkspace, x: Float64Array): CnnImageFeatures {
  checkImage(ws.plan, x);
  const diags: Float64Array[] = [];
  const [c, t] = flatten(propagate(ws, x, x, undefined, diags));
  return { x, stageDiagonals: diags, flatVariance: c, selfKernel: erfReadout(c, t, c, c, ws.plan.readoutWStd2) };
}

/** K(xA, xB) from both images' features. */
export function pairKernel(ws: CnnWorkspace, a: CnnImageFeatures, b: CnnImageFeatures): number {
  if (a === b) return a.selfKernel;
  const [q, t] = flatten(propagate(ws, a.x, b.x, [a.stageDiagonals, b.stageDiagonals], []));
  return erfReadout(q, t, a.flatVariance, b.flatVariance, ws.plan.readoutWStd2);
}

function checkImage(plan: CnnPlan, x: Float64Array): void {
  if (x.length !== plan.inputSize * plan.inputSize) {
    throw new RangeError(`cnn: image has ${x.length} pixels, the plan expects ${plan.inputSize}×${plan.inputSize}`);
  }
}

/**
 * The kernel's functions as one self-contained script, for worker threads that receive source text
 * (the same approach as gram.ts: works from the compiled dist/ and from the test runner alike).
 */
export function cnnKernelSource(): string {
  const parts: { toString(): string }[] = [
    CnnWorkspace, inputPlanes, scaleSequence, boxSum, runStage, planeLayers, selfDiagonalPlane, poolPlanes,
    propagate, flatten, erfReadout, selfFeatures, pairKernel, checkImage,
  ];
  return `const INV_2PI = ${INV_2PI};\n${parts.map((p) => p.toString()).join('\n')}\n`;
}
