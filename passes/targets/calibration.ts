/**
 * A device's calibration as the noise model, the scheduler and the success predictor read it: the
 * error and duration of every instruction, and each qubit's T1, T2 and readout assignment errors.
 * IBM devices read their snapshot (data/ibm-*.ts); IonQ Aria / Forte read IonQ's published
 * system-wide figures (data/ionq-published.ts). Times are in ns throughout.
 *
 * Gate errors are the reported average gate infidelities (randomized benchmarking for IBM, 1 − the
 * published fidelity for IonQ). A gate the snapshot does not list for a qubit (or pair) takes the
 * device median of that gate name; rz (IBM) is a frame change: no error, no duration.
 */
import type { Instruction } from '../../compiler/circuit/index.js';
import { TargetError } from '../../compiler/errors.js';
import type { DeviceData } from './device-data.js';
import { IONQ_PUBLISHED, type PublishedIonqDevice } from './data/ionq-published.js';
import type { Target } from './target.js';

/** Error and duration of one instruction. */
export interface OperationCalibration {
  /** Average gate infidelity (gates), readout assignment error (measure), 0 for directives. */
  readonly error: number;
  readonly durationNs: number;
}

/** One qubit's coherence and readout. */
export interface QubitCalibration {
  readonly t1Ns: number;
  readonly t2Ns: number;
  /** P(read 1 | prepared 0). */
  readonly readout01: number;
  /** P(read 0 | prepared 1). */
  readonly readout10: number;
}

export interface Calibration {
  readonly device: string;
  readonly numQubits: number;
  /** Where the figures come from. */
  readonly source: string;
  readonly date: string | null;
  qubit(q: number): QubitCalibration;
  operation(inst: Instruction): OperationCalibration;
}

/**
 * Measurement length of the IBM devices whose snapshot lists no measure entry: the readout_length
 * of their props_*.json in qiskit-ibm-runtime's fake backends (ibm_brisbane 1300 ns; ibm_torino,
 * ibm_fez 1560 ns).
 */
const IBM_READOUT_NS: Readonly<Record<string, number>> = { ibm_brisbane: 1300, ibm_torino: 1560, ibm_fez: 1560 };
const DEFAULT_READOUT_NS = 1560;

/** Gates that IBM hardware applies as frame changes. */
const VIRTUAL = new Set(['rz', 'p', 'u1', 'gphase']);

const median = (xs: readonly number[]): number => {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
};

function directive(inst: Instruction): OperationCalibration | undefined {
  if (inst.gate === 'barrier') return { error: 0, durationNs: 0 };
  if (inst.gate === 'delay') {
    const d = inst.params[0] ?? 0;
    if (!(d >= 0) || !Number.isFinite(d)) throw new TargetError(`delay of ${d} ns: a delay takes a non-negative duration in ns`);
    return { error: 0, durationNs: d };
  }
  return undefined;
}

/** The calibration of an IBM device snapshot. */
export function calibrationFromDevice(d: DeviceData): Calibration {
  const byKey = new Map<string, readonly [number, number]>();
  const byName = new Map<string, { arity: number; errors: number[]; lengths: number[] }>();
  let measureNs: number | undefined;
  const measureByQubit = new Map<number, number>();
  for (const [name, qs, err, len] of d.gates) {
    if (name === 'measure') {
      if (len !== null) measureByQubit.set(qs[0]!, len);
      continue;
    }
    if (name.startsWith('measure')) continue;
    byKey.set(`${name}:${qs.join(',')}`, [err, len ?? 0]);
    const agg = byName.get(name) ?? { arity: qs.length, errors: [], lengths: [] };
    agg.errors.push(err);
    if (len !== null) agg.lengths.push(len);
    byName.set(name, agg);
  }
  if (measureByQubit.size > 0) measureNs = median([...measureByQubit.values()]);
  const readoutNs = (q: number): number => measureByQubit.get(q) ?? measureNs ?? IBM_READOUT_NS[d.name] ?? DEFAULT_READOUT_NS;
  const medians = new Map<string, OperationCalibration & { arity: number }>();
  for (const [name, agg] of byName) medians.set(name, { arity: agg.arity, error: median(agg.errors), durationNs: median(agg.lengths) || 0 });
  const entangler = ['cz', 'ecr', 'cx'].find((g) => medians.has(g));
  const med1 = medians.get('sx') ?? { error: 0, durationNs: 0 };
  const med2 = entangler !== undefined ? medians.get(entangler)! : { error: 0, durationNs: 0 };
  const qubitMedians = {
    t1: median(d.qubits.map((q) => q[0])), t2: median(d.qubits.map((q) => q[1])), ro: median(d.qubits.map((q) => q[2])),
  };
  return {
    device: d.name,
    numQubits: d.numQubits,
    source: `${d.name} calibration snapshot (qiskit-ibm-runtime fake backend)`,
    date: d.calibrationDate,
    qubit(q) {
      const c = d.qubits[q];
      const ro = c?.[2] ?? qubitMedians.ro;
      return { t1Ns: 1000 * (c?.[0] ?? qubitMedians.t1), t2Ns: 1000 * (c?.[1] ?? qubitMedians.t2), readout01: ro, readout10: ro };
    },
    operation(inst) {
      const dir = directive(inst);
      if (dir !== undefined) return dir;
      if (inst.gate === 'measure' || inst.gate === 'reset') {
        const q0 = inst.qubits[0] ?? 0;
        if (inst.gate === 'reset') return { error: 0, durationNs: readoutNs(q0) };
        let keep = 1;
        for (const q of inst.qubits) keep *= 1 - (d.qubits[q]?.[2] ?? qubitMedians.ro);
        return { error: 1 - keep, durationNs: Math.max(...inst.qubits.map(readoutNs)) };
      }
      if (VIRTUAL.has(inst.gate) || inst.qubits.length === 0) return { error: 0, durationNs: 0 };
      const name = inst.gate === 'id' ? 'sx' : inst.gate;
      const qs = inst.qubits;
      const hit = byKey.get(`${name}:${qs.join(',')}`) ?? (qs.length === 2 ? byKey.get(`${name}:${qs[1]},${qs[0]}`) : undefined);
      if (hit !== undefined) return { error: hit[0], durationNs: hit[1] };
      const m = medians.get(name);
      if (m !== undefined && m.arity === qs.length) return { error: m.error, durationNs: m.durationNs };
      if (qs.length === 1) return med1;
      if (qs.length === 2) return med2;
      throw new TargetError(`${d.name}: '${inst.gate}' acts on ${qs.length} qubits and has no calibration; lower the circuit for ${d.name} first`);
    },
  };
}

/** The calibration of IonQ's published figures (every qubit and pair alike). */
export function calibrationFromIonq(p: PublishedIonqDevice): Calibration {
  const qubit: QubitCalibration = { t1Ns: p.t1Ns, t2Ns: p.t2Ns, readout01: p.spamError, readout10: p.spamError };
  return {
    device: p.name,
    numQubits: p.numQubits,
    source: p.source,
    date: p.date,
    qubit: () => qubit,
    operation(inst) {
      const dir = directive(inst);
      if (dir !== undefined) return dir;
      if (inst.gate === 'measure') return { error: 1 - (1 - p.spamError) ** inst.qubits.length, durationNs: p.readoutNs };
      if (inst.gate === 'reset') return { error: 0, durationNs: p.readoutNs };
      if (inst.qubits.length === 0) return { error: 0, durationNs: 0 };
      if (inst.qubits.length === 1) return { error: p.oneQubitError, durationNs: p.oneQubitNs };
      if (inst.qubits.length === 2) return { error: p.twoQubitError, durationNs: p.twoQubitNs };
      throw new TargetError(`${p.name}: '${inst.gate}' acts on ${inst.qubits.length} qubits and has no calibration; lower the circuit for ${p.name} first`);
    },
  };
}

/** Targets with a calibration: the IBM snapshots and IonQ Aria / Forte. */
export function hasCalibration(target: Target): boolean {
  return target.calibration !== null || IONQ_PUBLISHED[target.name] !== undefined;
}

const cache = new WeakMap<object, Calibration>();

/** The calibration of a built-in target; TargetError naming the calibrated ones otherwise. */
export function calibrationFor(target: Target): Calibration {
  if (target.calibration !== null) {
    let c = cache.get(target.calibration);
    if (c === undefined) cache.set(target.calibration, (c = calibrationFromDevice(target.calibration)));
    return c;
  }
  const ionq = IONQ_PUBLISHED[target.name];
  if (ionq !== undefined) return calibrationFromIonq(ionq);
  throw new TargetError(`target ${target.name} has no calibration data; use an IBM device (e.g. ibm_fez) or ionq_aria / ionq_forte`);
}
