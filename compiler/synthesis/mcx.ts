/**
 * Multi-controlled X, Z and phase gates as cx + one-qubit gates (+ ccx):
 * - no ancilla: the phase recursion C^k P(λ) = CP(λ/2)·C^{k−1}X·CP(−λ/2)·C^{k−1}X·C^{k−1}P(λ/2),
 *   whose C^{k−1}X borrow the target as a dirty ancilla, so the whole is O(k²) CNOTs;
 * - k − 2 dirty ancillas: Barenco's V-chain of 4(k − 2) Toffolis (Lemma 7.2);
 * - one dirty ancilla: two half-size gates, each borrowing the other half (Lemma 7.3), O(k);
 * - one clean ancilla: compute the AND of half the controls with relative-phase Toffolis,
 *   apply the other half, uncompute, O(k).
 * Relative-phase Toffolis (Toffoli up to a diagonal, 3 CNOTs) appear only in compute/uncompute
 * pairs whose middle uses the computed qubit as a control only, so their phases cancel.
 * @see arXiv:quant-ph/9503016 (Barenco et al., Lemmas 7.2, 7.3, 7.5)
 * @see arXiv:1508.03273 (Maslov, relative-phase Toffoli gates)
 */
import { instruction, type GateName, type Instruction, type OperationName } from '../circuit/index.js';
import { SynthesisError } from '../errors.js';

const g = instruction;

function distinct(qs: readonly number[], what: string): void {
  if (new Set(qs).size !== qs.length) throw new SynthesisError(`${what}: qubits [${qs.join(', ')}] must be distinct`);
}

/** X on t when every control is 1, with library gates for up to two controls. */
function small(controls: readonly number[], t: number): Instruction[] {
  if (controls.length === 0) return [g('x', [t])];
  if (controls.length === 1) return [g('cx', [controls[0]!, t])];
  if (controls.length === 2) return [g('ccx', [controls[0]!, controls[1]!, t])];
  throw new SynthesisError(`mcx: ${controls.length} controls need an ancilla or a decomposition`);
}

/**
 * Toffoli up to a diagonal phase on (a, b, t) (3 CNOTs, 4 T): the computational-basis action of
 * ccx(a, b, t) times a diagonal. Its inverse is the reversed sequence with angles negated.
 */
export function relativePhaseToffoli(a: number, b: number, t: number): Instruction[] {
  return [g('h', [t]), g('t', [t]), g('cx', [b, t]), g('tdg', [t]), g('cx', [a, t]), g('t', [t]), g('cx', [b, t]), g('tdg', [t]), g('h', [t])];
}

/** Inverse of a gate sequence made of self-inverse gates and t/tdg/s/sdg. */
function inverseSeq(seq: readonly Instruction[]): Instruction[] {
  const inv: Partial<Record<OperationName, GateName>> = { t: 'tdg', tdg: 't', s: 'sdg', sdg: 's' };
  return [...seq].reverse().map((i) => ({ ...i, gate: inv[i.gate] ?? i.gate }));
}

/**
 * C^k X with k − 2 dirty ancillas (any state, restored): Barenco Lemma 7.2, 4(k − 2) Toffolis.
 * Needs k ≥ 3 and at least k − 2 ancillas (extra ones are ignored).
 */
export function mcxDirtyChain(controls: readonly number[], target: number, dirty: readonly number[]): Instruction[] {
  const k = controls.length;
  if (k <= 2) return small(controls, target);
  if (dirty.length < k - 2) throw new SynthesisError(`mcx: ${k} controls need ${k - 2} dirty ancillas for the V-chain, got ${dirty.length}`);
  const a = dirty.slice(0, k - 2);
  distinct([...controls, target, ...a], 'mcxDirtyChain');
  const c = controls;
  const top = g('ccx', [c[k - 1]!, a[k - 3]!, target]);
  const down: Instruction[] = [];
  for (let i = k - 2; i >= 2; i--) down.push(g('ccx', [c[i]!, a[i - 2]!, a[i - 1]!]));
  const base = g('ccx', [c[0]!, c[1]!, a[0]!]);
  const up = [...down].reverse();
  return [top, ...down, base, ...up, top, ...down, base, ...up];
}

/** C^k X with one dirty ancilla: two halves that borrow each other's qubits (Lemma 7.3). */
export function mcxOneDirtyAncilla(controls: readonly number[], target: number, ancilla: number): Instruction[] {
  const k = controls.length;
  distinct([...controls, target, ancilla], 'mcxOneDirtyAncilla');
  if (k <= 2) return small(controls, target);
  const m1 = Math.ceil(k / 2);
  const c1 = controls.slice(0, m1), c2 = controls.slice(m1);
  const first = mcxDirtyChain(c1, ancilla, [...c2, target]);
  const second = mcxDirtyChain([...c2, ancilla], target, c1);
  return [...first, ...second, ...first, ...second];
}

/** C^k X with one clean ancilla (|0⟩ in, |0⟩ out): AND of half the controls, then the rest. */
export function mcxOneCleanAncilla(controls: readonly number[], target: number, ancilla: number): Instruction[] {
  const k = controls.length;
  distinct([...controls, target, ancilla], 'mcxOneCleanAncilla');
  if (k <= 2) return small(controls, target);
  const m1 = Math.ceil(k / 2);
  const c1 = controls.slice(0, m1), c2 = controls.slice(m1);
  // The AND may carry a diagonal phase on the qubits it touches (c1, c2, ancilla) — never the
  // target — because the middle acts on them as controls only and the uncompute cancels it.
  const compute = andInto(c1, ancilla, c2);
  const second = mcxDirtyChain([...c2, ancilla], target, c1);
  return [...compute, ...second, ...inverseSeq(compute)];
}

/**
 * The AND of `controls` XORed into `t` up to a diagonal phase on the involved qubits: the V-chain
 * with every Toffoli relative-phase (a product of permutations and diagonals is the permutation
 * times a diagonal), borrowing `dirty` (needs controls.length − 2 of them).
 */
function andInto(controls: readonly number[], t: number, dirty: readonly number[]): Instruction[] {
  const k = controls.length;
  if (k === 1) return [g('cx', [controls[0]!, t])];
  return mcxDirtyChain(controls, t, dirty).flatMap((i) => (i.gate === 'ccx' ? relativePhaseToffoli(i.qubits[0]!, i.qubits[1]!, i.qubits[2]!) : [i]));
}

/**
 * C^k P(λ) on controls + target (symmetric), no ancilla: O(k²) CNOTs.
 * @see arXiv:quant-ph/9503016 (Lemma 7.5 with the halving of the angle)
 */
export function mcpNoAncilla(lambda: number, controls: readonly number[], target: number): Instruction[] {
  distinct([...controls, target], 'mcpNoAncilla');
  const k = controls.length;
  if (k === 0) return [g('p', [target], [lambda])];
  if (k === 1) return [g('cp', [controls[0]!, target], [lambda])];
  const last = controls[k - 1]!, rest = controls.slice(0, k - 1);
  // C^{k−1}X onto `last`, borrowing the target as a dirty ancilla when it needs one.
  const flip = rest.length <= 2 ? small(rest, last) : mcxOneDirtyAncilla(rest, last, target);
  return [
    g('cp', [last, target], [lambda / 2]), ...flip, g('cp', [last, target], [-lambda / 2]), ...flip,
    ...mcpNoAncilla(lambda / 2, rest, target),
  ];
}

/** C^k X without ancillas: H·C^k Z·H on the target (quadratic), library gates for k ≤ 2. */
export function mcxNoAncilla(controls: readonly number[], target: number): Instruction[] {
  if (controls.length <= 2) return small(controls, target);
  return [g('h', [target]), ...mcpNoAncilla(Math.PI, controls, target), g('h', [target])];
}

/** C^{n−1} Z on all the qubits (symmetric), without ancillas. */
export function mczNoAncilla(qubits: readonly number[]): Instruction[] {
  const t = qubits[qubits.length - 1]!;
  const c = qubits.slice(0, -1);
  if (c.length === 0) return [g('z', [t])];
  if (c.length === 1) return [g('cz', [c[0]!, t])];
  if (c.length === 2) return [g('ccz', [c[0]!, c[1]!, t])];
  return mcpNoAncilla(Math.PI, c, t);
}

/** Which ancillas a decomposition may use: clean ones are |0⟩ and must be returned to |0⟩. */
export interface McxAncillas {
  readonly clean?: readonly number[];
  readonly dirty?: readonly number[];
}

/** C^k X choosing the cheapest construction the given ancillas allow. */
export function mcx(controls: readonly number[], target: number, ancillas: McxAncillas = {}): Instruction[] {
  const k = controls.length;
  if (k <= 2) return small(controls, target);
  const dirty = ancillas.dirty ?? [], clean = ancillas.clean ?? [];
  if (dirty.length + clean.length >= k - 2) return mcxDirtyChain(controls, target, [...dirty, ...clean]);
  if (clean.length >= 1) return mcxOneCleanAncilla(controls, target, clean[0]!);
  if (dirty.length >= 1) return mcxOneDirtyAncilla(controls, target, dirty[0]!);
  return mcxNoAncilla(controls, target);
}
