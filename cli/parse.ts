/**
 * Command-line arguments → the typed values a command's spec declares. Every problem is collected
 * and reported as one line (several invalid values join with '; '), never a stack.
 * Accepted forms: `--name value`, `--name=value`, `--no-name` (booleans), `-x value`, `-xVALUE`
 * (`-O3`), a negative number as a value (`--rho -0.5`), and `--` before positionals that start with '-'.
 */
import { camelCase, type CommandSpec, type OptionSpec } from './spec.js';

/** Bad usage: the CLI prints `qntk: <message> (see qntk … --help)` and exits 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export type ArgValue = string | number | boolean | readonly string[];

/** The closest of `names` to `word` within two edits, for "did you mean". */
export function closest(word: string, names: readonly string[]): string | undefined {
  let best: string | undefined, bestD = 3;
  for (const n of names) {
    const d = editDistance(word, n);
    if (d < bestD) [best, bestD] = [n, d];
  }
  return best;
}

function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[b.length]!;
}

const flag = (name: string): string => (name.length === 1 ? `-${name}` : `--${name}`);
const NEGATIVE_NUMBER = /^-(\d|\.\d)/;

function convert(typed: string, spec: OptionSpec, raw: string, problems: string[]): ArgValue | undefined {
  const shown = `${typed} ${raw}`;
  if (spec.type === 'string') {
    if (spec.choices && !spec.choices.includes(raw)) {
      problems.push(`${shown}: expected one of ${spec.choices.join(', ')}`);
      return undefined;
    }
    return raw;
  }
  const v = raw.trim() === '' ? NaN : Number(raw);
  const integer = spec.type === 'integer';
  const lo = spec.min ?? -Infinity, hi = spec.max ?? Infinity;
  if (!Number.isFinite(v) || (integer && !Number.isInteger(v)) || v < lo || v > hi) {
    const kind = integer ? 'an integer' : 'a number';
    const range = lo > -Infinity && hi < Infinity ? ` in ${lo}..${hi}` : lo > -Infinity ? ` ≥ ${lo}` : hi < Infinity ? ` ≤ ${hi}` : '';
    problems.push(`${shown}: expected ${kind}${range}`);
    return undefined;
  }
  return v;
}

function parseBoolean(name: string, raw: string, problems: string[]): boolean | undefined {
  if (raw === 'true') return true;
  if (raw === 'false') return false;
  problems.push(`${flag(name)}=${raw}: a switch takes no value (use ${flag(name)} or --no-${name})`);
  return undefined;
}

/** Parse `argv` (after the command name) for `spec`; throws UsageError with every problem in one line. */
export function parseCommandArgs(spec: CommandSpec, argv: readonly string[]): Record<string, ArgValue | undefined> {
  const byName = new Map<string, [string, OptionSpec]>();
  for (const [name, o] of Object.entries(spec.options)) {
    byName.set(name, [name, o]);
    if (o.alias !== undefined) byName.set(o.alias, [name, o]);
  }
  const problems: string[] = [];
  const values: Record<string, ArgValue | undefined> = {};
  const positionals: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const tok = argv[i]!;
    if (tok === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (!tok.startsWith('-') || tok === '-' || NEGATIVE_NUMBER.test(tok)) {
      positionals.push(tok);
      continue;
    }
    const long = tok.startsWith('--');
    const body = long ? tok.slice(2) : tok.slice(1);
    const eq = body.indexOf('=');
    let key = long ? (eq >= 0 ? body.slice(0, eq) : body) : body.slice(0, 1);
    let inline: string | undefined = long ? (eq >= 0 ? body.slice(eq + 1) : undefined) : body.length > 1 ? body.slice(1).replace(/^=/, '') : undefined;
    let negated = false;
    if (long && !byName.has(key) && key.startsWith('no-') && byName.get(key.slice(3))?.[1].type === 'boolean') {
      key = key.slice(3);
      negated = true;
    }
    const entry = byName.get(key);
    if (entry === undefined) {
      const guess = closest(key, Object.keys(spec.options));
      problems.push(`unknown option ${flag(key)}${guess ? `; did you mean ${flag(guess)}?` : ''}`);
      continue;
    }
    const [name, o] = entry;
    const typed = long ? `--${negated ? 'no-' : ''}${key}` : `-${key}`;
    if (o.type === 'boolean') {
      if (negated && inline !== undefined) problems.push(`--no-${name} takes no value`);
      values[name] = negated ? false : inline === undefined ? true : parseBoolean(name, inline, problems);
      continue;
    }
    if (inline === undefined) {
      const next = argv[i + 1];
      if (next === undefined || (next.startsWith('-') && !NEGATIVE_NUMBER.test(next))) {
        problems.push(`${typed} needs a value${o.value ? ` (${typed} ${o.value})` : ''}`);
        continue;
      }
      inline = next;
      i++;
    }
    const v = convert(typed, o, inline, problems);
    if (o.multiple) values[name] = [...((values[name] as readonly string[] | undefined) ?? []), String(v)];
    else values[name] = v;
  }
  const out: Record<string, ArgValue | undefined> = {};
  spec.positionals.forEach((p, k) => {
    const v = positionals[k];
    if (v === undefined) {
      if (!p.optional) problems.push(`${spec.name}: missing argument <${p.name}>`);
    } else if (p.choices && !p.choices.includes(v)) {
      problems.push(`${p.name} '${v}': expected one of ${p.choices.join(', ')}`);
    }
    out[p.name] = v;
  });
  if (positionals.length > spec.positionals.length) problems.push(`unexpected argument '${positionals[spec.positionals.length]}'`);
  for (const [name, o] of Object.entries(spec.options)) {
    const v = name in values ? values[name] : o.default;
    if (v === undefined && o.required && !(name in values)) problems.push(`missing required option ${flag(name)}`);
    out[camelCase(name)] = v ?? (o.type === 'boolean' ? false : o.multiple ? [] : undefined);
  }
  if (problems.length > 0) throw new UsageError(problems.join('; '));
  return out;
}
