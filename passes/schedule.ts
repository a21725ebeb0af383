/**
 * Scheduling (an analysis pass): when each instruction starts, given every instruction's duration,
 * and where each qubit sits idle. ASAP starts every instruction as soon as its qubits (and the
 * clbits it reads or writes) are free; ALAP is ASAP on the reversed circuit, mirrored, so every
 * instruction starts as late as the critical path allows (IBM's default: qubits wait in |0⟩, where
 * they do not decay, instead of in superposition). A barrier holds its qubits to a common time.
 *
 * Idle windows are the gaps between consecutive operations on a qubit. The time before a qubit's
 * first operation is not a window (it rests in |0⟩); nor is the time after its last one, except in
 * a circuit without measurements, whose outcome is every qubit read at the end of the schedule.
 */
import type { Circuit, Instruction } from '../compiler/circuit/index.js';
import { ValidationError } from '../compiler/errors.js';
import { definePass, type Pass } from './pass.js';
import { calibrationFor } from './targets/calibration.js';

export type ScheduleMethod = 'asap' | 'alap';

/** Start time and duration (ns) of every instruction, by index. */
export interface Schedule {
  readonly method: ScheduleMethod;
  readonly start: Float64Array;
  readonly duration: Float64Array;
  /** End of the last instruction. */
  readonly totalNs: number;
}

/** A stretch of time during which a qubit does nothing. */
export interface IdleWindow {
  readonly qubit: number;
  readonly startNs: number;
  readonly durationNs: number;
  /** Index of the instruction that ends the window, or the instruction count for a trailing window. */
  readonly before: number;
}

/** Gaps shorter than this (ns) are rounding, not idling. */
const EPS_NS = 1e-9;

function asap(insts: readonly Instruction[], numQubits: number, numClbits: number, dur: Float64Array): { start: Float64Array; total: number } {
  const qReady = new Float64Array(numQubits);
  const cReady = new Float64Array(numClbits);
  const start = new Float64Array(insts.length);
  let total = 0;
  insts.forEach((inst, k) => {
    const bits = [...(inst.clbits ?? []), ...(inst.condition?.clbits ?? [])];
    let t = 0;
    for (const q of inst.qubits) t = Math.max(t, qReady[q]!);
    for (const b of bits) t = Math.max(t, cReady[b]!);
    const end = t + dur[k]!;
    for (const q of inst.qubits) qReady[q] = end;
    for (const b of bits) cReady[b] = end;
    start[k] = t;
    total = Math.max(total, end);
  });
  return { start, total };
}

/**
 * Schedule `circuit` with `durationNs(inst)` for each instruction.
 * @see Qiskit's ASAPScheduleAnalysis / ALAPScheduleAnalysis for the same definitions
 */
export function scheduleCircuit(circuit: Circuit, durationNs: (inst: Instruction) => number, method: ScheduleMethod = 'alap'): Schedule {
  const insts = circuit.instructions;
  const n = insts.length;
  const duration = new Float64Array(n);
  insts.forEach((inst, k) => {
    const d = durationNs(inst);
    if (!(d >= 0) || !Number.isFinite(d)) throw new ValidationError(`schedule: instruction ${k} ('${inst.gate}') has duration ${d} ns; durations must be finite and ≥ 0`);
    duration[k] = d;
  });
  if (method === 'asap') {
    const r = asap(insts, circuit.numQubits, circuit.numClbits, duration);
    return { method, start: r.start, duration, totalNs: r.total };
  }
  const reversed = [...insts].reverse();
  const revDur = Float64Array.from(duration).reverse();
  const r = asap(reversed, circuit.numQubits, circuit.numClbits, revDur);
  const start = new Float64Array(n);
  for (let k = 0; k < n; k++) start[k] = r.total - (r.start[n - 1 - k]! + duration[k]!);
  return { method, start, duration, totalNs: r.total };
}

/** Every idle window of the scheduled circuit, qubit by qubit in time order. */
export function idleWindows(circuit: Circuit, schedule: Schedule): IdleWindow[] {
  const insts = circuit.instructions;
  const trailing = !insts.some((i) => i.gate === 'measure');
  const lastEnd = new Float64Array(circuit.numQubits).fill(-1);
  const out: IdleWindow[] = [];
  insts.forEach((inst, k) => {
    if (inst.gate === 'barrier') return;
    const s = schedule.start[k]!;
    for (const q of inst.qubits) {
      const prev = lastEnd[q]!;
      if (prev >= 0 && s - prev > EPS_NS) out.push({ qubit: q, startNs: prev, durationNs: s - prev, before: k });
      lastEnd[q] = s + schedule.duration[k]!;
    }
  });
  if (trailing) {
    for (let q = 0; q < circuit.numQubits; q++) {
      const prev = lastEnd[q]!;
      if (prev >= 0 && schedule.totalNs - prev > EPS_NS) out.push({ qubit: q, startNs: prev, durationNs: schedule.totalNs - prev, before: insts.length });
    }
  }
  return out.sort((a, b) => a.qubit - b.qubit || a.startNs - b.startNs);
}

/** Instruction durations of a target's calibration. */
export function calibratedDurations(target: Parameters<typeof calibrationFor>[0]): (inst: Instruction) => number {
  const cal = calibrationFor(target);
  return (inst) => cal.operation(inst).durationNs;
}

declare module './properties.js' {
  interface PropertyValues {
    /** The schedule scheduleAnalysis computed (calibrated durations). */
    schedule: Schedule;
  }
}

/** Analysis pass: writes the schedule (with the target's calibrated durations) to propertySet 'schedule'. */
export function scheduleAnalysis(method: ScheduleMethod = 'alap'): Pass {
  return definePass({ name: `schedule-${method}`, requires: ['basis'], guarantees: [] }, (circuit, ctx) => {
    ctx.propertySet.set('schedule', scheduleCircuit(circuit, calibratedDurations(ctx.target), method));
    return circuit;
  });
}
