/**
 * Cost of the eigenbasis HHL circuit (hhl.ts) from its sizes alone, for `qntk estimate`: an upper
 * bound (no rotation dropped) on every gate count, without building anything.
 */
import { CostTally, type GateCost } from '../synthesis/cost.js';
import { StatePrep } from '../synthesis/state-prep.js';

/** Gates of an uncompressed diagonal on m qubits: 2^m − 1 Rz, 2^m − 2 CNOTs, one global phase. */
function diagonal(t: CostTally, m: number, times: number): void {
  t.add('rz', ((1 << m) - 1) * times).add('cx', Math.max(0, (1 << m) - 2) * times).add('gphase', times);
}

/** The n-qubit multi-controlled Z the reflections use, under its IR name. */
function mczKey(n: number): string {
  return n === 1 ? 'z' : n === 2 ? 'cz' : n === 3 ? 'ccz' : `mcz:${n - 1}`;
}

export function estimateHhlCost(o: { systemQubits: number; clockQubits: number }): GateCost {
  const n = o.systemQubits, t = o.clockQubits, N = 1 << n;
  const tally = new CostTally();
  tally.addCost(StatePrep.costBound(n));
  tally.add('h', 4 * t);
  diagonal(tally, n + 1, 2 * t);
  tally.add('h', 2 * t).add('cp', t * (t - 1));
  tally.add('ry', 1 << t).add('cx', 1 << t);
  // V: N − 1 Householder reflections (two state preparations, 2n X, one MCZ each) and a ±1 diagonal.
  tally.addCost(StatePrep.costBound(n), 2 * (N - 1));
  tally.add('x', 2 * n * (N - 1)).add(mczKey(n), N - 1);
  diagonal(tally, n, 1);
  const c = tally.toCost(n + t + 1);
  tally.depth = Object.values(c.gates).reduce((s, v) => s + v, 0);
  return tally.toCost(n + t + 1);
}
