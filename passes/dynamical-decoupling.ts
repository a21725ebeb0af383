/**
 * Dynamical decoupling: fill every idle window of the schedule that is long enough with an
 * identity-equivalent pulse train, X–X or XY4 (X–Y–X–Y), spaced τ/2, τ, …, τ, τ/2 so the slack
 * around the pulses is shared evenly (Qiskit's PadDynamicalDecoupling spacing). A static Z
 * detuning acquired in the window is then undone (each X reverses the sign of what follows); XY4
 * decouples about two axes, which also tolerates pulse imperfections better. Windows are those of the ALAP schedule with the
 * target's calibrated durations; windows shorter than the pulses are left as they are. Delays
 * carry the spacing, so the output schedules exactly as planned. Under purely Markovian T1/T2
 * decay (the calibrated model without coherent idle terms) decoupling cannot help: it refocuses
 * only slow, coherent phase noise.
 * @see L. Viola, E. Knill, S. Lloyd, Phys. Rev. Lett. 82, 2417 (1999); arXiv:quant-ph/9809071
 * @see N. Ezzell, B. Pokharel, L. Tewala, G. Quiroz, D. A. Lidar, Phys. Rev. Applied 20, 064027 (2023), arXiv:2207.03670
 */
import { withInstructions, type Circuit, type Instruction } from '../compiler/circuit/index.js';
import { definePass, type Pass } from './pass.js';
import { pauliInstructions, type Pauli } from './primitives/pauli-gates.js';
import { idleWindows, scheduleCircuit, type ScheduleMethod } from './schedule.js';
import { calibrationFor, type Calibration } from './targets/calibration.js';
import type { Target } from './targets/target.js';

export type DecouplingSequence = 'xx' | 'xy4';

export interface DecouplingOptions {
  readonly sequence?: DecouplingSequence;
  readonly schedule?: ScheduleMethod;
  /** Durations to schedule with (default: the target's calibration). */
  readonly calibration?: Calibration;
}

const SEQUENCES: Readonly<Record<DecouplingSequence, readonly Pauli[]>> = { xx: ['x', 'x'], xy4: ['x', 'y', 'x', 'y'] };

const delay = (q: number, ns: number): Instruction => ({ gate: 'delay', qubits: [q], params: [ns] });

/** `circuit` (lowered for `target`) with decoupling pulses in its idle windows. */
export function insertDynamicalDecoupling(circuit: Circuit, target: Target, options: DecouplingOptions = {}): Circuit {
  const cal = options.calibration ?? calibrationFor(target);
  const schedule = scheduleCircuit(circuit, (i) => cal.operation(i).durationNs, options.schedule ?? 'alap');
  const seq = SEQUENCES[options.sequence ?? 'xx'];
  const inserts = new Map<number, Instruction[]>();
  for (const w of idleWindows(circuit, schedule)) {
    const pulses = seq.map((p) => pauliInstructions(p, w.qubit, target));
    const busy = pulses.flat().reduce((t, i) => t + cal.operation(i).durationNs, 0);
    const slack = w.durationNs - busy;
    if (slack < 0) continue;
    const m = pulses.length;
    const train: Instruction[] = [];
    pulses.forEach((pulse, k) => {
      const gap = k === 0 ? slack / (2 * m) : slack / m;
      if (gap > 0) train.push(delay(w.qubit, gap));
      train.push(...pulse);
    });
    if (slack > 0) train.push(delay(w.qubit, slack / (2 * m)));
    const list = inserts.get(w.before) ?? [];
    list.push(...train);
    inserts.set(w.before, list);
  }
  if (inserts.size === 0) return circuit;
  const out: Instruction[] = [];
  circuit.instructions.forEach((inst, k) => {
    out.push(...(inserts.get(k) ?? []), inst);
  });
  out.push(...(inserts.get(circuit.instructions.length) ?? []));
  return withInstructions(circuit, out);
}

/** The decoupling pass (for a lowered circuit on a calibrated target). */
export function dynamicalDecoupling(options: DecouplingOptions = {}): Pass {
  return definePass({ name: `dynamical-decoupling-${options.sequence ?? 'xx'}`, requires: ['basis'], guarantees: [] },
    (circuit, ctx) => insertDynamicalDecoupling(circuit, ctx.target, options));
}
