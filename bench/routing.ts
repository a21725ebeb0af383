/**
 * `npm run bench -- routing`: the Nam suite (nam_ccz, decomposed to one- and two-qubit gates)
 * placed and routed on ibm_torino (Heron, 133 q) and ibm_brisbane (Eagle, 127 q): CNOTs added by
 * SABRE (dense layout + forward–backward refinement, best of 4 seeds) beside a plain greedy router
 * (same dense layout, shortest-path swaps gate by gate). Added two-qubit gates = 3 × swaps.
 */
import { withInstructions } from '../compiler/circuit/index.js';
import { readQasmFile } from '../compiler/qasm/read.js';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { BENCH_CIRCUITS } from './paths.js';
import { toTwoQubitList } from '../passes/decompose-multi-qubit.js';
import { chooseLayout } from '../passes/layout.js';
import { refineLayoutSabre, routeGreedy, routeSabre } from '../passes/route-sabre.js';
import { getTarget } from '../passes/targets/builtins.js';
import type { BenchSuite } from './suite.js';

const DIR = join(BENCH_CIRCUITS, 'nam_ccz');
const SKIP = new Set(['gf2^64_mult.qasm', 'gf2^128_mult.qasm', 'gf2^131_mult.qasm', 'gf2^163_mult.qasm']);

export const routingSuite: BenchSuite = {
  name: 'routing',
  describe: 'Two-qubit gates added by SABRE vs a greedy router on ibm_torino and ibm_brisbane (Nam suite)',
  async run(log) {
    const files = readdirSync(DIR).filter((f) => f.endsWith('.qasm') && !SKIP.has(f)).sort();
    const result: Record<string, unknown> = {};
    for (const name of ['ibm_torino', 'ibm_brisbane']) {
      const t = getTarget(name);
      let sumCx = 0, sumSabre = 0, sumGreedy = 0, ms = 0;
      const rows: Array<Record<string, unknown>> = [];
      log(`${name}: ${'circuit'.padEnd(16)} ${'cx'.padStart(6)}  ${'+sabre'.padStart(7)}  ${'+greedy'.padStart(7)}`);
      for (const f of files) {
        const c0 = readQasmFile(`${DIR}/${f}`);
        const c = withInstructions(c0, toTwoQubitList(c0.instructions, c0.numQubits));
        const cx = c.instructions.filter((i) => i.qubits.length === 2).length;
        const t0 = performance.now();
        let layout = chooseLayout(c, t, 'dense');
        const greedy = routeGreedy(c, t, layout);
        layout = refineLayoutSabre(c, t, layout, { seed: 1, rounds: 2 });
        let best = Infinity;
        for (let s = 1; s <= 4; s++) best = Math.min(best, routeSabre(c, t, layout, { seed: s }).swaps);
        ms += performance.now() - t0;
        sumCx += cx;
        sumSabre += 3 * best;
        sumGreedy += 3 * greedy.swaps;
        rows.push({ circuit: f.replace('.qasm', ''), cx, addedSabre: 3 * best, addedGreedy: 3 * greedy.swaps });
        log(`${''.padEnd(name.length + 1)} ${f.replace('.qasm', '').padEnd(16)} ${String(cx).padStart(6)}  ${String(3 * best).padStart(7)}  ${String(3 * greedy.swaps).padStart(7)}`);
      }
      log(`${name}: ${sumCx} CNOTs; SABRE adds ${sumSabre} (${((100 * sumSabre) / sumCx).toFixed(1)} %), greedy adds ${sumGreedy} (${((100 * sumGreedy) / sumCx).toFixed(1)} %); SABRE/greedy = ${(sumSabre / sumGreedy).toFixed(3)}; routing time ${(ms / 1000).toFixed(2)} s`);
      result[name] = { totalCx: sumCx, addedSabre: sumSabre, addedGreedy: sumGreedy, ratio: sumSabre / sumGreedy, seconds: ms / 1000, rows };
    }
    return result;
  },
};
