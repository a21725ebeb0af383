/**
 * Options several commands share, declared once (the spec: type, bounds, help) with the one
 * parser each needs beyond its type. Commands spread them into their option tables.
 */
import { ValidationError } from '../compiler/errors.js';
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
