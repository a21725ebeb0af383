/** Paths of the data files the tests read, resolved inside the repository (never outside it). */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root. */
export const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** The Nam et al. benchmark suite (bench/circuits, Apache-2.0, see its README). */
export const BENCH_CIRCUITS = join(REPO_ROOT, 'bench', 'circuits');

/** A circuit of the Nam suite, e.g. `benchCircuit('nam_ccz', 'tof_3')`. */
export function benchCircuit(set: 'nam_ccz' | 'nam_clifford_t' | 'nam_rz', name: string): string {
  return join(BENCH_CIRCUITS, set, `${name}.qasm`);
}

/** A fresh temporary folder for one test file, and a writer of named files inside it. */
export interface Scratch {
  readonly dir: string;
  /** Writes `text` to `dir/name` and returns the path. */
  file(name: string, text: string): string;
}

export function scratch(prefix: string): Scratch {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return {
    dir,
    file(name, text) {
      const p = join(dir, name);
      writeFileSync(p, text);
      return p;
    },
  };
}
