/**
 * Commutation analysis: cheap structural rules (a gate is Z-type on a qubit when it is block
 * diagonal in that qubit's Z basis, X-type when block diagonal in its X basis; two gates commute
 * when on every shared qubit they have the same type), with an exact numerical check on small
 * qubit unions as fallback (memoised).
 */
import { controlCount, gateSpec, instructionMatrix, applyMatrixToColumns, NON_UNITARY, type Instruction } from '../../compiler/circuit/index.js';
import { CMatrix } from '../../compiler/linalg/complex.js';

type Axis = 'Z' | 'X' | 'other';

const X_TYPE = new Set(['x', 'rx', 'sx', 'sxdg']);
const X_BOTH = new Set(['rxx']);

/** The basis in which `inst` is block diagonal on its k-th qubit. */
export function axisOn(inst: Instruction, k: number): Axis {
  const spec = gateSpec(inst.gate);
  if (!spec) return 'other';
  if (spec.diagonal) return 'Z';
  if (X_TYPE.has(inst.gate) || X_BOTH.has(inst.gate)) return 'X';
  const nc = controlCount(spec, inst.qubits.length);
  if (k < nc) return 'Z';
  if (nc > 0 && k === inst.qubits.length - 1 && (spec.base === 'x' || spec.base === 'rx')) return 'X';
  return 'other';
}

const isOpaque = (i: Instruction): boolean => NON_UNITARY.has(i.gate) || i.condition !== undefined;

const cache = new Map<string, boolean>();

/** True when the two instructions provably commute. */
export function commutes(a: Instruction, b: Instruction): boolean {
  let shared = 0, structural = true, clash = false;
  for (let i = 0; i < a.qubits.length; i++) {
    const j = b.qubits.indexOf(a.qubits[i]!);
    if (j < 0) continue;
    shared++;
    const ta = axisOn(a, i), tb = axisOn(b, j);
    if (ta === 'other' || ta !== tb) structural = false;
    if (ta !== 'other' && tb !== 'other' && ta !== tb) clash = true;
  }
  if (shared === 0) return true;
  if (isOpaque(a) || isOpaque(b)) return false;
  if (structural) return true;
  if (a.gate === b.gate && sameList(a.qubits, b.qubits) && sameList(a.params, b.params)) return true;
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

function numericCommutes(a: Instruction, b: Instruction): boolean {
  // A symbolic angle has no matrix: only the structural rules above decide for it.
  if (a.exprs !== undefined || b.exprs !== undefined) return false;
  const union: number[] = [...a.qubits];
  for (const q of b.qubits) if (!union.includes(q)) union.push(q);
  if (union.length > 3) return false;
  const local = (i: Instruction): number[] => i.qubits.map((q) => union.indexOf(q));
  // Parametrised pairs rarely repeat (arbitrary angles): compute them without a cache key.
  const cacheable = a.params.length === 0 && b.params.length === 0;
  if (!cacheable && union.length === 1) return commute2x2(instructionMatrix(a), instructionMatrix(b));
  let key = '';
  if (cacheable) {
    // Gate names and qubit patterns relative to the union (≤ 3 qubits, 2 bits each).
    let pa = 0, pb = 0;
    for (const q of a.qubits) pa = pa * 4 + union.indexOf(q) + 1;
    for (const q of b.qubits) pb = pb * 4 + union.indexOf(q) + 1;
    key = `${a.gate}:${pa}|${b.gate}:${pb}`;
  }
  const hit = cacheable ? cache.get(key) : undefined;
  if (hit !== undefined) return hit;
  const dim = 1 << union.length;
  const ab = CMatrix.identity(dim), ba = CMatrix.identity(dim);
  const ma = instructionMatrix(a), mb = instructionMatrix(b);
  applyMatrixToColumns(ab, mb, local(b));
  applyMatrixToColumns(ab, ma, local(a));
  applyMatrixToColumns(ba, ma, local(a));
  applyMatrixToColumns(ba, mb, local(b));
  const r = ab.maxAbsDiff(ba) < 1e-10;
  if (!cacheable) return r;
  if (cache.size > 50000) cache.clear();
  cache.set(key, r);
  return r;
}

/** [A, B] = 0 for two 2×2 matrices, without allocating. */
function commute2x2(a: CMatrix, b: CMatrix): boolean {
  const ar = a.re, ai = a.im, br = b.re, bi = b.im;
  for (let r = 0; r < 2; r++) {
    for (let c = 0; c < 2; c++) {
      let re = 0, im = 0;
      for (let k = 0; k < 2; k++) {
        const x = r * 2 + k, y = k * 2 + c;
        re += ar[x]! * br[y]! - ai[x]! * bi[y]! - (br[x]! * ar[y]! - bi[x]! * ai[y]!);
        im += ar[x]! * bi[y]! + ai[x]! * br[y]! - (br[x]! * ai[y]! + bi[x]! * ar[y]!);
      }
      if (Math.abs(re) >= 1e-10 || Math.abs(im) >= 1e-10) return false;
    }
  }
  return true;
}
