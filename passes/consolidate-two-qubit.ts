/**
 * Two-qubit block consolidation: maximal runs of gates confined to one pair of qubits (and
 * consecutive on both wires) are multiplied out and resynthesised with the KAK decomposition
 * (≤ 3 CNOTs); a block is replaced only when that needs fewer CNOTs than it has, so Clifford+T
 * circuits change only where two-qubit gates are saved.
 * @see compiler/synthesis/two-qubit.ts
 */
import { applyMatrixToColumns, gateMatrix, gateSpec, withOwnInstructions, isUnconditionalGate, type Instruction } from '../compiler/circuit/index.js';
import { CMatrix } from '../compiler/linalg/complex.js';
import { twoQubitToInstructions } from '../compiler/synthesis/two-qubit.js';
import { definePass, type Pass } from './pass.js';
import { minimalCnotCount } from './primitives/cnot-count.js';
import { Splice } from './primitives/splice.js';

/** CNOTs a gate costs when written with cx (the library definitions). */
function cnotCost(inst: Instruction): number {
  if (inst.qubits.length < 2) return 0;
  switch (inst.gate) {
    case 'cx': case 'cz': case 'cy': case 'ecr': case 'ms': case 'zz': case 'rzz': case 'rxx': case 'ryy': case 'ch': return inst.gate === 'ch' || inst.gate === 'rzz' || inst.gate === 'rxx' || inst.gate === 'ryy' || inst.gate === 'zz' ? 2 : 1;
    case 'swap': return 3;
    default: return 2;
  }
}

/**
 * Maximal two-qubit blocks in list order, as typed arrays (a large circuit has hundreds of
 * thousands of blocks; an object and two arrays per block made finding them the slow part):
 * block b acts on pairA[b], pairB[b]; its members are linked from head[b] through nextMember,
 * and cost[b] is the CNOT count of its gates as written.
 */
function findBlocks(instructions: readonly Instruction[], numQubits: number) {
  const n = instructions.length;
  const pairA = new Int32Array(n), pairB = new Int32Array(n), head = new Int32Array(n), tail = new Int32Array(n), cost = new Int32Array(n);
  const nextMember = new Int32Array(n).fill(-1);
  const open = new Int32Array(numQubits).fill(-1);
  let count = 0;
  const close = (q: number): void => {
    const b = open[q]!;
    if (b >= 0) open[pairA[b]!] = open[pairB[b]!] = -1;
  };
  const add = (b: number, k: number): void => {
    nextMember[tail[b]!] = k;
    tail[b] = k;
    cost[b] = cost[b]! + cnotCost(instructions[k]!);
  };
  for (let k = 0; k < n; k++) {
    const inst = instructions[k]!, qs = inst.qubits;
    const opaque = !isUnconditionalGate(inst) || !gateSpec(inst.gate);
    if (opaque || qs.length > 2 || qs.length === 0) {
      if (qs.length === 0 && !opaque) continue;
      if (qs.length === 0) for (let q = 0; q < numQubits; q++) close(q);
      else for (const q of qs) close(q);
      continue;
    }
    if (qs.length === 1) {
      const b = open[qs[0]!]!;
      if (b >= 0) add(b, k);
      continue;
    }
    const a = qs[0]!, c = qs[1]!, ba = open[a]!;
    if (ba >= 0 && ba === open[c]) {
      add(ba, k);
      continue;
    }
    close(a);
    close(c);
    const b = count++;
    pairA[b] = a;
    pairB[b] = c;
    head[b] = tail[b] = k;
    cost[b] = cnotCost(inst);
    open[a] = open[c] = b;
  }
  return { count, pairA, pairB, head, cost, nextMember };
}

function consolidateList(instructions: readonly Instruction[], numQubits: number): Instruction[] {
  const { count, pairA, pairB, head, cost: costs, nextMember } = findBlocks(instructions, numQubits);
  const splice = new Splice(instructions.length);
  for (let b = 0; b < count; b++) {
    const cost = costs[b]!;
    if (cost <= 1) continue;
    const members: number[] = [];
    for (let k = head[b]!; k >= 0; k = nextMember[k]!) members.push(k);
    const pair = [pairA[b]!, pairB[b]!] as const;
    const u = CMatrix.identity(4);
    const local = (q: number): number => (q === pair[0] ? 0 : 1);
    for (const k of members) {
      const i = instructions[k]!;
      applyMatrixToColumns(u, gateMatrix(i.gate, i.params, i.qubits.length), i.qubits.map(local));
    }
    // The invariant says in a few multiplications whether resynthesis can save a CNOT.
    const needed = minimalCnotCount(u);
    if (needed >= cost) continue;
    const synth = twoQubitToInstructions(u, { minCnots: needed });
    if (!synth) continue;
    const newCost = synth.filter((i) => i.gate === 'cx').length;
    if (newCost >= cost) continue;
    splice.replace(members, synth.map((i) => ({ ...i, qubits: i.qubits.map((q) => pair[q]!) })));
  }
  return splice.apply(instructions);
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
    (circuit) => (keep && isCliffordT(circuit.instructions) ? circuit : withOwnInstructions(circuit, consolidateList(circuit.instructions, circuit.numQubits))),
  );
}

/** Consolidation; a Clifford+T circuit is left alone so its T-count keeps its meaning. */
export const consolidateTwoQubit: Pass = consolidateBlocks();
