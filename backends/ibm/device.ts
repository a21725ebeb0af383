/**
 * An IBM device as the client sees it (configuration + properties), and the client-side ISA check
 * qiskit-ibm-runtime runs before submitting: basis gates, supported instructions, directed coupling
 * edges, rzz angle range, faulty qubits/edges, classical-register names. Every violation is listed,
 * so a non-ISA circuit fails here in one line instead of after hours in the queue (code 1517).
 * @see docs/backends.md §A3, §A8
 */
import type { Circuit } from '../../compiler/circuit/index.js';
import { makeTarget, noConditionsPredicate, verify, type Target, type Violation } from '../../passes/targets/target.js';
import { groupViolations } from '../backend.js';
import { calibrationFromProperties, type LiveCalibration } from './properties.js';

export { groupViolations };

/** The facts of one IBM backend that decide whether a circuit may be sent to it. */
export interface IbmDevice {
  readonly name: string;
  readonly numQubits: number;
  readonly basisGates: readonly string[];
  readonly supportedInstructions: readonly string[];
  /** Directed [control, target] pairs exactly as reported. */
  readonly couplingMap: readonly (readonly [number, number])[];
  readonly faultyQubits: readonly number[];
  readonly faultyEdges: readonly (readonly [number, number])[];
  /** Readout error per qubit and gate error per `gate:q0,q1` key, when properties were given. */
  readonly readoutError?: readonly number[];
  readonly gateError?: Readonly<Record<string, number>>;
  readonly maxShots?: number;
  /** Today's calibration, when the properties carry T1, T2, readout and gate figures. */
  readonly calibration?: LiveCalibration;
}

interface Nduv {
  name?: string;
  value?: number;
}

/** Build an IbmDevice from `GET /backends/{name}/configuration` (+ optional `/properties`). */
export function deviceFromApi(conf: Record<string, unknown>, props?: Record<string, unknown>): IbmDevice {
  const name = String(conf.backend_name ?? conf.backend ?? 'unknown');
  const strs = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
  const pairs = (v: unknown): [number, number][] =>
    Array.isArray(v) ? v.filter((p): p is [number, number] => Array.isArray(p) && p.length === 2 && p.every(Number.isInteger)) : [];
  const faultyQubits: number[] = [];
  const faultyEdges: [number, number][] = [];
  const readoutError: number[] = [];
  const gateError: Record<string, number> = {};
  if (props !== undefined) {
    const qubits = Array.isArray(props.qubits) ? (props.qubits as Nduv[][]) : [];
    qubits.forEach((list, q) => {
      for (const p of Array.isArray(list) ? list : []) {
        if (p.name === 'operational' && p.value === 0) faultyQubits.push(q);
        if (p.name === 'readout_error' && typeof p.value === 'number') readoutError[q] = p.value;
      }
    });
    const gates = Array.isArray(props.gates) ? (props.gates as { gate?: string; qubits?: number[]; parameters?: Nduv[] }[]) : [];
    for (const g of gates) {
      const qs = g.qubits ?? [];
      for (const p of g.parameters ?? []) {
        if (p.name === 'operational' && p.value === 0 && qs.length === 2) faultyEdges.push([qs[0]!, qs[1]!]);
        if (p.name === 'gate_error' && typeof p.value === 'number' && g.gate !== undefined) gateError[`${g.gate}:${qs.join(',')}`] = p.value;
      }
    }
  }
  const dev: IbmDevice = {
    name,
    numQubits: Number(conf.n_qubits ?? 0),
    basisGates: strs(conf.basis_gates),
    supportedInstructions: strs(conf.supported_instructions),
    couplingMap: pairs(conf.coupling_map),
    faultyQubits,
    faultyEdges,
    ...(props !== undefined ? { readoutError, gateError } : {}),
    ...(typeof conf.max_shots === 'number' ? { maxShots: conf.max_shots } : {}),
  };
  const calibration = props !== undefined ? calibrationFromProperties(dev, props) : undefined;
  return calibration !== undefined ? { ...dev, calibration } : dev;
}

const PY_KEYWORDS = new Set(('False None True and as assert async await break class continue def del elif else except finally for ' +
  'from global if import in is lambda nonlocal not or pass raise return try while with yield').split(' '));

const NON_GATE = new Set(['measure', 'reset', 'delay', 'barrier']);

/** The facts ibmRuleViolations needs (an IbmDevice, or a built-in device for --dry-run). */
export type IbmRuleDevice = Pick<IbmDevice, 'name' | 'faultyQubits' | 'faultyEdges'>;

/**
 * IBM-only rules beyond basis and coupling, which lowering cannot fix: faulty qubits and edges,
 * the rzz angle range, measurements present, classical-register names.
 */
export function ibmRuleViolations(circuit: Circuit, dev: IbmRuleDevice): Violation[] {
  const faultyQ = new Set(dev.faultyQubits);
  const faultyE = new Set(dev.faultyEdges.map(([a, b]) => `${a},${b}`));
  const out: Violation[] = [];
  const v = (index: number, message: string): void => void out.push({ predicate: 'ibm-runtime', index, message });
  circuit.instructions.forEach((inst, k) => {
    if (inst.gate === 'barrier') return;
    for (const q of inst.qubits) if (faultyQ.has(q)) v(k, `qubit ${q} is marked faulty (operational=0) on ${dev.name}`);
    if (inst.qubits.length === 2 && !NON_GATE.has(inst.gate) && faultyE.has(inst.qubits.join(','))) v(k, `edge ${inst.qubits[0]}→${inst.qubits[1]} is marked faulty on ${dev.name}`);
    if (inst.gate === 'rzz') {
      const t = inst.params[0] ?? NaN;
      if (!(t >= -1e-10 && t <= Math.PI / 2 + 1e-10)) v(k, `rzz angle ${t} is outside [0, π/2]`);
    }
  });
  if (!circuit.instructions.some((i) => i.gate === 'measure')) v(-1, 'the circuit measures nothing (the Sampler returns measured bits only); add measurements');
  for (const r of circuit.cregs) {
    if (r.size === 0) v(-1, `classical register '${r.name}' has size 0 (crashes IBM's sampler)`);
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(r.name) || PY_KEYWORDS.has(r.name)) v(-1, `classical register name '${r.name}' is not accepted by IBM's sampler`);
  }
  return out;
}

/**
 * The device as a compilation Target (passes/targets): basis gates, the operations it lists
 * (reset/delay/measure are not assumed, qiskit-ibm-runtime#2535), directed coupling edges minus
 * faulty ones (so routing avoids them), physical `$k` qubits.
 */
export function ibmDeviceTarget(dev: IbmDevice): Target {
  const supported = new Set(dev.supportedInstructions);
  const faultyQ = new Set(dev.faultyQubits);
  const faultyE = new Set(dev.faultyEdges.map(([a, b]) => `${a},${b}`));
  return makeTarget({
    name: dev.name,
    family: dev.basisGates.includes('ecr') ? 'ibm-eagle' : 'ibm-heron',
    numQubits: dev.numQubits,
    basisGates: dev.basisGates,
    operations: ['barrier', ...['measure', 'reset', 'delay'].filter((o) => supported.has(o))],
    coupling: dev.couplingMap.filter(([a, b]) => !faultyQ.has(a) && !faultyQ.has(b) && !faultyE.has(`${a},${b}`)),
    physicalQubits: true,
    ...(dev.calibration !== undefined ? { calibration: dev.calibration.data } : {}),
    extraPredicates: supported.has('if_else') ? [] : [noConditionsPredicate],
  });
}

/** Every reason `circuit` is not an ISA circuit for `dev` (empty when it is), each distinct reason once with its count. */
export function isaViolations(circuit: Circuit, dev: IbmDevice): string[] {
  const target = ibmDeviceTarget({ ...dev, faultyQubits: [], faultyEdges: [] });
  return groupViolations([...verify(circuit, target), ...ibmRuleViolations(circuit, dev)]);
}
