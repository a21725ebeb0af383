/** Public surface of the local statevector simulator. */
export { Statevector, checkStateSize, MAX_QUBITS } from './statevector.js';
export type { EngineOptions } from './engine.js';
export type { Op } from './kernels.js';
export { compileOps } from './compile.js';
