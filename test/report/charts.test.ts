/** SVG charts: well-formed XML, bar heights proportional to the data, points placed on linear and log axes, histograms' top K and "other". */
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../compiler/errors.js';
import { createRandom } from '../../compiler/linalg/random.js';
import { barChartSvg, svgFile } from '../../report/bar-chart.js';
import { histogramBars, histogramSvg, OTHER } from '../../report/histogram.js';
import { lineChartSvg } from '../../report/line-chart.js';
import * as api from '../../index.js';
import { allElements, parseXml, type XmlElement } from '../helpers/xml.js';

const num = (e: XmlElement, a: string): number => Number(e.attributes[a]);
const byClass = (root: XmlElement, cls: string): XmlElement[] => allElements(root).filter((e) => e.attributes.class === cls);
const group = (root: XmlElement, cls: string): XmlElement => allElements(root).find((e) => e.name === 'g' && e.attributes.class === cls)!;
/** Text content of an element and its tspans. */
const textOf = (e: XmlElement): string => e.text + e.children.map(textOf).join('');

describe('bar chart', () => {
  it('is well-formed XML whose bar heights are proportional to the values, on one baseline', () => {
    const values = [3, 17, 0, 42, 8];
    const svg = barChartSvg({ title: 'T <&> "q"', xLabel: 'x', yLabel: 'y', categories: ['a', 'b', 'c', 'd', 'e'], series: [{ name: 's', values }] });
    const root = parseXml(svg);
    expect(root.name).toBe('svg');
    expect(allElements(root).find((e) => e.name === 'title')!.text).toBe('T <&> "q"');
    const bars = byClass(root, 'bar');
    expect(bars.map((b) => num(b, 'data-value'))).toEqual(values);
    const k = num(bars[3]!, 'height') / 42;
    expect(k).toBeGreaterThan(0);
    for (const [i, b] of bars.entries()) {
      expect(num(b, 'height')).toBeCloseTo(values[i]! * k, 1);
      expect(num(b, 'y') + num(b, 'height')).toBeCloseTo(num(bars[0]!, 'y') + num(bars[0]!, 'height'), 1);
    }
    // Count data: every y tick is a whole number, and the top tick is at least the largest value.
    const ticks = group(root, 'yticks').children.map((t) => Number(textOf(t)));
    for (const t of ticks) expect(Number.isInteger(t)).toBe(true);
    expect(Math.max(...ticks)).toBeGreaterThanOrEqual(42);
    expect(svgFile(svg).startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<svg')).toBe(true);
  });

  it('groups several series per category with a legend', () => {
    const root = parseXml(barChartSvg({ title: 't', xLabel: 'x', yLabel: 'y', categories: ['gates', 'depth'], series: [{ name: 'before', values: [10, 4] }, { name: 'after', values: [5, 2.5] }] }));
    const bars = byClass(root, 'bar');
    expect(bars.map((b) => [b.attributes['data-category'], b.attributes['data-series']])).toEqual([['gates', 'before'], ['gates', 'after'], ['depth', 'before'], ['depth', 'after']]);
    expect(num(bars[1]!, 'height') / num(bars[0]!, 'height')).toBeCloseTo(0.5, 2);
    expect(num(bars[3]!, 'height') / num(bars[0]!, 'height')).toBeCloseTo(0.25, 2);
    expect(group(root, 'legend').children.filter((e) => e.name === 'text').map(textOf)).toEqual(['before', 'after']);
  });

  it('refuses negative or missing values', () => {
    expect(() => barChartSvg({ title: 't', xLabel: 'x', yLabel: 'y', categories: ['a'], series: [{ name: 's', values: [-1] }] })).toThrow(ValidationError);
    expect(() => barChartSvg({ title: 't', xLabel: 'x', yLabel: 'y', categories: ['a', 'b'], series: [{ name: 's', values: [1] }] })).toThrow(ValidationError);
  });
});

describe('line chart', () => {
  it('places points linearly in the value on linear axes and in log(value) on log axes', () => {
    const cases = [['linear', 'linear', [[1, 3], [4, 300], [9, 2e3], [20, 7e3]]], [{ log: 2 }, { log: 10 }, [[16, 3], [64, 300], [1024, 2e5], [2 ** 20, 7e8]]]] as const;
    for (const [xScale, yScale, pts] of cases) {
      const root = parseXml(lineChartSvg({ title: 't', xLabel: 'n', yLabel: 'count', xScale, yScale, series: [{ name: 'a', points: pts }, { name: 'b', points: [[32, 10]], scatter: true }] }));
      const circles = byClass(root, 'point').filter((c) => c.attributes['data-series'] === 'a');
      const fx = (v: number): number => (xScale === 'linear' ? v : Math.log2(v)), fy = (v: number): number => (yScale === 'linear' ? v : Math.log10(v));
      // Pixel = a + b·f(value): the slope between any two points is the same.
      const slope = (i: number, j: number, px: string, f: (v: number) => number, c: number): number => (num(circles[j]!, px) - num(circles[i]!, px)) / (f(pts[j]![c]!) - f(pts[i]![c]!));
      for (const [i, j] of [[1, 2], [2, 3], [0, 3]]) {
        expect(slope(i!, j!, 'cx', fx, 0) / slope(0, 1, 'cx', fx, 0)).toBeCloseTo(1, 2);
        expect(slope(i!, j!, 'cy', fy, 1) / slope(0, 1, 'cy', fy, 1)).toBeCloseTo(1, 2);
      }
      expect(slope(0, 1, 'cy', fy, 1)).toBeLessThan(0); // y grows upwards
      expect(byClass(root, 'point')).toHaveLength(5);
    }
  });

  it('draws error bars of the stated half-width and refuses values a log axis cannot show', () => {
    const root = parseXml(lineChartSvg({ title: 't', xLabel: 'n', yLabel: 'acc', series: [{ name: 'a', points: [[1, 0.5], [2, 0.7]], errors: [0.1, 0.2] }] }));
    const [e0, e1] = byClass(root, 'error');
    expect((num(e1!, 'y1') - num(e1!, 'y2')) / (num(e0!, 'y1') - num(e0!, 'y2'))).toBeCloseTo(2, 2);
    expect(() => lineChartSvg({ title: 't', xLabel: 'x', yLabel: 'y', yScale: { log: 10 }, series: [{ name: 'a', points: [[1, 0]] }] })).toThrow(ValidationError);
  });
});

describe('histogram', () => {
  it.each([11, 12])('keeps the top K outcomes in bitstring order and sums the rest into "other" (seed %i)', (seed) => {
    const rnd = createRandom(seed);
    const counts = new Map<number, number>();
    for (let k = 0; k < 200; k++) counts.set(rnd.int(1 << 10), rnd.int(50));
    const h = histogramBars(counts.entries(), 10, 16);
    const sorted = [...counts].filter(([, v]) => v > 0).sort((a, b) => b[1] - a[1] || a[0] - b[0]);
    expect(h.bars.map(([b, v]) => [parseInt(b, 2), v]).sort((a, b) => a[0]! - b[0]!)).toEqual(sorted.slice(0, 16).sort((a, b) => a[0]! - b[0]!));
    expect(h.bars.map(([b]) => b)).toEqual(h.bars.map(([b]) => b).sort());
    for (const [b] of h.bars) expect(b).toHaveLength(10);
    expect(h.other).toEqual({ outcomes: sorted.length - 16, value: sorted.slice(16).reduce((s, [, v]) => s + v, 0) });
    expect(h.total).toBe([...counts.values()].reduce((a, b) => a + b, 0));
  });

  it('draws an "other" bar in grey, says so in the note, and names the bit order on the x axis', () => {
    const entries = Array.from({ length: 40 }, (_, k) => [k, 100 + k] as const);
    const root = parseXml(histogramSvg(entries, { title: 'f.qasm: 4780 shots', width: 6, register: 'clbits', kind: 'counts', topK: 8 }));
    const bars = byClass(root, 'bar');
    expect(bars).toHaveLength(9);
    expect(bars[8]!.attributes['data-category']).toBe(OTHER);
    expect(num(bars[8]!, 'data-value')).toBe(entries.slice(0, 32).reduce((s, [, v]) => s + v, 0));
    expect(bars[8]!.attributes.fill).not.toBe(bars[0]!.attributes.fill);
    expect(byClass(root, 'note')[0]!.text).toBe('top 8 of 40 outcomes; "other" sums the remaining 32');
    expect(byClass(root, 'xlabel')[0]!.text).toBe('outcome c[5]…c[0] (c[0] rightmost)');
    expect(byClass(root, 'ylabel')[0]!.text).toBe('count (shots)');
  });

  it('refuses an empty distribution and negative values', () => {
    expect(() => histogramSvg([[0, 0]], { title: 't', width: 1, register: 'qubits', kind: 'probabilities' })).toThrow(ValidationError);
    expect(() => histogramBars([[0, -1]], 1, 4)).toThrow(ValidationError);
  });
});

describe('public API', () => {
  it('exports the charts and the report from the package entry point', () => {
    expect(api.barChartSvg).toBe(barChartSvg);
    expect(api.lineChartSvg).toBe(lineChartSvg);
    expect(api.histogramSvg).toBe(histogramSvg);
    expect(api.svgFile).toBe(svgFile);
    expect(typeof api.buildDemoReport).toBe('function');
  });
});
