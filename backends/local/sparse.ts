/**
 * A pure state stored by its nonzero amplitudes only (basis index → amplitude). Circuits that
 * keep most qubits in basis states — block encodings whose QROM and flag ancillas return to |0⟩,
 * the readout circuits of the NTK pipeline — touch a few thousand amplitudes where a dense
 * state-vector holds 2^n; they simulate here in time proportional to the nonzeros, at any width
 * up to 52 qubits (indices are exact doubles). Permutations (X, CX, Toffoli, MCX, SWAP) move
 * entries, diagonal gates rescale them, other gates mix the 2^k entries of each target group.
 * Amplitudes whose squared magnitude falls below PRUNE are dropped (they carry no probability a
 * double can hold next to an O(1) one).
 * @see the sparse simulator of Microsoft's QDK (Jaques and Häner, arXiv:2105.01533) — the same idea.
 */
import { gateMatrix, gateSpec, isDirective, isGate, requireNumeric, type Circuit, type Instruction } from '../../compiler/circuit/index.js';
import { ResourceError, ValidationError } from '../../compiler/errors.js';
import type { CMatrix } from '../../compiler/linalg/complex.js';
import type { PostselectedState } from './postselect.js';

/** Widest state the index arithmetic keeps exact. */
export const SPARSE_MAX_QUBITS = 52;
/** |amplitude|² below this is dropped. */
const PRUNE = 1e-30;

const POW2 = Array.from({ length: SPARSE_MAX_QUBITS + 1 }, (_, q) => 2 ** q);
const bitOf = (key: number, q: number): number => Math.floor(key / POW2[q]!) % 2;

export interface SparseOptions {
  /** Give up (ResourceError) when more amplitudes than this are nonzero; default 2^22. */
  readonly maxEntries?: number;
}

/** The gate as controls (all must be 1) and a matrix on the remaining target qubits. */
interface Action {
  readonly controls: readonly number[];
  readonly targets: readonly number[];
  readonly matrix: CMatrix;
}

function actionOf(inst: Instruction): Action {
  requireNumeric(inst);
  const spec = gateSpec(inst.gate);
  if (spec === undefined) throw new ValidationError(`sparse simulator: unknown gate '${inst.gate}'`);
  const nc = spec.variadic ? inst.qubits.length - 1 : spec.base === undefined ? 0 : spec.controls;
  const controls = inst.qubits.slice(0, nc), targets = inst.qubits.slice(nc);
  const matrix = nc > 0 && spec.base !== undefined ? gateMatrix(spec.base, inst.params) : gateMatrix(inst.gate, inst.params, inst.qubits.length);
  return { controls, targets, matrix };
}

export class SparseState {
  readonly numQubits: number;
  private amps = new Map<number, [number, number]>();
  private readonly maxEntries: number;

  private constructor(numQubits: number, options: SparseOptions) {
    if (numQubits > SPARSE_MAX_QUBITS) throw new ResourceError(`sparse simulator: ${numQubits} qubits exceed its ${SPARSE_MAX_QUBITS}-qubit index range`);
    this.numQubits = numQubits;
    this.maxEntries = options.maxEntries ?? 2 ** 22;
  }

  /** |0…0⟩. */
  static zero(numQubits: number, options: SparseOptions = {}): SparseState {
    const s = new SparseState(numQubits, options);
    s.amps.set(0, [1, 0]);
    return s;
  }

  /** The state a unitary circuit prepares from |0…0⟩; ResourceError when it stops being sparse. */
  static fromCircuit(circuit: Circuit, options: SparseOptions = {}): SparseState {
    return SparseState.zero(circuit.numQubits, options).applyCircuit(circuit);
  }

  /** Nonzero amplitudes held. */
  get size(): number {
    return this.amps.size;
  }

  /** ψ_index (0 when absent). */
  amplitude(index: number): { re: number; im: number } {
    const a = this.amps.get(index);
    return a === undefined ? { re: 0, im: 0 } : { re: a[0], im: a[1] };
  }

  /** Every nonzero amplitude as [index, re, im]. */
  *entries(): IterableIterator<readonly [number, number, number]> {
    for (const [k, [re, im]] of this.amps) yield [k, re, im];
  }

  applyCircuit(circuit: Circuit): this {
    if (circuit.numQubits !== this.numQubits) throw new ValidationError(`sparse simulator: circuit has ${circuit.numQubits} qubits, state has ${this.numQubits}`);
    for (const inst of circuit.instructions) this.apply(inst);
    return this;
  }

  apply(inst: Instruction): this {
    if (isDirective(inst)) return this;
    if (!isGate(inst) || inst.condition) throw new ValidationError(`sparse simulator: '${inst.gate}' is not a unitary gate; measure the final state instead`);
    if (inst.gate === 'gphase') return this.scale(Math.cos(inst.params[0]!), Math.sin(inst.params[0]!));
    const act = actionOf(inst);
    if (isPermutation(act.matrix)) this.permute(act);
    else if (isDiagonal(act.matrix)) this.phase(act);
    else this.mix(act);
    if (this.amps.size > this.maxEntries) {
      throw new ResourceError(`sparse simulator: ${this.amps.size} nonzero amplitudes after '${inst.gate}', above the limit of ${this.maxEntries}; use the dense simulator`);
    }
    return this;
  }

  private scale(cr: number, ci: number): this {
    for (const a of this.amps.values()) [a[0], a[1]] = [a[0] * cr - a[1] * ci, a[0] * ci + a[1] * cr];
    return this;
  }

  private controlsSet(key: number, controls: readonly number[]): boolean {
    for (const c of controls) if (bitOf(key, c) === 0) return false;
    return true;
  }

  /** Local index of `key` over the target qubits (targets[0] = least significant bit). */
  private local(key: number, targets: readonly number[]): number {
    let l = 0;
    for (let j = 0; j < targets.length; j++) l += bitOf(key, targets[j]!) * POW2[j]!;
    return l;
  }

  private withLocal(base: number, targets: readonly number[], l: number): number {
    let k = base;
    for (let j = 0; j < targets.length; j++) if (Math.floor(l / POW2[j]!) % 2) k += POW2[targets[j]!]!;
    return k;
  }

  private clearTargets(key: number, targets: readonly number[]): number {
    let k = key;
    for (const t of targets) if (bitOf(k, t)) k -= POW2[t]!;
    return k;
  }

  private permute(act: Action): void {
    const m = act.matrix, d = m.rows;
    const next = new Map<number, [number, number]>();
    for (const [key, a] of this.amps) {
      if (!this.controlsSet(key, act.controls)) {
        next.set(key, a);
        continue;
      }
      const l = this.local(key, act.targets);
      for (let r = 0; r < d; r++) {
        const mr = m.re[r * d + l]!, mi = m.im[r * d + l]!;
        if (mr === 0 && mi === 0) continue;
        next.set(this.withLocal(this.clearTargets(key, act.targets), act.targets, r), [a[0] * mr - a[1] * mi, a[0] * mi + a[1] * mr]);
        break;
      }
    }
    this.amps = next;
  }

  private phase(act: Action): void {
    const m = act.matrix, d = m.rows;
    for (const [key, a] of this.amps) {
      if (!this.controlsSet(key, act.controls)) continue;
      const l = this.local(key, act.targets);
      const mr = m.re[l * d + l]!, mi = m.im[l * d + l]!;
      [a[0], a[1]] = [a[0] * mr - a[1] * mi, a[0] * mi + a[1] * mr];
      if (a[0] * a[0] + a[1] * a[1] < PRUNE) this.amps.delete(key);
    }
  }

  private mix(act: Action): void {
    const m = act.matrix, d = m.rows;
    const next = new Map<number, [number, number]>();
    const done = new Set<number>();
    const inRe = new Float64Array(d), inIm = new Float64Array(d);
    for (const [key, a] of this.amps) {
      if (!this.controlsSet(key, act.controls)) {
        next.set(key, a);
        continue;
      }
      const base = this.clearTargets(key, act.targets);
      if (done.has(base)) continue;
      done.add(base);
      for (let l = 0; l < d; l++) {
        const x = this.amps.get(this.withLocal(base, act.targets, l));
        inRe[l] = x === undefined ? 0 : x[0];
        inIm[l] = x === undefined ? 0 : x[1];
      }
      for (let r = 0; r < d; r++) {
        let sr = 0, si = 0;
        for (let l = 0; l < d; l++) {
          const mr = m.re[r * d + l]!, mi = m.im[r * d + l]!;
          sr += mr * inRe[l]! - mi * inIm[l]!;
          si += mr * inIm[l]! + mi * inRe[l]!;
        }
        if (sr * sr + si * si >= PRUNE) next.set(this.withLocal(base, act.targets, r), [sr, si]);
      }
    }
    this.amps = next;
  }

  /**
   * The kept branch, as postselectedState computes it for a dense state: system amplitudes where
   * every [qubit, value] holds; amplitude on other qubits in the kept branch is an error.
   */
  postselected(system: readonly number[], postselect: ReadonlyArray<readonly [number, number]>): PostselectedState {
    const dim = 2 ** system.length;
    const re = new Float64Array(dim), im = new Float64Array(dim);
    const others = Array.from({ length: this.numQubits }, (_, q) => q).filter((q) => !system.includes(q) && !postselect.some(([p]) => p === q));
    let p = 0, leak = 0;
    for (const [key, [a, b]] of this.amps) {
      if (!postselect.every(([q, v]) => bitOf(key, q) === v)) continue;
      const w = a * a + b * b;
      if (others.some((q) => bitOf(key, q) === 1)) {
        leak += w;
        continue;
      }
      const s = this.local(key, system);
      re[s] = re[s]! + a;
      im[s] = im[s]! + b;
      p += w;
    }
    if (leak > 1e-9 * Math.max(p, 1e-300)) {
      throw new ValidationError(`postselected: ${leak.toExponential(2)} of the kept branch sits on qubits that are neither system nor post-selected; list them in postselect`);
    }
    return { re, im, probability: p };
  }

  /** Probabilities of the outcomes of measuring `qubits` (outcome bit j = qubits[j]). */
  marginal(qubits: readonly number[]): Map<number, number> {
    const out = new Map<number, number>();
    for (const [key, [a, b]] of this.amps) {
      const o = this.local(key, qubits);
      out.set(o, (out.get(o) ?? 0) + a * a + b * b);
    }
    return out;
  }
}

/** Exactly one nonzero entry per column: the gate maps basis states to basis states. */
function isPermutation(m: CMatrix): boolean {
  const d = m.rows;
  for (let c = 0; c < d; c++) {
    let nz = 0;
    for (let r = 0; r < d; r++) if (m.re[r * d + c] !== 0 || m.im[r * d + c] !== 0) nz++;
    if (nz !== 1) return false;
  }
  return true;
}

function isDiagonal(m: CMatrix): boolean {
  const d = m.rows;
  for (let r = 0; r < d; r++) for (let c = 0; c < d; c++) if (r !== c && (m.re[r * d + c] !== 0 || m.im[r * d + c] !== 0)) return false;
  return true;
}
