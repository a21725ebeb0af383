/** Every sub-command of `qntk`, in the order `--help` lists them: specs only; each command's module loads when it runs. */
import { registerCommand, type RegisteredCommand } from '../spec.js';
import { anglesSpec, compileSpec, demoSpec, estimateSpec, ntkSpec } from '../specs/pipeline.js';
import { convertSpec, drawSpec, optimizeSpec, simulateSpec, statsSpec } from '../specs/circuits.js';
import { backendsSpec, cancelSpec, jobsSpec, resultSpec, statusSpec, submitSpec } from '../specs/jobs.js';

export const COMMANDS: readonly RegisteredCommand[] = [
  registerCommand(demoSpec, () => import('./demo.js')),
  registerCommand(ntkSpec, () => import('./ntk.js')),
  registerCommand(anglesSpec, () => import('./angles.js')),
  registerCommand(compileSpec, () => import('./compile.js')),
  registerCommand(statsSpec, () => import('./stats.js')),
  registerCommand(simulateSpec, () => import('./simulate.js')),
  registerCommand(convertSpec, () => import('./convert.js')),
  registerCommand(drawSpec, () => import('./draw.js')),
  registerCommand(optimizeSpec, () => import('./optimize.js')),
  registerCommand(submitSpec, () => import('./submit.js')),
  registerCommand(statusSpec, () => import('./status.js')),
  registerCommand(resultSpec, () => import('./result.js')),
  registerCommand(jobsSpec, () => import('./jobs.js')),
  registerCommand(cancelSpec, () => import('./cancel.js')),
  registerCommand(backendsSpec, () => import('./backends.js')),
  registerCommand(estimateSpec, () => import('./estimate.js')),
];
