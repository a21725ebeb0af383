/** A progress bar on stderr for runs over a second; silent when stderr is not a terminal. */
import type { Progress } from '../compiler/progress.js';
import type { CliIo } from './io.js';

/** Drawn once the run has gone on for io.progressDelayMs (default one second): short runs stay quiet. */
export function progressBar(io: CliIo): Progress & { done(): void } {
  const start = Date.now();
  const delay = io.progressDelayMs ?? 1000;
  let drawn = false;
  let last = 0;
  const fn = ((ev) => {
    if (!io.interactive) return;
    const now = Date.now();
    if (now - start < delay || now - last < 100) return;
    last = now;
    drawn = true;
    const frac = ev.total > 0 ? Math.min(1, ev.done / ev.total) : 0;
    const width = 30;
    const fill = Math.round(frac * width);
    io.stderr(`\r${ev.stage.padEnd(14)} [${'#'.repeat(fill)}${'.'.repeat(width - fill)}] ${(frac * 100).toFixed(0).padStart(3)}%`);
  }) as Progress & { done(): void };
  fn.done = () => {
    if (drawn) io.stderr('\r\x1b[K');
  };
  return fn;
}
