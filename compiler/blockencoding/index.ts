/** Block encodings sharing one contract: sparse access, FABLE, LCU over Pauli strings, and the auto choice. */
export { ancillaIndices, signalAncillas } from './block-encoding.js';
export type { BlockEncoding } from './block-encoding.js';
export { SparseEncoding, sparseEncodingExamples } from './sparse.js';
export type { SparseEncodingOptions } from './sparse.js';
export { FableEncoding, fableExamples } from './fable.js';
export type { FableOptions } from './fable.js';
export { LcuEncoding, lcuExamples } from './lcu.js';
export type { LcuOptions } from './lcu.js';
export { chooseEncoding, encodingCandidates } from './choose.js';
export type { ChooseOptions, EncodingCandidate, EncodingKind } from './choose.js';
export { padMatrix } from './padding.js';
export type { Padded, PaddingMode } from './padding.js';
export { colorEntries } from './edge-coloring.js';
export type { EdgeColoring } from './edge-coloring.js';
