/**
 * Where routing happens: the device's undirected coupling graph (without out-of-service couplers
 * when asked) and a compact connected region of it, sized from the circuit's qubit count, so that
 * layout and routing work grows with the circuit and not with the device.
 */
import { TargetError } from '../compiler/errors.js';
import type { Target } from './targets/target.js';
import { couplingGraph } from './primitives/coupling.js';
import { deviceErrors } from './device-errors.js';

/** Undirected adjacency over the device's qubits. */
export interface DeviceGraph {
  readonly numQubits: number;
  readonly neighbors: ReadonlyArray<readonly number[]>;
}

/** A region: region index → device qubit, its coupling graph (CSR) and hop distances inside it. */
export interface Region {
  readonly device: Int32Array;
  readonly m: number;
  readonly adjStart: Int32Array;
  readonly adj: Int32Array;
  readonly dist: Int32Array;
}

const graphs = new WeakMap<object, DeviceGraph>();

/** The coupling graph routing may use: every edge, or only couplers in service (calibration). */
export function routingGraph(target: Target, avoidFaulty: boolean): DeviceGraph {
  const g = couplingGraph(target);
  const errors = avoidFaulty ? deviceErrors(target) : null;
  if (errors === null || errors.faulty.size === 0) return g;
  const hit = graphs.get(errors);
  if (hit) return hit;
  const n = g.numQubits;
  const neighbors = g.neighbors.map((ns, a) => ns.filter((b) => !errors.faulty.has(Math.min(a, b) * errors.numQubits + Math.max(a, b))));
  const out = { numQubits: n, neighbors };
  graphs.set(errors, out);
  return out;
}

/** BFS order from `sources` over the whole graph (each source first). */
function bfsOrder(g: DeviceGraph, sources: readonly number[], limit: number): { order: number[]; depth: Int32Array } {
  const depth = new Int32Array(g.numQubits).fill(-1);
  const order: number[] = [];
  for (const s of sources) {
    if (depth[s] === -1) {
      depth[s] = 0;
      order.push(s);
    }
  }
  for (let h = 0; h < order.length && order.length < limit; h++) {
    const u = order[h]!;
    for (const v of g.neighbors[u]!) {
      if (depth[v] !== -1) continue;
      depth[v] = depth[u]! + 1;
      order.push(v);
      if (order.length >= limit) break;
    }
  }
  return { order, depth };
}

const largest = new WeakMap<DeviceGraph, number>();

/** Qubits in the largest connected component. */
export function largestComponent(g: DeviceGraph): number {
  let best = largest.get(g);
  if (best === undefined) {
    best = 0;
    const seen = new Uint8Array(g.numQubits);
    for (let q = 0; q < g.numQubits; q++) {
      if (seen[q]) continue;
      const { order } = bfsOrder(g, [q], g.numQubits);
      for (const v of order) seen[v] = 1;
      best = Math.max(best, order.length);
    }
    largest.set(g, best);
  }
  return best;
}

const centres = new WeakMap<DeviceGraph, Map<number, number>>();

/**
 * The most compact ball of `size` qubits: the centre whose first `size` BFS qubits have the
 * smallest total depth (ties: lower mean qubit cost when `cost` is given, then lower index).
 */
function bestCentre(g: DeviceGraph, size: number, cost: Float64Array | null): number {
  let memo = centres.get(g);
  if (!memo) centres.set(g, (memo = new Map()));
  const key = size * 2 + (cost ? 1 : 0);
  const hit = memo.get(key);
  if (hit !== undefined) return hit;
  let best = -1, bestDepth = Infinity, bestCost = Infinity;
  for (let c = 0; c < g.numQubits; c++) {
    const { order, depth } = bfsOrder(g, [c], size);
    if (order.length < size) continue;
    let d = 0, e = 0;
    for (const q of order) {
      d += depth[q]!;
      if (cost) e += cost[q]!;
    }
    if (d < bestDepth || (d === bestDepth && e < bestCost - 1e-12)) {
      best = c;
      bestDepth = d;
      bestCost = e;
    }
  }
  memo.set(key, best);
  return best;
}

/**
 * Device qubits of a connected region of at least `size` qubits: grown from `sources` when given
 * (until they are connected inside it), otherwise the most compact ball of the device.
 */
export function chooseRegion(g: DeviceGraph, size: number, sources: readonly number[] = [], cost: Float64Array | null = null): number[] {
  if (sources.length === 0) {
    const c = bestCentre(g, size, cost);
    if (c < 0) throw new TargetError(`no connected group of ${size} qubits on the coupling map`);
    return bfsOrder(g, [c], size).order;
  }
  for (let limit = Math.max(size, sources.length); ; limit = Math.min(g.numQubits, limit + Math.max(4, limit >> 2))) {
    const { order } = bfsOrder(g, sources, limit);
    if (order.length >= Math.min(size, g.numQubits) && connected(g, order)) return order;
    if (limit >= g.numQubits) {
      throw new TargetError('the layout puts qubits on parts of the coupling map that are not connected to each other; choose another layout');
    }
  }
}

function connected(g: DeviceGraph, qubits: readonly number[]): boolean {
  const inside = new Set(qubits);
  const seen = new Set([qubits[0]!]);
  const stack = [qubits[0]!];
  while (stack.length > 0) {
    const u = stack.pop()!;
    for (const v of g.neighbors[u]!) {
      if (inside.has(v) && !seen.has(v)) {
        seen.add(v);
        stack.push(v);
      }
    }
  }
  return seen.size === inside.size;
}

/** The region's own coupling graph and distances (paths stay inside the region). */
export function regionGraph(g: DeviceGraph, qubits: readonly number[]): Region {
  const m = qubits.length;
  const index = new Map<number, number>();
  qubits.forEach((q, i) => index.set(q, i));
  const adjStart = new Int32Array(m + 1);
  const adjList: number[] = [];
  for (let i = 0; i < m; i++) {
    for (const v of g.neighbors[qubits[i]!]!) {
      const j = index.get(v);
      if (j !== undefined) adjList.push(j);
    }
    adjStart[i + 1] = adjList.length;
  }
  const adj = Int32Array.from(adjList);
  const dist = new Int32Array(m * m).fill(m + 1);
  const queue = new Int32Array(m);
  for (let s = 0; s < m; s++) {
    dist[s * m + s] = 0;
    let head = 0, tail = 0;
    queue[tail++] = s;
    while (head < tail) {
      const u = queue[head++]!;
      const du = dist[s * m + u]!;
      for (let j = adjStart[u]!; j < adjStart[u + 1]!; j++) {
        const v = adj[j]!;
        if (dist[s * m + v]! > du + 1) {
          dist[s * m + v] = du + 1;
          queue[tail++] = v;
        }
      }
    }
  }
  return { device: Int32Array.from(qubits), m, adjStart, adj, dist };
}
