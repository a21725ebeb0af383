/**
 * Fault-tolerant pricing of gate counts for `qntk estimate`: T gates of Toffolis and
 * multi-controlled gates under a stated rule, and arbitrary-angle rotations synthesised to
 * Clifford+T at ≈ 3·log₂(1/ε_rot) T each. Decompositions match `cnotCostOf` in synthesis/cost.ts.
 * @see arXiv:1212.5069 (Jones: Toffoli with 4 T and a measurement); arXiv:1206.0758 (Amy et al.: 7 T)
 * @see arXiv:1508.03273 (Maslov: relative-phase Toffolis, 4 T); arXiv:1403.2975 (Ross, Selinger)
 */
import type { GateCost } from '../synthesis/cost.js';

export interface TRule {
  /** T gates per Toffoli (ccx, ccz): 7 (exact Clifford+T) or 4 (Jones, with a measured ancilla). */
  readonly toffoliT: number;
  /** T gates per arbitrary-angle single-qubit rotation. */
  readonly rotationT: number;
}

/** Arbitrary-angle rotations in one gate (cp = three phase rotations around two CNOTs). */
export function rotationsOf(gate: string): number {
  switch (gate) {
    case 'rz': case 'ry': case 'rx': case 'p': case 'u1': case 'rzz': case 'rxx': case 'ryy':
      return 1;
    case 'crz': case 'cry': case 'crx':
      return 2;
    case 'cp': case 'u': case 'u3':
      return 3;
    default:
      return 0;
  }
}

/**
 * Non-rotation T gates of one gate: t/tdg 1; ccx/ccz toffoliT; cswap toffoliT; mcx/mcz with k ≥ 3
 * controls 2(k − 2) relative-phase Toffolis of 4 T plus one Toffoli; mcp two such mcx (its controlled
 * phase is counted under rotations). Cliffords 0.
 */
export function tOf(gate: string, controls: number, rule: TRule): number {
  switch (gate) {
    case 't': case 'tdg':
      return 1;
    case 'ccx': case 'ccz': case 'cswap':
      return rule.toffoliT;
    case 'mcx': case 'mcz':
      return controls <= 1 ? 0 : controls === 2 ? rule.toffoliT : 8 * (controls - 2) + rule.toffoliT;
    case 'mcp':
      return controls <= 1 ? 0 : 2 * (controls === 2 ? rule.toffoliT : 8 * (controls - 2) + rule.toffoliT);
    default:
      return 0;
  }
}

/** T gates per rotation for a per-rotation error ε_rot: ⌈3·log₂(1/ε_rot)⌉ (Ross–Selinger, leading term). */
export function rotationTCost(epsilonRot: number): number {
  return Math.ceil(3 * Math.log2(1 / epsilonRot));
}

export interface TCount {
  /** T gates of Toffolis and multi-controlled gates. */
  readonly toffoli: number;
  /** Arbitrary-angle rotations (each synthesised separately). */
  readonly rotations: number;
  /** T gates of the rotations (rotations × rule.rotationT). */
  readonly rotationT: number;
  readonly total: number;
}

/** T count of gate counts keyed as `gateKey` keys them ('mcx:k'). */
export function tCount(cost: GateCost, rule: TRule): TCount {
  let toffoli = 0, rotations = 0;
  for (const [name, count] of Object.entries(cost.gates)) {
    const [g, k] = name.split(':');
    toffoli += count * tOf(g!, k === undefined ? (g === 'ccx' || g === 'ccz' ? 2 : 0) : Number(k), rule);
    rotations += count * rotationsOf(g!);
  }
  const rotationT = rotations * rule.rotationT;
  return { toffoli, rotations, rotationT, total: toffoli + rotationT };
}
