/**
 * Basis translation of symbolic instructions (parameters that depend on unbound inputs). Every
 * step is exact and affine in the angles, so the expressions carry through: a multi-qubit gate is
 * expanded by its library definition (lifted to its expressions) into one-qubit gates and cx; a
 * one-qubit gate the basis lacks becomes e^{iγ}·U(θ, φ, λ) and then the basis' Euler form —
 * U = Rz(φ+π)·SX·Rz(θ+π)·SX·Rz(λ) (rz·sx), Rz(φ)·Ry(θ)·Rz(λ) (zyz), Rz(φ+π/2)·Rx(θ)·Rz(λ−π/2)
 * (zxz, and with H·Rz·H for Rx: zhz), or U/u3 itself — up to global phase. The numeric gates this
 * leaves (cx, sx, h) are translated with the rest of the circuit. Bases that write angles as
 * phases of native gates (IonQ's gpi/gpi2/ms) or take only Clifford+T words cannot hold a symbol.
 */
import { expandGates, gateNames, gateSpec, symbolicDefinition, withValues, addValues, paramValues, type GateName, type Instruction, type ParamValue } from '../compiler/circuit/index.js';
import { TargetError } from '../compiler/errors.js';
import { oneQubitSynthesisFor, type OneQubitSynthesis } from './one-qubit-forms.js';
import { hasEdge, type Target } from './targets/target.js';
import { SYMMETRIC } from './primitives/angles.js';

const PI = Math.PI;
const ONE_QUBIT: ReadonlySet<string> = new Set(gateNames().filter((n) => gateSpec(n)!.qubits === 1 && !gateSpec(n)!.variadic));
const EXPAND_TO = new Set<string>([...ONE_QUBIT, 'cx']);
/** Z rotations up to global phase: kept as the basis' z gate. */
const Z_LIKE = new Set(['rz', 'p', 'u1']);

function gate(name: GateName, q: number, values: readonly ParamValue[] = []): Instruction {
  return withValues({ gate: name, qubits: [q], params: [] }, values);
}

/** e^{iγ}·U(θ, φ, λ) on q (γ dropped) in the synthesis' form. */
function eulerForm(theta: ParamValue, phi: ParamValue, lambda: ParamValue, q: number, s: OneQubitSynthesis): Instruction[] {
  const z = (a: ParamValue): Instruction => (s.zGate === null ? gate(s.uGate, q, [0, 0, a]) : gate(s.zGate, q, [a]));
  switch (s.form) {
    case 'u3': return [gate(s.uGate, q, [theta, phi, lambda])];
    case 'zsx': return [z(lambda), gate('sx', q), z(addValues(theta, PI)), gate('sx', q), z(addValues(phi, PI))];
    case 'zyz': return [z(lambda), gate('ry', q, [theta]), z(phi)];
    case 'zxz': return [z(addValues(lambda, -PI / 2)), gate('rx', q, [theta]), z(addValues(phi, PI / 2))];
    case 'zhz': return [z(addValues(lambda, -PI / 2)), gate('h', q), z(theta), gate('h', q), z(addValues(phi, PI / 2))];
  }
}

/** A symbolic gate the basis may keep where it stands (two-qubit ones on a coupler, in its direction unless symmetric). */
function keepable(inst: Instruction, basis: ReadonlySet<string>, target: Target): boolean {
  if (!basis.has(inst.gate)) return false;
  if (inst.qubits.length === 1) return true;
  if (inst.qubits.length !== 2) return false;
  const [a, b] = inst.qubits as [number, number];
  return hasEdge(target, a, b) || (SYMMETRIC.has(inst.gate) && hasEdge(target, b, a));
}

function refuse(target: Target, inst: Instruction, why: string): never {
  const names = [...new Set(inst.exprs!.flatMap((e) => [...e.symbols()]))].join(', ');
  throw new TargetError(`target ${target.name}: '${inst.gate}' with input parameter ${names} cannot stay symbolic: ${why}; bind the input parameters to numbers before lowering`);
}

/** One symbolic one-qubit gate into the basis (numeric gates it emits are left for the numeric translation). */
function lowerOne(inst: Instruction, basis: ReadonlySet<string>, s: OneQubitSynthesis, target: Target): Instruction[] {
  const q = inst.qubits[0]!;
  if (basis.has(inst.gate)) return [inst];
  if (Z_LIKE.has(inst.gate) && s.zGate !== null) return [gate(s.zGate, q, paramValues(inst))];
  const u = inst.gate === 'U' || inst.gate === 'u3' ? inst : symbolicDefinition(inst)?.find((d) => d.gate === 'U');
  if (u === undefined) refuse(target, inst, 'it has no U form');
  const [theta, phi, lambda] = paramValues(u) as [ParamValue, ParamValue, ParamValue];
  return eulerForm(theta, phi, lambda, q, s);
}

/**
 * The instructions with every symbolic gate written in the target's basis gates (the numeric
 * gates untouched); the identity for a target without a basis. Throws TargetError where a basis
 * cannot hold a symbolic angle.
 */
export function lowerSymbolicToBasis(instructions: readonly Instruction[], target: Target): Instruction[] {
  const basis = target.basisGates;
  if (basis === null || !instructions.some((i) => i.exprs !== undefined)) return [...instructions];
  const synthesis = basis.has('gpi') && basis.has('gpi2') ? null : oneQubitSynthesisFor(basis);
  const out: Instruction[] = [];
  for (const inst of instructions) {
    if (inst.exprs === undefined) {
      out.push(inst);
      continue;
    }
    if (synthesis === null) refuse(target, inst, basis.has('gpi') ? "the device's native gates take numeric phases" : 'the basis writes only exact Clifford+T words');
    const pieces = keepable(inst, basis, target) ? [inst] : expandGates([inst], EXPAND_TO);
    for (const p of pieces) {
      if (p.exprs === undefined || p.qubits.length > 1) {
        if (p.exprs !== undefined && !keepable(p, basis, target)) refuse(target, p, 'its definition is not affine in its angles');
        out.push(p);
      } else if (p.qubits.length === 1) {
        for (const x of lowerOne(p, basis, synthesis, target)) out.push(inst.condition && !x.condition ? { ...x, condition: inst.condition } : x);
      }
      // A symbolic global phase (no qubits) is dropped, as translation drops every global phase.
    }
  }
  return out;
}
