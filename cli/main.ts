/**
 * The `qntk` command. Exit codes: 0 success, 1 failure at run time, 2 bad input or usage.
 * QntkErrors become one line on stderr; anything else is a bug and prints its stack.
 */
import yargs from 'yargs';
import { QntkError } from '../compiler/errors.js';
import { COMMANDS } from './commands/index.js';
import { processIo, type CliIo } from './io.js';

class UsageFailure extends Error {}

/**
 * yargs' usage messages as the one line the CLI contract promises: "Invalid values" blocks become
 * `--flag value: expected one of …`; unknown commands, missing arguments and options are named.
 */
export function usageLine(msg: string, argv: readonly string[]): string {
  const invalid = [...msg.matchAll(/Argument: ([^,\n]+), Given: ([^\n]*?), Choices: ([^\n]*)/g)];
  if (invalid.length > 0) {
    return invalid.map((m) => {
      const name = m[1]!, given = m[2]!.replace(/^"(.*)"$/, '$1'), choices = m[3]!.replace(/"/g, '');
      const flag = `${name.length === 1 ? '-' : '--'}${name}`;
      const asFlag = argv.some((a) => a === flag || a.startsWith(`${flag}=`));
      return `${asFlag ? `${flag} ${given}` : `${name} '${given}'`}: expected one of ${choices}`;
    }).join('; ');
  }
  const unknown = /^Unknown arguments?: (.+)$/.exec(msg.trim());
  if (unknown && argv[0] !== undefined && unknown[1]!.split(/,\s*/)[0] === argv[0]) return `unknown command '${argv[0]}'`;
  const missing = /^Not enough non-option arguments: got (\d+), need at least (\d+)/.exec(msg);
  if (missing) return `${argv[0] ?? 'command'}: missing argument (got ${missing[1]}, need ${missing[2]})`;
  const required = /^Missing required arguments?: (.+)$/.exec(msg.trim());
  if (required) return `missing required option ${required[1]!.split(/,\s*/).map((n) => `--${n}`).join(', ')}`;
  const didYouMean = /^Did you mean (\S+)\?$/.exec(msg.trim());
  if (didYouMean) return `unknown command '${argv[0] ?? ''}'; did you mean ${didYouMean[1]}?`;
  return msg.replace(/\s*\n\s*/g, '; ').trim();
}

/** Run the CLI on `argv` (without the node and script names); resolves to the exit code. */
export async function main(argv: readonly string[], io: CliIo = processIo): Promise<number> {
  let code = 0;
  let helpShown = false;
  const y = yargs()
    .scriptName('qntk')
    .usage('qntk <command> [options]\n\nA quantum-circuit compiler for the sparsified-NTK linear-system pipeline.')
    .strict()
    .demandCommand(1, 'name a command (qntk --help lists them)')
    .recommendCommands()
    .help()
    .version()
    .wrap(Math.min(110, process.stdout.columns ?? 100))
    .exitProcess(false)
    .fail((msg, err) => {
      if (err) throw err;
      throw new UsageFailure(usageLine(msg ?? 'bad usage', argv));
    });
  for (const cmd of COMMANDS) {
    y.command({
      command: cmd.command,
      describe: cmd.describe,
      builder: (b) => cmd.builder(b),
      handler: async (args) => {
        code = await cmd.run(args as Record<string, unknown>, io);
      },
    });
  }
  try {
    await y.parseAsync([...argv], {}, (_err, _argv, output) => {
      if (output) {
        helpShown = true;
        io.stdout(`${output}\n`);
      }
    });
    return helpShown ? 0 : code;
  } catch (err) {
    if (err instanceof UsageFailure) {
      io.stderr(`qntk: ${err.message} (see qntk --help)\n`);
      return 2;
    }
    if (err instanceof QntkError) {
      io.stderr(`qntk: ${err.message}\n`);
      return err.exitCode;
    }
    const e = err as Error;
    io.stderr(`qntk: internal error (a bug; please report it): ${e?.stack ?? String(err)}\n`);
    return 1;
  }
}
