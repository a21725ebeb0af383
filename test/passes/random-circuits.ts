/** Seeded random circuits for pass tests (Clifford+T, rotations, multi-qubit gates). */
import { CircuitBuilder, remapInstruction, withInstructions, type Circuit, type GateName } from '../../compiler/circuit/index.js';
import { checkEquivalence } from '../../passes/primitives/equivalence.js';
import { rng } from '../helpers/quantum.js';

export type GatePool = 'clifford-t' | 'rotations' | 'mixed';

const ONE: Record<GatePool, GateName[]> = { 'clifford-t': ['h', 'x', 't', 'tdg', 's', 'sdg', 'z'], rotations: ['rz', 'rx', 'ry', 'h', 'sx', 'p'], mixed: ['h', 'x', 't', 'tdg', 's', 'rz', 'ry', 'U', 'sx', 'y'] };
const TWO: Record<GatePool, GateName[]> = { 'clifford-t': ['cx', 'cx', 'cx', 'cz'], rotations: ['cx', 'cz', 'cp', 'crz', 'rzz'], mixed: ['cx', 'cx', 'cz', 'swap', 'cp', 'ch', 'rzz', 'ecr'] };
const THREE: Record<GatePool, GateName[]> = { 'clifford-t': ['ccx', 'ccz'], rotations: ['ccx'], mixed: ['ccx', 'ccz', 'cswap', 'mcx'] };

/** A random circuit of `gates` gates on n qubits. */
export function randomCircuit(n: number, gates: number, seed: number, pool: GatePool = 'mixed'): Circuit {
  const r = rng(seed);
  const b = new CircuitBuilder(n);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  const qubits = (k: number): number[] => {
    const all = Array.from({ length: n }, (_, i) => i);
    for (let i = all.length - 1; i > 0; i--) {
      const j = Math.floor(r() * (i + 1));
      [all[i], all[j]] = [all[j]!, all[i]!];
    }
    return all.slice(0, k);
  };
  for (let k = 0; k < gates; k++) {
    const u = r();
    if (u < 0.1 && n >= 3) {
      const g = pick(THREE[pool]);
      b.gate(g, qubits(g === 'mcx' ? Math.min(n, 4) : 3));
    } else if (u < 0.45 && n >= 2) {
      const g = pick(TWO[pool]);
      b.gate(g, qubits(2), ['cp', 'crz', 'rzz'].includes(g) ? [(r() - 0.5) * 4] : []);
    } else {
      const g = pick(ONE[pool]);
      const np = g === 'U' ? 3 : ['rz', 'rx', 'ry', 'p'].includes(g) ? 1 : 0;
      // Rotation angles are often multiples of π/4 so merging has something to do.
      b.gate(g, qubits(1), Array.from({ length: np }, () => (r() < 0.5 ? Math.round(r() * 8) * Math.PI / 4 : (r() - 0.5) * 6)));
    }
  }
  return b.build();
}

/**
 * Equivalence of a routed physical circuit with its logical original: the touched physical
 * qubits are relabelled 0..m−1, the original is placed by the layout, and the physical
 * permutation is applied to its output.
 */
export function routedEquivalent(original: Circuit, routed: Circuit, layout: readonly number[], physicalPermutation: readonly number[]): { distance: number; equivalent: boolean; qubits: number } {
  const touched = new Set<number>(layout);
  for (const i of routed.instructions) i.qubits.forEach((q) => touched.add(q));
  // Follow ancillas through the permutation so the compact set is closed under it.
  for (const p of [...touched]) {
    let q = physicalPermutation[p]!;
    while (!touched.has(q)) {
      touched.add(q);
      q = physicalPermutation[q]!;
    }
  }
  const order = [...touched].sort((a, b) => a - b);
  const index = new Map(order.map((p, k) => [p, k]));
  const m = order.length;
  const phys = new Array<number>(Math.max(...order) + 1).fill(0).map((_, p) => index.get(p) ?? 0);
  const compact = (c: Circuit, map: readonly number[]): Circuit => withInstructions({ ...c, numQubits: m, qregs: [{ name: 'q', start: 0, size: m }] }, c.instructions.map((i) => remapInstruction(i, map)));
  const a = compact(original, layout.map((p) => index.get(p)!));
  const b = compact(routed, phys);
  const perm = order.map((p) => index.get(physicalPermutation[p]!)!);
  const r = checkEquivalence(a, b, { outputPermutation: perm });
  return { distance: r.distance, equivalent: r.equivalent, qubits: m };
}
