/** The shape of one `qntk` sub-command: yargs options plus a handler that returns an exit code. */
import type { Argv } from 'yargs';
import type { CliIo } from './io.js';

export interface QntkCommand {
  /** yargs command string, e.g. 'stats <file>'. */
  readonly command: string;
  readonly describe: string;
  builder(y: Argv): Argv;
  /** Runs the command; throws QntkError for bad input or run-time failures. Returns the exit code. */
  run(args: Record<string, unknown>, io: CliIo): Promise<number> | number;
}
