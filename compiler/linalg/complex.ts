/**
 * Small dense complex matrices stored as split real/imaginary Float64Arrays (row-major).
 * Used for gate matrices, small-circuit unitaries and block-encoding checks; not for large data.
 */

export interface Complex {
  readonly re: number;
  readonly im: number;
}

export const c = (re: number, im = 0): Complex => ({ re, im });
export const cexp = (theta: number): Complex => ({ re: Math.cos(theta), im: Math.sin(theta) });
export const cmul = (a: Complex, b: Complex): Complex => ({ re: a.re * b.re - a.im * b.im, im: a.re * b.im + a.im * b.re });
export const cadd = (a: Complex, b: Complex): Complex => ({ re: a.re + b.re, im: a.im + b.im });
export const cabs = (a: Complex): number => Math.hypot(a.re, a.im);
export const cconj = (a: Complex): Complex => ({ re: a.re, im: -a.im });

/**
 * Storage for small matrices, carved from shared 32 KiB buffers. A Float64Array of more than 8
 * entries gets a buffer of its own outside the JavaScript heap, which costs about 2 µs to
 * allocate against 50 ns for a view into a shared one, and the gate, block and synthesis code
 * allocates millions of 2×2 and 4×4 matrices on a large circuit. A buffer is freed when the last
 * matrix in it is; views are never reused, so a fresh one reads as zeros.
 */
const SLAB_DOUBLES = 4096;
let slab = new ArrayBuffer(SLAB_DOUBLES * 8);
let slabUsed = 0;

function zeros(n: number): Float64Array {
  if (n > 256) return new Float64Array(n);
  if (slabUsed + n > SLAB_DOUBLES) {
    slab = new ArrayBuffer(SLAB_DOUBLES * 8);
    slabUsed = 0;
  }
  const out = new Float64Array(slab, slabUsed * 8, n);
  slabUsed += n;
  return out;
}

/** A dense complex matrix, row-major. */
export class CMatrix {
  readonly rows: number;
  readonly cols: number;
  readonly re: Float64Array;
  readonly im: Float64Array;

  constructor(rows: number, cols: number, re?: Float64Array, im?: Float64Array) {
    this.rows = rows;
    this.cols = cols;
    this.re = re ?? zeros(rows * cols);
    this.im = im ?? zeros(rows * cols);
    if (this.re.length !== rows * cols || this.im.length !== rows * cols) {
      throw new RangeError(`CMatrix: storage of length ${this.re.length} does not fit ${rows}x${cols}`);
    }
  }

  static zeros(rows: number, cols = rows): CMatrix {
    return new CMatrix(rows, cols);
  }

  static identity(n: number): CMatrix {
    const m = new CMatrix(n, n);
    for (let i = 0; i < n; i++) m.re[i * n + i] = 1;
    return m;
  }

  /** From nested arrays of numbers or [re, im] pairs or Complex values. */
  static from(rows: ReadonlyArray<ReadonlyArray<number | Complex | readonly [number, number]>>): CMatrix {
    const r = rows.length;
    const cl = rows[0]?.length ?? 0;
    const m = new CMatrix(r, cl);
    rows.forEach((row, i) => {
      if (row.length !== cl) throw new RangeError('CMatrix.from: ragged rows');
      row.forEach((v, j) => {
        const z = toComplex(v);
        m.re[i * cl + j] = z.re;
        m.im[i * cl + j] = z.im;
      });
    });
    return m;
  }

  /** Real matrix from a row-major array or nested arrays. */
  static real(rows: ReadonlyArray<ReadonlyArray<number>>): CMatrix {
    return CMatrix.from(rows);
  }

  static diagonal(entries: ReadonlyArray<Complex>): CMatrix {
    const n = entries.length;
    const m = new CMatrix(n, n);
    entries.forEach((z, i) => {
      m.re[i * n + i] = z.re;
      m.im[i * n + i] = z.im;
    });
    return m;
  }

  get(i: number, j: number): Complex {
    const k = i * this.cols + j;
    return { re: this.re[k]!, im: this.im[k]! };
  }

  set(i: number, j: number, z: Complex): void {
    const k = i * this.cols + j;
    this.re[k] = z.re;
    this.im[k] = z.im;
  }

  clone(): CMatrix {
    return new CMatrix(this.rows, this.cols, this.re.slice(), this.im.slice());
  }

  mul(b: CMatrix): CMatrix {
    if (this.cols !== b.rows) throw new RangeError(`CMatrix.mul: ${this.rows}x${this.cols} times ${b.rows}x${b.cols}`);
    const n = this.rows, k = this.cols, m = b.cols;
    const out = new CMatrix(n, m);
    const ar = this.re, ai = this.im, br = b.re, bi = b.im, or = out.re, oi = out.im;
    for (let i = 0; i < n; i++) {
      for (let p = 0; p < k; p++) {
        const xr = ar[i * k + p]!, xi = ai[i * k + p]!;
        if (xr === 0 && xi === 0) continue;
        for (let j = 0; j < m; j++) {
          const yr = br[p * m + j]!, yi = bi[p * m + j]!;
          or[i * m + j]! += xr * yr - xi * yi;
          oi[i * m + j]! += xr * yi + xi * yr;
        }
      }
    }
    return out;
  }

  /** Conjugate transpose. */
  adjoint(): CMatrix {
    const out = new CMatrix(this.cols, this.rows);
    for (let i = 0; i < this.rows; i++) {
      for (let j = 0; j < this.cols; j++) {
        out.re[j * this.rows + i] = this.re[i * this.cols + j]!;
        out.im[j * this.rows + i] = -this.im[i * this.cols + j]!;
      }
    }
    return out;
  }

  scale(z: Complex | number): CMatrix {
    const s = typeof z === 'number' ? { re: z, im: 0 } : z;
    const out = new CMatrix(this.rows, this.cols);
    for (let k = 0; k < this.re.length; k++) {
      const xr = this.re[k]!, xi = this.im[k]!;
      out.re[k] = xr * s.re - xi * s.im;
      out.im[k] = xr * s.im + xi * s.re;
    }
    return out;
  }

  add(b: CMatrix): CMatrix {
    const out = this.clone();
    for (let k = 0; k < out.re.length; k++) {
      out.re[k]! += b.re[k]!;
      out.im[k]! += b.im[k]!;
    }
    return out;
  }

  /** Kronecker product this ⊗ b (this acts on the more significant index bits). */
  kron(b: CMatrix): CMatrix {
    const out = new CMatrix(this.rows * b.rows, this.cols * b.cols);
    for (let i = 0; i < this.rows; i++) {
      for (let j = 0; j < this.cols; j++) {
        const xr = this.re[i * this.cols + j]!, xi = this.im[i * this.cols + j]!;
        if (xr === 0 && xi === 0) continue;
        for (let p = 0; p < b.rows; p++) {
          for (let q = 0; q < b.cols; q++) {
            const yr = b.re[p * b.cols + q]!, yi = b.im[p * b.cols + q]!;
            const k = (i * b.rows + p) * out.cols + (j * b.cols + q);
            out.re[k] = xr * yr - xi * yi;
            out.im[k] = xr * yi + xi * yr;
          }
        }
      }
    }
    return out;
  }

  /** The sub-block rows [r0, r0+nr) × cols [c0, c0+nc). */
  block(r0: number, c0: number, nr: number, nc: number): CMatrix {
    const out = new CMatrix(nr, nc);
    for (let i = 0; i < nr; i++) {
      for (let j = 0; j < nc; j++) {
        out.re[i * nc + j] = this.re[(r0 + i) * this.cols + c0 + j]!;
        out.im[i * nc + j] = this.im[(r0 + i) * this.cols + c0 + j]!;
      }
    }
    return out;
  }

  /** Largest entrywise modulus of this − b. */
  maxAbsDiff(b: CMatrix): number {
    let m = 0;
    for (let k = 0; k < this.re.length; k++) {
      m = Math.max(m, Math.hypot(this.re[k]! - b.re[k]!, this.im[k]! - b.im[k]!));
    }
    return m;
  }

  /** Nested arrays of [re, im] for debugging and JSON. */
  toArray(): Complex[][] {
    const out: Complex[][] = [];
    for (let i = 0; i < this.rows; i++) {
      const row: Complex[] = [];
      for (let j = 0; j < this.cols; j++) row.push(this.get(i, j));
      out.push(row);
    }
    return out;
  }
}

function toComplex(v: number | Complex | readonly [number, number]): Complex {
  if (typeof v === 'number') return { re: v, im: 0 };
  if (Array.isArray(v)) return { re: v[0] as number, im: v[1] as number };
  return v as Complex;
}

/** True when a ≈ e^{iφ} b for some φ (entrywise within tol after aligning the phase). */
export function equalUpToGlobalPhase(a: CMatrix, b: CMatrix, tol = 1e-9): boolean {
  return globalPhaseDistance(a, b) <= tol;
}

/** max |a − e^{iφ} b| with φ chosen from the largest entry of b; Infinity if shapes differ. */
export function globalPhaseDistance(a: CMatrix, b: CMatrix): number {
  if (a.rows !== b.rows || a.cols !== b.cols) return Infinity;
  let k0 = 0;
  let best = -1;
  for (let k = 0; k < b.re.length; k++) {
    const m = b.re[k]! * b.re[k]! + b.im[k]! * b.im[k]!;
    if (m > best) {
      best = m;
      k0 = k;
    }
  }
  if (best <= 0) return a.maxAbsDiff(b);
  // phase = a[k0] / b[k0], normalised
  const ar = a.re[k0]!, ai = a.im[k0]!, br = b.re[k0]!, bi = b.im[k0]!;
  let pr = ar * br + ai * bi;
  let pi = ai * br - ar * bi;
  const norm = Math.hypot(pr, pi);
  if (norm === 0) return a.maxAbsDiff(b);
  pr /= norm;
  pi /= norm;
  let m = 0;
  for (let k = 0; k < a.re.length; k++) {
    const xr = b.re[k]! * pr - b.im[k]! * pi;
    const xi = b.re[k]! * pi + b.im[k]! * pr;
    m = Math.max(m, Math.hypot(a.re[k]! - xr, a.im[k]! - xi));
  }
  return m;
}
