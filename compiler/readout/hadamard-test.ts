/**
 * Overlap readout: a Hadamard test between two post-selected state preparations.
 *
 * With a control qubit h in |+⟩, branch h=0 prepares A = U_a|0⟩ and branch h=1 prepares
 * B = U_b|0⟩ on a shared system register (each preparation keeps its own flag qubits). After a final
 * H on h, with Π the projector on "every flag at its post-select value",
 *   P(h=0, Π) − P(h=1, Π) = Re⟨ΠA|ΠB⟩ = √(p_a·p_b)·Re⟨a|b⟩,
 * so the sign of that difference is the sign of Re⟨a|b⟩, and its size sets the shots (≈ 1/o²).
 * @see arXiv:2107.09200 §III (readout of the NTK prediction), quant-ph/0511096 (Hadamard test).
 */
import { ValidationError } from '../errors.js';
import { CircuitBuilder, controlCircuit, isNonUnitaryOperation, remapInstruction, type Circuit, type Instruction } from '../circuit/index.js';
import type { PreparedState } from '../synthesis/prepared-state.js';

/** A prepared state whose `system` is the shared register and whose `postselect` lists every flag of both preparations (all 0). */
export interface HadamardTestCircuit extends PreparedState {
  /** The control qubit whose measured value (0 or 1) splits the estimator. */
  readonly control: number;
}

/**
 * Place a prepared state's circuit on new qubit positions; flags whose kept value is 1 get an X
 * appended so that every kept flag reads 0 (the other branch leaves its flags at |0⟩).
 */
function placed(state: PreparedState, systemAt: readonly number[], flagAt: ReadonlyMap<number, number>): Instruction[] {
  const map = Array.from({ length: state.circuit.numQubits }, (_, q) => {
    const s = state.system.indexOf(q);
    if (s >= 0) return systemAt[s]!;
    const f = flagAt.get(q);
    if (f === undefined) throw new ValidationError(`hadamardTest: qubit ${q} has no place`);
    return f;
  });
  const out = state.circuit.instructions.map((i) => {
    if (isNonUnitaryOperation(i) || i.condition) throw new ValidationError(`hadamardTest: the preparation circuit must be unitary (found '${i.gate}')`);
    return remapInstruction(i, map);
  });
  for (const [q, v] of state.postselect) if (v === 1) out.push({ gate: 'x', qubits: [map[q]!], params: [] });
  return out;
}

/**
 * The Hadamard test circuit for Re⟨a|b⟩. Qubit layout: system (shared), then a's flags, then b's
 * flags, then the control. Add measurements with `withMeasurements` to run it on hardware.
 */
export function hadamardTest(a: PreparedState, b: PreparedState): HadamardTestCircuit {
  if (a.system.length !== b.system.length) {
    throw new ValidationError(`hadamardTest: the two states have ${a.system.length} and ${b.system.length} system qubits; they must match`);
  }
  const ns = a.system.length;
  const flagsA = a.circuit.numQubits - ns;
  const flagsB = b.circuit.numQubits - ns;
  const width = ns + flagsA + flagsB + 1;
  const control = width - 1;
  const system = Array.from({ length: ns }, (_, i) => i);
  const mapFlags = (s: PreparedState, offset: number): Map<number, number> => {
    const m = new Map<number, number>();
    let next = offset;
    const flagged = new Set(s.postselect.map(([q]) => q));
    for (let q = 0; q < s.circuit.numQubits; q++) {
      if (s.system.includes(q)) continue;
      if (!flagged.has(q)) {
        throw new ValidationError(`hadamardTest: qubit ${q} is neither system nor a post-selected flag; every ancilla must be post-selected (list it in postselect)`);
      }
      m.set(q, next++);
    }
    return m;
  };
  const fa = mapFlags(a, ns), fb = mapFlags(b, ns + flagsA);
  const builder = new CircuitBuilder();
  builder.addQreg('sys', ns);
  if (flagsA > 0) builder.addQreg('flag_a', flagsA);
  if (flagsB > 0) builder.addQreg('flag_b', flagsB);
  builder.addQreg('ctl', 1);
  const sub = (insts: Instruction[]): Circuit => {
    const c = new CircuitBuilder(width);
    insts.forEach((i) => c.add(i));
    return c.build();
  };
  builder.h(control);
  // h = 0 branch: X·(controlled U_a)·X
  builder.x(control);
  controlCircuit(sub(placed(a, system, fa)), [control]).instructions.forEach((i) => builder.add(i));
  builder.x(control);
  controlCircuit(sub(placed(b, system, fb)), [control]).instructions.forEach((i) => builder.add(i));
  builder.h(control);
  const postselect = [...fa.values(), ...fb.values()].map((q) => [q, 0] as const);
  return { circuit: builder.build(), control, system, postselect };
}

/**
 * The signed overlap estimate from outcome probabilities of (control, flags):
 * P(control=0, flags ok) − P(control=1, flags ok), given a function returning the probability of
 * a full basis index of the circuit.
 */
export function overlapFromProbabilities(test: HadamardTestCircuit, probability: (index: number) => number): number {
  const n = test.circuit.numQubits;
  let flagMask = 0;
  for (const [q] of test.postselect) flagMask |= 1 << q;
  let diff = 0;
  const dim = 1 << n;
  for (let idx = 0; idx < dim; idx++) {
    if (idx & flagMask) continue;
    const p = probability(idx);
    if (p === 0) continue;
    diff += (idx >> test.control) & 1 ? -p : p;
  }
  return diff;
}

/**
 * Shots needed to read the sign of an overlap o with failure probability ≤ δ (Hoeffding:
 * each shot gives ±1/0 with mean o, so N ≥ 2·ln(1/δ)/o²); the paper's rough count is 1/o² − 1.
 */
export function shotsForSign(overlap: number, failure = 0.05): number {
  const o = Math.max(Math.abs(overlap), 1e-12);
  return Math.ceil((2 * Math.log(1 / failure)) / (o * o));
}

/** Append measurements of the control and every flag (classical register `c`, control is c[0]). */
export function withMeasurements(test: HadamardTestCircuit): Circuit {
  const b = CircuitBuilder.from(test.circuit);
  const measured = [test.control, ...test.postselect.map(([q]) => q)];
  const bits = b.addCreg('c', measured.length);
  measured.forEach((q, k) => b.measure(q, bits[k]!));
  return b.build();
}
