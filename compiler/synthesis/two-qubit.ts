/**
 * Two-qubit unitary synthesis with at most three CNOTs (KAK / Weyl decomposition). In the magic
 * basis local gates are real orthogonal, so U = K1·D·K2 with K1, K2 ∈ SO(4) and D diagonal: D is
 * found by simultaneously diagonalising the commuting real and imaginary parts of UᵀU (magic
 * basis). The non-local part exp(i(a·XX + b·YY + c·ZZ)) is then matched against the smallest CNOT
 * template that reaches it (0, 1, 2 or 3 CNOTs; the 3-CNOT one is Vatan–Williams'), whose own KAK
 * gives the local corrections. Every result is checked against the input; `undefined` means the
 * synthesis could not certify an answer (callers then keep what they had).
 * @see arXiv:quant-ph/0308006 (Vatan, Williams, optimal circuits for general two-qubit gates)
 * @see arXiv:quant-ph/0209120 (Kraus, Cirac; magic basis and the KAK decomposition)
 */
import { CMatrix, globalPhaseDistance, type Complex } from '../linalg/complex.js';
import { applyMatrixToColumns, gateMatrix, instruction, type Instruction } from '../circuit/index.js';
import { oneQubitToInstructions, type OneQubitBasis } from './one-qubit.js';

const S = Math.SQRT1_2;
/** Magic basis (columns), in the IR's order (index bit 0 = qubits[0]). */
const MAGIC = CMatrix.from([[[S, 0], [0, 0], [0, 0], [0, S]], [[0, 0], [0, S], [S, 0], [0, 0]], [[0, 0], [0, S], [-S, 0], [0, 0]], [[S, 0], [0, 0], [0, 0], [0, -S]]]);
const MAGIC_DG = MAGIC.adjoint();

/** KAK factors in the magic basis: Up = K1 · diag(d) · K2, K1, K2 real with det +1. */
interface Kak {
  readonly k1: Float64Array;
  readonly k2: Float64Array;
  readonly d: Complex[];
}

function det4(m: CMatrix): Complex {
  // LU without pivoting is unsafe; expand via cofactors on a 4×4 complex matrix.
  const a = m.toArray();
  const mul = (x: Complex, y: Complex): Complex => ({ re: x.re * y.re - x.im * y.im, im: x.re * y.im + x.im * y.re });
  const det = (rows: number[], cols: number[]): Complex => {
    if (rows.length === 1) return a[rows[0]!]![cols[0]!]!;
    let acc: Complex = { re: 0, im: 0 };
    cols.forEach((c, k) => {
      const sub = det(rows.slice(1), cols.filter((_, j) => j !== k));
      const t = mul(a[rows[0]!]![c]!, sub);
      const sgn = k % 2 === 0 ? 1 : -1;
      acc = { re: acc.re + sgn * t.re, im: acc.im + sgn * t.im };
    });
    return acc;
  };
  return det([0, 1, 2, 3], [0, 1, 2, 3]);
}

/** Eigenvectors of a real symmetric 4×4 matrix (cyclic Jacobi); returns V with A = V·diag·Vᵀ. */
function jacobiEigenvectors(a0: Float64Array): Float64Array {
  const a = Float64Array.from(a0), v = new Float64Array(16);
  for (let i = 0; i < 4; i++) v[i * 4 + i] = 1;
  for (let sweep = 0; sweep < 60; sweep++) {
    let off = 0;
    for (let p = 0; p < 4; p++) for (let q = p + 1; q < 4; q++) off += a[p * 4 + q]! ** 2;
    if (off < 1e-30) break;
    for (let p = 0; p < 4; p++) {
      for (let q = p + 1; q < 4; q++) {
        const apq = a[p * 4 + q]!;
        if (Math.abs(apq) < 1e-300) continue;
        const theta = (a[q * 4 + q]! - a[p * 4 + p]!) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1), s = t * c;
        for (let k = 0; k < 4; k++) {
          const akp = a[k * 4 + p]!, akq = a[k * 4 + q]!;
          a[k * 4 + p] = c * akp - s * akq;
          a[k * 4 + q] = s * akp + c * akq;
        }
        for (let k = 0; k < 4; k++) {
          const apk = a[p * 4 + k]!, aqk = a[q * 4 + k]!;
          a[p * 4 + k] = c * apk - s * aqk;
          a[q * 4 + k] = s * apk + c * aqk;
        }
        for (let k = 0; k < 4; k++) {
          const vkp = v[k * 4 + p]!, vkq = v[k * 4 + q]!;
          v[k * 4 + p] = c * vkp - s * vkq;
          v[k * 4 + q] = s * vkp + c * vkq;
        }
      }
    }
  }
  return v;
}

const realDet4 = (m: Float64Array): number => {
  const c = new CMatrix(4, 4, Float64Array.from(m), new Float64Array(16));
  return det4(c).re;
};

/** KAK of a 4×4 unitary in the magic basis, or undefined if the diagonalisation fails. */
function kak(u: CMatrix): Kak | undefined {
  const dt = det4(u);
  const ph = Math.atan2(dt.im, dt.re) / 4;
  const su = u.scale({ re: Math.cos(-ph), im: Math.sin(-ph) });
  const up = MAGIC_DG.mul(su).mul(MAGIC);
  const upT = new CMatrix(4, 4);
  for (let i = 0; i < 4; i++) for (let j = 0; j < 4; j++) {
    upT.re[i * 4 + j] = up.re[j * 4 + i]!;
    upT.im[i * 4 + j] = up.im[j * 4 + i]!;
  }
  const m2 = upT.mul(up);
  for (const r of [0.6180339887, 1.4142135, 0.3183098861, 2.7182818]) {
    const x = new Float64Array(16);
    for (let k = 0; k < 16; k++) x[k] = m2.re[k]! + r * m2.im[k]!;
    const p = jacobiEigenvectors(x);
    if (realDet4(p) < 0) for (let k = 0; k < 4; k++) p[k * 4] = -p[k * 4]!;
    // D² = Pᵀ M2 P must be diagonal.
    const P = new CMatrix(4, 4, Float64Array.from(p), new Float64Array(16));
    const d2 = P.adjoint().mul(m2).mul(P);
    let off = 0;
    for (let i = 0; i < 4; i++) for (let j = 0; j < 4; j++) if (i !== j) off = Math.max(off, Math.hypot(d2.re[i * 4 + j]!, d2.im[i * 4 + j]!));
    if (off > 1e-9) continue;
    const d: Complex[] = [];
    for (let k = 0; k < 4; k++) {
      const t = Math.atan2(d2.im[k * 5]!, d2.re[k * 5]!) / 2;
      d.push({ re: Math.cos(t), im: Math.sin(t) });
    }
    // K1 = Up·P·D⁻¹ is real orthogonal; fix det(K1) = +1 by flipping one eigenphase by π.
    const k1c = up.mul(P).mul(CMatrix.diagonal(d.map((z) => ({ re: z.re, im: -z.im }))));
    const k1 = Float64Array.from(k1c.re);
    if (realDet4(k1) < 0) {
      d[0] = { re: -d[0]!.re, im: -d[0]!.im };
      for (let i = 0; i < 4; i++) k1[i * 4] = -k1[i * 4]!;
    }
    const k2 = new Float64Array(16);
    for (let i = 0; i < 4; i++) for (let j = 0; j < 4; j++) k2[i * 4 + j] = p[j * 4 + i]!;
    return { k1, k2, d };
  }
  return undefined;
}

const PERMS: number[][] = [];
(function perms(prefix: number[], rest: number[]): void {
  if (rest.length === 0) PERMS.push(prefix);
  rest.forEach((x, i) => perms([...prefix, x], rest.filter((_, j) => j !== i)));
})([], [0, 1, 2, 3]);

const realMat = (m: Float64Array): CMatrix => new CMatrix(4, 4, Float64Array.from(m), new Float64Array(16));

/**
 * Orthogonal L1, L2 (magic basis, det +1) with Up(u) ≅ L1 · Up(c) · L2 when u and c are locally
 * equivalent; undefined otherwise.
 */
function localBridge(ku: Kak, kc: Kak): [Float64Array, Float64Array] | undefined {
  for (const omega of [{ re: 1, im: 0 }, { re: 0, im: 1 }]) {
    for (const perm of PERMS) {
      const signs: number[] = [];
      let ok = true;
      for (let k = 0; k < 4 && ok; k++) {
        const c = kc.d[perm[k]!]!;
        const wc = { re: omega.re * c.re - omega.im * c.im, im: omega.re * c.im + omega.im * c.re };
        const u = ku.d[k]!;
        if (Math.hypot(u.re - wc.re, u.im - wc.im) < 1e-7) signs.push(1);
        else if (Math.hypot(u.re + wc.re, u.im + wc.im) < 1e-7) signs.push(-1);
        else ok = false;
      }
      if (!ok || signs.reduce((a, b) => a * b, 1) !== 1) continue;
      // P with (P D_c Pᵀ)_kk = c_perm[k]; make det P = +1 with F = diag(−1, 1, 1, 1) (commutes with D).
      const P = new Float64Array(16);
      for (let k = 0; k < 4; k++) P[k * 4 + perm[k]!] = 1;
      if (realDet4(P) < 0) for (let k = 0; k < 4; k++) P[k * 4] = -P[k * 4]!;
      const Sd = new Float64Array(16);
      for (let k = 0; k < 4; k++) Sd[k * 5] = signs[k]!;
      // Up_u = ω K1u S P D_c Pᵀ K2u and D_c = K1cᵀ Up_c K2cᵀ.
      const L1 = realMat(ku.k1).mul(realMat(Sd)).mul(realMat(P)).mul(realMat(kc.k1).adjoint());
      const L2 = realMat(kc.k2).adjoint().mul(realMat(P).adjoint()).mul(realMat(ku.k2));
      return [Float64Array.from(L1.re), Float64Array.from(L2.re)];
    }
  }
  return undefined;
}

/** Factor a 4×4 tensor product M = X ⊗ Y (X on qubits[1], Y on qubits[0]) into its 2×2 parts. */
function splitLocal(m: CMatrix): [CMatrix, CMatrix] {
  // M[(i1,i0),(j1,j0)] = X[i1][j1]·Y[i0][j0], with index = 2·i1 + i0.
  let best = 0, bi = 0, bj = 0;
  for (let i = 0; i < 4; i++) for (let j = 0; j < 4; j++) {
    const v = Math.hypot(m.re[i * 4 + j]!, m.im[i * 4 + j]!);
    if (v > best) [best, bi, bj] = [v, i, j];
  }
  const i1 = bi >> 1, j1 = bj >> 1, i0 = bi & 1, j0 = bj & 1;
  const Y = new CMatrix(2, 2), X = new CMatrix(2, 2);
  for (let a = 0; a < 2; a++) for (let b = 0; b < 2; b++) {
    Y.re[a * 2 + b] = m.re[(2 * i1 + a) * 4 + (2 * j1 + b)]!;
    Y.im[a * 2 + b] = m.im[(2 * i1 + a) * 4 + (2 * j1 + b)]!;
  }
  const y = Y.get(i0, j0);
  const yn = y.re * y.re + y.im * y.im;
  for (let a = 0; a < 2; a++) for (let b = 0; b < 2; b++) {
    const v = m.get(2 * a + i0, 2 * b + j0);
    X.re[a * 2 + b] = (v.re * y.re + v.im * y.im) / yn;
    X.im[a * 2 + b] = (v.im * y.re - v.re * y.im) / yn;
  }
  return [X, Y];
}

function circuitMatrix(insts: readonly Instruction[]): CMatrix {
  const u = CMatrix.identity(4);
  for (const i of insts) applyMatrixToColumns(u, gateMatrix(i.gate, i.params, i.qubits.length), i.qubits);
  return u;
}

/**
 * exp(i(a·XX + b·YY + c·ZZ)) is diag(e^{i(a−b+c)}, e^{i(a+b−c)}, e^{−i(a+b+c)}, e^{i(−a+b+c)}) in
 * the magic basis above, so the eigenphases θ_k of D give (a, b, c) linearly.
 */
export function weylCoordinates(d: readonly Complex[]): [number, number, number] {
  const t = d.map((z) => Math.atan2(z.im, z.re));
  const [t0, t1, t2, t3] = t as [number, number, number, number];
  return [(t0 + t1 - t2 - t3) / 4, (t1 + t3 - t0 - t2) / 4, (t0 + t3 - t1 - t2) / 4];
}

const g = instruction;
const HALF_PI = Math.PI / 2;

/**
 * Candidate CNOT cores on local qubits 0, 1, fewest CNOTs first: none, one CNOT, the two-CNOT
 * family CX·(Rx ⊗ Rz)·CX = exp(−i(t₁XX + t₂ZZ)/2) for the coordinate pairs, and the
 * Vatan–Williams three-CNOT family for every assignment and sign of (a, b, c); `localBridge`
 * decides which one is locally equivalent to the input.
 */
function* templates(ku: Kak, minCnots: number): Generator<Instruction[]> {
  // Generated lazily, from the fewest CNOTs the caller allows: a search that stops at the first
  // match (usually among the first few) then builds no more than it tries.
  if (minCnots <= 0) yield [];
  if (minCnots <= 1) yield [g('cx', [0, 1])];
  const [a, b, c] = weylCoordinates(ku.d);
  const coords = [a, b, c];
  if (minCnots <= 2) {
    for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) {
      if (i === j) continue;
      for (const si of [1, -1]) for (const sj of [1, -1]) {
        yield [g('cx', [0, 1]), g('rx', [0], [-2 * si * coords[i]!]), g('rz', [1], [-2 * sj * coords[j]!]), g('cx', [0, 1])];
      }
    }
  }
  const perms = [[0, 1, 2], [0, 2, 1], [1, 0, 2], [1, 2, 0], [2, 0, 1], [2, 1, 0]];
  for (const [i, j, k] of perms as Array<[number, number, number]>) {
    for (let signs = 0; signs < 8; signs++) {
      const x = (signs & 1 ? -1 : 1) * coords[i]!, y = (signs & 2 ? -1 : 1) * coords[j]!, z = (signs & 4 ? -1 : 1) * coords[k]!;
      yield [g('cx', [1, 0]), g('rz', [0], [2 * z - HALF_PI]), g('ry', [1], [HALF_PI - 2 * x]), g('cx', [0, 1]), g('ry', [1], [2 * y - HALF_PI]), g('cx', [1, 0])];
    }
  }
}

/** The KAK forms of the fixed cores (none, one CNOT), computed once: most blocks need one of them. */
const fixedCores: Array<Kak | undefined> = [];
function fixedCoreKak(core: readonly Instruction[]): Kak | undefined {
  if (!(core.length in fixedCores)) fixedCores[core.length] = kak(circuitMatrix(core));
  return fixedCores[core.length];
}

export interface TwoQubitOptions {
  readonly oneQubitBasis?: OneQubitBasis;
  /** Skip CNOT cores with fewer CNOTs (when a lower bound is known, e.g. from a local invariant). */
  readonly minCnots?: number;
}

/**
 * A circuit on local qubits [0, 1] with at most three CNOTs equal to u (4×4, index bit 0 =
 * qubit 0) up to global phase; undefined if it cannot be certified.
 */
export function twoQubitToInstructions(u: CMatrix, options: TwoQubitOptions = {}): Instruction[] | undefined {
  const ku = kak(u);
  if (!ku) return undefined;
  const basis = options.oneQubitBasis ?? 'u3';
  const min = options.minCnots ?? 0;
  for (const core of templates(ku, min)) {
    const kc = core.length <= 1 ? fixedCoreKak(core) : kak(circuitMatrix(core));
    if (!kc) continue;
    const bridge = localBridge(ku, kc);
    if (!bridge) continue;
    const l1 = MAGIC.mul(realMat(bridge[0])).mul(MAGIC_DG);
    const l2 = MAGIC.mul(realMat(bridge[1])).mul(MAGIC_DG);
    const [x1, y1] = splitLocal(l1), [x2, y2] = splitLocal(l2);
    const out = [
      ...oneQubitToInstructions(y2, 0, { basis }), ...oneQubitToInstructions(x2, 1, { basis }),
      ...core,
      ...oneQubitToInstructions(y1, 0, { basis }), ...oneQubitToInstructions(x1, 1, { basis }),
    ];
    if (globalPhaseDistance(circuitMatrix(out), u) < 1e-8) return out;
  }
  return undefined;
}

/** Number of CNOTs the synthesis needs for u (0–3), or undefined if it fails. */
export function twoQubitCnotCount(u: CMatrix): number | undefined {
  const r = twoQubitToInstructions(u);
  return r?.filter((i) => i.gate === 'cx').length;
}
