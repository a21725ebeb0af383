/**
 * Coupling-graph helpers for layout and routing: undirected adjacency of a directed coupling map,
 * all-pairs hop distances (BFS), and shortest paths.
 */
import type { Target } from '../targets/target.js';

export interface CouplingGraph {
  readonly numQubits: number;
  readonly neighbors: ReadonlyArray<readonly number[]>;
  /** dist[a * n + b] = hops between a and b (n + 1 when disconnected). */
  readonly dist: Int32Array;
}

const graphCache = new WeakMap<object, CouplingGraph>();

/** The undirected coupling graph of a target with a coupling map. */
export function couplingGraph(target: Target): CouplingGraph {
  const edges = target.coupling;
  if (edges === null) throw new Error('couplingGraph: target has no coupling map');
  const hit = graphCache.get(edges);
  if (hit) return hit;
  let n = target.numQubits ?? 0;
  for (const [a, b] of edges) n = Math.max(n, a + 1, b + 1);
  const nb: Array<Set<number>> = Array.from({ length: n }, () => new Set());
  for (const [a, b] of edges) {
    nb[a]!.add(b);
    nb[b]!.add(a);
  }
  const neighbors = nb.map((s) => [...s].sort((x, y) => x - y));
  const dist = new Int32Array(n * n).fill(n + 1);
  const queue = new Int32Array(n);
  for (let s = 0; s < n; s++) {
    dist[s * n + s] = 0;
    let head = 0, tail = 0;
    queue[tail++] = s;
    while (head < tail) {
      const u = queue[head++]!;
      const du = dist[s * n + u]!;
      for (const v of neighbors[u]!) {
        if (dist[s * n + v]! > du + 1) {
          dist[s * n + v] = du + 1;
          queue[tail++] = v;
        }
      }
    }
  }
  const g = { numQubits: n, neighbors, dist };
  graphCache.set(edges, g);
  return g;
}

/** A shortest path a → b (inclusive). */
export function shortestPath(g: CouplingGraph, a: number, b: number): number[] {
  const n = g.numQubits;
  const path = [a];
  let u = a;
  while (u !== b) {
    const next = g.neighbors[u]!.find((v) => g.dist[v * n + b]! === g.dist[u * n + b]! - 1);
    if (next === undefined) throw new Error(`shortestPath: ${a} and ${b} are not connected`);
    path.push(next);
    u = next;
  }
  return path;
}
