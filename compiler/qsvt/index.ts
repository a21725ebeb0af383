/** QSVT: inverse polynomials, the symmetric-QSP phase solver, the independent QSP evaluator and the circuit. */
export { inversePolynomial, chebyshevIterationOrder, chebyshevIterationCoefficients, cksParameters, cksCoefficients, inverseRelativeError } from './polynomials.js';
export type { InversePolynomial, InversePolynomialOptions, InversePolynomialMethod, ErrorMetric } from './polynomials.js';
export { remezInverse, minimaxInverseOrder, minimaxCoefficients } from './minimax.js';
export type { RemezResult } from './minimax.js';
export { solvePhases, validateQspTarget, PHASE_SOLVER_MAX_DEGREE } from './phases.js';
export type { PhaseSolveOptions, PhaseSolveResult } from './phases.js';
export { qspAmplitude, qspResponse, qspMaxError, checkPoints, unitaryPoint } from './response.js';
export { QsvtCircuit, ProjectorPhase, reflectionPhases } from './qsvt-circuit.js';
export type { QsvtOptions, QsvtSizes } from './qsvt-circuit.js';
export { QsvtInversion } from './inversion.js';
export { chebApply, qsvtSuccessProbability } from './matrix-function.js';
