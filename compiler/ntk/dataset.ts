/**
 * Training and test sets as the paper prepares them: a balanced draw of two classes (class +1
 * rows first, then class −1), one scalar standardisation over the drawn chunk, flattening, and
 * every row scaled to unit Euclidean norm. Sources: MNIST digit pairs or a user's table.
 * @see arXiv:2107.09200 §Methods (data); the authors' training.py `process_data`
 */
import { ValidationError } from '../errors.js';
import type { Random } from '../linalg/random.js';
import { mnistImages, readMnistLabels, type MnistSplit } from './mnist.js';

/** Preprocessed examples: `rows` unit vectors of `dim` features and their ±1 labels. */
export interface Dataset {
  /** Row-major rows × dim, each row of unit norm. */
  readonly x: Float64Array;
  readonly rows: number;
  readonly dim: number;
  /** ±1; the first half is +1, the second half −1 (balanced draws). */
  readonly y: Float64Array;
  /** Height × width when the rows are images (MNIST: 28 × 28); the CNN kernel reads it. */
  readonly imageShape?: readonly [number, number];
}

/** One trial's data: disjoint balanced training and test sets. */
export interface TrialData {
  readonly train: Dataset;
  readonly test: Dataset;
}

/** Where examples come from; `draw` consumes `rng` and is deterministic given its state. */
export interface DataSource {
  /** Human name, e.g. "MNIST 8 vs 9" or the user's file. */
  readonly name: string;
  readonly dim: number;
  readonly imageShape?: readonly [number, number];
  /** How many examples each class offers to the training and to the test draw. */
  readonly available: { readonly train: readonly [number, number]; readonly test: readonly [number, number] };
  /** `trainPerClass` + `trainPerClass` training rows and `testPerClass` + `testPerClass` test rows. */
  draw(trainPerClass: number, testPerClass: number, rng: Random): TrialData;
}

/**
 * Standardise with one scalar mean and (population) standard deviation over the whole chunk, then
 * scale each row to unit norm. `what` names the data in errors (a row that ends up all zero).
 */
export function preprocess(raw: Float64Array, rows: number, dim: number, what: string): Float64Array {
  const total = rows * dim;
  let mean = 0;
  for (let k = 0; k < total; k++) mean += raw[k]!;
  mean /= total;
  let v = 0;
  for (let k = 0; k < total; k++) v += (raw[k]! - mean) ** 2;
  const std = Math.sqrt(v / total);
  if (!(std > 0)) throw new ValidationError(`${what}: every feature value is the same, nothing to learn from`);
  const x = new Float64Array(total);
  for (let i = 0; i < rows; i++) {
    let s = 0;
    for (let k = 0; k < dim; k++) s += (x[i * dim + k] = (raw[i * dim + k]! - mean) / std) ** 2;
    const norm = Math.sqrt(s);
    if (!(norm > 0)) throw new ValidationError(`${what}: example ${i + 1} is all zero after standardisation and cannot be normalised`);
    for (let k = 0; k < dim; k++) x[i * dim + k]! /= norm;
  }
  return x;
}

/** Labels +1 × perClass then −1 × perClass. */
export function balancedLabels(perClass: number): Float64Array {
  const y = new Float64Array(2 * perClass);
  y.fill(1, 0, perClass);
  y.fill(-1, perClass);
  return y;
}

/**
 * Pick `perClass` indices of each class in random order, class +1 first, like the authors'
 * permutation-then-first-k selection. `pools` are the candidate indices of class +1 and −1.
 */
export function pickBalanced(pools: readonly [readonly number[], readonly number[]], perClass: number, rng: Random): number[] {
  return [...rng.shuffle(pools[0]).slice(0, perClass), ...rng.shuffle(pools[1]).slice(0, perClass)];
}

function checkCounts(name: string, part: string, have: readonly [number, number], perClass: number, flag: string): void {
  const least = Math.min(have[0], have[1]);
  if (perClass > least) {
    throw new ValidationError(`${name}: the ${part} set needs ${perClass} examples per class but one class has only ${least}; lower ${flag}`);
  }
}

/** MNIST digit pair `[negative, positive]` (the paper: 8 vs 9, digit 9 = +1; CNN 1 vs 0, digit 0 = +1). */
export function mnistSource(digits: readonly [number, number], dir?: string): DataSource {
  for (const dg of digits) if (!Number.isInteger(dg) || dg < 0 || dg > 9) throw new ValidationError(`digits ${digits.join(',')}: takes two digits 0…9`, { parameter: 'digits' });
  if (digits[0] === digits[1]) throw new ValidationError(`digits ${digits.join(',')}: needs two different digits`, { parameter: 'digits' });
  const [neg, pos] = digits;
  const pools = (split: MnistSplit): [number[], number[]] => {
    const labels = readMnistLabels(split, dir);
    const p: number[] = [], q: number[] = [];
    labels.forEach((l, i) => {
      if (l === pos) p.push(i);
      else if (l === neg) q.push(i);
    });
    return [p, q];
  };
  const trainPools = pools('train');
  const testPools = pools('t10k');
  const name = `MNIST ${neg} vs ${pos}`;
  const take = (split: MnistSplit, pool: [number[], number[]], perClass: number, rng: Random): Dataset => {
    const idx = pickBalanced(pool, perClass, rng);
    const raw = mnistImages(split, dir).read(idx);
    return { x: preprocess(raw, idx.length, 784, `${name} (${split})`), rows: idx.length, dim: 784, y: balancedLabels(perClass), imageShape: [28, 28] };
  };
  return {
    name, dim: 784, imageShape: [28, 28],
    available: { train: [trainPools[0].length, trainPools[1].length], test: [testPools[0].length, testPools[1].length] },
    draw(trainPerClass, testPerClass, rng) {
      checkCounts(name, 'training', [trainPools[0].length, trainPools[1].length], trainPerClass, 'the training size (n)');
      checkCounts(name, 'test', [testPools[0].length, testPools[1].length], testPerClass, 'the test size');
      return { train: take('train', trainPools, trainPerClass, rng), test: take('t10k', testPools, testPerClass, rng) };
    },
  };
}

/** A user's labelled table (see user-data.ts): each trial splits it into disjoint train and test rows. */
export function tableSource(name: string, features: Float64Array, labels: Float64Array, dim: number): DataSource {
  const pos: number[] = [], neg: number[] = [];
  labels.forEach((l, i) => (l > 0 ? pos : neg).push(i));
  const have: [number, number] = [pos.length, neg.length];
  const gather = (idx: number[], perClass: number, part: string): Dataset => {
    const raw = new Float64Array(idx.length * dim);
    idx.forEach((r, i) => raw.set(features.subarray(r * dim, (r + 1) * dim), i * dim));
    return { x: preprocess(raw, idx.length, dim, `${name} (${part})`), rows: idx.length, dim, y: balancedLabels(perClass) };
  };
  return {
    name, dim, available: { train: have, test: have },
    draw(trainPerClass, testPerClass, rng) {
      const least = Math.min(...have);
      if (trainPerClass + testPerClass > least) {
        throw new ValidationError(
          `${name}: ${trainPerClass} training + ${testPerClass} test examples per class are needed but class ${have[0] <= have[1] ? '+1' : '-1'} has only ${least} rows; lower the training size (n) or the test size`,
        );
      }
      const p = rng.shuffle(pos), q = rng.shuffle(neg);
      return {
        train: gather([...p.slice(0, trainPerClass), ...q.slice(0, trainPerClass)], trainPerClass, 'train'),
        test: gather([...p.slice(trainPerClass, trainPerClass + testPerClass), ...q.slice(trainPerClass, trainPerClass + testPerClass)], testPerClass, 'test'),
      };
    },
  };
}
