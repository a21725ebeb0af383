/**
 * Toffoli lowering with polarity choice: ccx becomes h·ccz·h, and each ccz becomes the 6-CNOT,
 * 7-T network whose T/T† polarity (ccz is its own inverse, so both polarities are exact) is chosen
 * by a local search that makes as many phase-polynomial terms as possible cancel with the rest
 * of the circuit before rotation merging runs. The T-count does not depend on the polarities
 * (a flip moves a term by π/2), the number of remaining Clifford phases does.
 * @see arXiv:1710.07345 (Nam et al., §4: Toffoli decomposition with free polarity)
 */
import { instruction, withInstructions, type Instruction } from '../compiler/circuit/index.js';
import { definePass, type Pass } from './pass.js';
import { phaseAngle, piQuarterMultiple } from './primitives/angles.js';
import { ParityTracker, parityKey, xorParity, ZERO_PARITY, type Parity } from './primitives/parity.js';

const g = instruction;

/** ccz(a, b, c) as 6 cx + 7 T; polarity −1 swaps every t and tdg. */
export function cczNetwork(a: number, b: number, c: number, polarity: 1 | -1 = 1): Instruction[] {
  const T = polarity === 1 ? 't' : 'tdg', D = polarity === 1 ? 'tdg' : 't';
  return [
    g('cx', [b, c]), g(D, [c]), g('cx', [a, c]), g(T, [c]), g('cx', [b, c]), g(D, [c]), g('cx', [a, c]),
    g(T, [b]), g(T, [c]), g('cx', [a, b]), g(T, [a]), g(D, [b]), g('cx', [a, b]),
  ];
}

/** Gates a phase angle of k·π/4 costs in Clifford+T (0 for k = 0). */
const COST = [0, 1, 1, 2, 1, 2, 1, 1];

/** Choose ccz polarities (±1 per ccz, in order) minimising the Clifford+T cost of the merged phases. */
export function chooseCczPolarities(instructions: readonly Instruction[], numQubits: number): Array<1 | -1> {
  const tracker = new ParityTracker(numQubits);
  const fixed = new Map<string, number>(); // key → sum in units of π/4 (integer) from fixed gates
  const irregular = new Set<string>(); // keys touched by non-π/4 angles: excluded from the search
  const cczTerms: Array<Array<{ key: string; sign: number }>> = [];
  for (const inst of instructions) {
    const th = phaseAngle(inst);
    if (th !== undefined) {
      const v = tracker.value(inst.qubits[0]!);
      const key = parityKey(v.parity);
      const k = piQuarterMultiple(th);
      if (k === undefined) irregular.add(key);
      else fixed.set(key, (fixed.get(key) ?? 0) + (v.negated ? -k : k));
      continue;
    }
    if (inst.gate === 'ccz' && !inst.condition) {
      const [a, b, c] = inst.qubits.map((q) => tracker.value(q));
      const terms: Array<{ key: string; sign: number }> = [];
      // 4abc = a + b + c − a⊕b − a⊕c − b⊕c + a⊕b⊕c on the wires' values (negations flip signs).
      const combos: Array<[Array<typeof a>, number]> = [[[a], 1], [[b], 1], [[c], 1], [[a, b], -1], [[a, c], -1], [[b, c], -1], [[a, b, c], 1]];
      for (const [vs, s] of combos) {
        let p: Parity = ZERO_PARITY, neg = false;
        for (const v of vs) {
          p = xorParity(p, v!.parity);
          neg = neg !== v!.negated;
        }
        terms.push({ key: parityKey(p), sign: neg ? -s : s });
      }
      cczTerms.push(terms);
    }
    tracker.step(inst);
  }
  const pol: Array<1 | -1> = cczTerms.map(() => 1);
  const sum = new Map(fixed);
  cczTerms.forEach((ts) => ts.forEach(({ key, sign }) => sum.set(key, (sum.get(key) ?? 0) + sign)));
  const cost = (k: number): number => COST[((k % 8) + 8) % 8]!;
  for (let round = 0; round < 8; round++) {
    let improved = false;
    cczTerms.forEach((ts, i) => {
      let delta = 0;
      for (const { key, sign } of ts) {
        if (irregular.has(key)) continue;
        const s = sum.get(key)!;
        delta += cost(s - 2 * sign * pol[i]!) - cost(s);
      }
      if (delta < 0) {
        for (const { key, sign } of ts) sum.set(key, sum.get(key)! - 2 * sign * pol[i]!);
        pol[i] = pol[i] === 1 ? -1 : 1;
        improved = true;
      }
    });
    if (!improved) break;
  }
  return pol;
}

/** The six orders of a ccz's (symmetric) qubits for the network's roles (a, b, c). */
export const CCZ_ORIENTATIONS: ReadonlyArray<readonly [number, number, number]> = [[0, 1, 2], [1, 0, 2], [0, 2, 1], [2, 0, 1], [1, 2, 0], [2, 1, 0]];

/**
 * ccx → h·ccz·h, then every ccz → its network with the chosen polarity; `orientation[k]` picks
 * the k-th ccz's roles from CCZ_ORIENTATIONS (default 0: the ccz's own qubit order).
 */
export function decomposeToffoliList(instructions: readonly Instruction[], numQubits: number, orientation: readonly number[] = []): Instruction[] {
  const withCcz: Instruction[] = [];
  for (const inst of instructions) {
    if (inst.gate === 'ccx' && !inst.condition) {
      const t = inst.qubits[2]!;
      withCcz.push(g('h', [t]), { gate: 'ccz', qubits: inst.qubits, params: [] }, g('h', [t]));
    } else withCcz.push(inst);
  }
  const pol = chooseCczPolarities(withCcz, numQubits);
  const out: Instruction[] = [];
  let k = 0;
  for (const inst of withCcz) {
    if (inst.gate === 'ccz' && !inst.condition) {
      const o = CCZ_ORIENTATIONS[orientation[k] ?? 0]!;
      const qs = inst.qubits;
      out.push(...cczNetwork(qs[o[0]]!, qs[o[1]]!, qs[o[2]]!, pol[k++]!));
    } else out.push(inst);
  }
  return out;
}

/** The Toffoli pass with every ccz given the same orientation (an index into CCZ_ORIENTATIONS). */
export function decomposeToffoliWith(orientation: number): Pass {
  return definePass(
    { name: `decompose-toffoli(${orientation})`, requires: [], guarantees: [] },
    (circuit) => {
      const count = circuit.instructions.filter((i) => i.gate === 'ccz' || i.gate === 'ccx').length;
      return withInstructions(circuit, decomposeToffoliList(circuit.instructions, circuit.numQubits, new Array<number>(count).fill(orientation)));
    },
  );
}

export const decomposeToffoli: Pass = decomposeToffoliWith(0);
