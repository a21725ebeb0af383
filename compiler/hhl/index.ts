/** HHL matrix inversion (exact eigenbasis synthesis of e^{iAt}, or phase estimation on a block encoding's walk) and the orthogonal-matrix synthesis it uses. */
export { buildHhl, HhlCircuit } from './hhl.js';
export type { HhlOptions, HhlProgram } from './hhl.js';
export { appendOrthogonal, Orthogonal } from './orthogonal.js';
export { buildHhlWalk, HhlWalk } from './walk.js';
export type { HhlWalkOptions, HhlWalkProgram, HhlWalkParts } from './walk.js';
