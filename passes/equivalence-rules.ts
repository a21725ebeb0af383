/**
 * Basis translation by equivalence rules, after Qiskit's BasisTranslator: each rule rewrites one
 * gate as a short circuit of other gates (equal up to global phase). For a target basis, a
 * shortest-path search over the rule graph (cost = gates emitted) picks for every gate the
 * cheapest chain of rules that ends in basis gates; gates with no rule are first expanded by
 * their library definitions (down to one-qubit gates and cx). Rules marked partial apply only to
 * some parameters (Clifford+T words need multiples of π/4): when one does not apply, the input is
 * not expressible exactly and translation refuses it.
 * @see arXiv:2405.08810 (Javadi-Abhari et al., Quantum computing with Qiskit, §basis translation)
 */
import { expandGates, gateSpec, gateNames, instruction, isGate, type GateName, type Instruction } from '../compiler/circuit/index.js';
import { TargetError } from '../compiler/errors.js';
import { piQuarterMultiple } from './primitives/angles.js';

const PI = Math.PI;
type Build = (q: readonly number[], p: readonly number[]) => Instruction[] | undefined;

interface Rule {
  readonly from: GateName;
  /** The gates it emits (a partial rule: a typical word). */
  readonly uses: readonly GateName[];
  readonly build: Build;
  /** Applies to some parameter values only (exact Clifford+T words). */
  readonly partial?: boolean;
}

const one = (gate: GateName, params: number[] = []) => (q: readonly number[]): Instruction => instruction(gate, [q[0]!], params);
const rule = (from: GateName, uses: GateName[], build: Build, partial = false): Rule => ({ from, uses, build, ...(partial ? { partial } : {}) });
const seq = (...gs: Array<(q: readonly number[]) => Instruction>): Build => (q) => gs.map((g) => g(q));

/** Phase word for p(kπ/4) over {t, tdg, s, sdg}, with z as s·s. */
const PHASE_WORDS: ReadonlyArray<readonly GateName[]> = [[], ['t'], ['s'], ['s', 't'], ['s', 's'], ['sdg', 'tdg'], ['sdg'], ['tdg']];
const phaseWord: Build = (q, p) => {
  const k = piQuarterMultiple(p[0]!);
  return k === undefined ? undefined : PHASE_WORDS[k]!.map((g) => instruction(g, [q[0]!]));
};

/** The rule library (one- and two-qubit); every rule is checked against its gate in the tests. */
export const RULES: readonly Rule[] = [
  // Phase gates ↔ Z rotations (equal up to global phase).
  rule('t', ['rz'], (q) => [instruction('rz', [q[0]!], [PI / 4])]),
  rule('tdg', ['rz'], (q) => [instruction('rz', [q[0]!], [-PI / 4])]),
  rule('s', ['rz'], (q) => [instruction('rz', [q[0]!], [PI / 2])]),
  rule('sdg', ['rz'], (q) => [instruction('rz', [q[0]!], [-PI / 2])]),
  rule('z', ['rz'], (q) => [instruction('rz', [q[0]!], [PI])]),
  rule('s', ['t', 't'], seq(one('t'), one('t'))),
  rule('sdg', ['tdg', 'tdg'], seq(one('tdg'), one('tdg'))),
  rule('z', ['s', 's'], seq(one('s'), one('s'))),
  rule('p', ['rz'], (q, p) => [instruction('rz', [q[0]!], [p[0]!])]),
  rule('u1', ['rz'], (q, p) => [instruction('rz', [q[0]!], [p[0]!])]),
  rule('rz', ['p'], (q, p) => [instruction('p', [q[0]!], [p[0]!])]),
  rule('rz', ['s', 't'], phaseWord, true),
  rule('p', ['s', 't'], phaseWord, true),
  // Paulis, Hadamard and square roots of X.
  rule('x', ['h', 'z', 'h'], seq(one('h'), one('z'), one('h'))),
  rule('x', ['sx', 'sx'], seq(one('sx'), one('sx'))),
  rule('x', ['rx'], (q) => [instruction('rx', [q[0]!], [PI])]),
  rule('y', ['z', 'x'], seq(one('z'), one('x'))),
  rule('y', ['ry'], (q) => [instruction('ry', [q[0]!], [PI])]),
  rule('h', ['rz', 'sx', 'rz'], (q) => [instruction('rz', [q[0]!], [PI / 2]), instruction('sx', [q[0]!]), instruction('rz', [q[0]!], [PI / 2])]),
  rule('h', ['z', 'ry'], (q) => [instruction('z', [q[0]!]), instruction('ry', [q[0]!], [PI / 2])]),
  rule('sx', ['h', 's', 'h'], seq(one('h'), one('s'), one('h'))),
  rule('sx', ['rx'], (q) => [instruction('rx', [q[0]!], [PI / 2])]),
  rule('sxdg', ['h', 'sdg', 'h'], seq(one('h'), one('sdg'), one('h'))),
  rule('sxdg', ['rx'], (q) => [instruction('rx', [q[0]!], [-PI / 2])]),
  // Rotations: Rx = H·Rz·H, Ry = S·Rx·S†, U = Rz·Ry·Rz.
  rule('rx', ['h', 'rz', 'h'], (q, p) => [instruction('h', [q[0]!]), instruction('rz', [q[0]!], [p[0]!]), instruction('h', [q[0]!])]),
  rule('ry', ['sdg', 'rx', 's'], (q, p) => [instruction('sdg', [q[0]!]), instruction('rx', [q[0]!], [p[0]!]), instruction('s', [q[0]!])]),
  rule('ry', ['rz', 'rx', 'rz'], (q, p) => [instruction('rz', [q[0]!], [-PI / 2]), instruction('rx', [q[0]!], [p[0]!]), instruction('rz', [q[0]!], [PI / 2])]),
  rule('U', ['rz', 'ry', 'rz'], (q, p) => [instruction('rz', [q[0]!], [p[2]!]), instruction('ry', [q[0]!], [p[0]!]), instruction('rz', [q[0]!], [p[1]!])]),
  rule('u3', ['U'], (q, p) => [instruction('U', [q[0]!], [...p])]),
  rule('U', ['u3'], (q, p) => [instruction('u3', [q[0]!], [...p])]),
  rule('u2', ['U'], (q, p) => [instruction('U', [q[0]!], [PI / 2, p[0]!, p[1]!])]),
  rule('rz', ['U'], (q, p) => [instruction('U', [q[0]!], [0, 0, p[0]!])]),
  rule('h', ['U'], (q) => [instruction('U', [q[0]!], [PI / 2, 0, PI])]),
  rule('x', ['U'], (q) => [instruction('U', [q[0]!], [PI, 0, PI])]),
  rule('id', [], () => []),
  // Entanglers.
  rule('cx', ['h', 'cz', 'h'], (q) => [instruction('h', [q[1]!]), instruction('cz', [q[0]!, q[1]!]), instruction('h', [q[1]!])]),
  rule('cz', ['h', 'cx', 'h'], (q) => [instruction('h', [q[1]!]), instruction('cx', [q[0]!, q[1]!]), instruction('h', [q[1]!])]),
  rule('swap', ['cx', 'cx', 'cx'], (q) => [instruction('cx', [q[0]!, q[1]!]), instruction('cx', [q[1]!, q[0]!]), instruction('cx', [q[0]!, q[1]!])]),
];

export interface RulePlan {
  /** Gates reachable, with the rule chosen for each (absent: in the basis). */
  readonly choice: ReadonlyMap<GateName, Rule>;
  readonly cost: ReadonlyMap<GateName, number>;
  readonly basis: ReadonlySet<string>;
}

const PARTIAL_PENALTY = 1000;

/** Cheapest rule chains into `basis` (cost: basis gates emitted) for every gate that has one (Bellman–Ford). */
export function planRules(basis: ReadonlySet<string>): RulePlan {
  const cost = new Map<GateName, number>();
  const choice = new Map<GateName, Rule>();
  for (const g of basis) cost.set(g as GateName, 1);
  for (let round = 0; round < RULES.length; round++) {
    let changed = false;
    for (const r of RULES) {
      if (basis.has(r.from)) continue;
      let c = r.partial ? PARTIAL_PENALTY : 0;
      for (const u of r.uses) c += cost.get(u) ?? Infinity;
      if (c < (cost.get(r.from) ?? Infinity)) {
        cost.set(r.from, c);
        choice.set(r.from, r);
        changed = true;
      }
    }
    if (!changed) break;
  }
  return { choice, cost, basis };
}

const ONE_QUBIT: ReadonlySet<string> = new Set(gateNames().filter((n) => gateSpec(n)!.qubits === 1 && !gateSpec(n)!.variadic));

/**
 * Rewrite one instruction into basis gates by the plan, recursively; multi-qubit gates without a
 * rule are expanded by their definitions first. Throws TargetError when nothing reaches the basis
 * or a partial rule does not apply to the instruction's parameters.
 */
export function translateByRules(inst: Instruction, plan: RulePlan, describe: () => string, out: Instruction[] = []): Instruction[] {
  if (!isGate(inst) || plan.basis.has(inst.gate) || inst.gate === 'gphase') {
    if (inst.gate !== 'gphase') out.push(inst);
    return out;
  }
  const r = plan.choice.get(inst.gate);
  if (r !== undefined) {
    const rewritten = r.build(inst.qubits, inst.params);
    if (rewritten === undefined) {
      throw new TargetError(`${describe()}: '${inst.gate}(${inst.params.map((p) => p.toPrecision(6)).join(', ')})' has no exact form in the basis {${[...plan.basis].join(', ')}}; this basis takes only circuits that are exactly Clifford+T (angles multiples of π/4)`);
    }
    for (const x of rewritten) translateByRules(inst.condition ? { ...x, condition: inst.condition } : x, plan, describe, out);
    return out;
  }
  const keep = new Set<string>([...ONE_QUBIT, 'cx']);
  const expanded = expandGates([inst], keep);
  if (expanded.length === 1 && expanded[0]!.gate === inst.gate) {
    throw new TargetError(`${describe()}: gate '${inst.gate}' cannot be written in the basis {${[...plan.basis].join(', ')}} (no equivalence rule reaches it)`);
  }
  for (const x of expanded) translateByRules(x, plan, describe, out);
  return out;
}
