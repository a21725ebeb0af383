/**
 * Basis translation: every gate becomes the target's native gates. Multi-qubit gates are first
 * expanded through the library definitions down to one-qubit gates and cx; each cx becomes the
 * target's entangler (cz for IBM Heron, ecr in the edge's own direction for IBM Eagle, ms for IonQ
 * Aria, zz for IonQ Forte); one-qubit runs are fused and resynthesised (rz·sx for IBM, rz·ry for
 * IonQ QIS). For IonQ native targets rz is virtual: it is tracked as a frame per qubit and
 * absorbed into the phases of later gpi/gpi2/ms gates (zz commutes with it); a frame left at the
 * end of an unmeasured wire is written as gpi(β/2)·gpi(0). Without conditions, IonQ native lowering
 * maps rxx/ryy/rzz straight onto ms/zz and merges one-qubit runs minimally (ionq-native.ts).
 * Angles stay in radians here.
 * @see docs/backends.md §A8, §B4–B5
 */
import { expandGates, gateSpec, gateNames, instruction, withInstructions, type Circuit, type GateName, type Instruction } from '../compiler/circuit/index.js';
import { TargetError } from '../compiler/errors.js';
import { oneQubitToInstructions, runMatrix, type OneQubitBasis } from '../compiler/synthesis/one-qubit.js';
import { definePass, type Pass } from './pass.js';
import { fuseSingleQubit, fuseSingleQubitList, type FuseOptions } from './fuse-single-qubit.js';
import { cancelInverses } from './cancel-inverses.js';
import { planRules, translateByRules, type RulePlan } from './equivalence-rules.js';
import { oneQubitSynthesisFor, type OneQubitSynthesis } from './one-qubit-forms.js';
import { decomposeMultiQubitList } from './decompose-multi-qubit.js';
import { hasEdge, isDeviceFamily, type Target } from './targets/target.js';
import { lowerPauliRotation, mergeIonqNative } from './ionq-native.js';
import { lowerSymbolicToBasis } from './symbolic-basis.js';
import { fenceSymbolic, unfence } from './primitives/symbolic-fence.js';

const PI = Math.PI;
type Entangler = 'cx' | 'cz' | 'ecr' | 'ms' | 'zz';
type OneQ = OneQubitBasis | 'ionq-native';

interface Strategy {
  readonly entangler: Entangler;
  readonly oneQubit: OneQ;
  /** Gates a one-qubit run may keep. */
  readonly allowed1q: ReadonlySet<string>;
  /** Targets other than the built-in devices: the rule plan and the one-qubit form (null: exact Clifford+T only). */
  readonly rules?: { readonly plan: RulePlan; readonly synthesis: OneQubitSynthesis | null };
}

const CLIFFORD_T_WORDS = ['h', 's', 'sdg', 't', 'tdg', 'x'] as const;

/** The tuned device lowering's strategy for a basis, or undefined when it has none. */
function deviceStrategy(b: ReadonlySet<string>, allowed1q: ReadonlySet<string>): Strategy | undefined {
  const entangler: Entangler | undefined = (['cx', 'cz', 'ecr', 'ms', 'zz'] as const).find((e) => b.has(e));
  let oneQubit: OneQ | undefined;
  if (b.has('gpi') && b.has('gpi2')) oneQubit = 'ionq-native';
  else if (b.has('rz') && b.has('sx')) oneQubit = 'zsx';
  else if (b.has('rz') && b.has('ry')) oneQubit = 'zyz';
  else if (b.has('U') && b.has('rz')) oneQubit = 'u3';
  return entangler === undefined || oneQubit === undefined ? undefined : { entangler, oneQubit, allowed1q };
}

/**
 * How to reach the target's basis: the tuned device lowering where it applies (always for the
 * built-in devices), else the equivalence-rule plan; throws TargetError when neither can.
 */
export function strategyFor(target: Target): Strategy | null {
  const b = target.basisGates;
  if (b === null) return null;
  const allowed1q = new Set([...b].filter((g) => gateSpec(g)?.qubits === 1 && !gateSpec(g)?.variadic));
  const device = deviceStrategy(b, allowed1q);
  if (device !== undefined) return device;
  const list = `{${[...b].join(', ')}}`;
  if (isDeviceFamily(target.family)) throw new TargetError(`target ${target.name}: basis ${list} has no supported entangler or one-qubit gates`);
  const plan = planRules(b);
  const entangler = (['cx', 'cz'] as const).find((e) => b.has(e) && (plan.cost.get('cx') ?? Infinity) < Infinity);
  if (entangler === undefined) throw new TargetError(`target ${target.name}: basis ${list} has no entangler the translator reaches (cx or cz)`);
  const synthesis = oneQubitSynthesisFor(b);
  if (synthesis === null && !CLIFFORD_T_WORDS.every((g) => b.has(g))) {
    throw new TargetError(`target ${target.name}: basis ${list} cannot express arbitrary one-qubit gates (need rz with sx and x, ry, rx or h; U or u3; or the Clifford+T set h, s, sdg, t, tdg, x)`);
  }
  return { entangler, oneQubit: 'zyz', allowed1q, rules: { plan, synthesis } };
}

/** The target is translated by the equivalence-rule plan (not the device lowering). */
export function usesRulePlan(target: Target): boolean {
  return target.basisGates !== null && strategyFor(target)?.rules !== undefined;
}

/**
 * Translation by the rule plan (targets other than the built-in devices): every gate by its
 * cheapest rule chain, cx turned where the coupling map has only the other direction, then every
 * one-qubit run resynthesised in the basis' Euler form when that is shorter (Clifford+T bases keep
 * the exact words and only shorten their Clifford segments).
 */
function translateByPlan(instructions: readonly Instruction[], numQubits: number, target: Target, st: Strategy, plan: RulePlan, synthesis: OneQubitSynthesis | null): Instruction[] {
  const wide = decomposeMultiQubitList(instructions, numQubits);
  const out: Instruction[] = [];
  wide.forEach((inst, k) => {
    for (const x of translateByRules(inst, plan, () => `target ${target.name}, instruction ${k}`)) {
      if (x.qubits.length === 2 && x.gate === 'cx' && !hasEdge(target, x.qubits[0]!, x.qubits[1]!)) {
        const seq = lowerCx(x.qubits[0]!, x.qubits[1]!, 'cx', target).flatMap((y) => translateByRules(y, plan, () => `target ${target.name}, instruction ${k}`));
        out.push(...(x.condition ? seq.map((y) => ({ ...y, condition: x.condition! })) : seq));
      } else out.push(x);
    }
  });
  const options: FuseOptions = synthesis === null
    ? { basis: 'zyz', allowed: st.allowed1q }
    : { basis: 'zyz', allowed: st.allowed1q, synthesis, keepShorterLegal: true };
  return fuseSingleQubitList(out, numQubits, options, target);
}

const g1 = (gate: GateName, q: number, params: number[] = []): Instruction => instruction(gate, [q], params);
const g2 = (gate: GateName, a: number, b: number, params: number[] = []): Instruction => instruction(gate, [a, b], params);

/** cx(c, t) in the target's entangler, respecting edge direction where it matters (ecr). */
function lowerCx(c: number, t: number, ent: Entangler, target: Target): Instruction[] {
  switch (ent) {
    case 'cx':
      if (hasEdge(target, c, t)) return [g2('cx', c, t)];
      // Reverse a cx through Hadamards when only the other direction exists.
      return [g1('h', c), g1('h', t), g2('cx', t, c), g1('h', c), g1('h', t)];
    case 'cz':
      return [g1('h', t), hasEdge(target, c, t) ? g2('cz', c, t) : g2('cz', t, c), g1('h', t)];
    case 'ecr':
      if (hasEdge(target, c, t)) return [g1('rz', c, [-PI / 2]), g1('ry', c, [PI]), g1('rx', t, [PI / 2]), g2('ecr', c, t)];
      return [g1('h', c), g1('h', t), g1('rz', t, [-PI / 2]), g1('ry', t, [PI]), g1('rx', c, [PI / 2]), g2('ecr', t, c), g1('h', c), g1('h', t)];
    case 'ms':
      return [g1('ry', c, [PI / 2]), g2('ms', c, t, [0, 0, PI / 2]), g1('rx', c, [-PI / 2]), g1('rx', t, [-PI / 2]), g1('ry', c, [-PI / 2])];
    case 'zz':
      return [g1('h', t), g2('zz', c, t, [-PI / 2]), g1('rz', c, [PI / 2]), g1('rz', t, [PI / 2]), g1('h', t)];
  }
}

const ONE_QUBIT_GATES: ReadonlySet<string> = new Set(gateNames().filter((n) => gateSpec(n)!.qubits === 1 && !gateSpec(n)!.variadic));

/** Rewrite IonQ-native-ready gates (rz, sx, sxdg, x) with virtual-Z frames into gpi/gpi2/ms/zz. */
function applyVirtualZ(instructions: readonly Instruction[], numQubits: number): Instruction[] {
  const frame = new Float64Array(numQubits);
  const out: Instruction[] = [];
  const measured = new Set<number>();
  for (const inst of instructions) {
    const q = inst.qubits[0]!;
    switch (inst.gate) {
      case 'rz': frame[q] = frame[q]! + inst.params[0]!; continue;
      // gpi(φ)·Rz(β) = Rz(β)·gpi(φ − β): the frame moves on, the phase shifts by −β.
      case 'sx': out.push(g1('gpi2', q, [-frame[q]!])); continue;
      case 'sxdg': out.push(g1('gpi2', q, [PI - frame[q]!])); continue;
      case 'x': out.push(g1('gpi', q, [-frame[q]!])); continue;
      case 'ms': {
        const b = inst.qubits[1]!;
        out.push(g2('ms', q, b, [inst.params[0]! - frame[q]!, inst.params[1]! - frame[b]!, inst.params[2]!]));
        continue;
      }
      case 'measure': inst.qubits.forEach((m) => measured.add(m)); out.push(inst); continue;
      default: out.push(inst);
    }
  }
  // A frame left on a wire that is never measured is part of the unitary: write Rz(β) = gpi(β/2)·gpi(0).
  for (let q = 0; q < numQubits; q++) {
    const beta = frame[q]!;
    if (measured.has(q) || Math.abs(Math.sin(beta / 2)) < 1e-12) continue;
    out.push(g1('gpi', q, [0]), g1('gpi', q, [beta / 2]));
  }
  return out;
}

/** Translate an instruction list to the target's basis (identity for targets without a basis). */
function translateList(instructions: readonly Instruction[], numQubits: number, target: Target): Instruction[] {
  const st = strategyFor(target);
  if (st === null) return [...instructions];
  if (st.rules) return translateByPlan(instructions, numQubits, target, st, st.rules.plan, st.rules.synthesis);
  const wide = decomposeMultiQubitList(instructions, numQubits);
  // Keep the target's own two-qubit gates where they are legal; expand everything else to 1q + cx.
  const keep = new Set<string>([...ONE_QUBIT_GATES, 'cx']);
  const expanded: Instruction[] = [];
  for (const inst of wide) {
    if (inst.gate === 'gphase') continue;
    if (inst.qubits.length === 2 && inst.gate === st.entangler && hasEdge(target, inst.qubits[0]!, inst.qubits[1]!)
      && !(inst.gate === 'ms' && (inst.params[2]! < 0 || inst.params[2]! > PI / 2))) {
      expanded.push(inst);
      continue;
    }
    // IonQ: rxx/ryy/rzz go straight onto ms/zz (one entangler, not two cx).
    const pauli = (st.entangler === 'ms' || st.entangler === 'zz') && !inst.condition ? lowerPauliRotation(inst, st.entangler) : null;
    if (pauli !== null) {
      expanded.push(...pauli);
      continue;
    }
    for (const e of expandGates([inst], keep)) if (e.gate !== 'gphase') expanded.push(e);
  }
  const lowered: Instruction[] = [];
  for (const inst of expanded) {
    if (inst.gate !== 'cx') {
      lowered.push(inst);
      continue;
    }
    const seq = lowerCx(inst.qubits[0]!, inst.qubits[1]!, st.entangler, target);
    lowered.push(...(inst.condition ? seq.map((s) => ({ ...s, condition: inst.condition! })) : seq));
  }
  // IonQ native without conditions: merge every one-qubit run into the fewest gpi/gpi2 with virtual Z.
  if (st.oneQubit === 'ionq-native' && !lowered.some((i) => i.condition)) return mergeIonqNative(lowered, numQubits);
  const basis1: OneQubitBasis = st.oneQubit === 'ionq-native' ? 'zsx' : st.oneQubit;
  const allowed = st.oneQubit === 'ionq-native' ? new Set(['rz', 'sx', 'sxdg', 'x']) : st.allowed1q;
  let fused = fuseSingleQubitList(lowered, numQubits, { basis: basis1, allowed, force: true }, target);
  // Conditioned one-qubit gates are not fused; resynthesise each on its own.
  fused = fused.flatMap((inst) => {
    if (!inst.condition || inst.qubits.length !== 1 || allowed.has(inst.gate)) return [inst];
    return oneQubitToInstructions(runMatrix([{ gate: inst.gate, qubits: [0], params: inst.params }]), inst.qubits[0]!, { basis: basis1 })
      .map((i) => ({ ...i, condition: inst.condition! }));
  });
  return st.oneQubit === 'ionq-native' ? applyVirtualZ(fused, numQubits) : fused;
}

/** Symbolic gates into the basis first (symbolic-basis.ts), then the numeric gates, the symbolic ones fenced off. */
function translateCircuit(circuit: Circuit, target: Target): Circuit {
  if (!circuit.instructions.some((i) => i.exprs !== undefined)) return withInstructions(circuit, translateList(circuit.instructions, circuit.numQubits, target));
  const fenced = fenceSymbolic(withInstructions(circuit, lowerSymbolicToBasis(circuit.instructions, target)));
  return unfence(withInstructions(fenced.circuit, translateList(fenced.circuit.instructions, circuit.numQubits, target)), fenced, 'translate-basis');
}

/** Every gate into the target's basis, two-qubit gates in their coupler's direction (identity without a basis). */
export const translateBasis: Pass = definePass(
  { name: 'translate-basis', requires: ['coupled'], guarantees: ['basis', 'connectivity', 'ms-angle'], symbolic: 'supported' },
  (circuit, ctx) => translateCircuit(circuit, ctx.target),
);

/** Clean-up after translation that stays in the basis: cancellation, then one-qubit fusion in the basis' form. */
export const cleanUpInBasis: Pass = definePass({ name: 'clean-up-in-basis', requires: ['basis'], guarantees: [], symbolic: 'supported' }, (circuit, ctx) => {
  const st = strategyFor(ctx.target);
  if (st === null) return circuit;
  const c = cancelInverses.run(circuit, ctx);
  // Nothing after this stage cancels again: free the memo (a graph of the whole lowered circuit).
  ctx.propertySet.delete('cancelInversesFixedPoint');
  // Exact Clifford+T bases keep their words (only legal, shorter Clifford segments replace them).
  if (st.rules) return (st.rules.synthesis === null ? fuseSingleQubit({ basis: 'zyz', allowed: st.allowed1q }) : fuseSingleQubit()).run(c, ctx);
  return st.oneQubit === 'ionq-native' ? c : fuseSingleQubit({ basis: st.oneQubit, allowed: st.allowed1q }).run(c, ctx);
});
