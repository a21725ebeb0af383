/**
 * The one progress-callback type. Long-running library steps call it; the library itself never
 * prints. The CLI turns events into a progress bar on stderr (cli/progress.ts).
 */
export interface ProgressEvent {
  /** Short name of the step, e.g. 'gram', 'angles', 'simulate'. */
  readonly stage: string;
  readonly done: number;
  readonly total: number;
}

export type Progress = (event: ProgressEvent) => void;

/** A callback that ignores every event. */
export const silent: Progress = () => {};
