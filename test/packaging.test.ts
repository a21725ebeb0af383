/**
 * The package as a user receives it: `npm pack` (which builds dist/ through prepack) in a copy of
 * the repository, `npm install --offline` of the tarball into a scratch project, then the API
 * imported and the CLI run from there. No network at test time: the scratch project starts with
 * the package's runtime dependencies copied from this repository's node_modules, so npm finds
 * them installed and fetches nothing.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from './helpers/fixtures.js';

/** What a tarball may hold: the build, the launcher and the documents. */
const ALLOWED = [/^package\/dist\/(?!bench\/|examples\/|test\/).+\.(js|d\.ts)$/, /^package\/bin\/qntk\.js$/, /^package\/(README\.md|LICENSE|THIRD-PARTY-NOTICES\.md|package\.json)$/];
const REQUIRED = ['package/dist/index.js', 'package/dist/index.d.ts', 'package/dist/cli/main.js', 'package/bin/qntk.js', 'package/LICENSE', 'package/README.md', 'package/THIRD-PARTY-NOTICES.md'];

/** Entries of a tarball listing that break the package's contract: stray files, or required ones missing. */
export function tarballProblems(entries: readonly string[]): string[] {
  const stray = entries.filter((e) => !ALLOWED.some((re) => re.test(e))).map((e) => `unexpected ${e}`);
  const missing = REQUIRED.filter((r) => !entries.includes(r)).map((r) => `missing ${r}`);
  return [...stray, ...missing];
}

/** The runtime dependencies of the package, with theirs, as installed here. */
function dependencyClosure(names: readonly string[]): string[] {
  const seen = new Set<string>();
  const visit = (name: string): void => {
    if (seen.has(name)) return;
    seen.add(name);
    const pj = JSON.parse(readFileSync(join(REPO_ROOT, 'node_modules', name, 'package.json'), 'utf8')) as { dependencies?: Record<string, string> };
    for (const d of Object.keys(pj.dependencies ?? {})) visit(d);
  };
  names.forEach(visit);
  return [...seen];
}

const npm = (args: string[], cwd: string): string => execFileSync('npm', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, npm_config_audit: 'false', npm_config_fund: 'false', npm_config_update_notifier: 'false' } });

let work: string;
let tarball: string;
let app: string;

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'qntk-pack-'));
  // Pack from a copy: the build behind prepack replaces dist/, which other tests are using here.
  const src = join(work, 'src');
  const files = execFileSync('git', ['ls-files', '-co', '--exclude-standard'], { cwd: REPO_ROOT, encoding: 'utf8' }).split('\n');
  for (const f of files) {
    if (f === '' || f.startsWith('bench/circuits/') || f.startsWith('bench/results/')) continue;
    mkdirSync(dirname(join(src, f)), { recursive: true });
    try {
      copyFileSync(join(REPO_ROOT, f), join(src, f));
    } catch {
      // listed but deleted in the work tree
    }
  }
  symlinkSync(join(REPO_ROOT, 'node_modules'), join(src, 'node_modules'), 'dir');
  npm(['pack', '--pack-destination', work], src);
  tarball = join(work, readdirSync(work).find((f) => f.endsWith('.tgz'))!);
  app = join(work, 'app');
  mkdirSync(app);
  writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'scratch', version: '1.0.0', type: 'module', private: true }));
  const runtime = Object.keys((JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { dependencies: Record<string, string> }).dependencies);
  for (const d of dependencyClosure(runtime)) cpSync(join(REPO_ROOT, 'node_modules', d), join(app, 'node_modules', d), { recursive: true });
  npm(['install', '--offline', '--no-audit', '--no-fund', '--no-package-lock', tarball], app);
}, 240_000);

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('the npm package', () => {
  it('the contents check rejects stray and missing files', () => {
    const good = [...REQUIRED, 'package/package.json', 'package/dist/compiler/circuit/index.d.ts'];
    expect(tarballProblems(good)).toEqual([]);
    expect(tarballProblems([...good, 'package/test/hygiene.test.ts', 'package/dist/bench/run.js', 'package/.ci/run'])).toEqual([
      'unexpected package/test/hygiene.test.ts', 'unexpected package/dist/bench/run.js', 'unexpected package/.ci/run',
    ]);
    expect(tarballProblems(good.filter((e) => e !== 'package/dist/index.d.ts'))).toEqual(['missing package/dist/index.d.ts']);
  });

  it('holds dist/ (JavaScript and declarations), bin/, README, LICENSE and notices, and nothing else', () => {
    const entries = execFileSync('tar', ['tzf', tarball], { encoding: 'utf8' }).split('\n').filter((e) => e !== '' && !e.endsWith('/'));
    expect(tarballProblems(entries)).toEqual([]);
  });

  it('imports as a library in a scratch project and compiles a system', () => {
    const script = [
      "import { CircuitBuilder, compileLinearSystem, transpile, getTarget, parseQasm, printQasm, circuitStats } from 'qntk';",
      "import { CsrMatrix } from 'qntk';",
      'const a = CsrMatrix.fromDense(2, 2, [2, 1, 1, 3]);',
      'const p = compileLinearSystem(a, [1, 0]);',
      "const bell = new CircuitBuilder(2).h(0).cx(0, 1).build();",
      "const lowered = transpile(bell, getTarget('ibm_fez'), { level: 1 }).circuit;",
      'const again = parseQasm(printQasm(bell));',
      'console.log(JSON.stringify({ method: p.method, system: p.system.length, twoQubit: circuitStats(lowered).twoQubit, size: circuitStats(again).size }));',
    ].join('\n');
    writeFileSync(join(app, 'check.mjs'), script);
    const out = JSON.parse(execFileSync(process.execPath, ['check.mjs'], { cwd: app, encoding: 'utf8' })) as Record<string, number | string>;
    expect(out).toEqual({ method: 'qsvt', system: 1, twoQubit: 1, size: 2 });
  });

  it('runs the qntk command: --version and stats on a small file', () => {
    const bin = join(app, 'node_modules', '.bin', 'qntk');
    const version = (JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string }).version;
    expect(execFileSync(bin, ['--version'], { cwd: app, encoding: 'utf8' })).toBe(`${version}\n`);
    writeFileSync(join(app, 'bell.qasm'), 'OPENQASM 3.0;\ninclude "stdgates.inc";\nqubit[2] q;\nh q[0];\ncx q[0], q[1];\n');
    const stats = JSON.parse(execFileSync(bin, ['stats', 'bell.qasm', '--json'], { cwd: app, encoding: 'utf8' })) as { qubits: number; size: number; twoQubit: number };
    expect(stats).toMatchObject({ qubits: 2, size: 2, twoQubit: 1 });
  });
});
