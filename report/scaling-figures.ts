/** The demo report's scaling section: κ, accuracy, measurement counts and resources against n. */
import { figure, table } from './html.js';
import { lineChartSvg } from './line-chart.js';
import type { ScalingData } from './scaling.js';

/** Two figures side by side: narrow charts with their legends underneath. */
const SIDE = { width: 500, height: 340, legend: 'bottom' } as const;

/** The section's HTML; `fig` numbers the figures. */
export function scalingFigures(s: ScalingData, demoN: number, fig: () => number): string {
  const runs = s.sweep;
  const at = (f: (r: (typeof runs)[number]) => number): [number, number][] => runs.map((r) => [r.n, f(r)]);
  const log2 = { log: 2 } as const, log10 = { log: 10 } as const;
  const sweepNote = `${s.trials} trials × 1 sparsity pattern per n, ${s.test} test points`;
  const m = s.measured;
  const est = s.estimates;
  const method = est[0]!.method.toUpperCase();
  const out = [
    '<h2>2. Scaling with the training size n</h2>',
    `<p>A small sweep (${sweepNote}; <code>qntk ntk</code> runs the full table) and the logical resources of one ${method} solve, extrapolated from the sparsified NTK measured at n = ${m.n} (<code>qntk estimate --from-ntk</code>).</p>`,
    '<div class="grid">',
    figure('fig-kappa', fig(), lineChartSvg({
      title: 'Condition number of the sparsified NTK', note: sweepNote, xLabel: 'training size n', yLabel: 'κ(K̃) (mean over trials)',
      xScale: log2, yZero: false, ...SIDE, series: [{ name: 'κ(K̃)', points: at((r) => r.kappa) }],
    }), 'κ(K̃) against n. The paper finds κ close to 1, so the inversion polynomial stays of low degree.'),
    figure('fig-accuracy', fig(), lineChartSvg({
      title: 'Classical accuracy against n', note: sweepNote, xLabel: 'training size n', yLabel: 'test accuracy (mean ± std)',
      xScale: log2, yZero: false, dodge: true, ...SIDE,
      series: (['exact', 'sparse', 'diagonal'] as const).map((k) => ({ name: `${k} NTK`, points: at((r) => r.accuracy[k]), errors: runs.map((r) => r.accuracyStd[k]) })),
    }), 'Accuracy of the exact, sparsified and diagonal NTK. Error bars: one standard deviation over trials; the series are shifted a few pixels apart where they coincide.'),
    figure('fig-measurements', fig(), lineChartSvg({
      title: 'Measurements per test point', note: sweepNote, xLabel: 'training size n', yLabel: 'measurements (median over test points)',
      xScale: log2, yScale: log10, ...SIDE,
      series: [
        { name: 'post-selection n/P', points: at((r) => r.postselection) },
        { name: 'readout (sparsified)', points: at((r) => r.readout.sparse) },
        { name: 'readout (diagonal)', points: at((r) => r.readout.diagonal), dash: '6 4' },
      ],
    }), 'Measurement counts against n. Repetitions for the post-selection (n/P) and for reading out the sign of one prediction (the paper\'s 1/o² rule), medians over test points.'),
    figure('fig-qubits', fig(), lineChartSvg({
      title: `Logical qubits of one ${method} solve`, xLabel: 'system size n', yLabel: 'qubits',
      xScale: log2, ...SIDE, series: [
        { name: 'QRAM access', points: est.map((e) => [e.n, e.qram.qubits]) },
        { name: 'QROM access', points: est.map((e) => [e.n, e.qrom.qubits]), dash: '6 4' },
        { name: 'system ⌈log₂ n⌉', points: est.map((e) => [e.n, e.systemQubits]), dash: '2 3' },
      ],
    }), 'Logical qubits against n. Logarithmic in n with oracle (QRAM) access and with explicit QROM lookups.'),
    figure('fig-resources', fig(), lineChartSvg({
      title: `Gate counts of one ${method} solve, ε = ${est[0]!.epsilon}`, xLabel: 'system size n', yLabel: 'count per run',
      xScale: log2, yScale: log10, ...SIDE, series: [
        { name: 'CNOT outside the oracle (QRAM)', points: est.map((e) => [e.n, e.qram.cnots]) },
        { name: 'T outside the oracle (QRAM)', points: est.map((e) => [e.n, e.qram.t.total]) },
        { name: 'block-encoding queries', points: est.map((e) => [e.n, e.qram.queries.blockEncoding]), dash: '2 3' },
        { name: 'CNOT with QROM lookups', points: est.map((e) => [e.n, e.qrom.cnots]), dash: '6 4' },
        { name: 'T with QROM lookups', points: est.map((e) => [e.n, e.qrom.t.total]), dash: '6 4' },
      ],
    }), 'Resources against n (log–log). With oracle access the circuit grows like log n; explicit QROM lookups cost O(n·s) gates per query, an upper bound.'),
    '</div>',
    table(['n', 'κ(K̃)', 'max column nonzeros', 'exact', 'sparsified', 'diagonal', 'post-selection n/P', 'readout (sparsified)'],
      runs.map((r) => [`${r.n}${r.n === demoN ? ' (demo)' : ''}`, r.kappa.toFixed(6), r.sparsity.maxColumn.toFixed(1), r.accuracy.exact.toFixed(3), r.accuracy.sparse.toFixed(3), r.accuracy.diagonal.toFixed(3), r.postselection.toFixed(1), r.readout.sparse.toFixed(1)])),
  ];
  return out.join('\n');
}
