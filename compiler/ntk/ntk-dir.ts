/**
 * The `--save DIR` format the quantum compiler consumes: ktilde.mtx (K̃, Matrix Market, symmetric),
 * y.txt (one label per line), kstar.txt (one clipped test vector per line, space-separated),
 * test-labels.txt (one true label per line) and manifest.json (n, digits, depth, seed, kappa, files).
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ParseError, ValidationError } from '../errors.js';
import { writeFileAtomic } from '../files.js';
import type { CsrMatrix } from '../linalg/csr.js';
import { readMatrixMarket, writeMatrixMarket } from '../matrix-file.js';
import type { NtkProblem } from './problem.js';

export const NTK_DIR_FILES = { ktilde: 'ktilde.mtx', y: 'y.txt', kstar: 'kstar.txt', testLabels: 'test-labels.txt' } as const;

export interface NtkManifest {
  readonly n: number;
  readonly digits: readonly [number, number] | null;
  readonly source: string;
  readonly network: string;
  readonly kernel: string;
  readonly depth: number;
  readonly delta: number;
  readonly seed: number;
  readonly kappa: number;
  readonly kstarScale: number;
  readonly tests: number;
  readonly accuracy: { readonly exact: number; readonly sparse: number; readonly diagonal: number };
  readonly files: typeof NTK_DIR_FILES;
}

/** What readNtkDir returns: the problem's inputs to the quantum side. */
export interface NtkDir {
  readonly manifest: NtkManifest;
  readonly ktilde: CsrMatrix;
  readonly y: Float64Array;
  readonly kstar: Float64Array[];
  readonly testLabels: Float64Array;
}

const fmt = (v: number): string => String(v);

/** Write a problem in the --save format (creates DIR). */
export function writeNtkDir(dir: string, p: NtkProblem): NtkManifest {
  mkdirSync(dir, { recursive: true });
  writeMatrixMarket(join(dir, NTK_DIR_FILES.ktilde), p.ktilde, {
    symmetry: 'symmetric',
    comments: [`qntk sparsified NTK: ${p.source}, n = ${p.n}, ${p.network}/${p.kernel} depth ${p.depth}, seed ${p.seed}`],
  });
  writeFileAtomic(join(dir, NTK_DIR_FILES.y), `${Array.from(p.y, fmt).join('\n')}\n`);
  writeFileAtomic(join(dir, NTK_DIR_FILES.kstar), `${p.kstar.map((k) => Array.from(k, fmt).join(' ')).join('\n')}\n`);
  writeFileAtomic(join(dir, NTK_DIR_FILES.testLabels), `${Array.from(p.testLabels, fmt).join('\n')}\n`);
  const manifest: NtkManifest = {
    n: p.n, digits: p.digits ?? null, source: p.source, network: p.network, kernel: p.kernel, depth: p.depth, delta: p.delta,
    seed: p.seed, kappa: p.kappa, kstarScale: p.kstarScale, tests: p.kstar.length, accuracy: p.accuracy, files: NTK_DIR_FILES,
  };
  writeFileAtomic(join(dir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}

function readNumbers(file: string): number[][] {
  if (!existsSync(file)) throw new ValidationError(`${file} is missing; write the directory with qntk ntk --save DIR`);
  const lines = readFileSync(file, 'utf8').split(/\r?\n/);
  const out: number[][] = [];
  lines.forEach((line, li) => {
    if (line.trim() === '') return;
    const row: number[] = [];
    const re = /\S+/g;
    let m: RegExpExecArray | null;
    while ((m = re.exec(line)) !== null) {
      const v = Number(m[0]);
      if (!Number.isFinite(v)) throw new ParseError({ file, line: li + 1, col: m.index + 1 }, `'${m[0]}' is not a finite number`);
      row.push(v);
    }
    out.push(row);
  });
  return out;
}

/** Read a directory written by writeNtkDir, checking that the pieces fit together. */
export function readNtkDir(dir: string): NtkDir {
  const mf = join(dir, 'manifest.json');
  if (!existsSync(mf)) throw new ValidationError(`${mf} is missing; write the directory with qntk ntk --save DIR`);
  let manifest: NtkManifest;
  try {
    manifest = JSON.parse(readFileSync(mf, 'utf8')) as NtkManifest;
  } catch (e) {
    throw new ValidationError(`${mf}: invalid JSON (${(e as Error).message})`);
  }
  if (!Number.isInteger(manifest.n) || manifest.n < 1) throw new ValidationError(`${mf}: "n" must be a positive integer`);
  const files = { ...NTK_DIR_FILES, ...(manifest.files ?? {}) };
  const { matrix: ktilde } = readMatrixMarket(join(dir, files.ktilde));
  const n = manifest.n;
  if (ktilde.rows !== n || ktilde.cols !== n) throw new ValidationError(`${join(dir, files.ktilde)}: ${ktilde.rows}x${ktilde.cols}, but the manifest says n = ${n}`);
  const yRows = readNumbers(join(dir, files.y));
  const y = Float64Array.from(yRows.flat());
  if (y.length !== n) throw new ValidationError(`${join(dir, files.y)}: ${y.length} values, expected n = ${n}`);
  const kFile = join(dir, files.kstar);
  const kstar = readNumbers(kFile).map((r, t) => {
    if (r.length !== n) throw new ValidationError(`${kFile}: test vector ${t + 1} has ${r.length} entries, expected n = ${n}`);
    return Float64Array.from(r);
  });
  const testLabels = Float64Array.from(readNumbers(join(dir, files.testLabels)).flat());
  if (testLabels.length !== kstar.length) throw new ValidationError(`${join(dir, files.testLabels)}: ${testLabels.length} labels for ${kstar.length} test vectors`);
  return { manifest, ktilde, y, kstar, testLabels };
}
