/**
 * A user's labelled data for `qntk ntk --data FILE`: CSV (feature columns, then a ±1 or 0/1 label;
 * an optional header line) or JSON (`{"x": [[…]], "y": […]}` or `[[features…, label], …]`).
 * Every defect is reported with its place: ragged rows, non-numeric cells, NaN/∞, one class only,
 * too few rows.
 */
import { ParseError, ValidationError } from '../errors.js';
import { readTextFile } from '../files.js';
import { tableSource, type DataSource } from './dataset.js';

/** Parsed table: `rows` examples of `dim` features, labels mapped to ±1. */
export interface LabelledTable {
  readonly features: Float64Array;
  readonly labels: Float64Array;
  readonly rows: number;
  readonly dim: number;
}

/** Fewest examples a file must hold (2 per class for training, 1 per class for testing). */
export const MIN_ROWS = 6;

function isNumeric(cell: string): boolean {
  return cell.trim() !== '' && !Number.isNaN(Number(cell.trim()));
}

function finish(file: string, rows: number[][], labels: number[], where: (i: number) => string): LabelledTable {
  if (rows.length < MIN_ROWS) throw new ValidationError(`${file}: only ${rows.length} example(s); at least ${MIN_ROWS} are needed (3 per class)`);
  const distinct = [...new Set(labels)].sort((a, b) => a - b);
  const okSets = [[-1, 1], [0, 1]];
  if (distinct.length === 1) throw new ValidationError(`${file}: every label is ${distinct[0]}; binary classification needs two classes (±1 or 0/1)`);
  if (!okSets.some((s) => s.length === distinct.length && s.every((v, i) => v === distinct[i]))) {
    const bad = labels.findIndex((l) => l !== 1 && l !== -1 && l !== 0);
    const i = bad >= 0 ? bad : labels.findIndex((l) => l === -1);
    throw new ValidationError(`${where(i)}: labels must be ±1 or 0/1 (found ${distinct.join(', ')})`);
  }
  const dim = rows[0]!.length;
  const features = new Float64Array(rows.length * dim);
  rows.forEach((r, i) => features.set(r, i * dim));
  return { features, labels: Float64Array.from(labels, (l) => (l > 0 ? 1 : -1)), rows: rows.length, dim };
}

/** Parse CSV text (comma-separated; blank lines and `#` comments skipped; optional header). */
export function parseCsv(text: string, file: string): LabelledTable {
  const rows: number[][] = [];
  const labels: number[] = [];
  const lineOf: number[] = [];
  let width = -1;
  let widthLine = 0;
  const lines = text.split(/\r?\n/);
  lines.forEach((line, li) => {
    if (line.trim() === '' || line.trimStart().startsWith('#')) return;
    const cells: { text: string; col: number }[] = [];
    let col = 1;
    for (const part of line.split(',')) {
      cells.push({ text: part, col: col + (part.length - part.trimStart().length) });
      col += part.length + 1;
    }
    if (width < 0 && rows.length === 0 && cells.every((c) => !isNumeric(c.text))) return; // header
    if (cells.length < 2) throw new ParseError({ file, line: li + 1, col: 1 }, 'a row needs at least one feature and a label');
    if (width < 0) {
      width = cells.length;
      widthLine = li + 1;
    } else if (cells.length !== width) {
      throw new ParseError({ file, line: li + 1, col: line.length + 1 }, `ragged row: ${cells.length} cells, but line ${widthLine} has ${width}`);
    }
    const values = cells.map((c) => {
      const t = c.text.trim();
      const v = Number(t);
      if (t === '' || (Number.isNaN(v) && !/^[+-]?nan$/i.test(t))) throw new ParseError({ file, line: li + 1, col: c.col }, `not a number: '${t}'`);
      if (!Number.isFinite(v)) throw new ParseError({ file, line: li + 1, col: c.col }, `${t} is not allowed; every cell must be a finite number`);
      return v;
    });
    labels.push(values.pop()!);
    rows.push(values);
    lineOf.push(li + 1);
  });
  return finish(file, rows, labels, (i) => `${file}:${lineOf[i] ?? 1}`);
}

/** Parse JSON: `{"x": [[…]], "y": […]}` or an array of rows whose last entry is the label. */
export function parseJsonTable(text: string, file: string): LabelledTable {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    const msg = (e as Error).message;
    const pos = /position (\d+)/.exec(msg);
    const at = pos ? Number(pos[1]) : 0;
    const before = text.slice(0, at).split('\n');
    throw new ParseError({ file, line: before.length, col: before[before.length - 1]!.length + 1 }, `invalid JSON: ${msg}`);
  }
  let xs: unknown[];
  let ys: unknown[];
  if (Array.isArray(doc)) {
    xs = doc.map((r, i) => {
      if (!Array.isArray(r) || r.length < 2) throw new ValidationError(`${file}: row ${i} must be an array [features…, label]`);
      return r.slice(0, -1);
    });
    ys = doc.map((r) => (r as unknown[])[(r as unknown[]).length - 1]);
  } else if (doc !== null && typeof doc === 'object' && Array.isArray((doc as { x?: unknown }).x) && Array.isArray((doc as { y?: unknown }).y)) {
    xs = (doc as { x: unknown[] }).x;
    ys = (doc as { y: unknown[] }).y;
    if (xs.length !== ys.length) throw new ValidationError(`${file}: x has ${xs.length} rows but y has ${ys.length} labels`);
  } else {
    throw new ValidationError(`${file}: expected {"x": [[…]], "y": […]} or an array of rows [features…, label]`);
  }
  const width = Array.isArray(xs[0]) ? xs[0].length : -1;
  const rows = xs.map((r, i) => {
    if (!Array.isArray(r)) throw new ValidationError(`${file}: x[${i}] is not an array of numbers`);
    if (r.length !== width) throw new ValidationError(`${file}: ragged row x[${i}] has ${r.length} features, x[0] has ${width}`);
    return r.map((v, j) => {
      if (typeof v !== 'number' || !Number.isFinite(v)) throw new ValidationError(`${file}: x[${i}][${j}] = ${JSON.stringify(v)} is not a finite number`);
      return v;
    });
  });
  const labels = ys.map((v, i) => {
    if (typeof v !== 'number' || !Number.isFinite(v)) throw new ValidationError(`${file}: label ${i} = ${JSON.stringify(v)} is not a number`);
    return v;
  });
  if (width < 1 && rows.length > 0) throw new ValidationError(`${file}: examples need at least one feature`);
  return finish(file, rows, labels, (i) => `${file}: label ${i}`);
}

/** Read FILE (CSV unless it ends in .json) as a data source for the NTK experiments. */
export function readUserData(file: string): DataSource {
  const text = readTextFile(file, 'data');
  const t = /\.json$/i.test(file) ? parseJsonTable(text, file) : parseCsv(text, file);
  return tableSource(file, t.features, t.labels, t.dim);
}
