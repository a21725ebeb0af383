/**
 * Input parameters of a circuit (OpenQASM 3 `input float[64] theta;` / `input angle[32] phi;`):
 * the values of an instruction's parameters, the inputs a circuit uses, and binding — values
 * substituted into every expression, giving an ordinary numeric circuit (or, when only some
 * inputs are given, a circuit that keeps the others symbolic). A value is first converted to its
 * input's type: an angle[n] is a multiple of 2π/2ⁿ in [0, 2π), a float[32] a single-precision number.
 */
import { ValidationError } from '../errors.js';
import { withInstructions, withParameters, type Circuit, type Instruction, type Parameter } from './circuit.js';
import { withValues } from './affine.js';
import { foldConstant, type Expr, type ParamValue } from './expression.js';

/** Values for input parameters, by name. */
export type ParameterValues = Readonly<Record<string, number>>;

/** The parameters of an instruction as values: numbers, or expressions where they use inputs. */
export function paramValues(inst: Instruction): readonly ParamValue[] {
  return inst.exprs === undefined ? inst.params : inst.exprs.map(foldConstant);
}

/** `float[64]`, `angle[32]`, `angle`: the type as OpenQASM 3 writes it. */
export function parameterType(p: Parameter): string {
  return p.width === undefined ? p.type : `${p.type}[${p.width}]`;
}

/** Names of the inputs the instructions use (declared or not), in first-use order. */
export function usedParameters(circuit: Circuit): Set<string> {
  const out = new Set<string>();
  for (const inst of circuit.instructions) for (const e of inst.exprs ?? []) e.symbols(out);
  return out;
}

/** The circuit has input parameters (declared inputs or symbolic instructions). */
export function isParameterized(circuit: Circuit): boolean {
  return (circuit.parameters?.length ?? 0) > 0 || circuit.instructions.some((i) => i.exprs !== undefined);
}

const TWO_PI = 2 * Math.PI;

/**
 * A value of input `p`'s type: angle[n] rounds to the nearest multiple of 2π/2ⁿ and wraps into
 * [0, 2π) (an angle without width, or wider than a double resolves, only wraps); float[32] rounds
 * to single precision; float and float[64] keep the double.
 */
export function coerceParameterValue(p: Parameter, v: number): number {
  if (!Number.isFinite(v)) throw new ValidationError(`input parameter '${p.name}': value ${v} is not a finite number`);
  if (p.type === 'float') return p.width === 32 ? Math.fround(v) : v;
  let w = ((v % TWO_PI) + TWO_PI) % TWO_PI;
  if (p.width !== undefined && p.width <= 52) {
    const steps = 2 ** p.width;
    w = ((Math.round((w / TWO_PI) * steps) % steps) * TWO_PI) / steps;
  }
  return w === TWO_PI ? 0 : w;
}

/** Refuse names that are not inputs of `circuit`, listing the ones that are. */
function checkNames(circuit: Circuit, values: ParameterValues): void {
  const declared = circuit.parameters ?? [];
  for (const name of Object.keys(values)) {
    if (!declared.some((p) => p.name === name)) {
      const list = declared.length > 0 ? `its inputs are ${declared.map((p) => p.name).join(', ')}` : 'it has no input parameters';
      throw new ValidationError(`parameter '${name}' is not an input of the program (${list})`);
    }
  }
}

export interface BindOptions {
  /** Bind only the inputs given; the others stay symbolic (default: every input needs a value). */
  readonly partial?: boolean;
}

/**
 * The circuit with `values` substituted for its input parameters: a numeric circuit (or, with
 * `partial`, one whose remaining inputs stay symbolic). Throws ValidationError naming the
 * parameter for an unknown name, a missing value, or a value outside an expression's domain.
 */
export function bindParameters(circuit: Circuit, values: ParameterValues, options: BindOptions = {}): Circuit {
  checkNames(circuit, values);
  const declared = circuit.parameters ?? [];
  const missing = declared.filter((p) => values[p.name] === undefined).map((p) => p.name);
  if (!options.partial && missing.length > 0) {
    throw new ValidationError(`input parameter${missing.length > 1 ? 's' : ''} ${missing.join(', ')} ${missing.length > 1 ? 'have' : 'has'} no value; give a value to every input (${declared.map((p) => p.name).join(', ')})`);
  }
  const coerced = new Map<string, number>();
  for (const p of declared) if (values[p.name] !== undefined) coerced.set(p.name, coerceParameterValue(p, values[p.name]!));
  const lookup = (name: string): number | undefined => coerced.get(name);
  const out = circuit.instructions.map((inst, k) => {
    if (inst.exprs === undefined) return inst;
    const bound = inst.exprs.map((e) => e.substitute(lookup));
    bound.forEach((v, i) => {
      if (typeof v === 'number' && !Number.isFinite(v)) {
        const given = [...inst.exprs![i]!.symbols()].map((n) => `${n} = ${coerced.get(n)}`).join(', ');
        throw new ValidationError(`binding ${given} gives parameter ${i} of '${inst.gate}' (instruction ${k}) the value ${v}: '${inst.exprs![i]!.format()}' is undefined there; choose values inside its domain`);
      }
    });
    return withValues(inst, bound);
  });
  const unbound = [...usedSymbols(out)].filter((n) => !declared.some((p) => p.name === n));
  if (unbound.length > 0) throw new ValidationError(`the circuit uses undeclared input parameter${unbound.length > 1 ? 's' : ''} ${unbound.join(', ')}`);
  return withParameters(withInstructions(circuit, out), declared.filter((p) => !coerced.has(p.name)));
}

function usedSymbols(instructions: readonly Instruction[]): Set<string> {
  const out = new Set<string>();
  for (const inst of instructions) for (const e of inst.exprs ?? []) e.symbols(out);
  return out;
}

/**
 * Value sets checked and converted for a circuit that stays symbolic (a backend binds them): each
 * set names exactly the declared inputs, and every distinct expression of the circuit has a
 * finite value under it (checked once per expression, not per instruction).
 */
export function convertParameterSets(circuit: Circuit, sets: readonly ParameterValues[]): ParameterValues[] {
  const declared = circuit.parameters ?? [];
  const exprs = new Map<string, { e: Expr; gate: string }>();
  for (const inst of circuit.instructions) for (const e of inst.exprs ?? []) if (!e.isConstant()) exprs.set(e.key, { e, gate: inst.gate });
  return sets.map((values, k) => {
    checkNames(circuit, values);
    const missing = declared.filter((p) => values[p.name] === undefined).map((p) => p.name);
    if (missing.length > 0) throw new ValidationError(`value set ${k + 1}: input parameter${missing.length > 1 ? 's' : ''} ${missing.join(', ')} ${missing.length > 1 ? 'have' : 'has'} no value`);
    const out = Object.fromEntries(declared.map((p) => [p.name, coerceParameterValue(p, values[p.name]!)]));
    for (const { e, gate } of exprs.values()) {
      const v = e.evaluate((n) => out[n]);
      if (!Number.isFinite(v)) throw new ValidationError(`value set ${k + 1} gives '${e.format()}' (a parameter of '${gate}') the value ${v}; choose values inside its domain`);
    }
    return out;
  });
}

/** One line naming the inputs a numeric computation needs values for (for errors). */
export function describeInputs(circuit: Circuit): string {
  return (circuit.parameters ?? []).map((p) => `${p.name} (${parameterType(p)})`).join(', ');
}

/** Throws ValidationError when `inst` is symbolic: numbers (matrices, simulation) need bound inputs. */
export function requireNumeric(inst: Instruction): void {
  if (inst.exprs === undefined) return;
  const names = [...new Set(inst.exprs.flatMap((e) => [...e.symbols()]))].join(', ');
  throw new ValidationError(`'${inst.gate}' has symbolic parameters (input ${names}): bind the circuit's input parameters to numbers first`);
}
