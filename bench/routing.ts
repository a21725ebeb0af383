/**
 * `npm run bench -- routing`: the Nam suite (nam_ccz, decomposed to one- and two-qubit gates)
 * laid out and routed on ibm_torino (Heron, 133 q) and ibm_brisbane (Eagle, 127 q) by LightSABRE
 * with the -O3 trial counts, beside a plain greedy router from the dense layout. Added two-qubit
 * gates = 3 × swaps; "after merging" = the two-qubit gates the -O2/-O3 lowering is left with once
 * the KAK consolidation has merged swaps with the blocks beside them, less the same consolidation's
 * count for the unrouted circuit. The like-for-like figure routes on every coupler, as the SABRE
 * router before LightSABRE did (its totals are quoted, both ways); the default also leaves out
 * couplers the calibration reports out of service. Every routed output is checked exactly
 * (route-verify.ts).
 */
import { withInstructions, type Circuit, type Instruction } from '../compiler/circuit/index.js';
import { consolidateBlocks } from '../passes/consolidate-two-qubit.js';
import { makeContext } from '../passes/pass.js';
import { readQasmFile } from '../compiler/qasm/read.js';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { BENCH_CIRCUITS } from './paths.js';
import { toTwoQubitList } from '../passes/decompose-multi-qubit.js';
import { chooseLayout } from '../passes/layout.js';
import { PRESETS } from '../passes/presets.js';
import { routeGreedy, routedCircuit, sabreLayoutAndRoute, type RouteResult } from '../passes/route-sabre.js';
import { verifyRouting } from '../passes/route-verify.js';
import { getTarget } from '../passes/targets/builtins.js';
import type { Target } from '../passes/targets/target.js';
import type { BenchSuite } from './suite.js';

const DIR = join(BENCH_CIRCUITS, 'nam_ccz');
const SKIP = new Set(['gf2^64_mult.qasm', 'gf2^128_mult.qasm', 'gf2^131_mult.qasm', 'gf2^163_mult.qasm']);
/**
 * Added two-qubit gates of the SABRE router before LightSABRE (commit b5ff8dc: dense layout, 2
 * refinement rounds, best of 4 seeds): 3 × swaps, and after the same consolidation as below.
 */
const PREVIOUS: Readonly<Record<string, number>> = { ibm_torino: 41_139, ibm_brisbane: 39_054 };
const PREVIOUS_MERGED: Readonly<Record<string, number>> = { ibm_torino: 35_521, ibm_brisbane: 33_284 };

const consolidate = consolidateBlocks({ keepCliffordT: false });

function checked(c: Circuit, t: Target, r: RouteResult, what: string): number {
  const v = verifyRouting(c, r.instructions, t, r.layout, r.finalLayout);
  if (!v.ok) throw new Error(`bench routing: ${what} on ${t.name} is wrong: ${v.message}`);
  return 3 * r.swaps;
}

/** Two-qubit gates, a swap counting 3 (what it costs when no block absorbs it). */
function twoQubitCost(instructions: readonly Instruction[]): number {
  return instructions.reduce((s, i) => s + (i.qubits.length === 2 ? (i.gate === 'swap' ? 3 : 1) : 0), 0);
}

/** Two-qubit gates routing adds once swaps merge with their neighbours (consolidation of both sides). */
function afterMerging(c: Circuit, t: Target, r: RouteResult, base: number): number {
  return twoQubitCost(consolidate.run(routedCircuit(c, t, r), makeContext(t, { seed: 1 })).instructions) - base;
}

export const routingSuite: BenchSuite = {
  name: 'routing',
  describe: 'Two-qubit gates added by LightSABRE vs a greedy router on ibm_torino and ibm_brisbane (Nam suite)',
  async run(log) {
    const files = readdirSync(DIR).filter((f) => f.endsWith('.qasm') && !SKIP.has(f)).sort();
    const p = PRESETS[3];
    const opts = { seed: 1, layoutTrials: p.layoutTrials, iterations: p.layoutIterations, swapTrials: p.swapTrials, mergeBonus: p.mergeBonus };
    const result: Record<string, unknown> = { options: opts };
    for (const name of ['ibm_torino', 'ibm_brisbane']) {
      const t = getTarget(name);
      let sumCx = 0, sumAll = 0, sumMerged = 0, sumInService = 0, sumInServiceMerged = 0, sumGreedy = 0, ms = 0;
      const rows: Array<Record<string, unknown>> = [];
      log(`${name}: ${'circuit'.padEnd(16)} ${'cx'.padStart(6)}  ${'+sabre'.padStart(7)}  ${'merged'.padStart(7)}  ${'+in-svc'.padStart(7)}  ${'merged'.padStart(7)}  ${'+greedy'.padStart(7)}  ${'ms'.padStart(6)}`);
      for (const f of files) {
        const c0 = readQasmFile(`${DIR}/${f}`);
        const c = withInstructions(c0, toTwoQubitList(c0.instructions, c0.numQubits));
        const cx = c.instructions.filter((i) => i.qubits.length === 2).length;
        const greedy = checked(c, t, routeGreedy(c, t, chooseLayout(c, t, 'dense')), 'greedy');
        const base = twoQubitCost(consolidate.run(c, makeContext(t, { seed: 1 })).instructions);
        const t0 = performance.now();
        const rAll = sabreLayoutAndRoute(c, t, { ...opts, avoidFaulty: false });
        const dt = performance.now() - t0;
        const all = checked(c, t, rAll, 'LightSABRE');
        const merged = afterMerging(c, t, rAll, base);
        const rIn = sabreLayoutAndRoute(c, t, opts);
        const inService = checked(c, t, rIn, 'LightSABRE (in-service couplers)');
        const inServiceMerged = afterMerging(c, t, rIn, base);
        ms += dt;
        sumCx += cx;
        sumAll += all;
        sumMerged += merged;
        sumInService += inService;
        sumInServiceMerged += inServiceMerged;
        sumGreedy += greedy;
        const circuit = f.replace('.qasm', '');
        rows.push({ circuit, cx, added: all, addedMerged: merged, addedInService: inService, addedInServiceMerged: inServiceMerged, addedGreedy: greedy, ms: Math.round(dt) });
        log(`${''.padEnd(name.length + 1)} ${circuit.padEnd(16)} ${String(cx).padStart(6)}  ${String(all).padStart(7)}  ${String(merged).padStart(7)}  ${String(inService).padStart(7)}  ${String(inServiceMerged).padStart(7)}  ${String(greedy).padStart(7)}  ${dt.toFixed(0).padStart(6)}`);
      }
      const before = PREVIOUS[name]!, beforeMerged = PREVIOUS_MERGED[name]!;
      const pct = (a: number, b: number): string => `${((100 * (a - b)) / b).toFixed(1)} %`;
      log(`${name}: ${sumCx} CNOTs; LightSABRE adds ${sumAll} (previous SABRE ${before}, ${pct(sumAll, before)}), after merging ${sumMerged} (previous ${beforeMerged}, ${pct(sumMerged, beforeMerged)}); `
        + `on in-service couplers ${sumInService}, after merging ${sumInServiceMerged}; greedy adds ${sumGreedy}; LightSABRE/greedy = ${(sumAll / sumGreedy).toFixed(3)}; LightSABRE time ${(ms / 1000).toFixed(2)} s; every routing checked`);
      result[name] = {
        totalCx: sumCx, added: sumAll, addedMerged: sumMerged, addedInService: sumInService, addedInServiceMerged: sumInServiceMerged, addedGreedy: sumGreedy,
        previousSabre: before, previousSabreMerged: beforeMerged, changeVsPrevious: (sumAll - before) / before, mergedChangeVsPreviousMerged: (sumMerged - beforeMerged) / beforeMerged,
        ratioToGreedy: sumAll / sumGreedy, seconds: ms / 1000, rows,
      };
    }
    return result;
  },
};
