/**
 * Circuit statistics as `qntk stats` reports them, shared by every stage that prints
 * before/after figures. Definitions:
 * - size: unitary gates (everything except measure, reset, barrier; gphase counts as a gate).
 * - depth: longest chain of operations sharing a qubit or clbit (measure targets and condition
 *   bits are wires too); every operation except barriers counts, barriers are ignored entirely.
 * - counts: instructions per canonical name, including measure/reset/barrier (as Qiskit's count_ops).
 * - twoQubit / multiQubit: gates on exactly two / on three or more qubits.
 * - tCount: t, tdg, and rz/p/u1 whose angle is an odd multiple of π/4.
 * - twoQubitDepth: depth counting only gates on two or more qubits.
 * - qubitsUsed: qubits some instruction other than a barrier touches (a device program declares
 *   the device's whole register; this is what it uses).
 */
import type { Circuit } from './circuit.js';
import { NON_UNITARY } from './gates.js';

export interface CircuitStats {
  readonly qubits: number;
  readonly qubitsUsed: number;
  readonly clbits: number;
  readonly depth: number;
  readonly size: number;
  readonly counts: Readonly<Record<string, number>>;
  readonly twoQubit: number;
  readonly multiQubit: number;
  readonly tCount: number;
  readonly twoQubitDepth: number;
}

const QUARTER = Math.PI / 4;

/** True for an angle that is an odd multiple of π/4 (a T gate up to Cliffords). */
export function isOddQuarterPi(theta: number): boolean {
  const k = theta / QUARTER;
  const r = Math.round(k);
  return Math.abs(k - r) < 1e-9 && Math.abs(r % 2) === 1;
}

/** The statistics of a circuit (one pass over the instructions). */
export function circuitStats(circuit: Circuit): CircuitStats {
  const nq = circuit.numQubits, nc = circuit.numClbits;
  const qLevel = new Int32Array(nq), cLevel = new Int32Array(nc), q2Level = new Int32Array(nq);
  const counts: Record<string, number> = {};
  let depth = 0, size = 0, twoQubit = 0, multiQubit = 0, tCount = 0, twoQubitDepth = 0, qubitsUsed = 0;
  const used = new Uint8Array(nq);
  for (const inst of circuit.instructions) {
    const g = inst.gate;
    counts[g] = (counts[g] ?? 0) + 1;
    if (g === 'barrier') continue;
    const qs = inst.qubits;
    for (const q of qs) if (used[q] === 0) {
      used[q] = 1;
      qubitsUsed++;
    }
    const cs = inst.clbits;
    const cond = inst.condition?.clbits;
    if (qs.length > 0 || cs !== undefined || cond !== undefined) {
      let level = 0;
      for (const q of qs) if (qLevel[q]! > level) level = qLevel[q]!;
      if (cs) for (const b of cs) if (cLevel[b]! > level) level = cLevel[b]!;
      if (cond) for (const b of cond) if (cLevel[b]! > level) level = cLevel[b]!;
      level++;
      for (const q of qs) qLevel[q] = level;
      if (cs) for (const b of cs) cLevel[b] = level;
      if (cond) for (const b of cond) cLevel[b] = level;
      if (level > depth) depth = level;
    }
    if (NON_UNITARY.has(g)) continue;
    size++;
    const n = qs.length;
    if (n === 2) twoQubit++;
    else if (n > 2) multiQubit++;
    if (n >= 2) {
      let level = 0;
      for (const q of qs) if (q2Level[q]! > level) level = q2Level[q]!;
      level++;
      for (const q of qs) q2Level[q] = level;
      if (level > twoQubitDepth) twoQubitDepth = level;
    }
    if (g === 't' || g === 'tdg' || ((g === 'rz' || g === 'p' || g === 'u1') && isOddQuarterPi(inst.params[0] ?? 0))) tCount++;
  }
  return { qubits: nq, qubitsUsed, clbits: nc, depth, size, counts, twoQubit, multiQubit, tCount, twoQubitDepth };
}
