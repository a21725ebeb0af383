/**
 * The convolutional network through the shared NTK pipeline: positive semi-definite Gram, the
 * sparsification rules of algorithms.md §1.4, and accuracy on MNIST 1 vs 0 (14×14 to stay fast).
 */
import { describe, expect, it } from 'vitest';
import { CsrMatrix } from '../../../compiler/linalg/csr.js';
import { createRandom } from '../../../compiler/linalg/random.js';
import { mnistSource, type Dataset } from '../../../compiler/ntk/dataset.js';
import { symmetricEigenvalues } from '../../../compiler/linalg/eigen.js';
import { cnnImages, convolutionalNetwork } from '../../../compiler/ntk/cnn.js';
import { cnnKernelMatrices } from '../../../compiler/ntk/cnn-gram.js';
import { cnnSparsifyPattern, cnnSparsityScales, percentile, preconditionFactor } from '../../../compiler/ntk/cnn-sparsify.js';
import { runNtkExperiment } from '../../../compiler/ntk/experiment.js';

describe('convolutional NTK pipeline', () => {
  it('has a positive semi-definite Gram on MNIST images (14×14, smaller network)', async () => {
    const { train } = mnistSource([1, 0]).draw(12, 1, createRandom(5));
    const { gram } = await cnnKernelMatrices(cnnImages(train, 14), undefined, { architecture: { convsPerStage: [4, 4, 4] } });
    const n = train.rows;
    const eig = symmetricEigenvalues(gram, n);
    const max = Math.max(...eig.map(Math.abs));
    expect(Math.min(...eig)).toBeGreaterThanOrEqual(-1e-10 * max);
    expect(max).toBeGreaterThan(0);
  });

  it('downsamples 28×28 to 14×14 by 2×2 means and renormalises', () => {
    const x = new Float64Array(784).map((_, i) => Math.sin(i));
    const norm = Math.hypot(...x);
    const data: Dataset = { x: x.map((v) => v / norm), rows: 1, dim: 784, y: Float64Array.of(1), imageShape: [28, 28] };
    const small = cnnImages(data, 14);
    expect(small.side).toBe(14);
    expect(Math.hypot(...small.data)).toBeCloseTo(1, 14);
    const block = (i: number, j: number): number => x[2 * i * 28 + 2 * j]! + x[2 * i * 28 + 2 * j + 1]! + x[(2 * i + 1) * 28 + 2 * j]! + x[(2 * i + 1) * 28 + 2 * j + 1]!;
    expect(small.data[3 * 14 + 5]! / small.data[7 * 14 + 2]!).toBeCloseTo(block(3, 5) / block(7, 2), 12);
  });

  it('thresholds within-class entries at the base kernel 90th percentile and preconditions the diagonal', () => {
    const n = 20, r = createRandom(3);
    const labels = Float64Array.from({ length: n }, (_, i) => (i < n / 2 ? 1 : -1));
    const gram = new Float64Array(n * n);
    for (let i = 0; i < n; i++) for (let j = 0; j <= i; j++) {
      const v = i === j ? 2 + r.next() : r.next() - 0.3;
      gram[i * n + j] = v;
      gram[j * n + i] = v;
    }
    const scales = cnnSparsityScales(gram, labels);
    // Base: first 8 of each class; thresholds from their within-class off-diagonal |K| (both triangles).
    const base = [0, 1, 2, 3, 4, 5, 6, 7, 10, 11, 12, 13, 14, 15, 16, 17];
    expect(scales.baseIndices).toEqual(base);
    const within = (cls: number): number[] => base.flatMap((i) => base.filter((j) => j !== i && labels[i] === cls && labels[j] === cls).map((j) => Math.abs(gram[i * n + j]!)));
    expect(scales.thresholds[0]).toBe(percentile(within(1), 90));
    expect(scales.thresholds[1]).toBe(percentile(within(-1), 90));
    expect(scales.maxOffDiagonal).toBe(Math.max(...base.flatMap((i) => base.filter((j) => j !== i).map((j) => Math.abs(gram[i * n + j]!)))));
    // A full pattern: every entry may be kept; the result keeps exactly the rule's entries.
    const full = CsrMatrix.fromDense(n, n, new Float64Array(n * n).fill(1));
    const kt = cnnSparsifyPattern(gram, labels, full, scales).toDense();
    const f = preconditionFactor(n);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) {
      const t = scales.thresholds[labels[i]! > 0 ? 0 : 1];
      const want = i === j ? (1 + f) * gram[i * n + i]! : labels[i] === labels[j] && Math.abs(gram[i * n + j]!) > t ? gram[i * n + j]! : 0;
      expect(kt[i * n + j]).toBe(want);
    }
    expect(f).toBeCloseTo(0.76 * Math.log(20) ** 0.9, 15);
    expect(percentile([1, 2, 3, 4], 90)).toBeCloseTo(3.7, 15);
  });

  it('classifies MNIST 1 vs 0 at n = 32 with accuracy ≥ 0.95 (14×14)', async () => {
    const result = await runNtkExperiment({
      digits: [1, 0], sizes: [32], test: 24, trials: 1, patterns: 2, seed: 1,
      network: convolutionalNetwork({ resolution: 14 }),
    });
    const run = result.runs[0]!;
    expect(result.network).toBe('cnn');
    expect(run.accuracy.exact).toBeGreaterThanOrEqual(0.95);
    expect(run.accuracy.sparse).toBeGreaterThanOrEqual(0.95);
    expect(run.accuracy.diagonal).toBeGreaterThanOrEqual(0.95);
    expect(run.kappa).toBeGreaterThanOrEqual(1);
    expect(run.kappa).toBeLessThan(10);
  }, 240_000); // ≈ 1,500 pair kernels at 14×14: ~12 s of CPU, more wall time when the cores are shared
});
