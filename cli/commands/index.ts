/** Every sub-command of `qntk`, in the order `--help` lists them. One import per command file. */
import type { QntkCommand } from '../command.js';

export const COMMANDS: readonly QntkCommand[] = [];
