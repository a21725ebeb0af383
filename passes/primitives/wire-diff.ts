/**
 * What changed on the wires since a previous circuit: the nodes of a new wire graph whose view
 * back along their first wire (the instruction objects of the `depth` nearest predecessors a
 * rewrite read there when it last looked at the node, and the node's own) may differ from what
 * the previous graph showed. A local rewrite that reads only that view and found nothing to do
 * on the previous graph can find something now only at these nodes, so repeating it costs the
 * changes, not the circuit.
 *
 * Instructions are compared by identity (passes pass untouched instructions through as the same
 * objects); an object the diff cannot place is treated as new, which only widens the answer.
 */
import type { Instruction } from '../../compiler/circuit/index.js';
import type { WireGraph } from './wires.js';

/** A view depth meaning "read more than the first wire": such a node always counts as changed. */
export const ALWAYS_CHANGED = 255;

/** A graph at a moment: its live nodes in order (`nodes[k]` holds `list[k]`) and each node's view depth. */
export interface WireSnapshot {
  readonly graph: WireGraph;
  readonly list: readonly Instruction[];
  readonly nodes: Int32Array;
  /** Per node of the graph: how many links back along its first wire the rewrite read. */
  readonly depths: Uint8Array;
}

/** The graph's live nodes and their instructions, in order (taken right after a rewrite reached its fixed point). */
export function snapshot(graph: WireGraph, depths: Uint8Array, list: readonly Instruction[] = graph.toInstructions()): WireSnapshot {
  const nodes = new Int32Array(list.length);
  for (let i = 0, k = 0; i < graph.size; i++) if (graph.insts[i] !== null) nodes[k++] = i;
  return { graph, list, nodes, depths };
}

/** How far ahead in the previous list a match is searched before the object counts as new. */
const LOOKAHEAD = 32;

/**
 * For each instruction of `list` (the nodes of a fresh graph over it), the node of the previous
 * snapshot holding the same object, or −1. Passes keep surviving instructions in order, so a
 * merge walk with a short look-ahead places almost every one; after a long run of misses (a
 * large block removed or moved) it places the rest through an index of the previous list.
 * Undefined when more than half of the list is not placed: another circuit altogether.
 */
function matchNodes(list: readonly Instruction[], previous: WireSnapshot): Int32Array | undefined {
  const old = previous.list, match = new Int32Array(list.length).fill(-1);
  let p = 0, missesInRow = 0, unplaced = 0;
  let index: Map<Instruction, number> | undefined;
  for (let j = 0; j < list.length; j++) {
    const x = list[j]!;
    let at = -1;
    for (let t = 0; t <= LOOKAHEAD && p + t < old.length; t++) {
      if (old[p + t] === x) {
        at = p + t;
        break;
      }
    }
    if (at < 0 && missesInRow > LOOKAHEAD) {
      if (index === undefined) {
        index = new Map();
        for (let k = 0; k < old.length; k++) index.set(old[k]!, k);
      }
      at = index.get(x) ?? -1;
    }
    if (at < 0) {
      missesInRow++;
      // Mostly another circuit (a later stage's input): the full sweep is cheaper than placing it.
      if (++unplaced * 2 > j && j >= 1024) return undefined;
      continue;
    }
    missesInRow = 0;
    if (at >= p) p = at + 1;
    match[j] = previous.nodes[at]!;
  }
  return match;
}

/**
 * The nodes of `graph` (built over `list`) whose view may have changed since `previous`, in
 * increasing order: new nodes, and nodes where one of the links their view covers leads to
 * another object than before. For every other node `depths` receives its previous view depth
 * (its view, and so what the rewrite would read, is unchanged). Undefined when most of the list
 * is not in the previous one: then every node is to be looked at.
 */
export function changedViews(graph: WireGraph, list: readonly Instruction[], previous: WireSnapshot, depths: Uint8Array): number[] | undefined {
  const match = matchNodes(list, previous);
  if (match === undefined) return undefined;
  const n = graph.size, old = previous.graph;
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const inst = graph.insts[i];
    if (inst === null || inst === undefined) continue;
    const m = match[i]!;
    if (m < 0) {
      out.push(i);
      continue;
    }
    const depth = previous.depths[m]!;
    if (depth === ALWAYS_CHANGED) {
      out.push(i);
      continue;
    }
    if (depth > 0) {
      const q = inst.qubits[0]!;
      let a = i, b = m, same = true;
      for (let s = 0; s < depth; s++) {
        const pa = graph.prev(a, q), pb = old.prev(b, q);
        if ((pa < 0 ? null : graph.insts[pa]) !== (pb < 0 ? null : old.insts[pb])) {
          same = false;
          break;
        }
        if (pa < 0) break;
        a = pa;
        b = pb;
      }
      if (!same) {
        out.push(i);
        continue;
      }
    }
    depths[i] = depth;
  }
  return out;
}
