/**
 * Commands as data: each `qntk` command declares its positionals and options here, and names the
 * module that runs it. The registry is all the CLI loads to parse arguments or print help; a
 * command's module (and the library behind it) is imported only when that command runs, which
 * keeps `qntk --version` and small commands at Node's own start-up cost.
 */
import type { CliIo } from './io.js';

/** The value kinds an option takes on the command line. */
export type OptionKind = 'boolean' | 'string' | 'number' | 'integer';

export interface OptionSpec {
  readonly type: OptionKind;
  readonly describe: string;
  /** One-letter alias (`-o`). */
  readonly alias?: string;
  readonly default?: boolean | string | number;
  readonly choices?: readonly string[];
  readonly required?: boolean;
  /** Bounds for number and integer options (inclusive). */
  readonly min?: number;
  readonly max?: number;
  /** Name of the value in help (`--shots N`). */
  readonly value?: string;
  /** May be given more than once (string options): the values arrive as an array, [] when absent. */
  readonly multiple?: boolean;
}

export interface PositionalSpec {
  readonly name: string;
  readonly describe: string;
  /** Optional positionals come last (`ntk [action]`). */
  readonly optional?: boolean;
  readonly choices?: readonly string[];
}

export type OptionTable = Readonly<Record<string, OptionSpec>>;

export interface CommandSpec<O extends OptionTable = OptionTable, P extends readonly PositionalSpec[] = readonly PositionalSpec[]> {
  readonly name: string;
  readonly describe: string;
  readonly positionals: P;
  readonly options: O;
}

/** What a command module exports: its run function over the parsed arguments. */
export interface CommandModule<A> {
  run(args: A, io: CliIo): Promise<number> | number;
}

/** A spec with the loader of its module (imported only when the command runs). */
export interface RegisteredCommand extends CommandSpec {
  readonly load: () => Promise<CommandModule<never>>;
}

type Camel<S extends string> = S extends `${infer H}-${infer T}` ? `${H}${Capitalize<Camel<T>>}` : S;

type ValueOf<O extends OptionSpec> = O['type'] extends 'boolean'
  ? boolean
  : O['type'] extends 'string'
    ? O extends { readonly choices: readonly (infer C)[] } ? C : string
    : number;

type Present<O extends OptionSpec> = O extends { readonly default: unknown } | { readonly required: true } | { readonly type: 'boolean' } ? true : false;

type OptionValue<O extends OptionSpec> = O extends { readonly multiple: true } ? readonly ValueOf<O>[] : Present<O> extends true ? ValueOf<O> : ValueOf<O> | undefined;

type OptionArgs<T extends OptionTable> = {
  readonly [K in keyof T as Camel<K & string>]: OptionValue<T[K]>;
};

type PositionalArgs<P extends readonly PositionalSpec[]> = {
  readonly [E in P[number] as E['name']]: E extends { readonly optional: true } ? string | undefined : string;
};

/** The parsed arguments a command's run function receives: option names in camelCase. */
export type ArgsOf<C> = C extends CommandSpec<infer O, infer P> ? OptionArgs<O> & PositionalArgs<P> : never;

/** Declare a command; the literal types of its table flow into `ArgsOf<typeof spec>`. */
export function defineCommand<const O extends OptionTable, const P extends readonly PositionalSpec[]>(spec: CommandSpec<O, P>): CommandSpec<O, P> {
  return spec;
}

/** Pair a spec with its module's loader; the module's run must take exactly the spec's arguments. */
export function registerCommand<C extends CommandSpec>(spec: C, load: () => Promise<CommandModule<ArgsOf<C>>>): RegisteredCommand {
  return { ...spec, load: load as () => Promise<CommandModule<never>> };
}

/** `dry-run` → `dryRun`, as run functions read the options. */
export function camelCase(name: string): string {
  return name.replace(/-([a-z0-9])/g, (_m, c: string) => c.toUpperCase());
}
