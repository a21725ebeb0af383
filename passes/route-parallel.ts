/**
 * Layout trials on both cores, synchronously: the job goes to one worker thread, the calling
 * thread takes trials from the same shared counter, and each side keeps its best. The worker must
 * join (compare-and-swap 0 → 1) before taking trials; the caller closes the job (0 → 2) when the
 * counter runs out, so it only waits for a worker that is actually working. The best result is
 * chosen by (cost, swaps, trial index), so the outcome does not depend on which thread ran what.
 */
import { MessageChannel, receiveMessageOnPort } from 'node:worker_threads';
import { availableParallelism } from 'node:os';
import { workerPool } from '../compiler/linalg/worker-pool.js';
import { kBetter, kLayoutTrial, kTakeTrials, ROUTE_KERNEL_FUNCTIONS, type RoutingProblemData, type SabreParams, type TrialResult, type TrialSpec } from './route-kernel.js';

const WORKER_SOURCE = [
  ...ROUTE_KERNEL_FUNCTIONS.map((f) => f.toString()),
  "const { parentPort } = require('node:worker_threads');",
  'kRouteWorkerMain(parentPort);',
].join('\n');

const workers = workerPool(WORKER_SOURCE);

/** Jobs sent to the worker, and how many of them it joined (tests look at these). */
export const parallelStats = { jobs: 0, joined: 0 };

/** Below this many node visits (nodes × passes) a second thread costs more than it saves. */
const PARALLEL_WORK = 100_000;

function better(a: TrialResult | null, b: TrialResult | null): TrialResult | null {
  if (a === null) return b;
  if (b === null) return a;
  return kBetter(b, a) ? b : a;
}

/** Run every trial (on two threads when it pays) and return the best one. */
export function runLayoutTrials(problem: RoutingProblemData, trials: readonly TrialSpec[], prm: SabreParams, threads?: number): TrialResult {
  const passes = trials.length * (2 * prm.iterations + Math.max(1, prm.swapTrials));
  const want = Math.min(threads ?? availableParallelism(), 2);
  const worker = want > 1 && trials.length > 1 && problem.numNodes * passes >= PARALLEL_WORK ? workers(1)[0] : undefined;
  if (worker === undefined) {
    let best: TrialResult | null = null;
    trials.forEach((t, i) => (best = better(best, kLayoutTrial(problem, t, i, prm))));
    return best!;
  }
  const ctrl = new Int32Array(new SharedArrayBuffer(12));
  const { port1, port2 } = new MessageChannel();
  try {
    worker.postMessage({ problem, trials, prm, ctrl, port: port2 }, [port2]);
    parallelStats.jobs++;
    let best = kTakeTrials({ problem, trials, prm, ctrl, port: port1 });
    if (Atomics.compareExchange(ctrl, 1, 0, 2) === 1) {
      parallelStats.joined++;
      while (Atomics.load(ctrl, 2) === 0) Atomics.wait(ctrl, 2, 0, 100);
      const msg = receiveMessageOnPort(port1)?.message as { best?: TrialResult | null; error?: string } | undefined;
      if (msg === undefined || msg.error !== undefined) throw new Error(`internal: routing worker failed: ${msg?.error ?? 'no result'}`);
      best = better(best, msg.best ?? null);
    }
    return best!;
  } finally {
    port1.close();
  }
}
