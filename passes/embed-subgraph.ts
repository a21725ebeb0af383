/**
 * Cheapest subgraph monomorphism of a small pattern graph into a host graph: every pattern edge
 * must land on a host edge (extra host edges are fine). Depth-first search in the VF2++ node
 * order (components by size, breadth-first from the busiest node, preferring nodes with the most
 * placed neighbours), with VF2's feasibility rules (degree, adjacency to placed neighbours, enough
 * free neighbours left) and branch-and-bound on an additive cost, cheapest candidates first. The
 * search stops after `callLimit` candidate placements and returns the best embedding seen.
 * @see doi:10.1016/j.dam.2018.02.018 (Jüttner, Madarasi: VF2++)
 * @see doi:10.1109/TPAMI.2004.75 (Cordella et al.: VF2)
 */
import type { DeviceGraph } from './route-region.js';

export interface PatternGraph {
  readonly numNodes: number;
  readonly neighbors: ReadonlyArray<readonly number[]>;
}

export interface EmbeddingCosts {
  /** Cost of pattern node u on host node p. */
  node(u: number, p: number): number;
  /** Cost of pattern edge u–v on host edge p–q. */
  edge(u: number, v: number, p: number, q: number): number;
}

export interface EmbeddingResult {
  /** Host node of each pattern node (−1 for pattern nodes without edges, which are not placed). */
  readonly map: Int32Array;
  readonly cost: number;
  /** The search space was exhausted (the result is the cheapest embedding, or none exists). */
  readonly complete: boolean;
}

/** VF2++ order of the pattern's nodes that have edges. */
function matchingOrder(p: PatternGraph): number[] {
  const n = p.numNodes, deg = (u: number): number => p.neighbors[u]!.length;
  const comp = new Int32Array(n).fill(-1), sizes: number[] = [];
  for (let s = 0; s < n; s++) {
    if (comp[s]! >= 0 || deg(s) === 0) continue;
    const stack = [s];
    comp[s] = sizes.length;
    let size = 0;
    while (stack.length > 0) {
      const u = stack.pop()!;
      size++;
      for (const v of p.neighbors[u]!) if (comp[v]! < 0) (comp[v] = sizes.length), stack.push(v);
    }
    sizes.push(size);
  }
  const roots = new Map<number, number>();
  for (let u = 0; u < n; u++) {
    if (comp[u]! < 0) continue;
    const r = roots.get(comp[u]!);
    if (r === undefined || deg(u) > deg(r)) roots.set(comp[u]!, u);
  }
  const order: number[] = [], placed = new Uint8Array(n), conn = new Int32Array(n);
  const comps = [...roots.keys()].sort((a, b) => sizes[b]! - sizes[a]! || a - b);
  for (const c of comps) {
    let level = [roots.get(c)!];
    placed[level[0]!] = 1;
    while (level.length > 0) {
      const next: number[] = [];
      // Within a level: most placed neighbours first, then highest degree.
      const pending = [...level];
      while (pending.length > 0) {
        let bi = 0;
        for (let i = 1; i < pending.length; i++) {
          const a = pending[i]!, b = pending[bi]!;
          if (conn[a]! > conn[b]! || (conn[a] === conn[b] && deg(a) > deg(b))) bi = i;
        }
        const u = pending.splice(bi, 1)[0]!;
        order.push(u);
        for (const v of p.neighbors[u]!) {
          conn[v]!++;
          if (!placed[v]) {
            placed[v] = 1;
            next.push(v);
          }
        }
      }
      level = next;
    }
  }
  return order;
}

/**
 * The cheapest embedding of `pattern` into `host` with cost below `bound` found within
 * `callLimit` placements, or null. Costs must be non-negative.
 */
export function embedSubgraph(pattern: PatternGraph, host: DeviceGraph, costs: EmbeddingCosts, callLimit: number, bound = Infinity): EmbeddingResult | null {
  const n = pattern.numNodes, h = host.numQubits;
  // Quick refusals: a pattern node busier than every host node, or more edges than the host has.
  let maxP = 0, maxH = 0, edgesP = 0, edgesH = 0;
  for (let u = 0; u < n; u++) (maxP = Math.max(maxP, pattern.neighbors[u]!.length)), (edgesP += pattern.neighbors[u]!.length);
  for (let p = 0; p < h; p++) (maxH = Math.max(maxH, host.neighbors[p]!.length)), (edgesH += host.neighbors[p]!.length);
  if (maxP > maxH || edgesP > edgesH) return null;
  const order = matchingOrder(pattern);
  const map = new Int32Array(n).fill(-1), used = new Uint8Array(h), freeNb = new Int32Array(h);
  for (let p = 0; p < h; p++) freeNb[p] = host.neighbors[p]!.length;
  const pos = new Int32Array(n).fill(-1);
  order.forEach((u, k) => (pos[u] = k));
  // Earlier neighbours of each ordered node, and its neighbours still to place at that point.
  const earlier = order.map((u) => pattern.neighbors[u]!.filter((v) => pos[v]! < pos[u]!));
  const later = order.map((u) => pattern.neighbors[u]!.length - earlier[pos[u]!]!.length);
  const byDegree = Array.from({ length: h }, (_, p) => p);
  let best: Int32Array | null = null, bestCost = bound, calls = 0, aborted = false;
  const isEdge = (p: number, q: number): boolean => host.neighbors[p]!.includes(q);
  const candidates = (k: number, partial: number): Array<[number, number]> => {
    const u = order[k]!, prev = earlier[k]!;
    const pool = prev.length > 0 ? host.neighbors[map[prev[0]!]!]! : byDegree;
    const out: Array<[number, number]> = [];
    for (const c of pool) {
      if (used[c] || host.neighbors[c]!.length < pattern.neighbors[u]!.length || freeNb[c]! < later[k]!) continue;
      let cost = costs.node(u, c), ok = true;
      for (const w of prev) {
        if (!isEdge(c, map[w]!)) {
          ok = false;
          break;
        }
        cost += costs.edge(u, w, c, map[w]!);
      }
      if (ok && partial + cost < bestCost) out.push([c, cost]);
    }
    return out.sort((a, b) => a[1] - b[1] || a[0] - b[0]);
  };
  const place = (u: number, c: number, on: boolean): void => {
    map[u] = on ? c : -1;
    used[c] = on ? 1 : 0;
    for (const v of host.neighbors[c]!) freeNb[v]! += on ? -1 : 1;
  };
  const search = (k: number, partial: number): void => {
    if (k === order.length) {
      best = Int32Array.from(map);
      bestCost = partial;
      return;
    }
    for (const [c, cost] of candidates(k, partial)) {
      if (partial + cost >= bestCost) continue;
      if (++calls > callLimit) {
        aborted = true;
        return;
      }
      place(order[k]!, c, true);
      search(k + 1, partial + cost);
      place(order[k]!, c, false);
      if (aborted) return;
    }
  };
  if (order.length <= h) search(0, 0);
  return best === null ? null : { map: best, cost: bestCost, complete: !aborted };
}
