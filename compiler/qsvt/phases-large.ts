/**
 * The large-degree phase solver: the fixed-point iteration of Dong–Lin–Ni–Wang accelerated by
 * Anderson mixing, with every residual evaluated in x-space (not from Chebyshev coefficients, whose
 * rounding errors add up to ~d·ε at x = ±1). Symmetric phases make U_Φ = H W Hᵀ (d odd) or
 * H E_k Hᵀ (d even) with H the first half of the product, so one node costs d/2 steps of a 2-vector.
 * The iteration map is Φ̃ ← Φ̃ − J(0)⁻¹ r with J(0) = [2T_{d−2k}(x_i)], applied exactly by the
 * discrete orthogonality of the Chebyshev nodes (a DCT-II or DCT-IV), O(d̃²) with recurrences.
 * Works in the solver's internal Im convention (see phases.ts).
 * @see arXiv:2209.10162 (Dong, Lin, Ni, Wang) — fixed-point iteration for QSP phases.
 * @see Walker & Ni, SIAM J. Numer. Anal. 49 (2011) — Anderson acceleration.
 */

/** Collocation nodes: x_i, s_i = √(1 − x_i²) and the factor (1+δ_i)^{−d/2} that makes the product unitary. */
export interface NodeSet {
  readonly xs: Float64Array;
  readonly ss: Float64Array;
  readonly norms: Float64Array;
}

/** g(x̃_i) = Im⟨0|U_Φ(x̃_i)|0⟩ at every node (unitary points, see response.ts), full symmetric φ₀…φ_d. */
export function symmetricResponseAtNodes(phi: Float64Array, nodes: NodeSet): Float64Array {
  const xs = nodes.xs;
  const d = phi.length - 1;
  const k = d >> 1;
  const cs = new Float64Array(d + 1), sn = new Float64Array(d + 1);
  for (let j = 0; j <= d; j++) { cs[j] = Math.cos(phi[j]!); sn[j] = Math.sin(phi[j]!); }
  const out = new Float64Array(xs.length);
  for (let i = 0; i < xs.length; i++) {
    const x = xs[i]!, s = nodes.ss[i]!;
    // h = ⟨0| E₀ W E₁ W … : row vector (a, b).
    let ar = cs[0]!, ai = sn[0]!, br = 0, bi = 0;
    for (let j = 1; j <= k; j++) {
      // (a, b)·W = (a x + i s b, i s a + x b), then ·E_j = (a e^{iφ}, b e^{−iφ}); the last E is
      // applied only when it belongs to H (d odd: H = E₀W…WE_k).
      const nar = ar * x - bi * s, nai = ai * x + br * s;
      const nbr = br * x - ai * s, nbi = bi * x + ar * s;
      if (j === k && d % 2 === 0) { ar = nar; ai = nai; br = nbr; bi = nbi; break; }
      const c = cs[j]!, t = sn[j]!;
      ar = nar * c - nai * t; ai = nar * t + nai * c;
      br = nbr * c + nbi * t; bi = nbi * c - nbr * t;
    }
    if (d === 0) { out[i] = ai; continue; }
    const nrm = nodes.norms[i]!;
    const a2r = ar * ar - ai * ai, a2i = 2 * ar * ai;
    const b2r = br * br - bi * bi, b2i = 2 * br * bi;
    if (d % 2 === 1) {
      // h W hᵀ = x(a² + b²) + 2 i s·a b
      const abr = ar * br - ai * bi;
      out[i] = (x * (a2i + b2i) + 2 * s * abr) * nrm;
    } else {
      // h E_k hᵀ = e^{iφ_k} a² + e^{−iφ_k} b²
      const c = cs[k]!, t = sn[k]!;
      out[i] = (c * a2i + t * a2r + (c * b2i - t * b2r)) * nrm;
    }
  }
  return out;
}

/**
 * a = J(0)⁻¹ r: the coefficients of r's interpolant in T_{d−2k}, divided by the Jacobian weights
 * (2, or 1 for T_0). Nodes x_i = cos θ_i, θ_i = π(2i+1)/(4d̃).
 */
export function applyInitialJacobianInverse(r: Float64Array, d: number): Float64Array {
  const n = r.length;
  const out = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    const j = d - 2 * k; // Chebyshev index
    // Σ_i r_i cos(j θ_i) by the recurrence cos((i+1)·2jθ₀ + jθ₀) = 2cos(2jθ₀)·cos(…) − cos(…).
    const t0 = (Math.PI * j) / (4 * n);
    const step = 2 * Math.cos(2 * t0);
    let prev = Math.cos(-t0), cur = Math.cos(t0), sum = 0;
    for (let i = 0; i < n; i++) {
      sum += r[i]! * cur;
      const next = step * cur - prev;
      prev = cur;
      cur = next;
    }
    // Interpolation coefficient β_j = (2/n)Σ (or (1/n)Σ for j = 0), divided by the weight 2 (or 1).
    out[k] = sum / n;
  }
  return out;
}

/** Anderson-mixing state over the last `depth` iterates. */
export class AndersonMixer {
  private readonly dx: Float64Array[] = [];
  private readonly df: Float64Array[] = [];
  private lastX: Float64Array | undefined;
  private lastF: Float64Array | undefined;
  constructor(private readonly depth: number) {}

  /** Next iterate from x and the fixed-point residual f = G(x) − x. */
  next(x: Float64Array, f: Float64Array): Float64Array {
    const n = x.length;
    if (this.lastX && this.lastF) {
      const ddx = new Float64Array(n), ddf = new Float64Array(n);
      for (let i = 0; i < n; i++) { ddx[i] = x[i]! - this.lastX[i]!; ddf[i] = f[i]! - this.lastF[i]!; }
      this.dx.push(ddx);
      this.df.push(ddf);
      if (this.dx.length > this.depth) { this.dx.shift(); this.df.shift(); }
    }
    this.lastX = Float64Array.from(x);
    this.lastF = Float64Array.from(f);
    const m = this.df.length;
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) out[i] = x[i]! + f[i]!;
    if (m === 0) return out;
    // γ = argmin ‖f − ΔF γ‖ by the (regularised) normal equations; m ≤ depth is small.
    const a = new Float64Array(m * m), rhs = new Float64Array(m);
    for (let p = 0; p < m; p++) {
      for (let q = p; q < m; q++) {
        let s = 0;
        const u = this.df[p]!, v = this.df[q]!;
        for (let i = 0; i < n; i++) s += u[i]! * v[i]!;
        a[p * m + q] = s;
        a[q * m + p] = s;
      }
      let s = 0;
      const u = this.df[p]!;
      for (let i = 0; i < n; i++) s += u[i]! * f[i]!;
      rhs[p] = s;
    }
    let tr = 0;
    for (let p = 0; p < m; p++) tr += a[p * m + p]!;
    for (let p = 0; p < m; p++) a[p * m + p] = a[p * m + p]! + 1e-14 * tr;
    const gamma = choleskySmall(a, rhs, m);
    if (!gamma) return out;
    for (let p = 0; p < m; p++) {
      const g = gamma[p]!, u = this.dx[p]!, v = this.df[p]!;
      for (let i = 0; i < n; i++) out[i] = out[i]! - g * (u[i]! + v[i]!);
    }
    return out;
  }
}

function choleskySmall(a: Float64Array, b: Float64Array, m: number): Float64Array | undefined {
  const l = new Float64Array(m * m);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j <= i; j++) {
      let s = a[i * m + j]!;
      for (let k = 0; k < j; k++) s -= l[i * m + k]! * l[j * m + k]!;
      if (i === j) {
        if (!(s > 0)) return undefined;
        l[i * m + i] = Math.sqrt(s);
      } else l[i * m + j] = s / l[j * m + j]!;
    }
  }
  const y = new Float64Array(m);
  for (let i = 0; i < m; i++) {
    let s = b[i]!;
    for (let k = 0; k < i; k++) s -= l[i * m + k]! * y[k]!;
    y[i] = s / l[i * m + i]!;
  }
  for (let i = m - 1; i >= 0; i--) {
    let s = y[i]!;
    for (let k = i + 1; k < m; k++) s -= l[k * m + i]! * y[k]!;
    y[i] = s / l[i * m + i]!;
  }
  return y;
}
