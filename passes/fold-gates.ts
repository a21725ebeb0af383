/**
 * Gate folding for zero-noise extrapolation: a gate G becomes G·(G†·G)^k, the same unitary with
 * 2k + 1 times the gate's noise. Folding the two-qubit gates (which dominate the error) to a scale
 * λ: with m such gates, round((λ − 1)·m/2) folds are spread over them, every gate folded ⌊·/m⌋
 * times and a seeded random subset once more (mitiq's fold_gates_at_random, restricted to
 * two-qubit gates). 'all' folds every gate that carries error (not frame changes: rz, p, gphase).
 * Inverses are written in the target's gates where the plain inverse is not one: IonQ's
 * ms(φ0, φ1, θ)† = ms(φ0 + π, φ1, θ) (θ must stay in [0, π/2]); sx† = rz(π)·sx·rz(π).
 * The achieved scale is returned with the circuit (it differs from λ by the rounding).
 * @see T. Giurgica-Tiron et al., IEEE QCE 2020, arXiv:2005.10921 (digital zero-noise extrapolation)
 */
import { gateInverse, instruction, withInstructions, type Circuit, type Instruction } from '../compiler/circuit/index.js';
import { ValidationError } from '../compiler/errors.js';
import { createRandom } from '../compiler/linalg/random.js';
import type { Target } from './targets/target.js';

export interface FoldOptions {
  /** Noise scale λ ≥ 1 (1 = unchanged). */
  readonly scale: number;
  /** Which gates fold (default 'two-qubit'). */
  readonly gates?: 'two-qubit' | 'all';
  readonly seed?: number;
  /** Express inverses in this target's basis. */
  readonly target?: Target;
}

export interface FoldedCircuit {
  readonly circuit: Circuit;
  /** (gates after folding) / (foldable gates before), counted over the folded kind. */
  readonly scale: number;
}

const FREE = new Set(['rz', 'p', 'u1', 'gphase', 'id']);

function inverseIn(inst: Instruction, target: Target | undefined): Instruction[] {
  const b = target?.basisGates ?? null;
  if (inst.gate === 'ms') return [instruction('ms', inst.qubits, [inst.params[0]! + Math.PI, inst.params[1]!, inst.params[2]!])];
  if (inst.gate === 'sx' && b !== null && !b.has('sxdg') && b.has('rz')) {
    const q = inst.qubits;
    return [instruction('rz', q, [Math.PI]), instruction('sx', q), instruction('rz', q, [Math.PI])];
  }
  const inv = gateInverse(inst.gate, inst.params);
  return [{ gate: inv.gate, qubits: inst.qubits, params: inv.params }];
}

/** `circuit` with its gates folded to noise scale ≈ `options.scale`. */
export function foldGates(circuit: Circuit, options: FoldOptions): FoldedCircuit {
  const scale = options.scale;
  if (!(scale >= 1) || !Number.isFinite(scale)) throw new ValidationError(`fold scale ${scale}: give a noise scale ≥ 1`);
  const which = options.gates ?? 'two-qubit';
  const foldable = (i: Instruction): boolean => !i.condition && !['measure', 'reset', 'barrier', 'delay'].includes(i.gate)
    && (which === 'all' ? !FREE.has(i.gate) && i.qubits.length > 0 : i.qubits.length === 2);
  const idx = circuit.instructions.flatMap((inst, k) => (foldable(inst) ? [k] : []));
  const m = idx.length;
  if (m === 0) return { circuit, scale: 1 };
  const folds = Math.round(((scale - 1) * m) / 2);
  const each = Math.floor(folds / m);
  const extra = new Set(createRandom(options.seed ?? 1).shuffle(idx).slice(0, folds - each * m));
  const out: Instruction[] = [];
  circuit.instructions.forEach((inst, k) => {
    out.push(inst);
    if (!foldable(inst)) return;
    const times = each + (extra.has(k) ? 1 : 0);
    const inv = inverseIn(inst, options.target);
    for (let t = 0; t < times; t++) out.push(...inv, inst);
  });
  return { circuit: withInstructions(circuit, out), scale: (m + 2 * folds) / m };
}
