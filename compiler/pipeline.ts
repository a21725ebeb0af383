/** Compatibility path: the linear-system compiler lives in linear-system.ts. */
export { compileLinearSystem, validateSystem } from './linear-system.js';
export type { CompileOptions, CompiledProgram, EncodingChoice, InversionMethod } from './linear-system.js';
