/**
 * From a program to what a backend is sent, in one call: prepare it (target, measurements,
 * lowering, every check, predicted success: prepare.ts) and plan its error mitigation
 * (plan-mitigation.ts). `qntk submit`, its dry run and library users share this pipeline; what
 * remains for a caller is to preview the request (dry-run.ts) or submit it.
 */
import type { Circuit } from '../compiler/circuit/index.js';
import type { Backend, SubmitOptions } from './backend.js';
import { planMitigation, type SubmitMitigationRequest } from './plan-mitigation.js';
import { predictedSuccessCheck } from './predicted-success.js';
import { prepareSubmission, type PreparedSubmission, type PrepareOptions, type PreSubmitCheck } from './prepare.js';

/** The checks every submission runs after lowering: its predicted success on the device (ESP). */
export const PRE_SUBMIT_CHECKS: readonly PreSubmitCheck[] = [predictedSuccessCheck];

export interface SubmissionPlanOptions extends PrepareOptions {
  /** Error mitigation to plan (none when absent or with no methods). */
  readonly mitigation?: SubmitMitigationRequest;
}

export interface SubmissionPlan {
  readonly prepared: PreparedSubmission;
  /** The submit options with the mitigation's provider settings and circuits added. */
  readonly options: SubmitOptions;
}

/** Prepare `source` for `backend` and plan its mitigation; throws one line for anything it refuses. */
export async function planSubmission(backend: Backend, source: Circuit, options: SubmitOptions, plan: SubmissionPlanOptions): Promise<SubmissionPlan> {
  const prepared = await prepareSubmission(backend, source, options, { ...plan, checks: plan.checks ?? PRE_SUBMIT_CHECKS });
  const m = plan.mitigation;
  return { prepared, options: m !== undefined && m.methods.length > 0 ? await planMitigation(backend, prepared, options, m) : options };
}
