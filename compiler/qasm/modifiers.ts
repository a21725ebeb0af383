/**
 * OpenQASM 3 gate modifiers applied to a flattened gate body: `inv @` (reverse and invert each
 * gate), `pow(k) @` (repeat k times; negative k repeats the inverse), `ctrl(k) @` / `negctrl(k) @`
 * (control every gate exactly, including its global phase, via compiler/circuit/control.ts).
 */
import type { Instruction } from '../circuit/circuit.js';
import { controlInstruction } from '../circuit/control.js';
import { eulerAngles } from '../circuit/euler.js';
import { gateInverse, gateMatrix, gateSpec } from '../circuit/gates.js';

export type Modifier =
  | { readonly kind: 'inv' }
  | { readonly kind: 'pow'; readonly exponent: number }
  | { readonly kind: 'ctrl'; readonly count: number; readonly negated: boolean };

/**
 * Most instructions a flattened program may hold (~100 bytes each): loops, pow and nested gate
 * calls multiply, and a mistyped program must get an error rather than exhaust memory.
 */
export const MAX_INSTRUCTIONS = 1 << 24;

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
    const inv = gateInverse(inst.gate, inst.params);
    out.push({ gate: inv.gate, qubits: inst.qubits, params: inv.params });
  }
  return out;
}

/** One gate controlled on `controls` with the most specific library form available. */
function controlOne(inst: Instruction, controls: readonly number[]): Instruction[] {
  const phase = PHASE_ANGLE[inst.gate];
  if (phase !== undefined && inst.gate !== 'z') {
    return controlInstruction({ gate: 'p', qubits: inst.qubits, params: [phase] }, controls);
  }
  if (controls.length === 1 && inst.qubits.length === 1 && !KNOWN_SINGLE.has(inst.gate) && gateSpec(inst.gate) !== undefined) {
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
  for (const inst of list) {
    for (const c of controlOne(inst, controls)) out.push(c);
  }
  if (negated) flip();
  return out;
}

/** `pow(k) @` for integer k: the list repeated |k| times, inverted when k < 0. */
export function powerInstructions(list: readonly Instruction[], k: number): Instruction[] {
  const base = k < 0 ? invertInstructions(list) : list;
  const out: Instruction[] = [];
  for (let r = 0; r < Math.abs(k); r++) out.push(...base);
  return out;
}
