/**
 * Where the benchmark data lives, found from this module whether it runs as source or from
 * dist/bench: the nearest folder above it that holds package.json is the repository root.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

function repositoryRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const up = dirname(dir);
    if (up === dir) throw new Error('bench: no package.json above the benchmark modules');
    dir = up;
  }
  return dir;
}

export const REPO_ROOT = repositoryRoot();
/** The Nam et al. suite (bench/circuits/README.md). */
export const BENCH_CIRCUITS = join(REPO_ROOT, 'bench', 'circuits');
/** Published optimiser results on that suite. */
export const BENCH_PUBLISHED = join(REPO_ROOT, 'bench', 'published');
