/**
 * `npm run bench [-- NAME …]`: runs the benchmark suites in order (or the named ones), prints each
 * one's table and writes its figures to bench/results/NAME.json.
 * A suite that needs a peer (numpy, qsharp-lang) checks for it and says clearly when it skips.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from './paths.js';
import { SUITES } from './suites.js';

const resultsDir = join(REPO_ROOT, 'bench', 'results');

async function run(): Promise<void> {
  const wanted = process.argv.slice(2);
  const unknown = wanted.filter((w) => !SUITES.some((s) => s.name === w));
  if (unknown.length > 0) {
    process.stderr.write(`bench: unknown suite(s) ${unknown.join(', ')}; known: ${SUITES.map((s) => s.name).join(', ')}\n`);
    process.exitCode = 2;
    return;
  }
  mkdirSync(resultsDir, { recursive: true });
  for (const suite of SUITES) {
    if (wanted.length > 0 && !wanted.includes(suite.name)) continue;
    process.stdout.write(`\n== ${suite.name}: ${suite.describe}\n`);
    const result = await suite.run((line) => process.stdout.write(`${line}\n`));
    writeFileSync(join(resultsDir, `${suite.name}.json`), `${JSON.stringify({ date: new Date().toISOString(), ...result }, null, 2)}\n`);
  }
}

void run();
