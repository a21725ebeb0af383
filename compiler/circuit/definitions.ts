/**
 * Definitions of library gates in terms of simpler library gates, ending in the primitives
 * U, cx and gphase (the OpenQASM 3 built-ins). Used by the QASM writer (gate definitions for
 * non-standard gates), by `ctrl @` handling, and by basis translation. Every definition is exact,
 * including the global phase, and is checked against the gate's matrix in the tests.
 * Multi-controlled gates get a correct but exponential-size recursive definition; the efficient
 * linear-size decompositions live in compiler/synthesis/mcx.ts.
 */
import { affineForms, applyForm, withValues } from './affine.js';
import { instruction, type Instruction } from './circuit.js';
import { foldConstant } from './expression.js';
import { gateMatrix, gateSpec } from './gates.js';
import { eulerAngles } from './euler.js';

/** Gates with no definition: the OpenQASM 3 built-ins. */
export const PRIMITIVE_GATES: ReadonlySet<string> = new Set(['U', 'cx', 'gphase']);

const PI = Math.PI;
const g = instruction;

/** Exact 1-qubit definition e^{iγ}·U(θ,φ,λ) from the gate's matrix. */
function oneQubitDefinition(name: string, params: readonly number[]): Instruction[] {
  const e = eulerAngles(gateMatrix(name, params, 1));
  const out = [g('U', [0], [e.theta, e.phi, e.lambda])];
  if (Math.abs(e.phase) > 1e-15) out.push(g('gphase', [], [e.phase]));
  return out;
}

/** C^k phase on qubits 0..n−1 (symmetric): recursive halving of the angle (Barenco et al. quant-ph/9503016, Lemma 7.5). */
function mcpDefinition(lambda: number, n: number): Instruction[] {
  if (n === 1) return [g('p', [0], [lambda])];
  if (n === 2) return [g('cp', [0, 1], [lambda])];
  const t = n - 1, last = n - 2;
  const rest = Array.from({ length: n - 2 }, (_, i) => i);
  const mcxRest = rest.length === 1 ? g('cx', [rest[0]!, last]) : rest.length === 2 ? g('ccx', [...rest, last]) : g('mcx', [...rest, last]);
  const sub = n - 1 === 2 ? g('cp', [...rest, t], [lambda / 2]) : g('mcp', [...rest, t], [lambda / 2]);
  return [g('cp', [last, t], [lambda / 2]), mcxRest, g('cp', [last, t], [-lambda / 2]), mcxRest, sub];
}

function cczCore(a: number, b: number, c: number): Instruction[] {
  return [
    g('cx', [b, c]), g('tdg', [c]), g('cx', [a, c]), g('t', [c]), g('cx', [b, c]), g('tdg', [c]), g('cx', [a, c]),
    g('t', [b]), g('t', [c]), g('cx', [a, b]), g('t', [a]), g('tdg', [b]), g('cx', [a, b]),
  ];
}

/**
 * The definition of a library gate applied to local qubits 0..n−1, or undefined for primitives
 * (U, cx, gphase) and non-unitary operations.
 */
export function gateDefinition(name: string, params: readonly number[], n: number): Instruction[] | undefined {
  if (PRIMITIVE_GATES.has(name)) return undefined;
  const spec = gateSpec(name);
  if (spec === undefined) return undefined;
  const [p0 = 0, p1 = 0, p2 = 0, p3 = 0] = params;
  switch (name) {
    case 'id': return [];
    case 'u3': return [g('U', [0], [p0, p1, p2])];
    case 'u2': return [g('U', [0], [PI / 2, p0, p1])];
    case 'p': case 'u1': return [g('U', [0], [0, 0, p0])];
    case 'cy': return [g('sdg', [1]), g('cx', [0, 1]), g('s', [1])];
    case 'cz': return [g('h', [1]), g('cx', [0, 1]), g('h', [1])];
    case 'ch': return [g('s', [1]), g('h', [1]), g('t', [1]), g('cx', [0, 1]), g('tdg', [1]), g('h', [1]), g('sdg', [1])];
    case 'cp': return [g('p', [0], [p0 / 2]), g('cx', [0, 1]), g('p', [1], [-p0 / 2]), g('cx', [0, 1]), g('p', [1], [p0 / 2])];
    case 'crz': return [g('rz', [1], [p0 / 2]), g('cx', [0, 1]), g('rz', [1], [-p0 / 2]), g('cx', [0, 1])];
    case 'cry': return [g('ry', [1], [p0 / 2]), g('cx', [0, 1]), g('ry', [1], [-p0 / 2]), g('cx', [0, 1])];
    case 'crx': return [g('p', [1], [PI / 2]), g('cx', [0, 1]), g('U', [1], [-p0 / 2, 0, 0]), g('cx', [0, 1]), g('U', [1], [p0 / 2, -PI / 2, 0])];
    case 'cu': return [
      g('p', [0], [p3]), g('p', [0], [(p2 + p1) / 2]), g('p', [1], [(p2 - p1) / 2]), g('cx', [0, 1]),
      g('U', [1], [-p0 / 2, 0, -(p1 + p2) / 2]), g('cx', [0, 1]), g('U', [1], [p0 / 2, p1, 0]),
    ];
    case 'swap': return [g('cx', [0, 1]), g('cx', [1, 0]), g('cx', [0, 1])];
    case 'rzz': case 'zz': return [g('cx', [0, 1]), g('rz', [1], [p0]), g('cx', [0, 1])];
    case 'rxx': return [g('h', [0]), g('h', [1]), g('cx', [0, 1]), g('rz', [1], [p0]), g('cx', [0, 1]), g('h', [0]), g('h', [1])];
    case 'ryy': return [
      g('rx', [0], [PI / 2]), g('rx', [1], [PI / 2]), g('cx', [0, 1]), g('rz', [1], [p0]), g('cx', [0, 1]),
      g('rx', [0], [-PI / 2]), g('rx', [1], [-PI / 2]),
    ];
    case 'ms': return [g('rz', [0], [-p0]), g('rz', [1], [-p1]), g('rxx', [0, 1], [p2]), g('rz', [0], [p0]), g('rz', [1], [p1])];
    case 'ecr': return [
      g('h', [1]), g('cx', [0, 1]), g('rz', [1], [PI / 4]), g('cx', [0, 1]), g('h', [1]), g('x', [0]),
      g('h', [1]), g('cx', [0, 1]), g('rz', [1], [-PI / 4]), g('cx', [0, 1]), g('h', [1]),
    ];
    case 'ccz': return cczCore(0, 1, 2);
    case 'ccx': return [g('h', [2]), ...cczCore(0, 1, 2), g('h', [2])];
    case 'cswap': return [g('cx', [2, 1]), g('ccx', [0, 1, 2]), g('cx', [2, 1])];
    case 'mcp': return mcpDefinition(p0, n);
    case 'mcz': return mcpDefinition(PI, n);
    case 'mcx': return [g('h', [n - 1]), ...mcpDefinition(PI, n), g('h', [n - 1])];
    default:
      if (spec.qubits === 1 && !spec.variadic) return oneQubitDefinition(name, params);
      return undefined;
  }
}

/**
 * One-qubit gates as e^{iγ}·U(θ, φ, λ) with θ, φ, λ, γ affine in the gate's parameters, exactly
 * (the numeric definitions go through Euler angles, which wrap and are not affine).
 */
const U_FORMS: Readonly<Record<string, (p: readonly number[]) => Instruction[]>> = {
  rx: (p) => [g('U', [0], [p[0]!, -PI / 2, PI / 2])],
  ry: (p) => [g('U', [0], [p[0]!, 0, 0])],
  rz: (p) => [g('U', [0], [0, 0, p[0]!]), g('gphase', [], [-p[0]! / 2])],
  p: (p) => [g('U', [0], [0, 0, p[0]!])],
  u1: (p) => [g('U', [0], [0, 0, p[0]!])],
  u2: (p) => [g('U', [0], [PI / 2, p[0]!, p[1]!])],
  u3: (p) => [g('U', [0], [p[0]!, p[1]!, p[2]!])],
  // gpi(φ) = [[0, e^{−iφ}], [e^{iφ}, 0]] = U(π, φ, π − φ); gpi2(φ) = (I − i·σ(φ))/√2 = U(π/2, φ − π/2, π/2 − φ).
  gpi: (p) => [g('U', [0], [PI, p[0]!, PI - p[0]!])],
  gpi2: (p) => [g('U', [0], [PI / 2, p[0]! - PI / 2, PI / 2 - p[0]!])],
};

type AffineDefinition = NonNullable<ReturnType<typeof affineForms>>;
const affineCache = new Map<string, AffineDefinition | null>();

/**
 * The definition of library gate `name` on `n` local qubits with every output parameter an
 * affine form of the gate's parameters (cached); undefined for primitives and for definitions
 * that are not affine.
 */
export function affineDefinition(name: string, n: number): AffineDefinition | undefined {
  const key = `${name}/${n}`;
  let fit = affineCache.get(key);
  if (fit === undefined) {
    const spec = gateSpec(name);
    const uForm = U_FORMS[name];
    fit = spec === undefined || PRIMITIVE_GATES.has(name) ? null
      : affineForms(uForm !== undefined ? uForm : (p) => gateDefinition(name, p, n), spec.params) ?? null;
    affineCache.set(key, fit);
  }
  return fit ?? undefined;
}

/** The definition of a symbolic instruction on its own qubits, or undefined (primitive, or not affine). */
export function symbolicDefinition(inst: Instruction): Instruction[] | undefined {
  const fit = affineDefinition(inst.gate, inst.qubits.length);
  if (fit === undefined || inst.exprs === undefined) return undefined;
  const args = inst.exprs.map(foldConstant);
  return fit.shape.map((d, j) => withValues({ gate: d.gate, qubits: d.qubits.map((q) => inst.qubits[q]!), params: d.params }, fit.forms[j]!.map((f) => applyForm(f, args))));
}

/**
 * Rewrite instructions recursively until every gate is in `keep` (default: the primitives).
 * Qubit indices of the definitions are mapped onto the instruction's qubits; symbolic
 * instructions use their affine definitions.
 */
export function expandGates(instructions: readonly Instruction[], keep: ReadonlySet<string> = PRIMITIVE_GATES): Instruction[] {
  const out: Instruction[] = [];
  const visit = (inst: Instruction): void => {
    if (keep.has(inst.gate)) {
      out.push(inst);
      return;
    }
    if (inst.exprs !== undefined) {
      const sym = symbolicDefinition(inst);
      if (sym === undefined) out.push(inst);
      else for (const d of sym) visit(inst.condition ? { ...d, condition: inst.condition } : d);
      return;
    }
    const def = gateDefinition(inst.gate, inst.params, inst.qubits.length);
    if (def === undefined) {
      out.push(inst);
      return;
    }
    for (const d of def) {
      const mapped: Instruction = { gate: d.gate, qubits: d.qubits.map((q) => inst.qubits[q]!), params: d.params };
      visit(inst.condition ? { ...mapped, condition: inst.condition } : mapped);
    }
  };
  instructions.forEach(visit);
  return out;
}
