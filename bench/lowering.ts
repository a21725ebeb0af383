/**
 * `npm run bench -- lowering`: where the time of lowering goes, stage by stage. The program is
 * the default demo's (MNIST 8 vs 9, n = 16: 19 qubits, ≈ 3,300 gates, QSVT), lowered at -O2 for
 * ibm_fez (Heron, cz) and for IonQ Aria (no routing). Each stage of the pipeline runs on its own
 * and is timed (median of 3 runs); "without layout/routing" is the total less those two slots,
 * the share of the translation, consolidation and clean-up passes.
 */
import { prepareNtkProblem } from '../compiler/ntk/index.js';
import { compileLinearSystem } from '../compiler/pipeline.js';
import type { Circuit } from '../compiler/circuit/index.js';
import { makeContext } from '../passes/pass.js';
import { loweringStages, optimizationPipeline } from '../passes/transpile.js';
import { getTarget } from '../passes/targets/builtins.js';
import { verify } from '../passes/targets/target.js';
import type { BenchSuite } from './suite.js';

const RUNS = 3;
const ROUTING_STAGES = /^(layout-|routing-)/;

interface StageTime {
  readonly stage: string;
  readonly ms: number;
  readonly gates: number;
}

function timeStages(circuit: Circuit, targetName: string): { stages: StageTime[]; totalMs: number; withoutRoutingMs: number; violations: number } {
  const target = getTarget(targetName);
  const passes = [optimizationPipeline(2), ...loweringStages(2, target)];
  const samples: number[][] = passes.map(() => []);
  let last: Circuit = circuit, gates: number[] = [];
  for (let r = 0; r < RUNS; r++) {
    const ctx = makeContext(target, { seed: 1 });
    let c = circuit;
    gates = [];
    passes.forEach((p, k) => {
      const t0 = performance.now();
      c = p.run(c, ctx);
      samples[k]!.push(performance.now() - t0);
      gates.push(c.instructions.length);
    });
    last = c;
  }
  const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  const stages = passes.map((p, k) => ({ stage: p.meta.name, ms: median(samples[k]!), gates: gates[k]! }));
  const totalMs = stages.reduce((s, x) => s + x.ms, 0);
  const withoutRoutingMs = stages.filter((s) => !ROUTING_STAGES.test(s.stage)).reduce((s, x) => s + x.ms, 0);
  return { stages, totalMs, withoutRoutingMs, violations: verify(last, target).length };
}

export const loweringSuite: BenchSuite = {
  name: 'lowering',
  describe: 'the demo QSVT program lowered at -O2 for ibm_fez and ionq_aria, time per pipeline stage',
  async run(log) {
    const problem = await prepareNtkProblem({ digits: [8, 9], n: 16, seed: 0 });
    const circuit = compileLinearSystem(problem.ktilde, problem.y, { method: 'qsvt' }).circuit;
    log(`program: ${circuit.numQubits} qubits, ${circuit.instructions.length} gates`);
    const results: Record<string, unknown> = {};
    for (const name of ['ibm_fez', 'ionq_aria']) {
      const r = timeStages(circuit, name);
      log(`${name}:`);
      for (const s of r.stages) log(`  ${s.stage.padEnd(28)} ${s.ms.toFixed(0).padStart(7)} ms  ${String(s.gates).padStart(7)} gates`);
      log(`  total ${(r.totalMs / 1000).toFixed(2)} s, without layout/routing ${(r.withoutRoutingMs / 1000).toFixed(2)} s; ${r.violations === 0 ? 'output verified against the target' : `${r.violations} VIOLATIONS`}`);
      results[name] = r;
    }
    return results;
  },
};
