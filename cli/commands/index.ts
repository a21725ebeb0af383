/** Every sub-command of `qntk`, in the order `--help` lists them. One import per command file. */
import type { QntkCommand } from '../command.js';
import { anglesCommand } from './angles.js';

export const COMMANDS: readonly QntkCommand[] = [
  anglesCommand,
];
