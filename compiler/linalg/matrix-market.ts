/**
 * Matrix Market coordinate files (real / integer / pattern; general / symmetric) to and from
 * CsrMatrix. Symmetric files store the lower triangle; reading expands it. Values are written in
 * JavaScript's shortest round-trip form, so write → read reproduces every double exactly.
 * Reading and writing files is compiler/matrix-file.ts's: this module only converts text.
 * @see https://math.nist.gov/MatrixMarket/formats.html
 */
import { ParseError, ValidationError } from '../errors.js';
import { CsrMatrix } from './csr.js';

export type MatrixMarketSymmetry = 'general' | 'symmetric';

/** Largest row or column count read (the row pointer array is allocated from it: 64 MiB). */
export const MAX_MATRIX_DIMENSION = 1 << 24;

export interface WriteMatrixMarketOptions {
  /** 'symmetric' writes only the lower triangle (the matrix must be symmetric). Default: symmetric when it is. */
  readonly symmetry?: MatrixMarketSymmetry;
  /** Comment lines written after the header (without the leading %). */
  readonly comments?: readonly string[];
}

/** Matrix Market text of a CSR matrix. */
export function formatMatrixMarket(a: CsrMatrix, options: WriteMatrixMarketOptions = {}): string {
  const symmetry = options.symmetry ?? (a.rows === a.cols && a.isSymmetric(0) ? 'symmetric' : 'general');
  if (symmetry === 'symmetric') {
    const bad = a.asymmetry(0);
    if (bad) throw new ValidationError(`Matrix Market: cannot write a symmetric file, entry (${bad.row + 1}, ${bad.col + 1}) = ${bad.value} but its mirror is ${bad.mirror}`);
  }
  const lines: string[] = [`%%MatrixMarket matrix coordinate real ${symmetry}`];
  for (const c of options.comments ?? []) lines.push(`%${c.startsWith(' ') ? '' : ' '}${c.replace(/\r?\n/g, ' ')}`);
  const body: string[] = [];
  for (let i = 0; i < a.rows; i++) {
    for (let k = a.rowPtr[i]!; k < a.rowPtr[i + 1]!; k++) {
      const j = a.colIdx[k]!;
      if (symmetry === 'symmetric' && j > i) continue;
      body.push(`${i + 1} ${j + 1} ${String(a.values[k]!)}`);
    }
  }
  lines.push(`${a.rows} ${a.cols} ${body.length}`, ...body);
  return `${lines.join('\n')}\n`;
}

/** The header of a parsed file and the matrix. */
export interface MatrixMarketFile {
  readonly matrix: CsrMatrix;
  readonly field: 'real' | 'integer' | 'pattern';
  readonly symmetry: MatrixMarketSymmetry;
  readonly comments: string[];
}

/** Parse Matrix Market text; errors read FILE:LINE:COL. */
export function parseMatrixMarket(text: string, file = '<matrix>'): MatrixMarketFile {
  const lines = text.split(/\r?\n/);
  const fail = (line: number, col: number, msg: string): never => {
    throw new ParseError({ file, line: line + 1, col }, msg);
  };
  const header = lines[0] ?? '';
  const h = header.trim().split(/\s+/).map((s) => s.toLowerCase());
  if (h[0] !== '%%matrixmarket') fail(0, 1, "not a Matrix Market file: the first line must start with '%%MatrixMarket'");
  if (h[1] !== 'matrix') fail(0, header.toLowerCase().indexOf(h[1] ?? '') + 1, `object '${h[1] ?? ''}' is not supported (only 'matrix')`);
  if (h[2] !== 'coordinate') fail(0, header.toLowerCase().indexOf(h[2] ?? '') + 1, `format '${h[2] ?? ''}' is not supported (only 'coordinate')`);
  const field = h[3] as MatrixMarketFile['field'];
  if (field !== 'real' && field !== 'integer' && field !== 'pattern') fail(0, header.toLowerCase().indexOf(h[3] ?? '') + 1, `field '${h[3] ?? ''}' is not supported (real, integer or pattern)`);
  const symmetry = h[4] as MatrixMarketSymmetry;
  if (symmetry !== 'general' && symmetry !== 'symmetric') fail(0, header.toLowerCase().indexOf(h[4] ?? '') + 1, `symmetry '${h[4] ?? ''}' is not supported (general or symmetric)`);
  const comments: string[] = [];
  let li = 1;
  for (; li < lines.length; li++) {
    const t = lines[li]!.trim();
    if (t.startsWith('%')) comments.push(t.slice(1).trim());
    else if (t !== '') break;
  }
  const cells = (line: number): { text: string; col: number }[] => {
    const out: { text: string; col: number }[] = [];
    const re = /\S+/g;
    let m: RegExpExecArray | null;
    while ((m = re.exec(lines[line]!)) !== null) out.push({ text: m[0], col: m.index + 1 });
    return out;
  };
  const int = (line: number, c: { text: string; col: number } | undefined, what: string, min: number, max: number): number => {
    if (!c) return fail(line, (lines[line]?.length ?? 0) + 1, `missing ${what}`);
    if (!/^[+]?\d+$/.test(c.text)) fail(line, c.col, `${what} '${c.text}' is not a non-negative integer`);
    const v = Number(c.text);
    if (v < min || v > max) fail(line, c.col, `${what} ${c.text.length > 24 ? `${c.text.slice(0, 24)}…` : v} is outside ${min}…${max}`);
    return v;
  };
  if (li >= lines.length) fail(li - 1, 1, 'missing the size line "rows cols entries"');
  const sz = cells(li);
  // Sizes are checked against the file before anything is allocated: a few bytes of header must
  // not be able to ask for gigabytes.
  const rows = int(li, sz[0], 'row count', 0, MAX_MATRIX_DIMENSION);
  const cols = int(li, sz[1], 'column count', 0, MAX_MATRIX_DIMENSION);
  const nnz = int(li, sz[2], 'entry count', 0, 2 ** 31 - 1);
  if (sz.length > 3) fail(li, sz[3]!.col, 'unexpected text after "rows cols entries"');
  const room = lines.length - li - 1;
  if (nnz > room) fail(li, sz[2]!.col, `the size line declares ${nnz} entries but only ${room} line(s) follow; fix the entry count`);
  if (symmetry === 'symmetric' && rows !== cols) fail(li, 1, `a symmetric matrix must be square, not ${rows}x${cols}`);
  const ri = new Int32Array(nnz), ci = new Int32Array(nnz), vs = new Float64Array(nnz);
  let count = 0;
  for (li++; li < lines.length; li++) {
    const c = cells(li);
    if (c.length === 0 || c[0]!.text.startsWith('%')) continue;
    if (count >= nnz) fail(li, 1, `more entries than the ${nnz} the size line declares`);
    const i = int(li, c[0], 'row index', 1, rows) - 1;
    const j = int(li, c[1], 'column index', 1, cols) - 1;
    let v = 1;
    if (field !== 'pattern') {
      const vc = c[2];
      if (!vc) fail(li, (lines[li]!.length) + 1, 'missing the value');
      v = Number(vc!.text);
      if (!Number.isFinite(v) || (field === 'integer' && !Number.isInteger(v))) fail(li, vc!.col, `value '${vc!.text}' is not a finite ${field} number`);
      if (c.length > 3) fail(li, c[3]!.col, 'unexpected text after the value');
    } else if (c.length > 2) fail(li, c[2]!.col, 'unexpected text after the indices of a pattern entry');
    if (symmetry === 'symmetric' && j > i) fail(li, c[1]!.col, `entry (${i + 1}, ${j + 1}) is above the diagonal; a symmetric file stores the lower triangle`);
    ri[count] = i;
    ci[count] = j;
    vs[count] = v;
    count++;
  }
  if (count < nnz) fail(lines.length - 1, 1, `only ${count} of the ${nnz} declared entries`);
  return { matrix: toCsr(rows, cols, ri, ci, vs, symmetry === 'symmetric', file), field, symmetry, comments };
}

/** Triplets → CSR by counting sort, mirroring symmetric off-diagonal entries; rows come out sorted by column. */
function toCsr(rows: number, cols: number, ri: Int32Array, ci: Int32Array, vs: Float64Array, symmetric: boolean, file: string): CsrMatrix {
  const nnz = ri.length;
  const rowCount = new Int32Array(rows + 1);
  for (let k = 0; k < nnz; k++) {
    rowCount[ri[k]! + 1]!++;
    if (symmetric && ri[k] !== ci[k]) rowCount[ci[k]! + 1]!++;
  }
  for (let i = 0; i < rows; i++) rowCount[i + 1] = rowCount[i + 1]! + rowCount[i]!;
  const total = rowCount[rows]!;
  const colIdx = new Int32Array(total), values = new Float64Array(total);
  const fill = rowCount.slice(0, rows);
  const put = (i: number, j: number, v: number): void => {
    const at = fill[i]!++;
    colIdx[at] = j;
    values[at] = v;
  };
  for (let k = 0; k < nnz; k++) {
    put(ri[k]!, ci[k]!, vs[k]!);
    if (symmetric && ri[k] !== ci[k]) put(ci[k]!, ri[k]!, vs[k]!);
  }
  for (let i = 0; i < rows; i++) {
    const s = rowCount[i]!, e = rowCount[i + 1]!;
    let sorted = true;
    for (let t = s + 1; t < e && sorted; t++) sorted = colIdx[t - 1]! < colIdx[t]!;
    if (sorted) continue;
    const order = Array.from({ length: e - s }, (_, t) => s + t).sort((x, y) => colIdx[x]! - colIdx[y]!);
    const cs = order.map((t) => colIdx[t]!), vv = order.map((t) => values[t]!);
    for (let t = 0; t < cs.length; t++) {
      if (t > 0 && cs[t] === cs[t - 1]) throw new ValidationError(`${file}: entry (${i + 1}, ${cs[t]! + 1}) appears twice`);
      colIdx[s + t] = cs[t]!;
      values[s + t] = vv[t]!;
    }
  }
  return new CsrMatrix(rows, cols, rowCount, colIdx, values);
}
