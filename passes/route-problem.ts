/**
 * Between the circuit IR and the routing kernel: the interaction DAG of a circuit (nodes are the
 * instructions with two or more wires, qubits and clbits alike; single-wire instructions ride
 * along), the kernel's problem arrays for a region, and the rebuild of a routed order into
 * physical instructions. The rebuild keeps every wire's instruction order, so the routed circuit
 * equals the input up to the initial layout and the final placement.
 */
import type { Instruction } from '../compiler/circuit/index.js';
import { isGate } from '../compiler/circuit/index.js';
import { TargetError } from '../compiler/errors.js';
import type { RoutingProblemData } from './route-kernel.js';
import type { Region } from './route-region.js';

/** The circuit side of a routing problem (independent of the region). */
export interface RoutingDag {
  readonly numQubits: number;
  readonly numNodes: number;
  readonly nodeA: Int32Array;
  readonly nodeB: Int32Array;
  /** Instruction index of each node. */
  readonly nodeInst: Int32Array;
  /** Node index of each instruction (−1 for single-wire instructions). */
  readonly instNode: Int32Array;
  /** Wires of instruction i: wires[wireStart[i] .. wireStart[i + 1]) (qubits, then numQubits + clbit). */
  readonly wireStart: Int32Array;
  readonly wires: Int32Array;
  readonly fwdStart: Int32Array;
  readonly fwdSucc: Int32Array;
  readonly fwdPred: Int32Array;
  readonly bwdStart: Int32Array;
  readonly bwdSucc: Int32Array;
  readonly bwdPred: Int32Array;
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

/** The interaction DAG of `instructions` (gates on at most two qubits; barriers may span more). */
export function routingDag(instructions: readonly Instruction[], numQubits: number): RoutingDag {
  const wireStart = new Int32Array(instructions.length + 1);
  const wireList: number[] = [];
  const instNode = new Int32Array(instructions.length).fill(-1);
  const nodeA: number[] = [], nodeB: number[] = [], nodeInst: number[] = [];
  const from: number[] = [], to: number[] = [];
  const last = new Map<number, number>();
  instructions.forEach((inst, i) => {
    const ws = new Set<number>(inst.qubits);
    for (const c of inst.clbits ?? []) ws.add(numQubits + c);
    for (const c of inst.condition?.clbits ?? []) ws.add(numQubits + c);
    wireList.push(...ws);
    wireStart[i + 1] = wireList.length;
    if (ws.size < 2) return;
    const two = isGate(inst) && inst.qubits.length === 2;
    if (isGate(inst) && inst.qubits.length > 2) {
      throw new TargetError(`routing: '${inst.gate}' acts on ${inst.qubits.length} qubits; decompose multi-qubit gates first`);
    }
    const k = nodeA.length;
    instNode[i] = k;
    nodeA.push(two ? inst.qubits[0]! : -1);
    nodeB.push(two ? inst.qubits[1]! : -1);
    nodeInst.push(i);
    const preds = new Set<number>();
    for (const w of ws) {
      const p = last.get(w);
      if (p !== undefined) preds.add(p);
      last.set(w, k);
    }
    for (const p of preds) {
      from.push(p);
      to.push(k);
    }
  });
  const n = nodeA.length;
  const fwd = csr(n, from, to), bwd = csr(n, to, from);
  return {
    numQubits, numNodes: n, nodeA: Int32Array.from(nodeA), nodeB: Int32Array.from(nodeB), nodeInst: Int32Array.from(nodeInst), instNode,
    wireStart, wires: Int32Array.from(wireList),
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
 * Physical instructions (device qubits) for a routed order: swaps as 'swap', each node after the
 * single-wire instructions before it on its wires, each single-wire instruction as early as its
 * wire allows. `initial` is the region placement (logical → region qubit) the order starts from.
 */
export function rebuildRouted(instructions: readonly Instruction[], dag: RoutingDag, region: Region, initial: Int32Array, events: Int32Array): Instruction[] {
  const m = region.m, dev = region.device;
  const phys = Int32Array.from(initial), logOf = new Int32Array(m);
  for (let l = 0; l < m; l++) logOf[phys[l]!] = l;
  let numWires = dag.numQubits;
  for (const w of dag.wires) numWires = Math.max(numWires, w + 1);
  // Per-wire instruction lists.
  const onWire: number[][] = Array.from({ length: numWires }, () => []);
  instructions.forEach((_, i) => {
    for (let j = dag.wireStart[i]!; j < dag.wireStart[i + 1]!; j++) onWire[dag.wires[j]!]!.push(i);
  });
  const ptr = new Int32Array(numWires);
  const out: Instruction[] = [];
  const emit = (inst: Instruction): void => {
    out.push({ ...inst, qubits: inst.qubits.map((q) => dev[phys[q]!]!) });
  };
  const flush = (w: number): void => {
    const list = onWire[w]!;
    for (let k = ptr[w]!; k < list.length && dag.instNode[list[k]!] === -1; k++) {
      emit(instructions[list[k]!]!);
      ptr[w] = k + 1;
    }
  };
  for (let w = 0; w < numWires; w++) flush(w);
  for (const e of events) {
    if (e < 0) {
      const s = -1 - e, a = Math.floor(s / m), b = s % m;
      out.push({ gate: 'swap', qubits: [dev[a]!, dev[b]!], params: [] });
      const la = logOf[a]!, lb = logOf[b]!;
      logOf[a] = lb;
      logOf[b] = la;
      phys[la] = b;
      phys[lb] = a;
      continue;
    }
    const i = dag.nodeInst[e]!;
    for (let j = dag.wireStart[i]!; j < dag.wireStart[i + 1]!; j++) {
      const w = dag.wires[j]!;
      if (onWire[w]![ptr[w]!] !== i) throw new Error(`internal: routed order reaches instruction ${i} before its predecessors on wire ${w}`);
      ptr[w]!++;
    }
    emit(instructions[i]!);
    for (let j = dag.wireStart[i]!; j < dag.wireStart[i + 1]!; j++) flush(dag.wires[j]!);
  }
  for (let w = 0; w < numWires; w++) {
    if (ptr[w] !== onWire[w]!.length) throw new Error(`internal: routed order leaves instructions on wire ${w} unplaced`);
  }
  return out;
}
