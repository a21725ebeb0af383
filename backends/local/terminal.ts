/**
 * Circuits whose measurements are all terminal: one run of gates, then a map from qubit outcomes
 * to classical bits. Such circuits need one simulation, not one per measurement branch.
 */
import { isDirective, type Circuit, type Instruction } from '../../compiler/circuit/index.js';
import type { Amplitudes } from './kernels.js';

export interface TerminalForm {
  /** Every gate of the circuit in order (gates on unmeasured qubits commute past earlier measurements). */
  readonly gates: readonly Instruction[];
  /** For each clbit, the qubit whose outcome it holds (the last measurement into it), or −1. */
  readonly source: Int32Array;
}

/** The terminal form, or undefined when a measurement is followed by a gate on its qubit, a reset or a condition. */
export function terminalForm(circuit: Circuit): TerminalForm | undefined {
  const measured = new Set<number>();
  const gates: Instruction[] = [];
  const source = new Int32Array(circuit.numClbits).fill(-1);
  for (const inst of circuit.instructions) {
    if (inst.condition || inst.gate === 'reset') return undefined;
    if (inst.gate === 'measure') {
      inst.qubits.forEach((q, j) => {
        measured.add(q);
        source[inst.clbits![j]!] = q;
      });
      continue;
    }
    if (isDirective(inst)) continue;
    if (inst.qubits.some((q) => measured.has(q))) return undefined;
    gates.push(inst);
  }
  return { gates, source };
}

/** Per byte of a qubit index, a table of the clbit bits it sets: index → outcome in four lookups. */
function byteTables(source: Int32Array): Int32Array[] {
  const tables = [0, 1, 2, 3].map(() => new Int32Array(256));
  source.forEach((q, c) => {
    if (q < 0) return;
    const t = tables[q >> 3]!;
    const bit = 1 << (q & 7);
    for (let v = 0; v < 256; v++) if (v & bit) t[v]! |= 1 << c;
  });
  return tables;
}

/** The distribution over clbits (width bits) implied by measuring the interleaved state `data`. */
export function marginalToClbits(data: Amplitudes, n: number, source: Int32Array, width: number): Float64Array {
  const out = new Float64Array(2 ** width);
  const [t0, t1, t2, t3] = byteTables(source) as [Int32Array, Int32Array, Int32Array, Int32Array];
  const dim = 2 ** n;
  for (let i = 0; i < dim; i++) {
    const p = data[2 * i]! * data[2 * i]! + data[2 * i + 1]! * data[2 * i + 1]!;
    if (p === 0) continue;
    const k = t0[i & 255]! | t1[(i >>> 8) & 255]! | t2[(i >>> 16) & 255]! | t3[(i >>> 24) & 255]!;
    out[k]! += p;
  }
  return out;
}

/** Counts over qubit outcomes mapped to counts over clbits. */
export function mapQubitCounts(counts: ReadonlyMap<number, number>, source: Int32Array): Map<number, number> {
  const [t0, t1, t2, t3] = byteTables(source) as [Int32Array, Int32Array, Int32Array, Int32Array];
  const out = new Map<number, number>();
  for (const [i, c] of counts) {
    const k = t0[i & 255]! | t1[(i >>> 8) & 255]! | t2[(i >>> 16) & 255]! | t3[(i >>> 24) & 255]!;
    out.set(k, (out.get(k) ?? 0) + c);
  }
  return out;
}
