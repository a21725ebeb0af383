/**
 * Pauli twirling of two-qubit gates: each two-qubit gate G becomes Q·G·P with P a random two-qubit
 * Pauli and Q = G·P·G† (a Pauli up to sign), so every randomised circuit equals the original, and
 * averaging results over many of them turns the noise of each gate into a Pauli channel (coherent
 * errors become stochastic ones). The admissible P for a gate are those that G maps to a Pauli:
 * all 16 for Clifford gates (cz, cx, ecr, ms at π/2), fewer for others (for zz(θ) the 8 Paulis
 * that commute with Z⊗Z), found numerically once per gate. The Paulis are then merged into the
 * neighbouring one-qubit gates in the target's basis (translate-basis), so a twirled circuit
 * costs no more two-qubit gates and at most a few more one-qubit pulses.
 * @see J. J. Wallman, J. Emerson, Phys. Rev. A 94, 052325 (2016), arXiv:1512.01098
 */
import { gateMatrix, isTwoQubitGate, withInstructions, instruction, type Circuit, type Instruction } from '../compiler/circuit/index.js';
import { CMatrix } from '../compiler/linalg/complex.js';
import { createRandom, type Random } from '../compiler/linalg/random.js';
import { definePass, makeContext, type Pass } from './pass.js';
import type { Pauli } from './primitives/pauli-gates.js';
import type { Target } from './targets/target.js';
import { translateBasis } from './translate-basis.js';


const P1: readonly (Pauli | 'i')[] = ['i', 'x', 'y', 'z'];
const MAT: Record<Pauli | 'i', CMatrix> = {
  i: CMatrix.identity(2), x: gateMatrix('x', [], 1), y: gateMatrix('y', [], 1), z: gateMatrix('z', [], 1),
};

/** A two-qubit Pauli: factor on qubits[0], factor on qubits[1]. */
type Pair = readonly [Pauli | 'i', Pauli | 'i'];

/** The Pauli pair equal to m up to a global phase, if any. */
function asPauliPair(m: CMatrix): Pair | undefined {
  for (const a of P1) {
    for (const b of P1) {
      // Matrix index bit 0 ↔ qubits[0]: the factor on qubits[0] is the right Kronecker factor.
      const p = MAT[b].kron(MAT[a]);
      let dot = { re: 0, im: 0 };
      for (let k = 0; k < 16; k++) {
        dot = { re: dot.re + p.re[k]! * m.re[k]! + p.im[k]! * m.im[k]!, im: dot.im + p.re[k]! * m.im[k]! - p.im[k]! * m.re[k]! };
      }
      if (Math.abs(Math.hypot(dot.re, dot.im) - 4) < 1e-9) return [a, b];
    }
  }
  return undefined;
}

const twirlCache = new Map<string, ReadonlyArray<readonly [Pair, Pair]>>();

/** The admissible (P, Q) pairs of a two-qubit gate: Q·G·P = G up to phase. */
export function twirlSet(inst: Instruction): ReadonlyArray<readonly [Pair, Pair]> {
  const key = `${inst.gate}:${inst.params.join(',')}`;
  let set = twirlCache.get(key);
  if (set !== undefined) return set;
  const g = gateMatrix(inst.gate, inst.params, 2);
  const out: Array<readonly [Pair, Pair]> = [];
  for (const a of P1) {
    for (const b of P1) {
      const p = MAT[b].kron(MAT[a]);
      const q = asPauliPair(g.mul(p).mul(g.adjoint()));
      if (q !== undefined) out.push([[a, b], q]);
    }
  }
  twirlCache.set(key, (set = out));
  return set;
}

function pauliGates(pair: Pair, qubits: readonly number[]): Instruction[] {
  const out: Instruction[] = [];
  pair.forEach((p, j) => { if (p !== 'i') out.push(instruction(p, [qubits[j]!])); });
  return out;
}

/** One randomised twirl of every unconditioned two-qubit gate, re-expressed in the target's basis. */
export function twirlTwoQubitGates(circuit: Circuit, target: Target, rng: Random): Circuit {
  const out: Instruction[] = [];
  for (const inst of circuit.instructions) {
    if (!isTwoQubitGate(inst) || inst.condition) {
      out.push(inst);
      continue;
    }
    const set = twirlSet(inst);
    const [p, q] = set[rng.int(set.length)]!;
    out.push(...pauliGates(p, inst.qubits), inst, ...pauliGates(q, inst.qubits));
  }
  return translateBasis.run(withInstructions(circuit, out), makeContext(target));
}

/** `count` independently twirled copies of `circuit` (seeded, reproducible). */
export function pauliTwirls(circuit: Circuit, target: Target, count: number, seed: number): Circuit[] {
  const rng = createRandom(seed);
  return Array.from({ length: count }, () => twirlTwoQubitGates(circuit, target, rng));
}

/** The twirling pass: one random twirl drawn with the context's seed. */
export const pauliTwirl: Pass = definePass({ name: 'pauli-twirl', requires: [], guarantees: [] },
  (circuit, ctx) => twirlTwoQubitGates(circuit, ctx.target, createRandom(ctx.seed)));
