/** Matrix Market files on disk: read with one-line errors that name the file, written atomically. */
import { readTextFile, writeFileAtomic } from './files.js';
import type { CsrMatrix } from './linalg/csr.js';
import { formatMatrixMarket, parseMatrixMarket, type MatrixMarketFile, type WriteMatrixMarketOptions } from './linalg/matrix-market.js';

export function readMatrixMarket(file: string): MatrixMarketFile {
  return parseMatrixMarket(readTextFile(file), file);
}

export function writeMatrixMarket(file: string, a: CsrMatrix, options: WriteMatrixMarketOptions = {}): void {
  writeFileAtomic(file, formatMatrixMarket(a, options));
}
