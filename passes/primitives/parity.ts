/**
 * Affine parity tracking over path variables (the sum-over-paths view of a circuit): every wire
 * holds f ⊕ c where f is a XOR of variables (a bigint bitset) and c a constant bit. cx, x and swap
 * update parities; diagonal gates leave them alone; any other gate, and every non-unitary or
 * conditioned operation, gives each of its qubits a fresh variable. Two diagonal phase terms with
 * the same f may be merged wherever the circuit holds f (Amy–Maslov–Mosca phase folding, Nam's
 * rotation merging).
 * @see arXiv:1710.07345 (Nam et al., §4.3 rotation merging)
 * @see arXiv:1303.2042 (Amy, Maslov, Mosca, Tpar: phase folding)
 */
import { gateSpec, NON_UNITARY, type Instruction } from '../../compiler/circuit/index.js';

export interface WireValue {
  readonly parity: bigint;
  readonly negated: boolean;
}

/** Running parities of every wire; call `step` for each instruction in order. */
export class ParityTracker {
  private readonly par: bigint[];
  private readonly neg: boolean[];
  private nextVar: number;

  constructor(numQubits: number) {
    this.par = Array.from({ length: numQubits }, (_, q) => 1n << BigInt(q));
    this.neg = new Array<boolean>(numQubits).fill(false);
    this.nextVar = numQubits;
  }

  value(q: number): WireValue {
    return { parity: this.par[q]!, negated: this.neg[q]! };
  }

  private fresh(q: number): void {
    this.par[q] = 1n << BigInt(this.nextVar++);
    this.neg[q] = false;
  }

  /** Advance past one instruction. */
  step(inst: Instruction): void {
    const qs = inst.qubits;
    if (inst.condition || NON_UNITARY.has(inst.gate)) {
      for (const q of qs) this.fresh(q);
      return;
    }
    switch (inst.gate) {
      case 'cx': {
        const c = qs[0]!, t = qs[1]!;
        this.par[t] = this.par[t]! ^ this.par[c]!;
        this.neg[t] = this.neg[t] !== this.neg[c];
        return;
      }
      case 'x':
        this.neg[qs[0]!] = !this.neg[qs[0]!];
        return;
      case 'swap': {
        const a = qs[0]!, b = qs[1]!;
        [this.par[a], this.par[b]] = [this.par[b]!, this.par[a]!];
        [this.neg[a], this.neg[b]] = [this.neg[b]!, this.neg[a]!];
        return;
      }
      case 'id':
      case 'gphase':
        return;
      default:
        if (gateSpec(inst.gate)?.diagonal) return;
        for (const q of qs) this.fresh(q);
    }
  }
}

/** A Map key for a parity bitset. */
export const parityKey = (p: bigint): string => p.toString(36);
