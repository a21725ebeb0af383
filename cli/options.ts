/**
 * Options several commands share, declared once (the spec: type, bounds, help) with the one
 * parser each needs beyond its type. Commands spread them into their option tables.
 */
import { ValidationError } from '../compiler/errors.js';
import { MITIGATIONS, type Mitigation } from '../mitigation/methods.js';
import { TARGET_NAMES } from '../passes/targets/names.js';
import type { OptionSpec, PositionalSpec } from './spec.js';

/** `--json`, with the shape of the object the command prints. */
export const json = (shape: string) => ({ type: 'boolean', default: false, describe: `print one JSON object ${shape}` }) as const satisfies OptionSpec;

/** `--seed S`: 32 bits, because the generator keeps 32 (a larger seed would alias a smaller one). */
export const seed = (describe: string) => ({ type: 'integer', min: 0, max: 2 ** 32 - 1, value: 'S', describe }) as const satisfies OptionSpec;

/** `--shots N`. */
export const shots = (describe: string) => ({ type: 'integer', min: 1, max: 1e9, value: 'N', describe }) as const satisfies OptionSpec;

/** `-o, --output FILE`, written atomically. */
export const output = (describe: string) => ({ type: 'string', alias: 'o', value: 'FILE', describe }) as const satisfies OptionSpec;

/** `--target NAME`: a built-in device. */
export const target = (describe: string) => ({ type: 'string', choices: TARGET_NAMES, value: 'NAME', describe }) as const satisfies OptionSpec;

/** `--digits A,B`: the MNIST pair (A is class −1, B is +1). */
export const digits = { type: 'string', value: 'A,B', describe: 'MNIST digit pair A,B (A = −1, B = +1)' } as const satisfies OptionSpec;

/** `--param NAME=V[,NAME=V…]`, repeatable: values of a program's input parameters (lists and ranges sweep). */
export const param = (describe: string) => ({ type: 'string', multiple: true, value: 'NAME=V[,…]', describe }) as const satisfies OptionSpec;

/** The program file most commands read. */
export const qasmFile = <const N extends string>(name: N) => ({ name, describe: 'OpenQASM 2 or 3 program' }) as const satisfies PositionalSpec;

/** Parse `--digits`: two different digits 0–9. */
export function parseDigits(text: string): [number, number] {
  const d = text.split(',').map((s) => Number(s.trim()));
  if (d.length !== 2 || !d.every((x) => Number.isInteger(x) && x >= 0 && x <= 9) || d[0] === d[1]) {
    throw new ValidationError(`--digits ${text}: expected two different digits 0–9, e.g. --digits 8,9`);
  }
  return [d[0]!, d[1]!];
}

/** `--mitigate M1,M2,…`: error mitigation (simulate --noise, submit). */
export const mitigate = (describe: string) => ({ type: 'string', value: 'M1,M2,…', describe }) as const satisfies OptionSpec;

/** `--observable BITS` (repeatable): a Z-parity of outcome bits. */
export const observable = (describe: string) => ({ type: 'string', multiple: true, value: 'BITS', describe }) as const satisfies OptionSpec;

/** Parse `--mitigate a,b`: known names only. */
export function parseMitigations(v: string | undefined): Mitigation[] {
  if (v === undefined) return [];
  const names = v.split(',').map((s) => s.trim()).filter((s) => s.length > 0);
  for (const n of names) if (!(MITIGATIONS as readonly string[]).includes(n)) throw new ValidationError(`--mitigate: unknown mitigation '${n}'; use a comma-separated subset of ${MITIGATIONS.join(',')}`);
  return names as Mitigation[];
}

/** Parse `--observable 0,1` (repeatable): the outcome bits of one Z-parity each; undefined when none is given. */
export function parseObservables(list: readonly string[]): number[][] | undefined {
  if (list.length === 0) return undefined;
  return list.map((s) => s.split(',').map((b) => {
    const t = b.trim();
    const n = Number(t);
    if (t === '' || !Number.isInteger(n) || n < 0) throw new ValidationError(`--observable '${s}': give comma-separated outcome bit indices, e.g. 0 or 0,1`);
    return n;
  }));
}
