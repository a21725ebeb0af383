/** Reference linear algebra for the component claims, computed from matrices (never from the circuits checked). */
import { gateMatrix } from '../../../compiler/circuit/index.js';
import { CMatrix } from '../../../compiler/linalg/complex.js';

/** `op` (on `qubits`, qubits[0] its least significant bit) inside an n-qubit identity. */
export function embed(op: CMatrix, qubits: readonly number[], n: number): CMatrix {
  const dim = 2 ** n;
  const out = new CMatrix(dim, dim);
  let mask = 0;
  for (const q of qubits) mask |= 1 << q;
  const sub = (x: number): number => qubits.reduce((s, q, k) => s | (((x >> q) & 1) << k), 0);
  for (let x = 0; x < dim; x++) for (let y = 0; y < dim; y++) {
    if ((x & ~mask) !== (y & ~mask)) continue;
    out.set(x, y, op.get(sub(x), sub(y)));
  }
  return out;
}

/** |0⟩⟨0| ⊗ I + |1⟩⟨1| ⊗ U with the control as qubit 0 (the least significant bit). */
export function controlled(u: CMatrix): CMatrix {
  const dim = 2 * u.rows;
  const out = new CMatrix(dim, dim);
  for (let i = 0; i < dim; i++) for (let j = 0; j < dim; j++) {
    if ((i & 1) !== (j & 1)) continue;
    out.set(i, j, i & 1 ? u.get(i >> 1, j >> 1) : { re: i === j ? 1 : 0, im: 0 });
  }
  return out;
}

/** Block-diagonal reference: R(α_j) on the target (qubit k) when qubits 0..k−1 hold j. */
export function multiplexorMatrix(axis: 'y' | 'z', angles: ArrayLike<number>): CMatrix {
  const dimC = angles.length;
  const u = new CMatrix(2 * dimC, 2 * dimC);
  for (let j = 0; j < dimC; j++) {
    const r = gateMatrix(axis === 'y' ? 'ry' : 'rz', [angles[j]!]);
    for (let a = 0; a < 2; a++) for (let b = 0; b < 2; b++) u.set(j + dimC * a, j + dimC * b, r.get(a, b));
  }
  return u;
}

export function diagonalMatrix(phases: ArrayLike<number>): CMatrix {
  return CMatrix.diagonal(Array.from(phases, (p) => ({ re: Math.cos(p), im: Math.sin(p) })));
}

/** The DFT on n qubits (qubit 0 = least significant bit of x and y). */
export function dft(n: number, inverse: boolean): CMatrix {
  const dim = 1 << n;
  const m = new CMatrix(dim, dim);
  const s = 1 / Math.sqrt(dim);
  for (let y = 0; y < dim; y++) for (let x = 0; x < dim; x++) {
    const a = ((inverse ? -2 : 2) * Math.PI * x * y) / dim;
    m.set(y, x, { re: s * Math.cos(a), im: s * Math.sin(a) });
  }
  return m;
}

export function bitReverse(n: number): CMatrix {
  const dim = 1 << n;
  const m = new CMatrix(dim, dim);
  for (let x = 0; x < dim; x++) {
    let r = 0;
    for (let b = 0; b < n; b++) if ((x >> b) & 1) r |= 1 << (n - 1 - b);
    m.re[r * dim + x] = 1;
  }
  return m;
}

/** The QFT as built: with swaps the DFT, without them the DFT followed by a bit reversal; inverted when asked. */
export function qftMatrix(n: number, o: { inverse: boolean; swaps: boolean }): CMatrix {
  const forward = o.swaps ? dft(n, false) : bitReverse(n).mul(dft(n, false));
  return o.inverse ? forward.adjoint() : forward;
}

export function power(u: CMatrix, k: number): CMatrix {
  let out = CMatrix.identity(u.rows);
  for (let i = 0; i < k; i++) out = out.mul(u);
  return out;
}

/**
 * Phase estimation on m target qubits and t clock qubits (clock after the targets): H on the clock,
 * controlled-U^{2^k} from clock qubit k (t−1−k without swaps), then the inverse QFT on the clock.
 */
export function phaseEstimationMatrix(u: CMatrix, m: number, t: number, swaps: boolean): CMatrix {
  const n = m + t;
  const clock = Array.from({ length: t }, (_, i) => m + i);
  const targets = Array.from({ length: m }, (_, i) => i);
  let h = CMatrix.identity(1);
  for (let i = 0; i < t; i++) h = gateMatrix('h', []).kron(h);
  let out = embed(h, clock, n);
  for (let k = 0; k < t; k++) out = embed(controlled(power(u, 2 ** k)), [clock[swaps ? k : t - 1 - k]!, ...targets], n).mul(out);
  return embed(qftMatrix(t, { inverse: true, swaps }), clock, n).mul(out);
}

/** R = 2|0⟩⟨0| − I on the ancillas (qubits ≥ systemQubits) of an n-qubit encoding. */
export function ancillaReflection(systemQubits: number, n: number): CMatrix {
  const dim = 2 ** n;
  return CMatrix.diagonal(Array.from({ length: dim }, (_, x) => ({ re: x >> systemQubits === 0 ? 1 : -1, im: 0 })));
}

/** f(M) for a real symmetric 2×2 M, by its eigendecomposition in closed form. */
export function matrixFunction2(m: readonly [number, number, number, number], f: (x: number) => number): CMatrix {
  const [a, b, , d] = m;
  const mean = (a + d) / 2, rad = Math.hypot((a - d) / 2, b);
  const out = new CMatrix(2, 2);
  for (const l of [mean + rad, mean - rad]) {
    const v = Math.abs(b) < 1e-15 ? (Math.abs(l - a) < 1e-15 ? [1, 0] : [0, 1]) : [b, l - a];
    const nv = Math.hypot(v[0]!, v[1]!);
    const fl = f(l);
    for (let i = 0; i < 2; i++) for (let j = 0; j < 2; j++) out.re[i * 2 + j] = out.re[i * 2 + j]! + (fl * v[i]! * v[j]!) / (nv * nv);
  }
  return out;
}
