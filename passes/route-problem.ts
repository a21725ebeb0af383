/**
 * Between the circuit IR and the routing kernel: the commutation DAG of a circuit, the kernel's
 * problem arrays for a region, and the rebuild of a routed order into physical instructions. The
 * order only exchanges instructions that commute, so the routed circuit equals the input up to
 * the initial layout and the final placement.
 */
import type { Instruction } from '../compiler/circuit/index.js';
import { isGate } from '../compiler/circuit/index.js';
import { ACTS_OTHER, wiresAndActions } from './route-commutation.js';
import { TargetError } from '../compiler/errors.js';
import type { DagArrays, RoutingProblemData } from './route-kernel.js';
import type { Region } from './route-region.js';

/** The circuit side of a routing problem (independent of the region). */
export interface RoutingDag extends DagArrays {
  readonly numQubits: number;
  /** Instructions are nodes 0..numInstructions−1; nodes after them only separate commutation groups. */
  readonly numInstructions: number;
}

function csr(count: number, from: readonly number[], to: readonly number[]): { start: Int32Array; list: Int32Array; indeg: Int32Array } {
  const start = new Int32Array(count + 1), list = new Int32Array(from.length), indeg = new Int32Array(count);
  for (const f of from) start[f + 1]!++;
  for (let k = 0; k < count; k++) start[k + 1]! += start[k]!;
  const fill = start.slice(0, count);
  from.forEach((f, e) => {
    list[fill[f]!++] = to[e]!;
    indeg[to[e]!]!++;
  });
  return { start, list, indeg };
}

interface WireState {
  kind: number;
  members: number[];
  /** What every member of the current group waits for. */
  deps: number[];
}

/**
 * The dependency DAG of `instructions` (gates on at most two qubits; barriers may span more):
 * every instruction is a node and waits for the previous instruction on each of its wires, or with
 * `commute`, for the previous commutation group on each wire (route-commutation.ts). A group of two or more that closes gets a separator node, so the edge
 * count stays linear in the circuit.
 */
export function routingDag(instructions: readonly Instruction[], numQubits: number, commute = false): RoutingDag {
  const n = instructions.length;
  const nodeA: number[] = new Array<number>(n).fill(-1), nodeB: number[] = new Array<number>(n).fill(-1);
  const from: number[] = [], to: number[] = [];
  const state = new Map<number, WireState>();
  let next = n;
  const separator = (members: readonly number[]): number => {
    const v = next++;
    nodeA.push(-1);
    nodeB.push(-1);
    for (const m of members) {
      from.push(m);
      to.push(v);
    }
    return v;
  };
  instructions.forEach((inst, i) => {
    if (isGate(inst) && inst.qubits.length > 2) {
      throw new TargetError(`routing: '${inst.gate}' acts on ${inst.qubits.length} qubits; decompose multi-qubit gates first`);
    }
    if (isGate(inst) && inst.qubits.length === 2) {
      nodeA[i] = inst.qubits[0]!;
      nodeB[i] = inst.qubits[1]!;
    }
    const { wires, actions } = wiresAndActions(inst, numQubits);
    const preds = new Set<number>();
    wires.forEach((w, j) => {
      const a = commute ? actions[j]! : ACTS_OTHER;
      const st = state.get(w);
      if (st !== undefined && a !== ACTS_OTHER && st.kind === a) {
        st.members.push(i);
        for (const d of st.deps) preds.add(d);
        return;
      }
      const deps = st === undefined ? [] : st.members.length > 1 ? [separator(st.members)] : st.members;
      state.set(w, { kind: a, members: [i], deps });
      for (const d of deps) preds.add(d);
    });
    for (const p of preds) {
      from.push(p);
      to.push(i);
    }
  });
  const fwd = csr(next, from, to), bwd = csr(next, to, from);
  return {
    numQubits, numInstructions: n, numNodes: next, nodeA: Int32Array.from(nodeA), nodeB: Int32Array.from(nodeB),
    fwdStart: fwd.start, fwdSucc: fwd.list, fwdPred: fwd.indeg, bwdStart: bwd.start, bwdSucc: bwd.list, bwdPred: bwd.indeg,
  };
}

/** The kernel's problem: the DAG over the region. */
export function routingProblem(dag: RoutingDag, region: Region): RoutingProblemData {
  if (dag.numQubits > region.m) throw new TargetError(`routing: the circuit has ${dag.numQubits} qubits; the routing region has ${region.m}`);
  return {
    m: region.m, nl: dag.numQubits, adjStart: region.adjStart, adj: region.adj, dist: region.dist,
    numNodes: dag.numNodes, nodeA: dag.nodeA, nodeB: dag.nodeB,
    fwdStart: dag.fwdStart, fwdSucc: dag.fwdSucc, fwdPred: dag.fwdPred, bwdStart: dag.bwdStart, bwdSucc: dag.bwdSucc, bwdPred: dag.bwdPred,
  };
}

/**
 * Physical instructions (device qubits) for a routed order: swaps as 'swap', every instruction
 * where the order puts it. `initial` is the region placement (logical → region qubit) the order
 * starts from.
 */
export function rebuildRouted(instructions: readonly Instruction[], dag: RoutingDag, region: Region, initial: Int32Array, events: Int32Array): Instruction[] {
  const m = region.m, dev = region.device;
  const phys = Int32Array.from(initial), logOf = new Int32Array(m);
  for (let l = 0; l < m; l++) logOf[phys[l]!] = l;
  const out: Instruction[] = [];
  let placed = 0;
  for (const e of events) {
    if (e < 0) {
      const s = -1 - e, a = Math.floor(s / m), b = s % m;
      out.push({ gate: 'swap', qubits: [dev[a]!, dev[b]!], params: [] });
      const la = logOf[a]!, lb = logOf[b]!;
      logOf[a] = lb;
      logOf[b] = la;
      phys[la] = b;
      phys[lb] = a;
    } else if (e < dag.numInstructions) {
      const inst = instructions[e]!;
      out.push({ ...inst, qubits: inst.qubits.map((q) => dev[phys[q]!]!) });
      placed++;
    }
  }
  if (placed !== instructions.length) throw new Error(`internal: the routed order places ${placed} of ${instructions.length} instructions`);
  return out;
}
