/**
 * Commutation analysis: cheap structural rules (a gate is Z-type on a qubit when it is block
 * diagonal in that qubit's Z basis, X-type when block diagonal in its X basis; two gates commute
 * when on every shared qubit they have the same type), with an exact numerical check on small
 * qubit unions as fallback (memoised).
 */
import { controlCount, gateSpec, instructionMatrix, isUnconditionalGate, type Instruction } from '../../compiler/circuit/index.js';
import { CMatrix } from '../../compiler/linalg/complex.js';

type Axis = 'Z' | 'X' | 'other';

const X_TYPE = new Set(['x', 'rx', 'sx', 'sxdg']);
const X_BOTH = new Set(['rxx']);

/** The basis in which `inst` is block diagonal on its k-th qubit. */
export function axisOn(inst: Instruction, k: number): Axis {
  return AXES[axisCodes(inst)[k]!]!;
}

const AXES: readonly Axis[] = ['Z', 'X', 'other'];
const Z = 0, X = 1, OTHER = 2;

function computeAxes(gate: string, n: number): Uint8Array {
  const out = new Uint8Array(n).fill(OTHER);
  const spec = gateSpec(gate);
  if (!spec) return out;
  if (spec.diagonal) return out.fill(Z);
  if (X_TYPE.has(gate) || X_BOTH.has(gate)) return out.fill(X);
  const nc = controlCount(spec, n);
  for (let k = 0; k < nc && k < n; k++) out[k] = Z;
  if (nc > 0 && nc < n && (spec.base === 'x' || spec.base === 'rx')) out[n - 1] = X;
  return out;
}

/**
 * Axis codes per qubit position, memoised per gate name and width: commutation runs for every
 * gate a cancellation walk passes (millions on a large circuit), so the spec is read once per kind.
 */
const axisCache = new Map<string, Uint8Array[]>();
function axisCodes(inst: Instruction): Uint8Array {
  let byWidth = axisCache.get(inst.gate);
  if (byWidth === undefined) axisCache.set(inst.gate, (byWidth = []));
  const n = inst.qubits.length;
  return (byWidth[n] ??= computeAxes(inst.gate, n));
}

const isOpaque = (i: Instruction): boolean => !isUnconditionalGate(i);

/** True when the two instructions provably commute. */
export function commutes(a: Instruction, b: Instruction): boolean {
  const qa = a.qubits, qb = b.qubits;
  let shared = 0, structural = true, clash = false;
  let axa: Uint8Array | undefined, axb: Uint8Array | undefined;
  for (let i = 0; i < qa.length; i++) {
    const j = qb.indexOf(qa[i]!);
    if (j < 0) continue;
    shared++;
    axa ??= axisCodes(a);
    axb ??= axisCodes(b);
    const ta = axa[i]!, tb = axb[j]!;
    if (ta === OTHER || ta !== tb) structural = false;
    if (ta !== OTHER && tb !== OTHER && ta !== tb) clash = true;
  }
  if (shared === 0) return true;
  if (isOpaque(a) || isOpaque(b)) return false;
  if (structural) return true;
  if (a.gate === b.gate && sameList(qa, qb) && sameList(a.params, b.params)) return true;
  // One shared qubit where one gate is Z-type and the other X-type: they commute only when one of
  // them acts trivially there (a degenerate angle). Unparametrised pairs are decided exactly (and
  // memoised) below; for parametrised ones "no" is the safe answer without building matrices.
  if (shared === 1 && clash && (a.params.length > 0 || b.params.length > 0)) return false;
  return numericCommutes(a, b);
}

function sameList(x: readonly number[], y: readonly number[]): boolean {
  if (x.length !== y.length) return false;
  for (let k = 0; k < x.length; k++) if (x[k] !== y[k]) return false;
  return true;
}

/** Small integer ids of gate names, for numeric memo keys. */
const gateIds = new Map<string, number>();
function gateId(name: string): number {
  let id = gateIds.get(name);
  if (id === undefined) gateIds.set(name, (id = gateIds.size));
  return id;
}

/**
 * Memo of exact answers for unparametrised pairs, by gate ids and qubit patterns (≤ 3 qubits,
 * 2 bits each: < 64). Pairs of the first 32 gate names index a flat table (0 unknown, 1 no,
 * 2 yes): the cancellation walks ask it once per gate they stop at, so a hashed lookup would
 * dominate them. Others go to a map, and gate ids beyond 255 are not memoised.
 */
let table: Uint8Array | undefined;
const cache = new Map<number, boolean>();

function memoSlot(ia: number, ib: number, pa: number, pb: number): number {
  return ((ia * 256 + ib) * 64 + pa) * 64 + pb;
}

function memoGet(ia: number, ib: number, pa: number, pb: number): boolean | undefined {
  if (ia < 32 && ib < 32) {
    const v = table === undefined ? 0 : table[((ia * 32 + ib) * 64 + pa) * 64 + pb]!;
    return v === 0 ? undefined : v === 2;
  }
  return ia < 256 && ib < 256 ? cache.get(memoSlot(ia, ib, pa, pb)) : undefined;
}

function memoSet(ia: number, ib: number, pa: number, pb: number, value: boolean): void {
  if (ia < 32 && ib < 32) (table ??= new Uint8Array(32 * 32 * 64 * 64))[((ia * 32 + ib) * 64 + pa) * 64 + pb] = value ? 2 : 1;
  else if (ia < 256 && ib < 256) {
    if (cache.size > 50000) cache.clear();
    cache.set(memoSlot(ia, ib, pa, pb), value);
  }
}

/** Pattern of a gate's own qubits within a union that starts with them: positions 1…n in base 4. */
const OWN_PATTERN = [0, 1, 6, 27];

function numericCommutes(a: Instruction, b: Instruction): boolean {
  // A symbolic angle has no matrix: only the structural rules above decide for it.
  if (a.exprs !== undefined || b.exprs !== undefined) return false;
  const qa = a.qubits, qb = b.qubits, na = qa.length;
  if (na > 3) return false;
  // b's qubits as positions in the union (a's qubits, then b's others), base 4, without building it.
  let pb = 0, extra = 0;
  for (let k = 0; k < qb.length; k++) {
    let j = qa.indexOf(qb[k]!);
    if (j < 0) j = na + extra++;
    pb = pb * 4 + j + 1;
  }
  const width = na + extra;
  if (width > 3) return false;
  // Parametrised pairs rarely repeat (arbitrary angles): they are computed, not memoised.
  const memo = a.params.length === 0 && b.params.length === 0;
  const ia = memo ? gateId(a.gate) : 0, ib = memo ? gateId(b.gate) : 0, pa = OWN_PATTERN[na]!;
  if (memo) {
    const hit = memoGet(ia, ib, pa, pb);
    if (hit !== undefined) return hit;
  }
  const union = [...qa];
  for (const q of qb) if (!union.includes(q)) union.push(q);
  const r = commuteEmbedded(matrixOf(a), qa.map((q) => union.indexOf(q)), matrixOf(b), qb.map((q) => union.indexOf(q)), width);
  if (memo) memoSet(ia, ib, pa, pb, r);
  return r;
}

/**
 * Gate matrices per instruction object: a cancellation walk tests one gate against each gate it
 * passes, and parametrised pairs (IonQ's gpi2 and ms) cannot share a memo entry.
 */
const matrices = new WeakMap<Instruction, CMatrix>();
function matrixOf(inst: Instruction): CMatrix {
  let m = matrices.get(inst);
  if (m === undefined) matrices.set(inst, (m = instructionMatrix(inst)));
  return m;
}

/** Scratch for the embedded operators and their products (at most 3 qubits: 8 × 8). */
const S = { ar: new Float64Array(64), ai: new Float64Array(64), br: new Float64Array(64), bi: new Float64Array(64) };

/** Write `m` (acting on local qubits `loc`, bit j of its index = qubit loc[j]) as a dim × dim operator. */
function embed(m: CMatrix, loc: readonly number[], dim: number, outR: Float64Array, outI: Float64Array): void {
  let mask = 0;
  for (const q of loc) mask |= 1 << q;
  const k = 1 << loc.length;
  const sub = (x: number): number => {
    let v = 0;
    for (let j = 0; j < loc.length; j++) if ((x >> loc[j]!) & 1) v |= 1 << j;
    return v;
  };
  for (let r = 0; r < dim; r++) {
    for (let c = 0; c < dim; c++) {
      const at = r * dim + c;
      if ((r & ~mask) !== (c & ~mask)) {
        outR[at] = 0;
        outI[at] = 0;
      } else {
        const e = sub(r) * k + sub(c);
        outR[at] = m.re[e]!;
        outI[at] = m.im[e]!;
      }
    }
  }
}

/** [A, B] = 0 for two gates embedded in a register of `width` ≤ 3 qubits, without allocating. */
function commuteEmbedded(ma: CMatrix, la: readonly number[], mb: CMatrix, lb: readonly number[], width: number): boolean {
  const dim = 1 << width;
  embed(ma, la, dim, S.ar, S.ai);
  embed(mb, lb, dim, S.br, S.bi);
  const { ar, ai, br, bi } = S;
  for (let r = 0; r < dim; r++) {
    for (let c = 0; c < dim; c++) {
      let re = 0, im = 0;
      for (let k = 0; k < dim; k++) {
        const x = r * dim + k, y = k * dim + c;
        re += ar[x]! * br[y]! - ai[x]! * bi[y]! - (br[x]! * ar[y]! - bi[x]! * ai[y]!);
        im += ar[x]! * bi[y]! + ai[x]! * br[y]! - (br[x]! * ai[y]! + bi[x]! * ar[y]!);
      }
      if (Math.abs(re) >= 1e-10 || Math.abs(im) >= 1e-10) return false;
    }
  }
  return true;
}
