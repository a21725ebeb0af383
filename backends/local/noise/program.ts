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
  /** A measurement; `mid` when later operations act on the qubit (it must collapse the state there). */
  | { readonly kind: 'measure'; readonly qubit: number; readonly clbit: number; readonly mid: boolean }
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
  /** For each outcome bit, the simulated qubit whose final value it holds (−1: none, or a mid-circuit measurement wrote it last). */
  readonly source: Int32Array;
  /** For each outcome bit read from the final state, the qubit whose readout error applies to it (−1: none). */
  readonly readoutQubit: Int32Array;
  /** Outcome bits whose last writer is a mid-circuit measurement (their values come from the collapse record). */
  readonly midMask: number;
  /** Every measurement is terminal and nothing is conditioned: one final distribution describes the run. */
  readonly terminal: boolean;
  /** Schedule length (ns). */
  readonly durationNs: number;
}

const isNontrivial = (r: Relaxation): boolean => r.gamma > 0 || r.coherence < 1;

export interface CompileNoisyOptions {
  /**
   * Defer measurements that later operations follow (a routed circuit may reuse a measured qubit):
   * copy the outcome onto an extra qubit with a noiseless CNOT and read that one at the end, so the
   * program stays terminal (principle of deferred measurement). Not for conditioned circuits.
   */
  readonly deferMeasurements?: boolean;
}

/** Index of the last non-barrier instruction on each qubit. */
function lastUse(circuit: Circuit): Int32Array {
  const last = new Int32Array(circuit.numQubits).fill(-1);
  circuit.instructions.forEach((inst, k) => { if (inst.gate !== 'barrier') for (const q of inst.qubits) last[q] = k; });
  return last;
}

/** Compile `circuit` (on simulator qubits of `model`) into noisy steps. */
export function compileNoisy(circuit: Circuit, model: NoiseModel, options: CompileNoisyOptions = {}): NoisyProgram {
  const n = circuit.numQubits;
  const insts = circuit.instructions;
  const conditioned = insts.some((i) => i.condition !== undefined);
  const defer = options.deferMeasurements === true && !conditioned;
  const last = lastUse(circuit);
  const measures = insts.some((i) => i.gate === 'measure');
  const width = measures ? circuit.numClbits : n;
  const source = new Int32Array(width).fill(-1);
  const readoutQubit = new Int32Array(width).fill(-1);
  let extra = 0, midMeasure = false, midMask = 0;
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
          const b = inst.clbits![j]!;
          const mid = k < last[q]!;
          flushTo(q);
          midMeasure ||= mid;
          readoutQubit[b] = q;
          midMask &= ~(1 << b);
          if (mid && defer) {
            const copy = n + extra++;
            steps.push({ kind: 'gate', inst: instruction('cx', [q, copy]), pre: [], lambda: 0 });
            source[b] = copy;
            return;
          }
          if (mid) {
            source[b] = -1;
            readoutQubit[b] = -1;
            midMask |= 1 << b;
          } else {
            source[b] = q;
          }
          steps.push({ kind: 'measure', qubit: q, clbit: b, mid });
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
  if (!measures) {
    for (let q = 0; q < n; q++) {
      flushTo(q);
      source[q] = q;
      readoutQubit[q] = q;
    }
  }
  const terminal = !conditioned && (defer || !midMeasure);
  return { numQubits: n + extra, steps, register: measures ? 'clbits' : 'qubits', width, source, readoutQubit, midMask, terminal, durationNs: schedule.totalNs };
}
