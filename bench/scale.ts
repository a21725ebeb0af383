/**
 * `npm run bench -- scale`: issue 17's bounded-work checks, end to end through the CLI as a user
 * runs it (`node bin/qntk.js …`, start-up, reading and writing included): `optimize` at -O1…-O3
 * on a generated million-gate, 20-qubit program, the lowering of a 100,000-gate one for ibm_fez
 * at -O1 and -O2 (layout, routing, consolidation, translation: the output is about ten times the
 * input), and `stats`, `convert`, `optimize` -O1…-O3 and the refusals for ibm_fez and ionq_aria
 * (too narrow: one line, exit 2) on the 262,143-qubit program. Seconds per command; the programs
 * are written to a temporary folder and removed.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from './paths.js';
import { randomProgram, wideProgram } from './scale-programs.js';
import type { BenchSuite } from './suite.js';

interface Row {
  readonly program: string;
  readonly command: string;
  readonly seconds: number;
  readonly exit: number | null;
  /** The last line of stderr for a refusal (it must be one line). */
  readonly message?: string;
}

function time(program: string, args: readonly string[], cwd: string): Row {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, [join(REPO_ROOT, 'bin', 'qntk.js'), ...args], { cwd, encoding: 'utf8', maxBuffer: 1 << 30 });
  const seconds = (performance.now() - t0) / 1000;
  const lines = (r.stderr ?? '').trim().split('\n');
  return { program, command: `qntk ${args.join(' ')}`, seconds, exit: r.status, ...(r.status === 2 ? { message: lines.length === 1 ? lines[0]! : `${lines.length} lines` } : {}) };
}

export const scaleSuite: BenchSuite = {
  name: 'scale',
  describe: 'optimize on a 1,000,000-gate program, lowering 100,000 gates for ibm_fez, and stats/convert/optimize/refusals on 262,143 qubits, seconds per command',
  async run(log) {
    const dir = mkdtempSync(join(tmpdir(), 'qntk-scale-'));
    const rows: Row[] = [];
    try {
      writeFileSync(join(dir, 'million.qasm'), randomProgram(1_000_000, 20, 1));
      writeFileSync(join(dir, 'k100.qasm'), randomProgram(100_000, 20, 1));
      writeFileSync(join(dir, 'wide.qasm'), wideProgram(262_143));
      const runs: Array<[string, string[]]> = [
        ['million', ['optimize', 'million.qasm', '-O', '1', '-o', 'out.qasm']],
        ['million', ['optimize', 'million.qasm', '-O', '2', '-o', 'out.qasm']],
        ['million', ['optimize', 'million.qasm', '-O', '3', '-o', 'out.qasm']],
        ['k100', ['optimize', 'k100.qasm', '-O', '1', '--target', 'ibm_fez', '-o', 'out.qasm']],
        ['k100', ['optimize', 'k100.qasm', '-O', '2', '--target', 'ibm_fez', '-o', 'out.qasm']],
        ['wide', ['stats', 'wide.qasm']],
        ['wide', ['convert', 'wide.qasm', '-o', 'out.qasm']],
        ['wide', ['optimize', 'wide.qasm', '-O', '1', '-o', 'out.qasm']],
        ['wide', ['optimize', 'wide.qasm', '-O', '2', '-o', 'out.qasm']],
        ['wide', ['optimize', 'wide.qasm', '-O', '3', '-o', 'out.qasm']],
        ['wide', ['optimize', 'wide.qasm', '--target', 'ibm_fez', '-o', 'out.qasm']],
        ['wide', ['optimize', 'wide.qasm', '--target', 'ionq_aria', '-o', 'out.qasm']],
      ];
      for (const [program, args] of runs) {
        const row = time(program, args, dir);
        rows.push(row);
        log(`${row.seconds.toFixed(2).padStart(7)} s  exit ${String(row.exit)}  ${row.command}${row.message ? `  (${row.message})` : ''}`);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    return { rows };
  },
};
