/**
 * Controlled versions of gates and circuits, exact including the global phase (a controlled
 * gphase becomes a phase gate on the controls). Used by `ctrl @` in the reader, by Hadamard tests
 * and by phase estimation.
 */
import { ValidationError } from '../errors.js';
import { liftAffine } from './affine.js';
import type { Circuit, Instruction } from './circuit.js';
import { withInstructions } from './circuit.js';
import { gateDefinition, symbolicDefinition } from './definitions.js';
import { foldConstant } from './expression.js';
import { eulerAngles } from './euler.js';
import { gateMatrix, gateSpec, type GateName, type OperationName } from './gates.js';
import { isUnconditionalGate } from './kinds.js';

const g = (gate: GateName, qubits: number[], params: readonly number[] = []): Instruction => ({ gate, qubits, params: [...params] });

/** A phase e^{iθ} applied when every qubit in `qs` is 1 (empty: a global phase). */
function phaseOn(qs: readonly number[], theta: number): Instruction[] {
  if (qs.length === 0) return [g('gphase', [], [theta])];
  if (qs.length === 1) return [g('p', [...qs], [theta])];
  if (qs.length === 2) return [g('cp', [...qs], [theta])];
  return [g('mcp', [...qs], [theta])];
}

function xOn(controls: readonly number[], t: number): Instruction {
  if (controls.length === 0) return g('x', [t]);
  if (controls.length === 1) return g('cx', [controls[0]!, t]);
  if (controls.length === 2) return g('ccx', [...controls, t]);
  return g('mcx', [...controls, t]);
}

function zOn(qs: readonly number[]): Instruction {
  if (qs.length === 1) return g('z', [...qs]);
  if (qs.length === 2) return g('cz', [...qs]);
  if (qs.length === 3) return g('ccz', [...qs]);
  return g('mcz', [...qs]);
}

/** Single-control library forms: base gate → controlled gate with the same parameters. */
const SINGLE_CONTROL: Partial<Record<OperationName, GateName>> = {
  y: 'cy', h: 'ch', rx: 'crx', ry: 'cry', rz: 'crz', swap: 'cswap',
};

/** ABC construction for a 1-qubit gate with any number of controls (Barenco et al. quant-ph/9503016, Lemma 7.9). */
function controlledOneQubit(name: string, params: readonly number[], controls: readonly number[], t: number): Instruction[] {
  // U's own angles are its Euler angles (taking them directly keeps the construction affine in them).
  const e = name === 'U' || name === 'u3'
    ? { theta: params[0] ?? 0, phi: params[1] ?? 0, lambda: params[2] ?? 0, phase: 0 }
    : eulerAngles(gateMatrix(name, params, 1));
  const { theta, phi, lambda } = e;
  const alpha = e.phase + (phi + lambda) / 2;
  const out: Instruction[] = [
    g('rz', [t], [(lambda - phi) / 2]),
    xOn(controls, t),
    g('rz', [t], [-(phi + lambda) / 2]), g('ry', [t], [-theta / 2]),
    xOn(controls, t),
    g('ry', [t], [theta / 2]), g('rz', [t], [phi]),
  ];
  if (Math.abs(alpha) > 1e-15) out.push(...phaseOn(controls, alpha));
  return out;
}

/**
 * The instruction controlled on `controls` (all must be 1), as library instructions.
 * Throws for measure/reset/conditioned instructions; barriers are kept as they are.
 */
export function controlInstruction(inst: Instruction, controls: readonly number[]): Instruction[] {
  if (controls.length === 0) return [inst];
  if (inst.gate === 'barrier') return [inst];
  if (!isUnconditionalGate(inst)) throw new ValidationError(`cannot control '${inst.gate}': only unitary gates can be controlled`);
  if (inst.qubits.some((q) => controls.includes(q))) throw new ValidationError(`cannot control '${inst.gate}' on a qubit it acts on`);
  if (inst.exprs !== undefined) return controlSymbolic(inst, controls);
  const { gate, qubits, params } = inst;
  const k = controls.length;
  switch (gate) {
    case 'gphase': return phaseOn(controls, params[0] ?? 0);
    case 'id': return [];
    case 'x': case 'cx': case 'ccx': case 'mcx': return [xOn([...controls, ...qubits.slice(0, -1)], qubits[qubits.length - 1]!)];
    case 'z': case 'cz': case 'ccz': case 'mcz': return [zOn([...controls, ...qubits])];
    case 'p': case 'u1': case 'cp': case 'mcp': return phaseOn([...controls, ...qubits], params[0] ?? 0);
    case 'U': case 'u3':
      if (k === 1) return [g('cu', [controls[0]!, qubits[0]!], [params[0] ?? 0, params[1] ?? 0, params[2] ?? 0, 0])];
      break;
    default:
      if (k === 1 && SINGLE_CONTROL[gate] !== undefined) return [g(SINGLE_CONTROL[gate]!, [controls[0]!, ...qubits], params)];
  }
  const spec = gateSpec(gate);
  if (spec === undefined) throw new ValidationError(`cannot control unknown gate '${gate}'`);
  if (qubits.length === 1) return controlledOneQubit(gate, params, controls, qubits[0]!);
  const def = gateDefinition(gate, params, qubits.length);
  if (def === undefined) throw new ValidationError(`cannot control '${gate}': it has no definition`);
  return def.flatMap((d) => controlInstruction({ gate: d.gate, qubits: d.qubits.map((q) => qubits[q]!), params: d.params }, controls));
}

/**
 * A symbolic instruction controlled: the numeric construction lifted to its expressions when it is
 * affine in the parameters, else the gate's affine definition (U, gphase, cx, …) controlled piece by piece.
 */
function controlSymbolic(inst: Instruction, controls: readonly number[]): Instruction[] {
  const direct = liftAffine((p) => controlInstruction({ gate: inst.gate, qubits: inst.qubits, params: p }, controls), inst.exprs!.map(foldConstant));
  if (direct !== undefined) return direct;
  const def = symbolicDefinition(inst);
  if (def === undefined) throw new ValidationError(`cannot control '${inst.gate}' with symbolic parameters`);
  return def.flatMap((d) => controlInstruction(d, controls));
}

/**
 * The circuit controlled on `controls`: every gate (and every global phase) acts only when all
 * controls are 1. The controls must be qubits of the circuit that it does not otherwise use.
 */
export function controlCircuit(circuit: Circuit, controls: readonly number[]): Circuit {
  return withInstructions(circuit, circuit.instructions.flatMap((i) => controlInstruction(i, controls)));
}
