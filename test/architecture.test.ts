/**
 * The layers of docs/architecture.md, enforced: every import between the source folders goes down
 * the stack (or stays inside one unit), so the folder graph has no cycle and nothing reaches up.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from './helpers/fixtures.js';

/** The unit a source file belongs to: compiler/<folder or file>, passes, backends/<provider>, or a top folder. */
export function unitOf(file: string): string {
  const parts = file.split('/');
  if (parts[0] === 'compiler') return `compiler/${parts[1]!.replace(/\.ts$/, '')}`;
  if (parts[0] === 'passes') return 'passes';
  if (parts[0] === 'backends') return parts.length > 2 ? `backends/${parts[1]}` : 'backends';
  return parts.length > 1 ? parts[0]! : parts[0]!.replace(/\.ts$/, '');
}

const GROUND = ['compiler/errors', 'compiler/progress'];
const BUILDERS = ['compiler/circuit', 'compiler/linalg', 'compiler/synthesis', ...GROUND];
const COMPILER = (u: string): boolean => u.startsWith('compiler/');
const BELOW_BACKENDS = (u: string): boolean => COMPILER(u) || u === 'passes';
const BACKENDS = (u: string): boolean => BELOW_BACKENDS(u) || u === 'mitigation' || u === 'backends' || u.startsWith('backends/');

/** What each unit may import besides itself. */
const ALLOWED: ReadonlyArray<readonly [RegExp, (target: string) => boolean]> = [
  [/^compiler\/(errors|progress)$/, () => false],
  [/^compiler\/(linalg|files)$/, (t) => GROUND.includes(t)],
  [/^compiler\/circuit$/, (t) => [...GROUND, 'compiler/linalg'].includes(t)],
  [/^compiler\/draw$/, (t) => [...GROUND, 'compiler/circuit'].includes(t)],
  [/^compiler\/matrix-file$/, (t) => [...GROUND, 'compiler/files', 'compiler/linalg'].includes(t)],
  [/^compiler\/ntk$/, (t) => [...GROUND, 'compiler/files', 'compiler/linalg', 'compiler/matrix-file'].includes(t)],
  [/^compiler\/synthesis$/, (t) => [...GROUND, 'compiler/circuit', 'compiler/linalg'].includes(t)],
  [/^compiler\/blockencoding$/, (t) => BUILDERS.includes(t)],
  [/^compiler\/(qsvt|hhl|readout)$/, (t) => [...BUILDERS, 'compiler/blockencoding'].includes(t)],
  [/^compiler\/qasm$/, (t) => [...BUILDERS, 'compiler/files'].includes(t)],
  [/^compiler\/(estimate|linear-system|pipeline)$/, (t) => COMPILER(t)],
  [/^passes$/, COMPILER],
  [/^backends(\/.*)?$/, BACKENDS],
  [/^mitigation$/, COMPILER],
  // Workflows: the report reads what experiments compute, never the reverse.
  [/^experiments$/, (t) => BACKENDS(t) || t === 'mitigation'],
  [/^report$/, (t) => BACKENDS(t) || t === 'mitigation' || t === 'experiments'],
  [/^(cli|index)$/, (t) => t !== 'bench' && t !== 'test' && t !== 'examples'],
];

const IMPORT = /(?:^|\n)\s*(?:import|export)\s[^;]*?from\s+['"](\.[^'"]+)['"]|import\(\s*['"](\.[^'"]+)['"]\s*\)/g;

/** Every cross-unit import of the source tree as [from unit, to unit, file]. */
function edges(): [string, string, string][] {
  const files = execFileSync('git', ['ls-files', '-co', '--exclude-standard', '*.ts'], { cwd: REPO_ROOT, encoding: 'utf8' }).split('\n')
    .filter((f) => f !== '' && !/^(test|bench|examples)\//.test(f) && f !== 'vitest.config.ts');
  const out: [string, string, string][] = [];
  for (const f of files) {
    let text: string;
    try {
      text = readFileSync(join(REPO_ROOT, f), 'utf8');
    } catch {
      continue;
    }
    for (const m of text.matchAll(IMPORT)) {
      const target = normalize(join(dirname(f), (m[1] ?? m[2])!)).replace(/\.js$/, '.ts');
      const [a, b] = [unitOf(f), unitOf(target)];
      if (a !== b) out.push([a, b, f]);
    }
  }
  return out;
}

/** The imports among `list` that break the layering rules. */
export function layerViolations(list: readonly (readonly [string, string, string])[]): string[] {
  return list.filter(([a, b]) => {
    const rule = ALLOWED.find(([re]) => re.test(a));
    return rule === undefined || !rule[1](b);
  }).map(([a, b, f]) => `${f}: ${a} imports ${b}`);
}

describe('architecture', () => {
  it('the rule check rejects an upward import, a sideways one and an unknown unit', () => {
    expect(layerViolations([['compiler/circuit', 'passes', 'compiler/circuit/x.ts']])).toHaveLength(1);
    expect(layerViolations([['compiler/ntk', 'compiler/circuit', 'compiler/ntk/x.ts']])).toHaveLength(1);
    expect(layerViolations([['passes', 'backends', 'passes/x.ts']])).toHaveLength(1);
    expect(layerViolations([['backends/local', 'cli', 'backends/local/x.ts']])).toHaveLength(1);
    expect(layerViolations([['newfolder', 'compiler/errors', 'newfolder/x.ts']])).toHaveLength(1);
    expect(layerViolations([['experiments', 'report', 'experiments/x.ts']])).toHaveLength(1);
    expect(layerViolations([['compiler/qsvt', 'compiler/blockencoding', 'compiler/qsvt/x.ts'], ['cli', 'experiments', 'cli/x.ts'], ['report', 'experiments', 'report/x.ts']])).toEqual([]);
  });

  it('every import in the source tree goes down the layers', () => {
    const list = edges();
    expect(list.length).toBeGreaterThan(100);
    expect(layerViolations(list)).toEqual([]);
  });

  it('no CLI file is longer than about 150 lines: commands parse, call the library and print', () => {
    const files = execFileSync('git', ['ls-files', '-co', '--exclude-standard', 'cli'], { cwd: REPO_ROOT, encoding: 'utf8' }).split('\n').filter((f) => f.endsWith('.ts'));
    const long = files.map((f) => [f, readFileSync(join(REPO_ROOT, f), 'utf8').split('\n').length] as const).filter(([, n]) => n > 160);
    expect(long).toEqual([]);
  });
});
