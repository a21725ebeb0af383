/**
 * Two-qubit block consolidation: maximal runs of gates confined to one pair of qubits (and
 * consecutive on both wires) are multiplied out and resynthesised with the KAK decomposition
 * (≤ 3 CNOTs); a block is replaced only when that needs fewer CNOTs than it has, so Clifford+T
 * circuits change only where two-qubit gates are saved.
 * @see compiler/synthesis/two-qubit.ts
 */
import { applyMatrixToColumns, gateMatrix, gateSpec, withInstructions, NON_UNITARY, type Instruction } from '../compiler/circuit/index.js';
import { CMatrix } from '../compiler/linalg/complex.js';
import { twoQubitToInstructions } from '../compiler/synthesis/two-qubit.js';
import { definePass, type Pass } from './pass.js';
import { minimalCnotCount } from './primitives/cnot-count.js';

/** CNOTs a gate costs when written with cx (the library definitions). */
function cnotCost(inst: Instruction): number {
  if (inst.qubits.length < 2) return 0;
  switch (inst.gate) {
    case 'cx': case 'cz': case 'cy': case 'ecr': case 'ms': case 'zz': case 'rzz': case 'rxx': case 'ryy': case 'ch': return inst.gate === 'ch' || inst.gate === 'rzz' || inst.gate === 'rxx' || inst.gate === 'ryy' || inst.gate === 'zz' ? 2 : 1;
    case 'swap': return 3;
    default: return 2;
  }
}

interface Block {
  readonly pair: readonly [number, number];
  readonly members: number[];
}

function consolidateList(instructions: readonly Instruction[], numQubits: number): Instruction[] {
  const open = new Array<Block | null>(numQubits).fill(null);
  const blocks: Block[] = [];
  const close = (q: number): void => {
    const b = open[q];
    if (b) for (const p of b.pair) open[p] = null;
  };
  instructions.forEach((inst, k) => {
    const opaque = NON_UNITARY.has(inst.gate) || inst.condition !== undefined || !gateSpec(inst.gate);
    if (opaque || inst.qubits.length > 2 || inst.qubits.length === 0) {
      if (inst.qubits.length === 0 && !opaque) return;
      for (const q of opaque && inst.qubits.length === 0 ? open.map((_, i) => i) : inst.qubits) close(q);
      return;
    }
    if (inst.qubits.length === 1) {
      open[inst.qubits[0]!]?.members.push(k);
      return;
    }
    const [a, b] = inst.qubits as [number, number];
    const ba = open[a];
    if (ba && ba === open[b]) {
      ba.members.push(k);
      return;
    }
    close(a);
    close(b);
    const nb: Block = { pair: [a, b], members: [k] };
    blocks.push(nb);
    open[a] = nb;
    open[b] = nb;
  });
  const replaceAt = new Map<number, Instruction[]>();
  const skip = new Set<number>();
  for (const b of blocks) {
    const insts = b.members.map((k) => instructions[k]!);
    const cost = insts.reduce((s, i) => s + cnotCost(i), 0);
    if (cost <= 1) continue;
    const u = CMatrix.identity(4);
    const local = (q: number): number => (q === b.pair[0] ? 0 : 1);
    for (const i of insts) applyMatrixToColumns(u, gateMatrix(i.gate, i.params, i.qubits.length), i.qubits.map(local));
    // The invariant says in a few multiplications whether resynthesis can save a CNOT.
    const needed = minimalCnotCount(u);
    if (needed >= cost) continue;
    const synth = twoQubitToInstructions(u, { minCnots: needed });
    if (!synth) continue;
    const newCost = synth.filter((i) => i.gate === 'cx').length;
    if (newCost >= cost) continue;
    b.members.forEach((k) => skip.add(k));
    replaceAt.set(b.members[b.members.length - 1]!, synth.map((i) => ({ ...i, qubits: i.qubits.map((q) => b.pair[q]!) })));
  }
  const out: Instruction[] = [];
  instructions.forEach((inst, k) => {
    const r = replaceAt.get(k);
    if (r) out.push(...r);
    else if (!skip.has(k)) out.push(inst);
  });
  return out;
}

const CLIFFORD_T = new Set(['h', 'x', 'y', 'z', 's', 'sdg', 't', 'tdg', 'sx', 'sxdg', 'id', 'cx', 'cz', 'swap', 'measure', 'barrier', 'reset']);

/** True when every gate is Clifford+T (then resynthesis into U gates would hide T gates). */
export function isCliffordT(instructions: readonly Instruction[]): boolean {
  return instructions.every((i) => CLIFFORD_T.has(i.gate));
}

export interface ConsolidateOptions {
  /** Leave a Clifford+T circuit alone so its T-count keeps its meaning (default true). */
  readonly keepCliffordT?: boolean;
}

/** KAK consolidation of two-qubit blocks as a pass (after routing it keeps every pair, so couplers stay coupled). */
export function consolidateBlocks(options: ConsolidateOptions = {}): Pass {
  const keep = options.keepCliffordT ?? true;
  return definePass(
    { name: keep ? 'consolidate-two-qubit' : 'consolidate-two-qubit-all', requires: [], guarantees: [], invalidates: ['basis', 'connectivity', 'clifford-t'] },
    (circuit) => (keep && isCliffordT(circuit.instructions) ? circuit : withInstructions(circuit, consolidateList(circuit.instructions, circuit.numQubits))),
  );
}

/** Consolidation; a Clifford+T circuit is left alone so its T-count keeps its meaning. */
export const consolidateTwoQubit: Pass = consolidateBlocks();
