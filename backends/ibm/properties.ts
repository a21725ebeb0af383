/**
 * An IBM device's live calibration from `GET /v1/backends/{name}/properties`: per qubit T1, T2,
 * readout error (and the two assignment probabilities when listed) and readout length; per gate
 * its error and length. The result has the shape of the built-in snapshots (DeviceData), so the
 * success predictor, the noise-aware layout and readout mitigation read today's figures. Values
 * missing for a few qubits take the device median; a field missing everywhere means no calibration.
 * @see docs/backends.md §A3
 */
import type { DeviceData, GateCalibration, QubitCalibration } from '../../passes/targets/device-data.js';

interface Nduv {
  name?: unknown;
  value?: unknown;
  unit?: unknown;
}

/** Assignment probabilities of one qubit: P(read 1 | 0), P(read 0 | 1). */
export interface ReadoutAssignment {
  readonly p01: number;
  readonly p10: number;
}

export interface LiveCalibration {
  readonly data: DeviceData;
  /** Per qubit, where the properties list prob_meas1_prep0 and prob_meas0_prep1. */
  readonly assignment: readonly (ReadoutAssignment | undefined)[];
  readonly date: string | null;
}

const SCALE_US: Readonly<Record<string, number>> = { s: 1e6, ms: 1e3, us: 1, 'µs': 1, ns: 1e-3 };
const SCALE_NS: Readonly<Record<string, number>> = { s: 1e9, ms: 1e6, us: 1e3, 'µs': 1e3, ns: 1 };

/** A value in the unit asked for (µs or ns), undefined when absent, not finite or in an unknown unit. */
function value(p: Nduv, to: 'us' | 'ns' | 'none'): number | undefined {
  if (typeof p.value !== 'number' || !Number.isFinite(p.value)) return undefined;
  if (to === 'none') return p.value;
  const unit = typeof p.unit === 'string' && p.unit !== '' ? p.unit : to;
  const f = (to === 'us' ? SCALE_US : SCALE_NS)[unit];
  return f === undefined ? undefined : p.value * f;
}

const median = (xs: readonly number[]): number | undefined => {
  if (xs.length === 0) return undefined;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
};

/** Per-qubit series of one property, with missing entries filled by the median; undefined when no qubit has it. */
function series(rows: readonly (number | undefined)[], n: number): number[] | undefined {
  const m = median(rows.filter((x): x is number => x !== undefined));
  return m === undefined ? undefined : Array.from({ length: n }, (_, q) => rows[q] ?? m);
}

/** The device's calibration from its configuration facts and properties, or undefined when they lack T1, T2, readout or entangler figures. */
export function calibrationFromProperties(
  dev: { name: string; numQubits: number; basisGates: readonly string[]; supportedInstructions: readonly string[]; couplingMap: readonly (readonly [number, number])[] },
  props: Record<string, unknown>,
): LiveCalibration | undefined {
  const n = dev.numQubits;
  const qubits = Array.isArray(props.qubits) ? (props.qubits as unknown[]) : [];
  const t1: (number | undefined)[] = [], t2: (number | undefined)[] = [], ro: (number | undefined)[] = [], len: (number | undefined)[] = [];
  const assignment: (ReadoutAssignment | undefined)[] = [];
  qubits.forEach((list, q) => {
    let p01: number | undefined, p10: number | undefined;
    for (const p of Array.isArray(list) ? (list as Nduv[]) : []) {
      if (p.name === 'T1') t1[q] = value(p, 'us');
      else if (p.name === 'T2') t2[q] = value(p, 'us');
      else if (p.name === 'readout_error') ro[q] = value(p, 'none');
      else if (p.name === 'readout_length') len[q] = value(p, 'ns');
      else if (p.name === 'prob_meas1_prep0') p01 = value(p, 'none');
      else if (p.name === 'prob_meas0_prep1') p10 = value(p, 'none');
    }
    if (p01 !== undefined && p10 !== undefined) {
      assignment[q] = { p01, p10 };
      ro[q] ??= (p01 + p10) / 2;
    }
  });
  const T1 = series(t1, n), T2 = series(t2, n), RO = series(ro, n);
  if (T1 === undefined || T2 === undefined || RO === undefined) return undefined;
  const gates: GateCalibration[] = [];
  for (const g of Array.isArray(props.gates) ? (props.gates as { gate?: unknown; qubits?: unknown; parameters?: unknown }[]) : []) {
    if (typeof g.gate !== 'string' || !Array.isArray(g.qubits) || !g.qubits.every(Number.isInteger)) continue;
    let err: number | undefined, length: number | undefined;
    for (const p of Array.isArray(g.parameters) ? (g.parameters as Nduv[]) : []) {
      if (p.name === 'gate_error') err = value(p, 'none');
      if (p.name === 'gate_length') length = value(p, 'ns');
    }
    if (err !== undefined) gates.push([g.gate, g.qubits as number[], err, length ?? null]);
  }
  const entangler = ['cz', 'ecr', 'cx'].find((e) => dev.basisGates.includes(e));
  if (entangler === undefined || !gates.some((g) => g[0] === entangler && g[3] !== null)) return undefined;
  for (let q = 0; q < n; q++) if (len[q] !== undefined) gates.push(['measure', [q], RO[q]!, len[q]!]);
  const date = typeof props.last_update_date === 'string' ? props.last_update_date : null;
  const data: DeviceData = {
    name: dev.name, family: entangler === 'ecr' ? 'Eagle' : 'Heron', numQubits: n,
    basisGates: dev.basisGates, supportedInstructions: dev.supportedInstructions, calibrationDate: date,
    coupling: dev.couplingMap.map(([a, b]) => [a, b]),
    qubits: Array.from({ length: n }, (_, q): QubitCalibration => [T1[q]!, T2[q]!, RO[q]!]),
    gates,
  };
  return { data, assignment, date };
}
