/**
 * The demo report's page, built from a small classifier run: self-contained (no scripts, no
 * outside references), every figure well-formed SVG, and its numbers those of the run — the
 * readout histograms hold the very counts the overlap estimates come from.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { runClassifier, type ClassifierRun } from '../../experiments/index.js';
import { demoReportHtml } from '../../report/demo-report.js';
import { scalingData, sweepSizes, type ScalingData } from '../../report/scaling.js';
import { allElements, parseXml } from '../helpers/xml.js';

let run: ClassifierRun;
let scaling: ScalingData;
let html: string;

beforeAll(async () => {
  run = await runClassifier({ digits: [8, 9], n: 8, test: 16, method: 'qsvt', target: 'generic', epsilon: 1e-3, seed: 4, readoutPoints: 2 });
  scaling = await scalingData({ digits: [8, 9], seed: 4, n: 8, test: 16, method: 'qsvt', epsilon: 1e-3 });
  html = demoReportHtml(run, scaling, { epsilon: 1e-3, seed: 4 });
}, 120_000);

const inlineSvgs = (): string[] => html.match(/<svg[\s\S]*?<\/svg>/g) ?? [];
const imageSvgs = (): string[] => [...html.matchAll(/src="data:image\/svg\+xml;base64,([^"]+)"/g)].map((m) => Buffer.from(m[1]!, 'base64').toString('utf8'));

describe('demo report page', () => {
  it('is self-contained: no scripts, no references outside the page', () => {
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html).not.toMatch(/<script|<link|@import|url\(/i);
    for (const m of html.matchAll(/\b(?:src|href)="([^"]*)"/g)) expect(m[1]).toMatch(/^data:/);
    expect(html.replace(/xmlns="http:\/\/www\.w3\.org\/2000\/svg"/g, '')).not.toMatch(/https?:/);
  });

  it('every figure is well-formed SVG: 5 scaling plots, the statistics chart, 2 drawings and a histogram per readout', () => {
    const svgs = inlineSvgs();
    expect(svgs).toHaveLength(5 + 1 + run.report.readout.length);
    for (const s of [...svgs, ...imageSvgs()]) expect(parseXml(s).name).toBe('svg');
    expect(imageSvgs()).toHaveLength(2);
    expect(html.match(/<figure id="/g)).toHaveLength(svgs.length + 2);
  });

  it('shows the run\'s accuracies, statistics and one sweep row per size', () => {
    const pct = (x: number): string => `${(100 * x).toFixed(1)} %`;
    expect(html).toContain(`<td>quantum: QSVT circuit (simulated)</td><td>${pct(run.report.accuracy.quantum)}</td>`);
    expect(html).toContain(`<td>sparsified NTK (classical)</td><td>${pct(run.report.accuracy.sparse)}</td>`);
    const g = run.report.gates.target;
    const width = g.qubits === g.qubitsUsed ? String(g.qubits) : `${g.qubitsUsed} of ${g.qubits}`;
    expect(html).toContain(`<td>lowered: generic</td><td>${width}</td><td>${g.size}</td><td>${g.twoQubit}</td><td>${g.depth}</td>`);
    expect(scaling.sweep.map((r) => r.n)).toEqual(sweepSizes(8));
    for (const r of scaling.sweep) expect(html).toContain(`<td>${r.n}${r.n === 8 ? ' (demo)' : ''}</td><td>${r.kappa.toFixed(6)}</td>`);
    expect(scaling.estimates.map((e) => e.n)).toContain(8);
  });

  it('lists the predicted success of each device program when the target has a calibration', () => {
    expect(html).not.toContain('predicted success (ESP)');
    const q = (esp: number, k: number): { esp: number; durationNs: number; twoQubit: number } => ({ esp, durationNs: 1000 * k, twoQubit: 10 * k });
    const predicted = { program: q(0.25, 1), readouts: run.report.readout.map((_, k) => q(k === 0 ? 0 : 1e-5, k + 2)) };
    const page = demoReportHtml({ ...run, report: { ...run.report, predicted } }, scaling, { epsilon: 1e-3, seed: 4 });
    expect(page).toContain('<tr><td>device program</td><td>10</td><td>1.0 µs</td><td>2.50e-1</td></tr>');
    expect(page).toContain(`<tr><td>readout of test point ${run.report.readout[0]!.index}</td><td>20</td><td>2.0 µs</td><td>&lt; 1e-308</td></tr>`);
  });

  it('each readout histogram holds the sampled counts, and the overlap estimate is computed from them', () => {
    for (const [k, p] of run.report.readout.entries()) {
      const total = Object.values(p.counts).reduce((a, b) => a + b, 0);
      expect(total).toBe(p.shots);
      // c[0] the control, every other bit a flag that must read 0 (docs/conventions.md).
      let diff = 0;
      for (const [bits, c] of Object.entries(p.counts)) if (/^0*[01]$/.test(bits)) diff += bits.endsWith('1') ? -c : c;
      expect(diff / p.shots).toBe(p.estimatedOverlap);
      // A sign estimate from shots: within 5 standard errors of the exact overlap.
      expect(Math.abs(p.estimatedOverlap - p.exactOverlap)).toBeLessThan(5 / Math.sqrt(p.shots));
      const svg = parseXml(inlineSvgs()[6 + k]!);
      const bars = allElements(svg).filter((e) => e.attributes.class === 'bar');
      const shown = Object.fromEntries(bars.map((b) => [b.attributes['data-category']!, Number(b.attributes['data-value'])]));
      if (Object.keys(p.counts).length <= 16) expect(shown).toEqual(p.counts);
      else expect(Object.values(shown).reduce((a, b) => a + b, 0)).toBe(p.shots);
      expect(allElements(svg).find((e) => e.name === 'title')!.text).toBe(`Readout of test point ${p.index}: ${p.shots} shots`);
    }
  });
});
