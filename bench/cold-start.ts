/**
 * `npm run bench -- cold-start`: how long a `qntk` process takes to start and finish a small job,
 * against a bare `node -e 0` in the same run. Whole processes, interleaved (node, --version, stats,
 * node, …) so drift in the machine's speed hits all three alike; medians and their ratios reported.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from './paths.js';
import type { BenchSuite } from './suite.js';

const RUNS = 21;

/** A 10-gate program on three qubits. */
const TEN_GATES = 'OPENQASM 3.0;\ninclude "stdgates.inc";\nqubit[3] q;\nh q[0];\ncx q[0], q[1];\ncx q[1], q[2];\nt q[2];\nh q[1];\ns q[0];\nx q[2];\ncz q[0], q[2];\nrz(0.3) q[1];\nswap q[0], q[1];\n';

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

function timeOnce(args: readonly string[]): number {
  const t0 = process.hrtime.bigint();
  execFileSync(process.execPath, args, { stdio: ['ignore', 'ignore', 'inherit'] });
  return Number(process.hrtime.bigint() - t0) / 1e6;
}

export const coldStartSuite: BenchSuite = {
  name: 'cold-start',
  describe: `qntk --version and qntk stats on a 10-gate file, against node -e 0 (medians of ${RUNS} interleaved runs)`,
  async run(log) {
    const dir = mkdtempSync(join(tmpdir(), 'qntk-cold-'));
    try {
      const file = join(dir, 'ten.qasm');
      writeFileSync(file, TEN_GATES);
      const bin = join(REPO_ROOT, 'bin', 'qntk.js');
      const cases = { node: ['-e', '0'], version: [bin, '--version'], stats: [bin, 'stats', file] } as const;
      const times: Record<keyof typeof cases, number[]> = { node: [], version: [], stats: [] };
      for (const args of Object.values(cases)) timeOnce(args);
      for (let r = 0; r < RUNS; r++) for (const [k, args] of Object.entries(cases) as [keyof typeof cases, readonly string[]][]) times[k].push(timeOnce(args));
      const node = median(times.node), version = median(times.version), stats = median(times.stats);
      log(`node -e 0             ${node.toFixed(1)} ms`);
      log(`qntk --version        ${version.toFixed(1)} ms   ${(version / node).toFixed(2)}× node (target ≤ 2×)`);
      log(`qntk stats (10 gates) ${stats.toFixed(1)} ms   ${(stats / node).toFixed(2)}× node (target ≤ 2×)`);
      return { runs: RUNS, medianMs: { node, version, stats }, ratio: { version: version / node, stats: stats / node } };
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
