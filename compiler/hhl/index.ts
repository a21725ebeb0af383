/** HHL matrix inversion (exact eigenbasis synthesis of e^{iAt}) and the orthogonal-matrix synthesis it uses. */
export { buildHhl } from './hhl.js';
export type { HhlOptions, HhlProgram } from './hhl.js';
export { appendOrthogonal } from './orthogonal.js';
export { buildHhlWalk } from './walk.js';
export type { HhlWalkOptions, HhlWalkProgram } from './walk.js';
export { estimateHhlCost } from './estimate.js';
