/** The error-mitigation methods by name (a module of its own so that option parsers load nothing else). */
export type Mitigation = 'readout' | 'twirl' | 'dd' | 'zne';
export const MITIGATIONS: readonly Mitigation[] = ['readout', 'twirl', 'dd', 'zne'];
