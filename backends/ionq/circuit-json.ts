/**
 * IR circuit → IonQ `ionq.circuit.v1` input (`{qubits, gateset, circuit}`), for a circuit already in
 * IonQ's QIS gates or in its native gates. QIS rotations stay in radians; native phases and angles
 * become turns (θ / 2π), the one place qntk leaves radians. MS is native on Aria (and Harmony), ZZ on
 * Forte and Tempo. Measurements must be terminal: IonQ measures every qubit at the end.
 * @see docs/backends.md §B3–§B5
 */
import type { Circuit, Instruction } from '../../compiler/circuit/index.js';
import { TargetError } from '../../compiler/errors.js';

export type IonqGateset = 'qis' | 'native';

/** One gate of the IonQ JSON circuit format. */
export interface IonqGate {
  readonly gate: string;
  readonly target?: number;
  readonly targets?: readonly number[];
  readonly control?: number;
  readonly controls?: readonly number[];
  readonly rotation?: number;
  readonly phase?: number;
  readonly phases?: readonly number[];
  readonly angle?: number;
}

export interface IonqCircuitInput {
  readonly qubits: number;
  readonly gateset: IonqGateset;
  readonly circuit: readonly IonqGate[];
}

const NATIVE = new Set(['gpi', 'gpi2', 'ms', 'zz']);
/** IR 1-qubit gate → IonQ QIS name (rotation carried over in radians when the gate has one). */
const QIS_1Q: Readonly<Record<string, string>> = {
  x: 'x', y: 'y', z: 'z', h: 'h', s: 's', sdg: 'si', t: 't', tdg: 'ti', sx: 'v', sxdg: 'vi', rx: 'rx', ry: 'ry', rz: 'rz',
  // p(λ) = e^{iλ/2}·rz(λ): equal up to a global phase when uncontrolled.
  p: 'rz', u1: 'rz',
};
/** Controlled IR gates → base QIS gate with `controls` (controls come first in the IR). */
const QIS_CONTROLLED: Readonly<Record<string, string>> = {
  cy: 'y', cz: 'z', ch: 'h', crx: 'rx', cry: 'ry', crz: 'rz', ccx: 'x', mcx: 'x', ccz: 'z', mcz: 'z',
};
const QIS_2Q_ROT: Readonly<Record<string, string>> = { rxx: 'xx', ryy: 'yy', rzz: 'zz' };

/** Radians → turns, reduced into [0, 1) for phases. */
const turns = (rad: number): number => rad / (2 * Math.PI);
const phaseTurns = (rad: number): number => {
  const t = turns(rad) % 1;
  return t < 0 ? t + 1 : t === 0 ? 0 : t;
};

/** Which native entangler a backend takes: 'ms', 'zz', or both (simulator). */
export function nativeEntanglers(backend: string): ReadonlySet<string> {
  const b = backend.toLowerCase();
  if (/forte|tempo/.test(b)) return new Set(['zz']);
  if (/aria|harmony/.test(b)) return new Set(['ms']);
  return new Set(['ms', 'zz']);
}

/** True if every gate of the circuit is an IonQ native gate (barriers and measures aside). */
export function isNativeCircuit(circuit: Circuit): boolean {
  return circuit.instructions.every((i) => NATIVE.has(i.gate) || i.gate === 'barrier' || i.gate === 'measure');
}

/**
 * Serialise `circuit` for `backend`. The gate set is native if every gate is native, else QIS.
 * Throws one TargetError listing every gate that cannot be expressed.
 */
export function toIonqCircuit(circuit: Circuit, backend: string): IonqCircuitInput {
  const { input, problems } = serialiseIonqCircuit(circuit, backend);
  if (problems.length > 0) {
    throw new TargetError(`circuit cannot be sent to IonQ ${backend} as ${input.gateset} gates (${problems.length} problem${problems.length > 1 ? 's' : ''}): ${problems.join('; ')}`);
  }
  return input;
}

/** The circuit JSON and every reason (each once, with its count) it cannot be sent to `backend`. */
export function serialiseIonqCircuit(circuit: Circuit, backend: string): { input: IonqCircuitInput; problems: string[] } {
  const gateset: IonqGateset = circuit.instructions.some((i) => NATIVE.has(i.gate)) ? 'native' : 'qis';
  const problems = new Map<string, number>();
  const bad = (m: string): void => void problems.set(m, (problems.get(m) ?? 0) + 1);
  const measured = new Set<number>();
  const out: IonqGate[] = [];
  const allowedNative = nativeEntanglers(backend);
  for (const inst of circuit.instructions) {
    if (inst.condition !== undefined) { bad(`classically conditioned '${inst.gate}' (IonQ runs no dynamic circuits)`); continue; }
    if (inst.gate === 'barrier' || inst.gate === 'gphase' || inst.gate === 'id') continue;
    if (inst.gate === 'measure') { for (const q of inst.qubits) measured.add(q); continue; }
    if (inst.qubits.some((q) => measured.has(q))) { bad(`'${inst.gate}' after a measurement (IonQ measures only at the end)`); continue; }
    const g = gateset === 'native' ? nativeGate(inst, allowedNative, backend, bad) : qisGate(inst, bad);
    if (g !== undefined) out.push(g);
  }
  const list = [...problems.entries()].map(([m, n]) => (n > 1 ? `${m} (×${n})` : m));
  return { input: { qubits: circuit.numQubits, gateset, circuit: out }, problems: list };
}

function qisGate(inst: Instruction, bad: (m: string) => void): IonqGate | undefined {
  const q = inst.qubits;
  const rot = inst.params[0];
  const one = QIS_1Q[inst.gate];
  if (one !== undefined) return rot === undefined ? { gate: one, target: q[0]! } : { gate: one, target: q[0]!, rotation: rot };
  if (inst.gate === 'cx') return { gate: 'cnot', control: q[0]!, target: q[1]! };
  const ctl = QIS_CONTROLLED[inst.gate];
  if (ctl !== undefined) {
    const g: IonqGate = { gate: ctl, controls: q.slice(0, -1), target: q[q.length - 1]! };
    return rot === undefined ? g : { ...g, rotation: rot };
  }
  if (inst.gate === 'swap') return { gate: 'swap', targets: [q[0]!, q[1]!] };
  const r2 = QIS_2Q_ROT[inst.gate];
  if (r2 !== undefined) return { gate: r2, targets: [q[0]!, q[1]!], rotation: rot! };
  if (NATIVE.has(inst.gate)) bad(`native '${inst.gate}' mixed with QIS gates`);
  else if (inst.gate === 'reset') bad(`'reset' (not expressible in ionq.circuit.v1)`);
  else bad(`gate '${inst.gate}' is not an IonQ QIS gate; lower the circuit first (drop --no-transpile)`);
  return undefined;
}

function nativeGate(inst: Instruction, allowed: ReadonlySet<string>, backend: string, bad: (m: string) => void): IonqGate | undefined {
  const q = inst.qubits;
  const p = inst.params;
  switch (inst.gate) {
    case 'gpi':
    case 'gpi2':
      return { gate: inst.gate, target: q[0]!, phase: phaseTurns(p[0]!) };
    case 'ms': {
      if (!allowed.has('ms')) { bad(`'ms' is not native on ${backend} (it uses ZZ)`); return undefined; }
      let phi0 = p[0]!;
      let theta = turns(p[2]!);
      // MS(φ0, φ1, −θ) = MS(φ0 + π, φ1, θ) because σ(φ + π) = −σ(φ).
      if (theta < 0) { theta = -theta; phi0 += Math.PI; }
      if (theta > 0.25 + 1e-12) { bad(`ms angle ${theta.toFixed(4)} turns is outside [0, 0.25]`); return undefined; }
      return { gate: 'ms', targets: [q[0]!, q[1]!], phases: [phaseTurns(phi0), phaseTurns(p[1]!)], angle: Math.min(theta, 0.25) };
    }
    case 'zz':
      if (!allowed.has('zz')) { bad(`'zz' is not native on ${backend} (it uses MS)`); return undefined; }
      return { gate: 'zz', targets: [q[0]!, q[1]!], angle: turns(p[0]!) };
    default:
      bad(`'${inst.gate}' in a native-gate circuit (native gates are gpi, gpi2, ${[...allowed].join(', ')})`);
      return undefined;
  }
}
