/**
 * A circuit and a noise model compiled into one stream of noisy steps, shared by the density-matrix
 * and trajectory engines. The circuit is scheduled (passes/schedule.ts) with the calibrated
 * durations; each qubit's relaxation is accumulated (idle windows, delays, gate durations) and
 * applied just before the next operation that does not commute with it. Relaxation channels on one
 * qubit compose (γ and c multiply through e^{−t/T}), and they commute with operations on other
 * qubits and with diagonal one-qubit gates (thermal relaxation is covariant under Z rotations), so
 * deferring them changes nothing but the number of channel applications.
 */
import { gateSpec, instruction, type Circuit, type Instruction } from '../../../compiler/circuit/index.js';
import { idleWindows, scheduleCircuit } from '../../../passes/schedule.js';
import type { Relaxation } from '../../../passes/targets/error-channels.js';
import type { NoiseModel } from './model.js';

/** One step of a noisy execution. */
export type NoisyStep =
  /** Relaxation of each listed qubit, then the gate, then depolarizing λ on its qubits. */
  | { readonly kind: 'gate'; readonly inst: Instruction; readonly pre: readonly QubitRelaxation[]; readonly lambda: number }
  | { readonly kind: 'relax'; readonly qubit: number; readonly relaxation: Relaxation }
  | { readonly kind: 'measure'; readonly qubit: number; readonly clbit: number }
  | { readonly kind: 'reset'; readonly qubit: number };

export interface QubitRelaxation {
  readonly qubit: number;
  readonly relaxation: Relaxation;
}

export interface NoisyProgram {
  readonly numQubits: number;
  readonly steps: readonly NoisyStep[];
  /** Outcomes are over clbits when the circuit measures, else over every qubit. */
  readonly register: 'clbits' | 'qubits';
  readonly width: number;
  /** For each outcome bit, the qubit read into it (−1: never written). */
  readonly source: Int32Array;
  /** Every measurement is terminal and nothing is conditioned: one final distribution describes the run. */
  readonly terminal: boolean;
  /** Schedule length (ns). */
  readonly durationNs: number;
}

const isNontrivial = (r: Relaxation): boolean => r.gamma > 0 || r.coherence < 1;

function isTerminal(circuit: Circuit): boolean {
  const measured = new Set<number>();
  for (const inst of circuit.instructions) {
    if (inst.condition) return false;
    if (inst.gate === 'barrier') continue;
    if (inst.qubits.some((q) => measured.has(q))) return false;
    if (inst.gate === 'measure') for (const q of inst.qubits) measured.add(q);
  }
  return true;
}

/** Compile `circuit` (on simulator qubits of `model`) into noisy steps. */
export function compileNoisy(circuit: Circuit, model: NoiseModel): NoisyProgram {
  const n = circuit.numQubits;
  const insts = circuit.instructions;
  const schedule = scheduleCircuit(circuit, (i) => model.operation(i).durationNs, model.options.schedule);
  const idleBefore = new Map<number, { qubit: number; t: number }[]>();
  for (const w of idleWindows(circuit, schedule)) {
    const list = idleBefore.get(w.before) ?? [];
    list.push({ qubit: w.qubit, t: w.durationNs });
    idleBefore.set(w.before, list);
  }
  const pending = new Float64Array(n);
  const steps: NoisyStep[] = [];
  const take = (q: number): Relaxation => {
    const r = model.relaxation(q, pending[q]!);
    pending[q] = 0;
    return r;
  };
  const detuning = model.options.idleDetuningHz;
  const drift = (q: number, tNs: number): void => {
    if (detuning !== 0 && tNs > 0) steps.push({ kind: 'gate', inst: instruction('rz', [q], [2 * Math.PI * detuning * tNs * 1e-9]), pre: [], lambda: 0 });
  };
  const flushTo = (q: number): void => {
    const r = take(q);
    if (isNontrivial(r)) steps.push({ kind: 'relax', qubit: q, relaxation: r });
  };
  insts.forEach((inst, k) => {
    for (const w of idleBefore.get(k) ?? []) {
      pending[w.qubit]! += w.t;
      drift(w.qubit, w.t);
    }
    switch (inst.gate) {
      case 'barrier':
        return;
      case 'delay':
        for (const q of inst.qubits) {
          pending[q]! += model.operation(inst).durationNs;
          drift(q, model.operation(inst).durationNs);
        }
        return;
      case 'measure':
        inst.qubits.forEach((q, j) => {
          flushTo(q);
          steps.push({ kind: 'measure', qubit: q, clbit: inst.clbits![j]! });
        });
        return;
      case 'reset':
        for (const q of inst.qubits) {
          flushTo(q);
          steps.push({ kind: 'reset', qubit: q });
        }
        return;
      default: {
        const op = model.operation(inst);
        const commutes = inst.qubits.length === 1 && gateSpec(inst.gate)?.diagonal === true;
        const pre = commutes ? [] : inst.qubits.map((q) => ({ qubit: q, relaxation: take(q) })).filter((p) => isNontrivial(p.relaxation));
        steps.push({ kind: 'gate', inst, pre, lambda: model.depolarizing(inst) });
        if (inst.qubits.length === 2 && model.options.twoQubitOverRotation !== 0) {
          steps.push({ kind: 'gate', inst: instruction('rzz', inst.qubits, [model.options.twoQubitOverRotation]), pre: [], lambda: 0 });
        }
        for (const q of inst.qubits) pending[q]! += op.durationNs;
      }
    }
  });
  for (const w of idleBefore.get(insts.length) ?? []) {
    pending[w.qubit]! += w.t;
    drift(w.qubit, w.t);
  }
  const measures = insts.some((i) => i.gate === 'measure');
  if (!measures) for (let q = 0; q < n; q++) flushTo(q);
  const width = measures ? circuit.numClbits : n;
  const source = new Int32Array(width).fill(-1);
  if (measures) {
    for (const inst of insts) if (inst.gate === 'measure') inst.qubits.forEach((q, j) => { source[inst.clbits![j]!] = q; });
  } else {
    for (let q = 0; q < n; q++) source[q] = q;
  }
  return { numQubits: n, steps, register: measures ? 'clbits' : 'qubits', width, source, terminal: isTerminal(circuit), durationNs: schedule.totalNs };
}
