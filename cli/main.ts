/**
 * The `qntk` command. Exit codes: 0 success, 1 failure at run time, 2 bad input or usage.
 * QntkErrors become one line on stderr; anything else is a bug and prints its stack.
 */
import yargs from 'yargs';
import { QntkError } from '../compiler/errors.js';
import { COMMANDS } from './commands/index.js';
import { processIo, type CliIo } from './io.js';

class UsageFailure extends Error {}

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
      throw new UsageFailure(msg ?? 'bad usage');
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
