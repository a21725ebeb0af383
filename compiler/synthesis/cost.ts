/**
 * Gate counts of circuits and components: counts by cost key, qubits, depth, and a CNOT count that
 * prices multi-controlled gates with a documented per-gate cost (a pricing of the IR's gates,
 * independent of how a pass later decomposes them).
 */
import type { Circuit } from '../circuit/index.js';

export interface GateCost {
  /** Gate counts by canonical gate name (no barriers). */
  readonly gates: Readonly<Record<string, number>>;
  readonly qubits: number;
  /** Circuit depth (exact for `circuitCost`, an upper bound for components' `cost()`). */
  readonly depth: number;
}

/** Mutable accumulator of gate counts. */
export class CostTally {
  private readonly counts = new Map<string, number>();
  depth = 0;

  add(gate: string, count = 1): this {
    if (count !== 0) this.counts.set(gate, (this.counts.get(gate) ?? 0) + count);
    return this;
  }

  /** Add another cost `times` times in sequence (depths add). */
  addCost(c: GateCost, times = 1): this {
    for (const [g, k] of Object.entries(c.gates)) this.add(g, k * times);
    this.depth += c.depth * times;
    return this;
  }

  toCost(qubits: number): GateCost {
    const gates: Record<string, number> = {};
    for (const [g, k] of [...this.counts.entries()].sort((a, b) => a[0].localeCompare(b[0]))) gates[g] = k;
    return { gates, qubits, depth: this.depth };
  }
}

/** Exact gate counts and ASAP depth of a built circuit (barriers and 0-qubit gphase ignored). */
export function circuitCost(circuit: Circuit): GateCost {
  const tally = new CostTally();
  const level = new Int32Array(circuit.numQubits);
  let depth = 0;
  for (const inst of circuit.instructions) {
    if (inst.gate === 'barrier' || inst.qubits.length === 0) {
      if (inst.gate !== 'barrier') tally.add(inst.gate);
      continue;
    }
    tally.add(gateKey(inst.gate, inst.qubits.length));
    let l = 0;
    for (const q of inst.qubits) l = Math.max(l, level[q]!);
    l++;
    for (const q of inst.qubits) level[q] = l;
    depth = Math.max(depth, l);
  }
  tally.depth = depth;
  return tally.toCost(circuit.numQubits);
}

/** Cost key of a gate: variadic multi-controlled gates carry their control count ('mcx:4'). */
export function gateKey(gate: string, n: number): string {
  return gate === 'mcx' || gate === 'mcz' || gate === 'mcp' ? `${gate}:${n - 1}` : gate;
}

/** Cost key of an X controlled by `controls` qubits, as CircuitBuilder.mcx emits it (x, cx, ccx, mcx:k). */
export function mcxKey(controls: number): string {
  return controls === 0 ? 'x' : controls === 1 ? 'cx' : controls === 2 ? 'ccx' : gateKey('mcx', controls + 1);
}

/** Cost key of a Z over `qubits` qubits, as CircuitBuilder.mcz emits it (z, cz, ccz, mcz:k). */
export function mczKey(qubits: number): string {
  return qubits === 1 ? 'z' : qubits === 2 ? 'cz' : qubits === 3 ? 'ccz' : gateKey('mcz', qubits);
}

/**
 * CNOTs needed for one application of `gate` on `n` qubits, before any optimisation:
 * cx/cz/cy/ch/ecr 1; cp/crx/cry/crz/cu/rxx/ryy/rzz/zz 2; swap 3; ccx/ccz 6 (Nielsen–Chuang);
 * cswap 8; mcx/mcz with k ≥ 3 controls 6k − 6 (k − 2 relative-phase Toffolis of 3 CNOTs each,
 * computed and uncomputed on borrowed qubits, plus one Toffoli; @see arXiv:1508.03273);
 * mcp with k ≥ 2 controls 2·(6k − 6) + 2 (an mcx pair around a controlled phase). Single-qubit
 * gates 0. Unknown multi-qubit gates count as NaN so a wrong total cannot go unnoticed.
 */
export function cnotCostOf(gate: string, n: number): number {
  switch (gate) {
    case 'cx': case 'cz': case 'cy': case 'ch': case 'ecr': case 'ms':
      return 1;
    case 'cp': case 'crx': case 'cry': case 'crz': case 'cu': case 'rxx': case 'ryy': case 'rzz': case 'zz':
      return 2;
    case 'swap':
      return 3;
    case 'ccx': case 'ccz':
      return 6;
    case 'cswap':
      return 8;
    case 'mcx': case 'mcz': {
      const k = n - 1;
      return k === 1 ? 1 : k === 2 ? 6 : 6 * k - 6;
    }
    case 'mcp': {
      const k = n - 1;
      return k === 1 ? 2 : 2 * (k === 2 ? 6 : 6 * k - 6) + 2;
    }
    default:
      return n <= 1 ? 0 : NaN;
  }
}

/** CNOT count of a built circuit under `cnotCostOf`. */
export function circuitCnotCount(circuit: Circuit): number {
  let total = 0;
  for (const inst of circuit.instructions) if (inst.gate !== 'barrier') total += cnotCostOf(inst.gate, inst.qubits.length);
  return total;
}

/** CNOT count from gate counts (variadic gates keyed 'mcx:k' by `gateKey`). */
export function cnotCount(cost: GateCost): number {
  let total = 0;
  for (const [name, count] of Object.entries(cost.gates)) {
    const [g, k] = name.split(':');
    const n = k === undefined ? (fixedArity(g!) ?? 1) : Number(k) + 1;
    total += count * cnotCostOf(g!, n);
  }
  return total;
}

function fixedArity(g: string): number | undefined {
  if (['ccx', 'ccz', 'cswap'].includes(g)) return 3;
  if (g.startsWith('c') || ['swap', 'ecr', 'ms', 'rxx', 'ryy', 'rzz', 'zz'].includes(g)) return 2;
  return undefined;
}
