/**
 * The `qntk` command. Exit codes: 0 success, 1 failure at run time, 2 bad input or usage.
 * QntkErrors and usage errors become one line on stderr; anything else is a bug and prints its stack.
 * Only the command registry is loaded up front; the command that runs imports what it needs.
 */
import { envSecrets, redactorFor } from '../backends/redact.js';
import { QntkError, ValidationError } from '../compiler/errors.js';
import { COMMANDS } from './commands/index.js';
import { commandHelp, mainHelp } from './help.js';
import { processIo, type CliIo } from './io.js';
import { closest, parseCommandArgs, UsageError } from './parse.js';
import { camelCase, type CommandSpec } from './spec.js';
import { packageVersion } from './version.js';

const isHelp = (a: string): boolean => a === '--help' || a === '-h';

/**
 * A library error names the library's parameter (`epsilon 2: …`); the user typed a flag. When the
 * command has an option for that parameter, say the flag (`--epsilon 2: …`).
 */
function asFlag(err: ValidationError, spec: CommandSpec): ValidationError {
  const p = err.parameter;
  if (p === undefined) return err;
  const option = Object.keys(spec.options).find((k) => camelCase(k) === p);
  if (option === undefined) return err;
  return err.withParameterName(option.length === 1 && option !== option.toLowerCase() ? `-${option}` : `--${option}`);
}

/** `io` with every credential of the environment redacted from everything written, whichever command writes it. */
function redacting(io: CliIo): CliIo {
  const secrets = envSecrets(io.env);
  if (secrets.length === 0) return io;
  const r = redactorFor(secrets);
  return { ...io, stdout: (t) => io.stdout(r.redact(t)), stderr: (t) => io.stderr(r.redact(t)) };
}

/** Run the CLI on `argv` (without the node and script names); resolves to the exit code. */
export async function main(argv: readonly string[], rawIo: CliIo = processIo): Promise<number> {
  const io = redacting(rawIo);
  const width = Math.min(110, Math.max(60, process.stdout.columns ?? 100));
  const [first, ...rest] = argv;
  let name: string | undefined;
  try {
    if (first === undefined) throw new UsageError('name a command');
    if (isHelp(first) || first === 'help') {
      io.stdout(mainHelp(COMMANDS, width));
      return 0;
    }
    if (first === '--version') {
      io.stdout(`${packageVersion()}\n`);
      return 0;
    }
    const spec = COMMANDS.find((c) => c.name === first);
    if (spec === undefined) {
      if (first.startsWith('-')) throw new UsageError(`unknown option ${first} before the command`);
      const guess = closest(first, COMMANDS.map((c) => c.name));
      throw new UsageError(`unknown command '${first}'${guess ? `; did you mean ${guess}?` : ''}`);
    }
    name = spec.name;
    const end = rest.indexOf('--');
    if ((end < 0 ? rest : rest.slice(0, end)).some(isHelp)) {
      io.stdout(commandHelp(spec, width));
      return 0;
    }
    const args = parseCommandArgs(spec, rest);
    const mod = await spec.load();
    return await mod.run(args as never, io);
  } catch (err) {
    if (err instanceof UsageError) {
      io.stderr(`qntk: ${err.message} (see qntk ${name === undefined ? '' : `${name} `}--help)\n`);
      return 2;
    }
    if (err instanceof QntkError) {
      const spec = COMMANDS.find((c) => c.name === name);
      const shown = err instanceof ValidationError && spec !== undefined ? asFlag(err, spec) : err;
      io.stderr(`qntk: ${shown.message}\n`);
      return err.exitCode;
    }
    const e = err as Error;
    io.stderr(`qntk: internal error (a bug; please report it): ${e?.stack ?? String(err)}\n`);
    return 1;
  }
}
