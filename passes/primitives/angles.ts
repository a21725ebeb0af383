/**
 * Angle bookkeeping shared by the merging passes: the phase angle of diagonal one-qubit gates,
 * identity tests per gate family, and the emission of a phase angle as Clifford+T names when it
 * is a multiple of π/4 (so T-counts stay meaningful) or as one rz otherwise.
 */
import { normalizeAngle, type GateName, type Instruction } from '../../compiler/circuit/index.js';
import type { Target } from '../targets/target.js';

const Q = Math.PI / 4;
const NAMED_PHASE: Readonly<Record<string, number>> = { z: 4 * Q, s: 2 * Q, sdg: -2 * Q, t: Q, tdg: -Q };

/**
 * θ with gate ≅ p(θ) up to global phase, for one-qubit diagonal gates (z, s, sdg, t, tdg, p, u1,
 * rz); undefined otherwise.
 */
export function phaseAngle(inst: Instruction): number | undefined {
  if (inst.qubits.length !== 1 || inst.condition) return undefined;
  const named = NAMED_PHASE[inst.gate];
  if (named !== undefined) return named;
  if (inst.gate === 'rz' || inst.gate === 'p' || inst.gate === 'u1') return inst.params[0];
  return undefined;
}

/** Is a (mod 2π) within tol of 0? */
export function isMultipleOf2Pi(a: number, tol = 1e-10): boolean {
  return Math.abs(normalizeAngle(a)) <= tol;
}

/** k when a ≈ k·π/4 (k in 0..7), else undefined. */
export function piQuarterMultiple(a: number, tol = 1e-10): number | undefined {
  const k = Math.round(a / Q);
  if (Math.abs(a - k * Q) > tol) return undefined;
  return ((k % 8) + 8) % 8;
}

const BY_K: ReadonlyArray<readonly GateName[]> = [[], ['t'], ['s'], ['s', 't'], ['z'], ['sdg', 'tdg'], ['sdg'], ['tdg']];

/** Whether the phase-gate emitter may use Clifford+T names on this target. */
export function cliffordTAllowed(target: Target): boolean {
  const b = target.basisGates;
  return b === null || ['t', 'tdg', 's', 'sdg'].every((g) => b.has(g));
}

/** The Clifford+T word for p(kπ/4) on this target (z as s·s when the basis lacks z), if allowed. */
function phaseWord(k: number, target: Target): readonly GateName[] | undefined {
  if (!cliffordTAllowed(target)) return undefined;
  const b = target.basisGates;
  if (b === null || b.has('z') || k !== 4) return BY_K[k]!;
  return ['s', 's'];
}

/** How many instructions phaseGates(θ, q, target) emits, without building them. */
export function phaseGateCount(theta: number, target: Target): number {
  if (isMultipleOf2Pi(theta)) return 0;
  const k = piQuarterMultiple(theta);
  const word = k === undefined ? undefined : phaseWord(k, target);
  return word === undefined ? 1 : word.length;
}

/**
 * Instructions applying p(θ) on qubit q up to global phase: nothing for θ ≡ 0, Clifford+T names
 * for multiples of π/4 when allowed, else one rz (or p when the basis has p but not rz).
 */
export function phaseGates(theta: number, q: number, target: Target): Instruction[] {
  if (isMultipleOf2Pi(theta)) return [];
  const k = piQuarterMultiple(theta);
  const word = k === undefined ? undefined : phaseWord(k, target);
  if (word !== undefined) return word.map((g) => ({ gate: g, qubits: [q], params: [] }));
  const b = target.basisGates;
  const name = b === null || b.has('rz') ? 'rz' : b.has('p') ? 'p' : 'rz';
  return [{ gate: name, qubits: [q], params: [normalizeAngle(theta)] }];
}

/** Angle families whose parameters add when two gates on the same qubits meet. */
const PERIOD: Readonly<Record<string, number>> = {
  // p-type: identity at 2π exactly.
  p: 2 * Math.PI, u1: 2 * Math.PI, cp: 2 * Math.PI, mcp: 2 * Math.PI,
  // Rotations exp(−iθP/2): identity at 4π, −I at 2π (a global phase only when uncontrolled).
  rz: 2 * Math.PI, rx: 2 * Math.PI, ry: 2 * Math.PI, rzz: 2 * Math.PI, rxx: 2 * Math.PI, ryy: 2 * Math.PI, zz: 2 * Math.PI,
  crz: 4 * Math.PI, crx: 4 * Math.PI, cry: 4 * Math.PI,
};

/** Gates whose single parameter adds under composition on the same qubits. */
export function isAdditive(gate: string): boolean {
  return PERIOD[gate] !== undefined;
}

/** Is gate(θ) the identity up to global phase? */
export function isIdentityAngle(gate: string, theta: number, tol = 1e-10): boolean {
  const per = PERIOD[gate];
  if (per === undefined) return false;
  const r = ((theta % per) + per) % per;
  return r <= tol || per - r <= tol;
}

/** Gates symmetric in all their qubits (qubit order does not matter). */
export const SYMMETRIC = new Set(['cz', 'cp', 'swap', 'ccz', 'mcz', 'mcp', 'rzz', 'rxx', 'ryy', 'zz']);

/** Whether two instructions act on the same qubits: as a set for two calls of one symmetric gate, in order otherwise. */
export function sameQubits(a: Instruction, b: Instruction): boolean {
  const qa = a.qubits, qb = b.qubits;
  if (qa.length !== qb.length) return false;
  if (qa.length === 1) return qa[0] === qb[0];
  if (SYMMETRIC.has(a.gate) && a.gate === b.gate) return qa.every((q) => qb.includes(q));
  for (let k = 0; k < qa.length; k++) if (qa[k] !== qb[k]) return false;
  return true;
}
