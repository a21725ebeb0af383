/**
 * OpenQASM 3 gate modifiers applied to a flattened gate body: `inv @` (reverse and invert each
 * gate), `pow(k) @` (the principal power, one short gate list however large k is), `ctrl(k) @` /
 * `negctrl(k) @` (control every gate exactly, including its global phase, via
 * compiler/circuit/control.ts).
 */
import type { Instruction } from '../circuit/circuit.js';
import { controlInstruction } from '../circuit/control.js';
import { eulerAngles } from '../circuit/euler.js';
import { gateMatrix, gateSpec } from '../circuit/gates.js';
import { inverseInstruction } from '../circuit/inverse.js';
import { isGate } from '../circuit/kinds.js';
import { controlledParts, gatePower, oneQubitGates, principalAngle, unitaryPower } from '../circuit/pow.js';
import { applyMatrixToColumns } from '../circuit/unitary.js';
import { SynthesisError, ValidationError } from '../errors.js';
import { CMatrix } from '../linalg/complex.js';
import { twoQubitToInstructions } from '../synthesis/two-qubit.js';
import { formatCount } from './budgets.js';

export type Modifier =
  | { readonly kind: 'inv' }
  | { readonly kind: 'pow'; readonly exponent: number }
  | { readonly kind: 'ctrl'; readonly count: number; readonly negated: boolean };

/** Phase gates that have an exact p(λ) form, so that a single control gives cp. */
const PHASE_ANGLE: Readonly<Record<string, number>> = { s: Math.PI / 2, sdg: -Math.PI / 2, t: Math.PI / 4, tdg: -Math.PI / 4, z: Math.PI };

/** Gates whose single-control forms control.ts already knows; others of one qubit become cu. */
const KNOWN_SINGLE = new Set(['x', 'y', 'z', 'h', 'rx', 'ry', 'rz', 'p', 'u1', 'U', 'u3', 'id', 'gphase']);

/** The inverse of a gate list: reversed, each gate inverted (barriers kept). */
export function invertInstructions(list: readonly Instruction[]): Instruction[] {
  const out: Instruction[] = [];
  for (let k = list.length - 1; k >= 0; k--) {
    const inst = list[k]!;
    if (inst.gate === 'barrier') {
      out.push(inst);
      continue;
    }
    out.push(inverseInstruction(inst));
  }
  return out;
}

/** One gate controlled on `controls` with the most specific library form available. */
function controlOne(inst: Instruction, controls: readonly number[]): Instruction[] {
  const phase = PHASE_ANGLE[inst.gate];
  if (phase !== undefined && inst.gate !== 'z') {
    return controlInstruction({ gate: 'p', qubits: inst.qubits, params: [phase] }, controls);
  }
  if (controls.length === 1 && inst.qubits.length === 1 && !KNOWN_SINGLE.has(inst.gate) && inst.exprs === undefined && gateSpec(inst.gate) !== undefined) {
    // Any one-qubit gate e^{iγ}U(θ,φ,λ) with one control is exactly cu(θ, φ, λ, γ).
    const e = eulerAngles(gateMatrix(inst.gate, inst.params, 1));
    return [{ gate: 'cu', qubits: [controls[0]!, inst.qubits[0]!], params: [e.theta, e.phi, e.lambda, e.phase] }];
  }
  return controlInstruction(inst, controls);
}

/** Every gate of the list controlled on `controls` (negated controls are conjugated by X). */
export function controlInstructions(list: readonly Instruction[], controls: readonly number[], negated: boolean): Instruction[] {
  const out: Instruction[] = [];
  const flip = (): void => {
    for (const c of controls) out.push({ gate: 'x', qubits: [c], params: [] });
  };
  if (negated) flip();
  // A one-qubit gate with its global phase under one control is a single cu.
  const merged = controls.length === 1 ? mergePhaseIntoCu(list) : undefined;
  if (merged !== undefined) out.push({ gate: 'cu', qubits: [controls[0]!, merged.qubit], params: merged.params });
  else for (const inst of list) for (const c of controlOne(inst, controls)) out.push(c);
  if (negated) flip();
  return out;
}

/** [U(θ,φ,λ) q, gphase(γ)] (as pow(k) produces) → cu parameters. */
function mergePhaseIntoCu(list: readonly Instruction[]): { qubit: number; params: number[] } | undefined {
  if (list.length !== 2 || list[0]!.gate !== 'U' || list[1]!.gate !== 'gphase' || list.some((i) => i.exprs !== undefined)) return undefined;
  const [theta = 0, phi = 0, lambda = 0] = list[0]!.params;
  return { qubit: list[0]!.qubits[0]!, params: [theta, phi, lambda, list[1]!.params[0] ?? 0] };
}

/** An integer power this short stays a repetition (it keeps the gates the program wrote). */
const SHORT_REPEAT = 16;

/**
 * `pow(k) @` on a gate list: the principal power (OpenQASM 3), exact including the global phase.
 * One library gate has a closed form (or, if controlled, is the control of its base's power); a
 * longer list on at most two qubits is raised through its matrix and resynthesised (unless the
 * integer power is short); an integer power of a list on more qubits is a repetition, bounded by `maxInstructions`.
 */
export function powerInstructions(list: readonly Instruction[], k: number, maxInstructions: number): Instruction[] {
  if (k === 1) return list.slice();
  if (k === -1) return invertInstructions(list);
  const gates = list.filter((i) => i.gate !== 'barrier');
  for (const i of gates) if (!isGate(i) || i.condition) throw new ValidationError(`pow(${k}) @ applies to unitary gates only, not '${i.gate}'`);
  if (k === 0 || gates.length === 0) return [];
  if (gates.some((i) => i.exprs !== undefined)) {
    // A power of a symbolic gate is exact only as a repetition (principal powers depend on the angle's value).
    if (!Number.isInteger(k)) throw new ValidationError(`pow(${k}) @ a gate with input parameters: only integer powers are supported (bind the inputs for others)`);
    return repeat(list, k, maxInstructions);
  }
  if (gates.length === 1) {
    const one = gatePowerOrControl(gates[0]!, k, maxInstructions);
    if (one !== undefined) return one;
  }
  const support = [...new Set(gates.flatMap((i) => i.qubits))].sort((a, b) => a - b);
  if (Number.isInteger(k) && (support.length > 2 || Math.abs(k) * gates.length <= SHORT_REPEAT)) return repeat(list, k, maxInstructions);
  if (support.length <= 2) return matrixPower(gates, support, k);
  throw new ValidationError(`pow(${k}) @ a gate acting on ${support.length} qubits: non-integer powers are computed for gates on at most 2 qubits and for controlled library gates`);
}

function gatePowerOrControl(inst: Instruction, k: number, maxInstructions: number): Instruction[] | undefined {
  const closed = gatePower(inst, k);
  if (closed !== undefined) return closed;
  const parts = controlledParts(inst);
  if (parts === undefined) return inst.qubits.length <= 2 ? matrixPower([inst], [...inst.qubits].sort((a, b) => a - b), k) : undefined;
  return controlInstructions(powerInstructions(parts.base, k, maxInstructions), parts.controls, false);
}

/** The list |k| times (inverted first when k < 0). */
function repeat(list: readonly Instruction[], k: number, maxInstructions: number): Instruction[] {
  if (list.length * Math.abs(k) > maxInstructions) {
    throw new ValidationError(`pow(${k}) @ ${list.length} gate(s) flattens to more than ${formatCount(maxInstructions)} instructions; lower the exponent`);
  }
  const base = k < 0 ? invertInstructions(list) : list;
  const out: Instruction[] = [];
  for (let r = 0; r < Math.abs(k); r++) for (const inst of base) out.push(inst);
  return out;
}

/** U^k of a gate list on `support` (≤ 2 qubits) through its matrix, resynthesised with its exact phase. */
function matrixPower(gates: readonly Instruction[], support: readonly number[], k: number): Instruction[] {
  const local = new Map(support.map((q, i) => [q, i]));
  const u = CMatrix.identity(1 << support.length);
  for (const i of gates) applyMatrixToColumns(u, gateMatrix(i.gate, i.params, i.qubits.length), i.qubits.map((q) => local.get(q)!));
  const pk = unitaryPower(u, k);
  if (support.length === 0) {
    const a = principalAngle(Math.atan2(pk.im[0]!, pk.re[0]!));
    return a === 0 ? [] : [{ gate: 'gphase', qubits: [], params: [a] }];
  }
  if (support.length === 1) return oneQubitGates(pk, support[0]!);
  const body = twoQubitToInstructions(pk);
  if (body === undefined) throw new SynthesisError(`pow(${k}) @: could not synthesise the two-qubit power`);
  const s = CMatrix.identity(4);
  for (const i of body) applyMatrixToColumns(s, gateMatrix(i.gate, i.params, i.qubits.length), i.qubits);
  // body = e^{−iγ}·U^k: restore γ = arg⟨body, U^k⟩.
  let re = 0, im = 0;
  for (let t = 0; t < 16; t++) {
    re += s.re[t]! * pk.re[t]! + s.im[t]! * pk.im[t]!;
    im += s.re[t]! * pk.im[t]! - s.im[t]! * pk.re[t]!;
  }
  const out = body.map((i) => ({ gate: i.gate, qubits: i.qubits.map((q) => support[q]!), params: i.params }));
  const gamma = principalAngle(Math.atan2(im, re));
  if (gamma !== 0) out.push({ gate: 'gphase', qubits: [], params: [gamma] });
  return out;
}
