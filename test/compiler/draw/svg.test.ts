/** The SVG renderer, read back as XML: well-formed, self-contained, one element per operation, the text layout's folds. */
import { describe, expect, it } from 'vitest';
import { drawSvg, draw, drawText } from '../../../compiler/draw/index.js';
import { parseQasm } from '../../../compiler/qasm/index.js';
import { allElements, parseXml } from '../../helpers/xml.js';

const SRC = `OPENQASM 3.0; include "stdgates.inc"; qubit[3] q; bit[2] c;
  h q[0]; cx q[0], q[1]; rz(pi/4) q[2]; ccx q[0], q[2], q[1]; cz q[0], q[2]; swap q[1], q[2]; barrier q;
  c[0] = measure q[0]; c[1] = measure q[2]; if (c == 1) x q[1]; crz(0.3) q[2], q[0]; rzz(0.5) q[0], q[2];
  cswap q[1], q[0], q[2]; reset q[0]; sdg q[1]; gphase(pi/2);`;

describe('drawSvg', () => {
  const circuit = parseQasm(SRC);
  const svg = drawSvg(circuit);
  const root = parseXml(svg);
  const ops = allElements(root).filter((e) => e.name === 'g' && e.attributes['class'] === 'op');

  it('is a well-formed, self-contained SVG document', () => {
    expect(root.name).toBe('svg');
    expect(root.attributes['xmlns']).toBe('http://www.w3.org/2000/svg');
    expect(Number(root.attributes['width'])).toBeGreaterThan(0);
    expect(svg).not.toMatch(/<script|href=|url\(|@import/);
    expect(allElements(root).filter((e) => e.name === 'style')).toHaveLength(1);
  });

  it('has one element per operation (gphase is the header), in column order', () => {
    const drawn = circuit.instructions.map((inst, i) => [inst.gate, i] as const).filter(([g]) => g !== 'gphase');
    const got = ops.map((e) => [e.attributes['data-gate'], Number(e.attributes['data-index'])] as const);
    expect([...got].sort((a, b) => a[1] - b[1])).toEqual(drawn);
    expect(allElements(root).some((e) => e.name === 'text' && e.text === 'global phase: π/2')).toBe(true);
  });

  it('shows the same labels as the text drawing, escaped', () => {
    const labels = allElements(root).filter((e) => e.name === 'text' && e.attributes['class'] === 'label').map((e) => e.text);
    expect(labels).toEqual(expect.arrayContaining(['H', 'Rz(π/4)', 'M', 'X', 'Rz(0.3)', 'Rzz(0.5)', '|0>', 'S†']));
    expect(svg).toContain('|0&gt;');
    const text = drawText(circuit, { fold: 0 });
    for (const l of labels) expect(text).toContain(l);
  });

  it('folds into the same pages as the text drawing when asked', () => {
    const pages = (fold: number): number => allElements(parseXml(drawSvg(circuit, { fold }))).filter((e) => e.attributes['class'] === 'page').length;
    const textPages = (fold: number): number => drawText(circuit, { fold }).split('\n').filter((l) => l.startsWith('q[0]')).length;
    expect(pages(0)).toBe(1);
    for (const fold of [30, 50, 80]) expect(pages(fold)).toBe(textPages(fold));
  });

  it('draw() picks the format', () => {
    expect(draw(circuit, { format: 'svg' })).toBe(svg);
    expect(draw(circuit)).toBe(drawText(circuit));
  });
});

describe('the XML reader the SVG tests rely on', () => {
  it.each([
    ['<svg><g></svg>', /closes <g>/],
    ['<svg a=1/>', /bad attribute/],
    ['<svg>a & b</svg>', /bare '&'/],
    ['<svg/><svg/>', /second root/],
    ['<svg>', /never closed/],
    ['<svg a="1" a="2"/>', /repeated attribute/],
    ['<svg>&nbsp;</svg>', /unknown entity/],
  ])('refuses %s', (text, error) => {
    expect(() => parseXml(text)).toThrow(error);
  });
});
