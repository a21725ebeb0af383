/**
 * The HTML scaffolding of a report page: one self-contained document (inline CSS and SVG, images
 * as data: URIs, no scripts and no external requests), tables and figures with captions.
 */
import { esc } from './svg.js';

const CSS = `
:root{color-scheme:light}
body{margin:0;background:#fafafa;color:#1a1a1a;font:15px/1.55 Charter,'Bitstream Charter','Sitka Text',Cambria,Georgia,serif}
main{max-width:1100px;margin:0 auto;padding:28px 36px 60px;background:#fff;box-shadow:0 0 0 1px #e6e6e6}
h1{font:600 26px/1.25 'Helvetica Neue',Helvetica,Arial,sans-serif;margin:8px 0 4px}
h2{font:600 19px/1.3 'Helvetica Neue',Helvetica,Arial,sans-serif;margin:34px 0 10px;padding-top:10px;border-top:1px solid #e3e3e3}
h3{font:600 15px/1.3 'Helvetica Neue',Helvetica,Arial,sans-serif;margin:20px 0 6px}
p.meta{color:#555;margin:0 0 14px;font-size:14px}
table{border-collapse:collapse;margin:8px 0 6px;font:13px/1.4 'Helvetica Neue',Helvetica,Arial,sans-serif;font-variant-numeric:tabular-nums}
th,td{padding:4px 12px;text-align:right;border-bottom:1px solid #eee}
th{border-bottom:1.5px solid #333;font-weight:600}
th:first-child,td:first-child{text-align:left}
tbody tr:last-child td{border-bottom:1.5px solid #333}
figure{margin:14px 0 22px}
figure svg{display:block;max-width:100%;height:auto}
figcaption{font-size:13px;color:#444;margin-top:4px;max-width:860px}
figcaption b{color:#111}
.grid{display:flex;flex-wrap:wrap;gap:4px 24px}
.grid>figure{flex:0 0 500px;margin:10px 0 18px}
.scroll{overflow:auto;max-height:760px;border:1px solid #eee;padding:4px}
.scroll img{display:block;max-width:none}
code{font:12.5px ui-monospace,Menlo,Consolas,'DejaVu Sans Mono',monospace;background:#f3f3f3;padding:1px 4px;border-radius:3px}
.note{color:#555;font-size:13px}
`.trim();

/** A table: header cells and rows of already-escaped-or-plain text (cells are escaped here). */
export function table(head: readonly string[], rows: readonly (readonly string[])[], caption?: string): string {
  const tr = (cells: readonly string[], tag: 'th' | 'td'): string => `<tr>${cells.map((c) => `<${tag}>${esc(c)}</${tag}>`).join('')}</tr>`;
  return [
    '<table>',
    ...(caption === undefined ? [] : [`<caption class="note">${esc(caption)}</caption>`]),
    `<thead>${tr(head, 'th')}</thead>`,
    `<tbody>${rows.map((r) => tr(r, 'td')).join('')}</tbody>`,
    '</table>',
  ].join('\n');
}

/** A numbered figure: inline SVG (or other trusted markup) and an escaped caption whose first sentence is bold. */
export function figure(id: string, number: number, markup: string, caption: string): string {
  const dot = caption.indexOf('. ');
  const [lead, rest] = dot < 0 ? [caption, ''] : [caption.slice(0, dot + 1), caption.slice(dot + 1)];
  return `<figure id="${esc(id)}">\n${markup}\n<figcaption><b>Figure ${number}. ${esc(lead)}</b>${esc(rest)}</figcaption>\n</figure>`;
}

/** An SVG document as an <img> with a data: URI, so its own <style> cannot reach the page. */
export function svgImage(svg: string, alt: string): string {
  return `<img alt="${esc(alt)}" src="data:image/svg+xml;base64,${Buffer.from(svg, 'utf8').toString('base64')}">`;
}

/** The whole page. `sections` are trusted HTML fragments built by the report. */
export function page(title: string, meta: string, sections: readonly string[]): string {
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${esc(title)}</title>`,
    `<style>${CSS}</style>`,
    '</head>',
    '<body><main>',
    `<h1>${esc(title)}</h1>`,
    `<p class="meta">${esc(meta)}</p>`,
    ...sections,
    '</main></body>',
    '</html>',
    '',
  ].join('\n');
}
