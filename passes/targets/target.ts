/**
 * A Target is a value: basis gates, a directed coupling map, a qubit count and the properties a
 * finished circuit must have (each with its check; the names are the passes' vocabulary). `verify` lists every violation (not just the first); the same
 * predicates run after lowering, before emission and before a job is submitted.
 */
import { isGate, type Circuit, type Instruction } from '../../compiler/circuit/index.js';
import type { DeviceData } from './device-data.js';
import type { Property } from '../properties.js';

/** One broken rule: which property, where (instruction index, or −1 for the whole circuit), and why. */
export interface Violation {
  readonly predicate: Property;
  readonly index: number;
  readonly message: string;
}

/** The check of one property (properties.ts) over a circuit; returns every violation it finds. */
export interface TargetPredicate {
  readonly name: Property;
  check(circuit: Circuit, target: Target): Violation[];
}

/** How a program for this target is written out and which lowering it needs. */
export type TargetFamily = 'generic' | 'ibm-heron' | 'ibm-eagle' | 'ionq-qis' | 'ionq-aria' | 'ionq-forte' | 'custom';

/** Families with a tuned device lowering (others are translated by the equivalence rules). */
export function isDeviceFamily(family: TargetFamily): boolean {
  return family === 'ibm-heron' || family === 'ibm-eagle' || family === 'ionq-aria' || family === 'ionq-forte' || family === 'ionq-qis';
}

export interface Target {
  readonly name: string;
  readonly family: TargetFamily;
  /** Physical qubits available; null = unlimited. */
  readonly numQubits: number | null;
  /** Gates allowed; null = every gate of the library. */
  readonly basisGates: ReadonlySet<string> | null;
  /** Non-unitary operations allowed (measure, reset, barrier, delay). */
  readonly operations: ReadonlySet<string>;
  /** Directed [a, b] pairs a two-qubit gate may act on (in that order); null = all-to-all. */
  readonly coupling: ReadonlyArray<readonly [number, number]> | null;
  /** Output addresses physical qubits ($k) — IBM. */
  readonly physicalQubits: boolean;
  readonly calibration: DeviceData | null;
  readonly predicates: readonly TargetPredicate[];
}

/** Every violation of every predicate of the target. Empty means the circuit is legal. */
export function verify(circuit: Circuit, target: Target): Violation[] {
  return target.predicates.flatMap((p) => p.check(circuit, target));
}

const edgeKey = (a: number, b: number): number => a * 65536 + b;
const edgeCache = new WeakMap<object, Set<number>>();

/** Fast membership test for the target's directed edges (cached per coupling array). */
export function edgeSet(target: Target): Set<number> | null {
  if (target.coupling === null) return null;
  let s = edgeCache.get(target.coupling);
  if (s === undefined) {
    s = new Set(target.coupling.map(([a, b]) => edgeKey(a, b)));
    edgeCache.set(target.coupling, s);
  }
  return s;
}

/** True when a two-qubit gate may act on (a, b) in that order. */
export function hasEdge(target: Target, a: number, b: number): boolean {
  const s = edgeSet(target);
  return s === null || s.has(edgeKey(a, b));
}

const isOperation = (i: Instruction): boolean => !isGate(i);

/** The circuit fits in the device. */
export const qubitCountPredicate: TargetPredicate = {
  name: 'qubit-count',
  check: (c, t) => (t.numQubits !== null && c.numQubits > t.numQubits
    ? [{ predicate: 'qubit-count', index: -1, message: `circuit uses ${c.numQubits} qubits; ${t.name} has ${t.numQubits}` }]
    : []),
};

/** Every gate is a basis gate and every operation is supported. */
export const basisPredicate: TargetPredicate = {
  name: 'basis',
  check: (c, t) => {
    const out: Violation[] = [];
    c.instructions.forEach((i, k) => {
      if (isOperation(i)) {
        if (!t.operations.has(i.gate)) out.push({ predicate: 'basis', index: k, message: `instruction ${k}: '${i.gate}' is not supported on ${t.name}` });
      } else if (t.basisGates !== null && !t.basisGates.has(i.gate)) {
        out.push({ predicate: 'basis', index: k, message: `instruction ${k}: gate '${i.gate}' is not in the basis of ${t.name} (${[...t.basisGates].join(', ')})` });
      }
    });
    return out;
  },
};

/** Every multi-qubit gate acts on a directed coupling edge; nothing acts on three or more qubits. */
export const connectivityPredicate: TargetPredicate = {
  name: 'connectivity',
  check: (c, t) => {
    if (t.coupling === null) return [];
    const out: Violation[] = [];
    c.instructions.forEach((i, k) => {
      if (isOperation(i) || i.qubits.length < 2) return;
      if (i.qubits.length > 2) {
        out.push({ predicate: 'connectivity', index: k, message: `instruction ${k}: '${i.gate}' acts on ${i.qubits.length} qubits; ${t.name} has two-qubit couplings only` });
      } else if (!hasEdge(t, i.qubits[0]!, i.qubits[1]!)) {
        out.push({ predicate: 'connectivity', index: k, message: `instruction ${k}: '${i.gate}' on (${i.qubits[0]}, ${i.qubits[1]}) is not a coupling edge of ${t.name}` });
      }
    });
    return out;
  },
};

/** IonQ's MS takes θ in [0, 0.25] turns = [0, π/2] radians. */
export const msAnglePredicate: TargetPredicate = {
  name: 'ms-angle',
  check: (c) => {
    const out: Violation[] = [];
    c.instructions.forEach((i, k) => {
      const th = i.params[2];
      if (i.gate === 'ms' && th !== undefined && (th < -1e-10 || th > Math.PI / 2 + 1e-10)) {
        out.push({ predicate: 'ms-angle', index: k, message: `instruction ${k}: ms angle ${th} rad is outside [0, π/2] (0.25 turns)` });
      }
    });
    return out;
  },
};

/** Conditioned gates need dynamic-circuit support. */
export const noConditionsPredicate: TargetPredicate = {
  name: 'no-conditions',
  check: (c, t) => c.instructions.flatMap((i, k) => (i.condition
    ? [{ predicate: 'no-conditions', index: k, message: `instruction ${k}: classically conditioned '${i.gate}' is not supported on ${t.name}` }]
    : [])),
};

export const STANDARD_PREDICATES: readonly TargetPredicate[] = [qubitCountPredicate, basisPredicate, connectivityPredicate];

export interface TargetOptions {
  readonly name: string;
  readonly family?: TargetFamily;
  readonly numQubits?: number | null;
  readonly basisGates?: readonly string[] | null;
  readonly operations?: readonly string[];
  readonly coupling?: ReadonlyArray<readonly [number, number]> | null;
  /** Add the reverse of every edge (for symmetric entanglers such as cz). */
  readonly symmetric?: boolean;
  readonly physicalQubits?: boolean;
  readonly calibration?: DeviceData | null;
  readonly extraPredicates?: readonly TargetPredicate[];
}

/** Build a target value. */
export function makeTarget(o: TargetOptions): Target {
  let coupling = o.coupling ?? null;
  if (coupling !== null && o.symmetric) {
    const seen = new Set(coupling.map(([a, b]) => edgeKey(a, b)));
    const extra = coupling.filter(([a, b]) => !seen.has(edgeKey(b, a))).map(([a, b]) => [b, a] as const);
    coupling = [...coupling, ...extra];
  }
  return Object.freeze({
    name: o.name,
    family: o.family ?? 'custom',
    numQubits: o.numQubits ?? null,
    basisGates: o.basisGates ? new Set(o.basisGates) : null,
    operations: new Set(o.operations ?? ['measure', 'reset', 'barrier', 'delay']),
    coupling,
    physicalQubits: o.physicalQubits ?? false,
    calibration: o.calibration ?? null,
    predicates: [...STANDARD_PREDICATES, ...(o.extraPredicates ?? [])],
  });
}
