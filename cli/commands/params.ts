/** `--param` for the commands that read programs: the value sets, checked against the program's inputs. */
import { convertParameterSets, describeInputs, isParameterized, type Circuit, type ParameterValues } from '../../compiler/circuit/index.js';
import { ValidationError } from '../../compiler/errors.js';
import { parseParameterValues } from '../../compiler/qasm/index.js';

/**
 * The value sets of `--param` for `circuit`, converted to the inputs' types: every input needs a
 * value (unless `partial`), and a program without inputs takes none.
 */
export function parameterSets(file: string, circuit: Circuit, texts: readonly string[], how: { partial?: boolean; sweep: boolean }): ParameterValues[] {
  const sets = parseParameterValues(texts);
  if (!isParameterized(circuit)) {
    if (sets.length > 0) throw new ValidationError(`${file} has no input parameters; drop --param`);
    return [];
  }
  if (sets.length === 0) {
    if (how.partial) return [];
    throw new ValidationError(`${file} has input parameters ${describeInputs(circuit)}: give their values with --param NAME=VALUE`);
  }
  if (sets.length > 1 && !how.sweep) throw new ValidationError(`--param: a list or range makes a sweep of ${sets.length} value sets; give one value per parameter here`);
  if (how.partial) return sets;
  return convertParameterSets(circuit, sets);
}

/** `theta = 0.3, phi = 1` for headings. */
export function describeValues(values: ParameterValues): string {
  return Object.entries(values).map(([n, v]) => `${n} = ${v}`).join(', ');
}
