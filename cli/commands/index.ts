/** Every sub-command of `qntk`, in the order `--help` lists them. One import per command file. */
import type { QntkCommand } from '../command.js';
import { anglesCommand } from './angles.js';
import { statsCommand } from './stats.js';
import { convertCommand } from './convert.js';

export const COMMANDS: readonly QntkCommand[] = [
  anglesCommand,
  statsCommand,
  convertCommand,
];
