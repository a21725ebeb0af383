/** A progress bar on stderr for runs over a second; silent when stderr is not a terminal. */
import type { Progress } from '../compiler/progress.js';
import type { CliIo } from './io.js';

/** QNTK_PROGRESS_DELAY_MS overrides the delay before the first draw (0: draw at once). */
export function progressBar(io: CliIo, minMs = 1000): Progress & { done(): void } {
  const start = Date.now();
  const delay = io.env.QNTK_PROGRESS_DELAY_MS === undefined ? minMs : Number(io.env.QNTK_PROGRESS_DELAY_MS);
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
