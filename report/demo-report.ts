/**
 * `qntk demo --report`: the classifier run (experiments/classifier.ts) as one self-contained HTML
 * page for a lab notebook — accuracy, scaling against n, circuit statistics and drawings, and the
 * readout counts. Pure given its inputs; `buildDemoReport` also computes the scaling data.
 * @see arXiv:2107.09200 (Zlokapa, Neven, Lloyd)
 */
import type { CircuitStats } from '../compiler/circuit/stats.js';
import { drawSvg } from '../compiler/draw/index.js';
import type { Progress } from '../compiler/progress.js';
import type { ClassifierRun } from '../experiments/index.js';
import { barChartSvg } from './bar-chart.js';
import { histogramSvg } from './histogram.js';
import { figure, page, svgImage, table } from './html.js';
import { scalingFigures } from './scaling-figures.js';
import { scalingData, type ScalingData } from './scaling.js';

/** Columns of the circuit drawings: long programs show their first columns and say how many are left. */
const DRAW_COLUMNS = 80;
/** Fold width of the drawings, in characters. */
const DRAW_FOLD = 112;

const pct = (x: number): string => `${(100 * x).toFixed(1)} %`;
const sign = (v: number): string => (v > 0 ? '+1' : v < 0 ? '−1' : '0');

/** Options of the page: when it was made and the files the demo wrote (shown in the header). */
export interface DemoReportOptions {
  readonly generated?: string;
  readonly files?: Readonly<Record<string, string>>;
  /** The demo's target infidelity ε (for the resource estimates). */
  readonly epsilon: number;
  /** The demo's seed (the sweep draws its data with it). */
  readonly seed: number;
  readonly progress?: Progress;
}

function accuracySection(run: ClassifierRun): string {
  const r = run.report;
  const d = r.draws;
  const rows = [
    ['sparsified NTK (classical)', pct(r.accuracy.sparse), `${pct(d.sparse)} ± ${pct(d.sparseStd)}`],
    ['exact NTK (classical)', pct(r.accuracy.exact), pct(d.exact)],
    ['diagonal NTK (classical)', pct(r.accuracy.diagonal), pct(d.diagonal)],
    [`quantum: ${r.method.toUpperCase()} circuit (simulated)`, pct(r.accuracy.quantum), '—'],
  ];
  const facts = [
    ['solution-state fidelity (compiled / optimized)', `${r.fidelity.compiled.toFixed(6)} / ${r.fidelity.optimized.toFixed(6)}`],
    ['κ(K̃); effective κ = α / min|λ|', `${r.kappa.toFixed(4)}; ${r.kappaEffective.toFixed(3)}`],
    ['α (block encoding); polynomial degree', `${r.alpha.toPrecision(6)}; ${r.degree}`],
    ['post-selection success probability', r.successProbability.toExponential(3)],
  ];
  return [
    '<h2>1. Accuracy</h2>',
    `<p>Test accuracy on ${r.test} balanced test points (MNIST ${r.digits[0]} vs ${r.digits[1]}, n = ${r.n} training points, depth ${r.depth}). The quantum row classifies with the simulated solution state of the compiled circuit; the mean over draws repeats the classical method on ${d.count} fresh data draws at the same n.</p>`,
    table(['classifier', 'this draw', `mean ± std over ${d.count} draws`], rows),
    table(['quantity', 'value'], facts),
  ].join('\n');
}

function statsRow(name: string, s: CircuitStats): string[] {
  return [name, s.qubits === s.qubitsUsed ? String(s.qubits) : `${s.qubitsUsed} of ${s.qubits}`, String(s.size), String(s.twoQubit), String(s.depth), String(s.twoQubitDepth), String(s.tCount)];
}

function circuitSection(run: ClassifierRun, fig: () => number): string {
  const r = run.report;
  const g = r.gates;
  const stages = [['compiled', g.compiled], ['optimized (-O2)', g.optimized], [`lowered: ${r.target}`, g.target]] as const;
  const out = [
    '<h2>3. Circuit statistics</h2>',
    table(['circuit', 'qubits (used of width)', 'gates', 'two-qubit', 'depth', 'two-qubit depth', 'T'], stages.map(([n, s]) => statsRow(n, s))),
    '<p class="note">T counts t, tdg and z-rotations by odd multiples of π/4. Two-qubit gates on the device include the SWAPs routing added.</p>',
    figure('fig-stats', fig(), barChartSvg({
      title: 'Circuit size before and after optimisation and lowering', xLabel: 'statistic', yLabel: 'count',
      categories: ['gates', 'two-qubit gates', 'depth'],
      series: stages.map(([n, s]) => ({ name: n, values: [s.size, s.twoQubit, s.depth] })), width: 720,
    }), `Gate count, two-qubit gates and depth per stage. Lowering for ${r.target} translates to its native gates and routes on its coupling map.`),
  ];
  if (r.predicted !== null) {
    const p = r.predicted;
    const rows = [['device program', p.program] as const, ...p.readouts.map((q, k) => [`readout of test point ${r.readout[k]?.index ?? k}`, q] as const)]
      .map(([name, q]) => [name, String(q.twoQubit), `${(q.durationNs / 1000).toFixed(1)} µs`, q.esp === 0 ? '< 1e-308' : q.esp.toExponential(2)]);
    out.push(table(['program on ' + r.target, 'two-qubit gates', 'duration', 'predicted success (ESP)'], rows));
  }
  return out.join('\n');
}

function drawingSection(run: ClassifierRun, fig: () => number): string {
  const opts = { fold: DRAW_FOLD, maxColumns: DRAW_COLUMNS };
  const out = ['<h2>4. Circuit drawings</h2>', `<p class="note">Folded at ${DRAW_FOLD} characters, in boxes that scroll; programs longer than ${DRAW_COLUMNS} columns show their first ${DRAW_COLUMNS} (the drawing says how many are left out). <code>qntk draw FILE --svg OUT.svg</code> draws a whole program.</p>`];
  out.push(figure('fig-draw-optimized', fig(), `<div class="scroll">${svgImage(drawSvg(run.programs.optimized, opts), 'optimized program')}</div>`,
    `The optimized ${run.report.method.toUpperCase()} program. State preparation of |y⟩ and the inversion circuit on ${run.programs.optimized.numQubits} qubits, before lowering.`));
  const first = run.programs.readouts[0];
  if (first !== undefined) {
    out.push(figure('fig-draw-readout', fig(), `<div class="scroll">${svgImage(drawSvg(first, opts), 'readout circuit')}</div>`,
      `Hadamard-test readout of test point ${run.report.readout[0]!.index}. The control is measured into c[0], every post-selection flag into the following bits.`));
  }
  return out.join('\n');
}

function readoutSection(run: ClassifierRun, fig: () => number): string {
  const r = run.report;
  if (r.readout.length === 0) return '<h2>5. Readout</h2>\n<p class="note">No readout points (--readout 0).</p>';
  const out = [
    '<h2>5. Readout</h2>',
    `<p>Hadamard test of k̃*·ψ for ${r.readout.length} test points, sampled with shots. The overlap estimate is (N(c₀=0, flags 0) − N(c₀=1, flags 0)) / shots; the class is sign(output − threshold) with the threshold the median of the ${r.test} simulated outputs (${r.threshold.toExponential(3)}).</p>`,
    table(['point', 'label', 'overlap (exact)', 'overlap (shots)', 'shots', 'output', 'class', 'correct'],
      r.readout.map((p) => [String(p.index), sign(p.label), p.exactOverlap.toFixed(5), p.estimatedOverlap.toFixed(5), String(p.shots), p.output.toExponential(3), sign(p.predicted), p.correct ? 'yes' : 'no'])),
    '<div class="grid">',
  ];
  for (const p of r.readout) {
    const width = Object.keys(p.counts)[0]?.length ?? 1;
    const entries = Object.entries(p.counts).map(([b, c]) => [parseInt(b, 2), c] as const);
    out.push(figure(`fig-readout-${p.index}`, fig(), histogramSvg(entries, { title: `Readout of test point ${p.index}: ${p.shots} shots`, width, register: 'clbits', kind: 'counts', topK: 16, chartWidth: 500 }),
      `Counts of the readout of test point ${p.index}. c[0] is the Hadamard-test control; the other bits are flags that must read 0.`));
  }
  out.push('</div>');
  return out.join('\n');
}

/** The page for a classifier run and its scaling data. */
export function demoReportHtml(run: ClassifierRun, scaling: ScalingData, o: DemoReportOptions): string {
  const r = run.report;
  let n = 0;
  const fig = (): number => ++n;
  const files = o.files === undefined ? '' : `; programs: ${Object.values(o.files).join(', ')}`;
  const total = Object.values(r.seconds).reduce((a, b) => a + b, 0);
  const meta = `qntk demo: MNIST ${r.digits[0]} vs ${r.digits[1]}, n = ${r.n}, ${r.test} test points, ${r.method.toUpperCase()}, ε = ${o.epsilon}, target ${r.target}; ${total.toFixed(1)} s${o.generated ? `; ${o.generated}` : ''}${files}`;
  return page('Quantum NTK classifier: demo report', meta, [
    accuracySection(run),
    scalingFigures(scaling, r.n, fig),
    circuitSection(run, fig),
    drawingSection(run, fig),
    readoutSection(run, fig),
  ]);
}

/** Compute the scaling data and build the page. */
export async function buildDemoReport(run: ClassifierRun, o: DemoReportOptions): Promise<string> {
  const r = run.report;
  const scaling = await scalingData({ digits: r.digits, seed: o.seed, n: r.n, test: r.test, method: r.method, epsilon: o.epsilon, ...(o.progress ? { progress: o.progress } : {}) });
  return demoReportHtml(run, scaling, o);
}
