/**
 * Initial layout: which physical qubit each logical qubit starts on. 'auto' (the default from
 * -O1) takes a perfect layout when one exists (layout-vf2.ts) and SABRE's otherwise; 'sabre' is
 * SABRE's layout trials alone (route-sabre.ts). The fixed heuristics: 'trivial' is the identity;
 * 'dense' grows a connected region by BFS from the best-connected qubit and places the most
 * interacting logical qubits first; 'noise-aware' grows it from the best-calibrated qubit,
 * preferring low readout and two-qubit error (calibration data of the target).
 * @see arXiv:1809.02573 (Li, Ding, Xie, SABRE, §IV-C)
 */
import type { Circuit } from '../compiler/circuit/index.js';
import { TargetError } from '../compiler/errors.js';
import type { Target } from './targets/target.js';
import { couplingGraph } from './primitives/coupling.js';
import { deviceErrors } from './device-errors.js';

/** Fixed starting layouts. */
export type HeuristicLayout = 'trivial' | 'dense' | 'noise-aware';
export type LayoutMethod = 'auto' | 'sabre' | HeuristicLayout;
export const LAYOUT_METHODS: readonly LayoutMethod[] = ['auto', 'sabre', 'trivial', 'dense', 'noise-aware'];

/**
 * Error score per physical qubit (lower is better): readout cost plus the mean cost of its
 * in-service couplers' entangler (device-errors.ts); a qubit with no working coupler scores high.
 */
export function qubitErrorScores(target: Target): Float64Array | null {
  const errors = deviceErrors(target);
  if (!errors) return null;
  const n = errors.numQubits;
  const score = Float64Array.from(errors.readoutCost), cnt = new Float64Array(n), sum2 = new Float64Array(n);
  for (const [key, cost] of errors.edgeCost) {
    if (errors.faulty.has(key)) continue;
    for (const q of [Math.floor(key / n), key % n]) {
      sum2[q] = sum2[q]! + cost;
      cnt[q] = cnt[q]! + 1;
    }
  }
  for (let i = 0; i < n; i++) score[i] = score[i]! + (cnt[i]! > 0 ? sum2[i]! / cnt[i]! : 1);
  return score;
}

/** Logical qubits ordered by how much they interact (two-qubit gate count), most first. */
function interactionOrder(c: Circuit): number[] {
  const deg = new Float64Array(c.numQubits);
  for (const i of c.instructions) if (i.qubits.length >= 2) for (const q of i.qubits) deg[q] = deg[q]! + 1;
  return Array.from({ length: c.numQubits }, (_, q) => q).sort((a, b) => deg[b]! - deg[a]! || a - b);
}

/** layout[logical] = physical. */
export function chooseLayout(c: Circuit, target: Target, method: HeuristicLayout): number[] {
  const nPhys = target.numQubits ?? c.numQubits;
  if (c.numQubits > nPhys) throw new TargetError(`circuit needs ${c.numQubits} qubits; ${target.name} has ${nPhys}`);
  if (method === 'trivial' || target.coupling === null) return Array.from({ length: c.numQubits }, (_, q) => q);
  const g = couplingGraph(target);
  const scores = method === 'noise-aware' ? qubitErrorScores(target) : null;
  const cost = (p: number): number => (scores ? scores[p]! : -g.neighbors[p]!.length);
  let start = 0;
  for (let p = 1; p < g.numQubits; p++) if (cost(p) < cost(start)) start = p;
  // Grow a connected region: always take the cheapest frontier qubit.
  const region = [start];
  const inRegion = new Set(region);
  while (region.length < c.numQubits) {
    let best = -1;
    for (const u of region) for (const v of g.neighbors[u]!) if (!inRegion.has(v) && (best < 0 || cost(v) < cost(best))) best = v;
    if (best < 0) throw new TargetError(`${target.name}: no connected region of ${c.numQubits} qubits`);
    region.push(best);
    inRegion.add(best);
  }
  const layout = new Array<number>(c.numQubits);
  interactionOrder(c).forEach((logical, k) => (layout[logical] = region[k]!));
  return layout;
}
