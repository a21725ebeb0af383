/**
 * Powers of gates. U^k for real k is the principal power exp(k·Log U), with every eigenphase of U
 * taken in (−π, π] (OpenQASM 3's `pow(k) @`); for integer k it is the ordinary power. The library
 * gates have closed forms that keep the gate family: a rotation scales its angle, a phase gate its
 * phase, X^½ is sx; a controlled gate is the control of its base's power (the eigenphases of the
 * control block are 0). Any other small unitary goes through its eigendecomposition
 * (unitaryPower), which the closed forms are tested against.
 * @see https://openqasm.com/language/gates.html#quantum-gate-modifiers
 */
import { CMatrix } from '../linalg/complex.js';
import type { Instruction } from './circuit.js';
import { eulerAngles } from './euler.js';
import { controlCount, gateSpec, type GateName } from './gates.js';

const PI = Math.PI;
const TWO_PI = 2 * PI;
/** Angles this close to a special value are that value (far below any gate tolerance). */
const SNAP = 1e-12;

/** x reduced modulo `period` into (−period/2, period/2]. */
function reduce(x: number, period: number): number {
  let y = x - period * Math.round(x / period);
  if (y <= -period / 2 + SNAP * period) y += period;
  return Math.abs(y) < SNAP ? 0 : y;
}

/** The principal argument of e^{iθ}: θ in (−π, π]. */
export function principalAngle(theta: number): number {
  return reduce(theta, TWO_PI);
}

const g = (gate: GateName, qubits: readonly number[], params: readonly number[] = []): Instruction => ({ gate, qubits, params });

const NAMED_PHASES: ReadonlyArray<readonly [number, GateName]> = [[PI, 'z'], [PI / 2, 's'], [-PI / 2, 'sdg'], [PI / 4, 't'], [-PI / 4, 'tdg']];

/** diag(1, e^{ia}) on q, by name where one fits (z, s, sdg, t, tdg), nothing for a = 0. */
function phase(a: number, q: number): Instruction[] {
  const r = principalAngle(a);
  if (r === 0) return [];
  for (const [v, name] of NAMED_PHASES) if (Math.abs(r - v) < SNAP) return [g(name, [q])];
  return [g('p', [q], [r])];
}

function globalPhase(a: number): Instruction[] {
  const r = principalAngle(a);
  return r === 0 ? [] : [g('gphase', [], [r])];
}

/** X^k = e^{iπk/2}·Rx(πk) (period 2 in k), by name at k ≡ 0, ±½, 1. */
function xPower(k: number, q: number): Instruction[] {
  const r = reduce(k, 2);
  if (r === 0) return [];
  if (r === 1) return [g('x', [q])];
  if (Math.abs(r - 0.5) < SNAP) return [g('sx', [q])];
  if (Math.abs(r + 0.5) < SNAP) return [g('sxdg', [q])];
  return [g('rx', [q], [PI * r]), ...globalPhase((PI * r) / 2)];
}

/**
 * A rotation exp(−iθ/2·P) with P² = I to the power k: the angle is first taken in (−2π, 2π]
 * (rotations are 4π-periodic); at exactly 2π the rotation is −I, whose principal power is e^{iπk}.
 */
function rotationPower(inst: Instruction, k: number, index: number): Instruction[] {
  const theta = reduce(inst.params[index]!, 2 * TWO_PI);
  if (theta === 0) return [];
  if (Math.abs(theta - TWO_PI) < SNAP) return globalPhase(PI * k);
  const params = inst.params.slice();
  params[index] = reduce(k * theta, 2 * TWO_PI);
  return params[index] === 0 ? [] : [{ gate: inst.gate, qubits: inst.qubits, params }];
}

/** Gates with G² = I: integer powers reduce to G or nothing. */
const INVOLUTIONS: ReadonlySet<string> = new Set(['h', 'gpi', 'swap', 'ecr']);

/**
 * U^k for an uncontrolled library gate in closed form, on the gate's own qubits; undefined when
 * the gate has none (controlled gates: see controlledParts; others: unitaryPower).
 */
export function gatePower(inst: Instruction, k: number): Instruction[] | undefined {
  const q = inst.qubits[0]!;
  const p0 = inst.params[0] ?? 0;
  switch (inst.gate) {
    case 'id': return [];
    case 'gphase': return globalPhase(k * principalAngle(p0));
    case 'p': case 'u1': return phase(k * principalAngle(p0), q);
    case 'z': return phase(k * PI, q);
    case 's': return phase((k * PI) / 2, q);
    case 'sdg': return phase((-k * PI) / 2, q);
    case 't': return phase((k * PI) / 4, q);
    case 'tdg': return phase((-k * PI) / 4, q);
    case 'x': return xPower(k, q);
    case 'sx': return xPower(k / 2, q);
    case 'sxdg': return xPower(-k / 2, q);
    case 'y': {
      const r = reduce(k, 2);
      return r === 0 ? [] : r === 1 ? [g('y', [q])] : [g('ry', [q], [PI * r]), ...globalPhase((PI * r) / 2)];
    }
    case 'rx': case 'ry': case 'rz': case 'rxx': case 'ryy': case 'rzz': case 'zz': return rotationPower(inst, k, 0);
    case 'ms': return rotationPower(inst, k, 2);
    default:
      if (INVOLUTIONS.has(inst.gate) && Number.isInteger(k)) return k % 2 === 0 ? [] : [inst];
      return undefined;
  }
}

/**
 * A controlled library gate split into its controls and the base it applies (cu's base is
 * e^{iγ}·U(θ, φ, λ)); undefined for uncontrolled gates.
 */
export function controlledParts(inst: Instruction): { controls: readonly number[]; base: Instruction[] } | undefined {
  if (inst.gate === 'cu') {
    const [theta = 0, phi = 0, lambda = 0, gamma = 0] = inst.params;
    return { controls: [inst.qubits[0]!], base: [g('U', [inst.qubits[1]!], [theta, phi, lambda]), ...(gamma === 0 ? [] : [g('gphase', [], [gamma])])] };
  }
  const spec = gateSpec(inst.gate);
  if (spec?.base === undefined) return undefined;
  const nc = controlCount(spec, inst.qubits.length);
  if (nc === 0) return undefined;
  return { controls: inst.qubits.slice(0, nc), base: [g(spec.base, inst.qubits.slice(nc), inst.params)] };
}

/** A 2×2 unitary as U(θ, φ, λ) and the global phase that makes it exact. */
export function oneQubitGates(m: CMatrix, q: number): Instruction[] {
  const e = eulerAngles(m);
  return [g('U', [q], [e.theta, e.phi, e.lambda]), ...globalPhase(e.phase)];
}

// ---------------------------------------------------------------------------------------------
// Principal power of a unitary matrix through its eigendecomposition.

/**
 * Eigenvectors (columns) of a Hermitian matrix by cyclic complex Jacobi rotations: each step
 * makes the (p, q) entry real with a phase on column q and then zeroes it with a real rotation.
 */
function hermitianEigenvectors(a0: CMatrix): CMatrix {
  const n = a0.rows;
  const ar = a0.re.slice(), ai = a0.im.slice();
  const v = CMatrix.identity(n);
  const vr = v.re, vi = v.im;
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0, diag = 0;
    for (let i = 0; i < n; i++) {
      diag += ar[i * n + i]! ** 2;
      for (let j = i + 1; j < n; j++) off += ar[i * n + j]! ** 2 + ai[i * n + j]! ** 2;
    }
    if (off <= 1e-32 * Math.max(diag, 1e-300)) break;
    for (let p = 0; p < n; p++) {
      for (let q = p + 1; q < n; q++) {
        const xr = ar[p * n + q]!, xi = ai[p * n + q]!;
        const r = Math.hypot(xr, xi);
        if (r < 1e-300) continue;
        const er = xr / r, ei = xi / r;
        const theta = (ar[q * n + q]! - ar[p * n + p]!) / (2 * r);
        const t = (theta >= 0 ? 1 : -1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1), s = t * c;
        // G on columns (p, q): G_pp = c, G_pq = s, G_qp = −s·ē, G_qq = c·ē; A ← G†AG, V ← VG.
        const gqpR = -s * er, gqpI = s * ei, gqqR = c * er, gqqI = -c * ei;
        for (let i = 0; i < n; i++) {
          const apR = ar[i * n + p]!, apI = ai[i * n + p]!, aqR = ar[i * n + q]!, aqI = ai[i * n + q]!;
          ar[i * n + p] = c * apR + (aqR * gqpR - aqI * gqpI);
          ai[i * n + p] = c * apI + (aqR * gqpI + aqI * gqpR);
          ar[i * n + q] = s * apR + (aqR * gqqR - aqI * gqqI);
          ai[i * n + q] = s * apI + (aqR * gqqI + aqI * gqqR);
          const wpR = vr[i * n + p]!, wpI = vi[i * n + p]!, wqR = vr[i * n + q]!, wqI = vi[i * n + q]!;
          vr[i * n + p] = c * wpR + (wqR * gqpR - wqI * gqpI);
          vi[i * n + p] = c * wpI + (wqR * gqpI + wqI * gqpR);
          vr[i * n + q] = s * wpR + (wqR * gqqR - wqI * gqqI);
          vi[i * n + q] = s * wpI + (wqR * gqqI + wqI * gqqR);
        }
        for (let j = 0; j < n; j++) {
          // Rows p, q of G†(AG): conj(G_pp)·row p + conj(G_qp)·row q, conj(G_pq)·row p + conj(G_qq)·row q.
          const bpR = ar[p * n + j]!, bpI = ai[p * n + j]!, bqR = ar[q * n + j]!, bqI = ai[q * n + j]!;
          ar[p * n + j] = c * bpR + (gqpR * bqR + gqpI * bqI);
          ai[p * n + j] = c * bpI + (gqpR * bqI - gqpI * bqR);
          ar[q * n + j] = s * bpR + (gqqR * bqR + gqqI * bqI);
          ai[q * n + j] = s * bpI + (gqqR * bqI - gqqI * bqR);
        }
      }
    }
  }
  return v;
}

/** Generic mixing weights: A = (U + U†)/2 + c·(U − U†)/2i shares U's eigenvectors and, for all but finitely many c, separates its eigenvalues. */
const MIXES = [0.5772156649, -1.6180339887, 2.7182818285, -0.3010299957, 7.3890560989, -0.1234567891];

/**
 * Eigenvectors V and eigenphases φ (in (−π, π]) of a unitary: U = V·diag(e^{iφ})·V†. A Hermitian
 * combination of U and U† is diagonalised; the result is accepted only when V†UV is diagonal.
 */
export function unitaryEigen(u: CMatrix): { vectors: CMatrix; phases: number[] } {
  const n = u.rows;
  const ud = u.adjoint();
  for (const c of MIXES) {
    const a = new CMatrix(n, n);
    for (let k = 0; k < n * n; k++) {
      const sr = (u.re[k]! + ud.re[k]!) / 2, si = (u.im[k]! + ud.im[k]!) / 2;
      // (U − U†)/2i: (x + iy)/2i = (y − ix)/2.
      const dr = (u.im[k]! - ud.im[k]!) / 2, di = -(u.re[k]! - ud.re[k]!) / 2;
      a.re[k] = sr + c * dr;
      a.im[k] = si + c * di;
    }
    const v = hermitianEigenvectors(a);
    const d = v.adjoint().mul(u).mul(v);
    let off = 0;
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) if (i !== j) off = Math.max(off, Math.hypot(d.re[i * n + j]!, d.im[i * n + j]!));
    if (off > 1e-9) continue;
    const phases: number[] = [];
    for (let i = 0; i < n; i++) {
      const ph = Math.atan2(d.im[i * n + i]!, d.re[i * n + i]!);
      // −1 has principal argument +π: a rounding error in the sign of its imaginary part must not flip the branch.
      phases.push(ph <= -PI + 1e-12 ? PI : ph);
    }
    return { vectors: v, phases };
  }
  throw new RangeError('unitaryEigen: the matrix is not unitary (no eigenbasis diagonalises it)');
}

/** The principal power U^k = V·diag(e^{ikφ})·V† of a unitary U. */
export function unitaryPower(u: CMatrix, k: number): CMatrix {
  const { vectors: v, phases } = unitaryEigen(u);
  const n = u.rows;
  const dv = new CMatrix(n, n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const e = k * phases[j]!;
      const cr = Math.cos(e), ci = Math.sin(e);
      const xr = v.re[i * n + j]!, xi = v.im[i * n + j]!;
      dv.re[i * n + j] = xr * cr - xi * ci;
      dv.im[i * n + j] = xr * ci + xi * cr;
    }
  }
  return dv.mul(v.adjoint());
}

