/**
 * Equivalence checks for optimized circuits, chosen by size: the dense unitary (≤ 8 qubits),
 * several Haar-random states through both circuits with one common phase (≤ 20 qubits), or a
 * sparse superposition of random basis states with random phases (any size, fine for the
 * reversible/Clifford+T circuits whose superpositions stay narrow). Relative-phase errors change
 * the result in every mode, because the phase must agree across all columns at once.
 */
import { applyMatrixToColumns, circuitUnitary, instructionMatrix, isUnconditionalGate, type Circuit, type Instruction } from '../../compiler/circuit/index.js';
import { CMatrix, globalPhaseDistance } from '../../compiler/linalg/complex.js';
import { createRandom } from '../../compiler/linalg/random.js';
import { ResourceError } from '../../compiler/errors.js';

export type EquivalenceMethod = 'unitary' | 'random-states' | 'sparse-states';

export interface EquivalenceResult {
  readonly method: EquivalenceMethod;
  /** Largest entry difference after aligning one global phase. */
  readonly distance: number;
  readonly equivalent: boolean;
}

export interface EquivalenceOptions {
  readonly seed?: number;
  readonly tol?: number;
  /** b = P·a where P moves the value of a's qubit q to qubit outputPermutation[q]. */
  readonly outputPermutation?: readonly number[];
  /** Force a method (default: by size). */
  readonly method?: EquivalenceMethod;
  /** Basis states in the sparse superposition (default 16). */
  readonly sparseTerms?: number;
}

/** Keep only unitary gates; throws on measure/reset/conditions (barriers dropped). */
function unitaryPart(c: Circuit): Instruction[] {
  return c.instructions.filter((i) => {
    if (i.gate === 'barrier') return false;
    if (!isUnconditionalGate(i)) throw new ResourceError(`equivalence check: '${i.gate}' is not unitary`);
    return true;
  });
}

/**
 * Are `a` and `b` the same unitary up to global phase (and up to the output permutation, when
 * given: b = P·a with P sending a's qubit q to qubit outputPermutation[q])?
 */
export function checkEquivalence(a: Circuit, b: Circuit, options: EquivalenceOptions = {}): EquivalenceResult {
  const n = Math.max(a.numQubits, b.numQubits);
  const tol = options.tol ?? 1e-7;
  const method = options.method ?? (n <= 8 ? 'unitary' : n <= 20 ? 'random-states' : 'sparse-states');
  const ia = unitaryPart(a), ib = unitaryPart(b);
  const perm = options.outputPermutation;
  let distance: number;
  if (method === 'unitary') {
    const ua = circuitUnitary({ ...a, numQubits: n, instructions: ia });
    const ub = circuitUnitary({ ...b, numQubits: n, instructions: ib });
    distance = globalPhaseDistance(perm ? permuteRows(ua, perm, n) : ua, ub);
  } else if (method === 'random-states') {
    const rnd = createRandom(options.seed ?? 7);
    const cols = 3, dim = 1 << n;
    const psi = new CMatrix(dim, cols);
    for (let k = 0; k < psi.re.length; k++) {
      psi.re[k] = rnd.normal();
      psi.im[k] = rnd.normal();
    }
    const sa = psi.clone(), sb = psi.clone();
    for (const i of ia) applyMatrixToColumns(sa, instructionMatrix(i), i.qubits);
    for (const i of ib) applyMatrixToColumns(sb, instructionMatrix(i), i.qubits);
    distance = globalPhaseDistance(perm ? permuteRows(sa, perm, n) : sa, sb) / Math.sqrt(2 * dim);
  } else {
    const rnd = createRandom(options.seed ?? 7);
    const start = new Map<number, [number, number]>();
    const terms = options.sparseTerms ?? 16;
    for (let k = 0; k < terms; k++) {
      let idx = 0;
      for (let q = 0; q < n; q++) if (rnd.next() < 0.5) idx += 2 ** q;
      const ph = 2 * Math.PI * rnd.next();
      start.set(idx, [Math.cos(ph) / Math.sqrt(terms), Math.sin(ph) / Math.sqrt(terms)]);
    }
    let sa = sparseRun(start, ia), sb = sparseRun(start, ib);
    if (perm) sa = permuteSparse(sa, perm);
    distance = sparsePhaseDistance(sa, sb);
  }
  return { method, distance, equivalent: distance <= tol };
}

const bit = (idx: number, q: number): number => (q < 31 ? (idx >>> q) & 1 : Math.floor(idx / 2 ** q) % 2);

function permuteIndex(idx: number, perm: readonly number[]): number {
  let out = 0;
  perm.forEach((to, from) => {
    if (bit(idx, from)) out += 2 ** to;
  });
  return out;
}

function permuteRows(m: CMatrix, perm: readonly number[], n: number): CMatrix {
  const out = new CMatrix(m.rows, m.cols);
  for (let r = 0; r < m.rows; r++) {
    const t = n > 0 ? permuteIndex(r, perm) : r;
    for (let c = 0; c < m.cols; c++) {
      out.re[t * m.cols + c] = m.re[r * m.cols + c]!;
      out.im[t * m.cols + c] = m.im[r * m.cols + c]!;
    }
  }
  return out;
}

function permuteSparse(s: Map<number, [number, number]>, perm: readonly number[]): Map<number, [number, number]> {
  const out = new Map<number, [number, number]>();
  for (const [k, v] of s) out.set(permuteIndex(k, perm), v);
  return out;
}

/** Sparse state-vector simulation (amplitudes below 1e-14 dropped). */
export function sparseRun(state: ReadonlyMap<number, [number, number]>, instructions: readonly Instruction[]): Map<number, [number, number]> {
  let s = new Map(state);
  for (const inst of instructions) {
    const m = instructionMatrix(inst);
    const qs = inst.qubits, k = qs.length, dimK = 1 << k;
    const weights = qs.map((q) => 2 ** q);
    const local = (idx: number): number => {
      let t = 0;
      for (let j = 0; j < k; j++) if (bit(idx, qs[j]!)) t |= 1 << j;
      return t;
    };
    // Fast path: a monomial matrix (one non-zero per column: diagonal and permutation gates).
    const target = new Int32Array(dimK).fill(-1);
    let monomial = true;
    for (let c = 0; c < dimK && monomial; c++) {
      for (let r = 0; r < dimK; r++) {
        if (Math.hypot(m.re[r * dimK + c]!, m.im[r * dimK + c]!) > 1e-15) {
          if (target[c]! >= 0) {
            monomial = false;
            break;
          }
          target[c] = r;
        }
      }
    }
    if (monomial) {
      const next = new Map<number, [number, number]>();
      for (const [idx, [xr, xi]] of s) {
        const c = local(idx), r = target[c]!;
        const mr = m.re[r * dimK + c]!, mi = m.im[r * dimK + c]!;
        let id = idx;
        for (let j = 0; j < k; j++) id += (((r >> j) & 1) - ((c >> j) & 1)) * weights[j]!;
        next.set(id, [mr * xr - mi * xi, mr * xi + mi * xr]);
      }
      s = next;
      continue;
    }
    const next = new Map<number, [number, number]>();
    const seen = new Set<number>();
    const ar = new Float64Array(dimK), ai = new Float64Array(dimK);
    for (const idx of s.keys()) {
      let base = idx;
      for (let j = 0; j < k; j++) if (bit(idx, qs[j]!)) base -= weights[j]!;
      if (seen.has(base)) continue;
      seen.add(base);
      for (let t = 0; t < dimK; t++) {
        let id = base;
        for (let j = 0; j < k; j++) if ((t >> j) & 1) id += weights[j]!;
        const v = s.get(id);
        ar[t] = v ? v[0] : 0;
        ai[t] = v ? v[1] : 0;
      }
      for (let r = 0; r < dimK; r++) {
        let re = 0, im = 0;
        for (let t = 0; t < dimK; t++) {
          const mr = m.re[r * dimK + t]!, mi = m.im[r * dimK + t]!;
          re += mr * ar[t]! - mi * ai[t]!;
          im += mr * ai[t]! + mi * ar[t]!;
        }
        if (re * re + im * im < 1e-28) continue;
        let id = base;
        for (let j = 0; j < k; j++) if ((r >> j) & 1) id += weights[j]!;
        next.set(id, [re, im]);
      }
    }
    s = next;
    if (s.size > 1 << 22) throw new ResourceError('equivalence check: the sparse state grew beyond 4M amplitudes; use a smaller circuit');
  }
  return s;
}

function sparsePhaseDistance(a: Map<number, [number, number]>, b: Map<number, [number, number]>): number {
  let pr = 0, pi = 0;
  for (const [k, [xr, xi]] of a) {
    const y = b.get(k);
    if (y) {
      pr += y[0] * xr + y[1] * xi;
      pi += y[1] * xr - y[0] * xi;
    }
  }
  const norm = Math.hypot(pr, pi) || 1;
  const cr = pr / norm, ci = pi / norm;
  let d = 0;
  const keys = new Set([...a.keys(), ...b.keys()]);
  for (const k of keys) {
    const [xr, xi] = a.get(k) ?? [0, 0];
    const [yr, yi] = b.get(k) ?? [0, 0];
    d = Math.max(d, Math.hypot(xr * cr - xi * ci - yr, xr * ci + xi * cr - yi));
  }
  return d;
}
