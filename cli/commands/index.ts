/** Every sub-command of `qntk`, in the order `--help` lists them. One import per command file. */
import type { QntkCommand } from '../command.js';
import { demoCommand } from './demo.js';
import { anglesCommand } from './angles.js';
import { compileCommand } from './compile.js';
import { ntkCommand } from './ntk.js';
import { statsCommand } from './stats.js';
import { simulateCommand } from './simulate.js';
import { convertCommand } from './convert.js';
import { optimizeCommand } from './optimize.js';
import { submitCommand } from './submit.js';
import { statusCommand } from './status.js';
import { resultCommand } from './result.js';
import { jobsCommand } from './jobs.js';
import { cancelCommand } from './cancel.js';
import { backendsCommand } from './backends.js';
import { estimateCommand } from './estimate.js';

export const COMMANDS: readonly QntkCommand[] = [
  demoCommand,
  ntkCommand,
  anglesCommand,
  compileCommand,
  statsCommand,
  simulateCommand,
  convertCommand,
  optimizeCommand,
  submitCommand,
  statusCommand,
  resultCommand,
  jobsCommand,
  cancelCommand,
  backendsCommand,
  estimateCommand,
];
