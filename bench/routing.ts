/**
 * `npm run bench -- routing`: the Nam suite (nam_ccz, decomposed to one- and two-qubit gates)
 * laid out and routed on ibm_torino (Heron, 133 q) and ibm_brisbane (Eagle, 127 q) by LightSABRE
 * with the -O3 trial counts, beside a plain greedy router from the dense layout. Added two-qubit
 * gates = 3 × swaps. The like-for-like figure routes on every coupler, as the SABRE router before
 * LightSABRE did (its totals are quoted); the default also leaves out couplers the calibration
 * reports out of service. Every routed output is checked exactly (route-verify.ts).
 */
import { withInstructions, type Circuit } from '../compiler/circuit/index.js';
import { readQasmFile } from '../compiler/qasm/read.js';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { BENCH_CIRCUITS } from './paths.js';
import { toTwoQubitList } from '../passes/decompose-multi-qubit.js';
import { chooseLayout } from '../passes/layout.js';
import { PRESETS } from '../passes/presets.js';
import { routeGreedy, sabreLayoutAndRoute, type RouteResult } from '../passes/route-sabre.js';
import { verifyRouting } from '../passes/route-verify.js';
import { getTarget } from '../passes/targets/builtins.js';
import type { Target } from '../passes/targets/target.js';
import type { BenchSuite } from './suite.js';

const DIR = join(BENCH_CIRCUITS, 'nam_ccz');
const SKIP = new Set(['gf2^64_mult.qasm', 'gf2^128_mult.qasm', 'gf2^131_mult.qasm', 'gf2^163_mult.qasm']);
/** Added two-qubit gates of the SABRE router before LightSABRE (dense layout, 2 refinement rounds, best of 4 seeds). */
const PREVIOUS: Readonly<Record<string, number>> = { ibm_torino: 41_139, ibm_brisbane: 39_054 };

function checked(c: Circuit, t: Target, r: RouteResult, what: string): number {
  const v = verifyRouting(c, r.instructions, t, r.layout, r.finalLayout);
  if (!v.ok) throw new Error(`bench routing: ${what} on ${t.name} is wrong: ${v.message}`);
  return 3 * r.swaps;
}

export const routingSuite: BenchSuite = {
  name: 'routing',
  describe: 'Two-qubit gates added by LightSABRE vs a greedy router on ibm_torino and ibm_brisbane (Nam suite)',
  async run(log) {
    const files = readdirSync(DIR).filter((f) => f.endsWith('.qasm') && !SKIP.has(f)).sort();
    const p = PRESETS[3];
    const opts = { seed: 1, layoutTrials: p.layoutTrials, iterations: p.layoutIterations, swapTrials: p.swapTrials };
    const result: Record<string, unknown> = { options: opts };
    for (const name of ['ibm_torino', 'ibm_brisbane']) {
      const t = getTarget(name);
      let sumCx = 0, sumAll = 0, sumInService = 0, sumGreedy = 0, ms = 0;
      const rows: Array<Record<string, unknown>> = [];
      log(`${name}: ${'circuit'.padEnd(16)} ${'cx'.padStart(6)}  ${'+sabre'.padStart(7)}  ${'+in-svc'.padStart(7)}  ${'+greedy'.padStart(7)}  ${'ms'.padStart(6)}`);
      for (const f of files) {
        const c0 = readQasmFile(`${DIR}/${f}`);
        const c = withInstructions(c0, toTwoQubitList(c0.instructions, c0.numQubits));
        const cx = c.instructions.filter((i) => i.qubits.length === 2).length;
        const greedy = checked(c, t, routeGreedy(c, t, chooseLayout(c, t, 'dense')), 'greedy');
        const t0 = performance.now();
        const all = checked(c, t, sabreLayoutAndRoute(c, t, { ...opts, avoidFaulty: false }), 'LightSABRE');
        const dt = performance.now() - t0;
        const inService = checked(c, t, sabreLayoutAndRoute(c, t, opts), 'LightSABRE (in-service couplers)');
        ms += dt;
        sumCx += cx;
        sumAll += all;
        sumInService += inService;
        sumGreedy += greedy;
        const circuit = f.replace('.qasm', '');
        rows.push({ circuit, cx, added: all, addedInService: inService, addedGreedy: greedy, ms: Math.round(dt) });
        log(`${''.padEnd(name.length + 1)} ${circuit.padEnd(16)} ${String(cx).padStart(6)}  ${String(all).padStart(7)}  ${String(inService).padStart(7)}  ${String(greedy).padStart(7)}  ${dt.toFixed(0).padStart(6)}`);
      }
      const before = PREVIOUS[name]!;
      log(`${name}: ${sumCx} CNOTs; LightSABRE adds ${sumAll} (${((100 * sumAll) / sumCx).toFixed(1)} %; previous SABRE ${before}, ${((100 * (sumAll - before)) / before).toFixed(1)} %), `
        + `on in-service couplers ${sumInService}; greedy adds ${sumGreedy}; LightSABRE/greedy = ${(sumAll / sumGreedy).toFixed(3)}; LightSABRE time ${(ms / 1000).toFixed(2)} s; every output checked`);
      result[name] = { totalCx: sumCx, added: sumAll, addedInService: sumInService, addedGreedy: sumGreedy, previousSabre: before, changeVsPrevious: (sumAll - before) / before, ratioToGreedy: sumAll / sumGreedy, seconds: ms / 1000, rows };
    }
    return result;
  },
};
