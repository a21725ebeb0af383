/**
 * Rows of GF(2) matrices as packed 32-bit words, for the linear-reversible parts of circuits:
 * bit tests, XOR, popcount, value keys, inversion-by-elimination and CNOT synthesis of a matrix.
 * Plain words keep the inner loops free of allocation (a bigint per test was the bottleneck).
 */
export type Row = Uint32Array;

export const wordsFor = (n: number): number => Math.max(1, (n + 31) >>> 5);

export function unitRow(k: number, words: number): Row {
  const r = new Uint32Array(words);
  r[k >>> 5] = 1 << (k & 31);
  return r;
}

export const bit = (r: Row, k: number): number => (r[k >>> 5]! >>> (k & 31)) & 1;

export function xorInto(a: Row, b: Row): void {
  for (let w = 0; w < a.length; w++) a[w] = a[w]! ^ b[w]!;
}

export function popcount(r: Row): number {
  let c = 0;
  for (let w = 0; w < r.length; w++) {
    let v = r[w]!;
    v = v - ((v >>> 1) & 0x55555555);
    v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
    c += (((v + (v >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
  }
  return c;
}

/** Index of the highest set bit (−1 for the zero row). */
export function highestBit(r: Row): number {
  for (let w = r.length - 1; w >= 0; w--) if (r[w] !== 0) return w * 32 + 31 - Math.clz32(r[w]!);
  return -1;
}

/** A value key (equal rows, equal keys). */
export const rowKey = (r: Row): number | string => (r.length === 1 ? r[0]! : r.join(','));

/** rows·W⁻¹ over GF(2) (W invertible, n × n). */
export function composeWithInverse(rows: readonly Row[], W: readonly Row[], n: number): Row[] {
  const words = wordsFor(n);
  const a = W.map((r) => Uint32Array.from(r)), inv = Array.from({ length: n }, (_, k) => unitRow(k, words));
  for (let col = 0; col < n; col++) {
    let piv = col;
    while (piv < n && !bit(a[piv]!, col)) piv++;
    [a[col], a[piv]] = [a[piv]!, a[col]!];
    [inv[col], inv[piv]] = [inv[piv]!, inv[col]!];
    for (let r = 0; r < n; r++) {
      if (r !== col && bit(a[r]!, col)) {
        xorInto(a[r]!, a[col]!);
        xorInto(inv[r]!, inv[col]!);
      }
    }
  }
  // (rows·W⁻¹)_k = XOR of the rows of W⁻¹ selected by the bits of rows[k].
  return rows.map((r) => {
    const acc = new Uint32Array(words);
    for (let j = 0; j < n; j++) if (bit(r, j)) xorInto(acc, inv[j]!);
    return acc;
  });
}

/** CNOTs (control, target) whose product, applied in order, is the GF(2) matrix T. */
export function linearSynthesis(T: readonly Row[], n: number): Array<[number, number]> {
  const a = T.map((r) => Uint32Array.from(r));
  const ops: Array<[number, number]> = [];
  const addRow = (target: number, src: number): void => {
    xorInto(a[target]!, a[src]!);
    ops.push([src, target]);
  };
  for (let col = 0; col < n; col++) {
    if (!bit(a[col]!, col)) {
      let piv = col + 1;
      while (piv < n && !bit(a[piv]!, col)) piv++;
      addRow(col, piv);
    }
    for (let r = 0; r < n; r++) if (r !== col && bit(a[r]!, col)) addRow(r, col);
  }
  // ops reduce T to I: T = F_1 ⋯ F_m, so F_m runs first.
  return ops.reverse();
}
