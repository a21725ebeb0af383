import { describe, expect, it } from 'vitest';
import { CircuitBuilder, withInstructions, type Circuit } from '../../compiler/circuit/index.js';
import { getTarget } from '../../passes/targets/builtins.js';
import { makeTarget } from '../../passes/targets/target.js';
import { toTwoQubitList } from '../../passes/decompose-multi-qubit.js';
import { chooseLayout } from '../../passes/layout.js';
import { routeGreedy, routeSabre, routedCircuit, sabreLayoutAndRoute } from '../../passes/route-sabre.js';
import { verifyRouting } from '../../passes/route-verify.js';
import { postLayout } from '../../passes/layout-post.js';
import { parallelStats } from '../../passes/route-parallel.js';
import { availableParallelism } from 'node:os';
import { randomCircuit, routedEquivalent } from './random-circuits.js';
import { consolidateBlocks } from '../../passes/consolidate-two-qubit.js';
import { kRoute } from '../../passes/route-kernel.js';
import { rebuildRouted, routingDag, routingProblem } from '../../passes/route-problem.js';
import { chooseRegion, regionGraph, routingGraph } from '../../passes/route-region.js';
import { makeContext } from '../../passes/pass.js';

const twoQ = (c: Circuit): Circuit => withInstructions(c, toTwoQubitList(c.instructions, c.numQubits));
const ring = makeTarget({ name: 'ring8', numQubits: 8, coupling: Array.from({ length: 8 }, (_, q) => [q, (q + 1) % 8] as const), symmetric: true });

describe('LightSABRE layout and routing', () => {
  it.each(['ibm_torino', 'ibm_brisbane', 'ibm_kingston'])('%s: random circuits route, check out exactly, and simulate equal under the recorded placement', (name) => {
    const t = getTarget(name);
    for (const seed of [1, 2]) {
      const c = twoQ(randomCircuit(9, 60, 100 + seed, 'mixed'));
      const r = sabreLayoutAndRoute(c, t, { seed, layoutTrials: 6 });
      expect(verifyRouting(c, r.instructions, t, r.layout, r.finalLayout).message, `seed ${seed}`).toBe('');
      expect(routedEquivalent(c, routedCircuit(c, t, r), r.layout, r.physicalPermutation).distance, `seed ${seed}`).toBeLessThan(1e-8);
    }
  });

  it('measurements and classically conditioned gates keep their order through routing', () => {
    const b = new CircuitBuilder(5);
    const bits = b.addCreg('c', 2);
    b.h(0).cx(0, 3).measure(3, bits[0]!).cx(1, 4).gate('x', [2]);
    b.build();
    const c0 = b.build();
    const cond = { gate: 'x' as const, qubits: [4], params: [], condition: { clbits: [bits[0]!], value: 1 } };
    const c = withInstructions(c0, [...c0.instructions, cond, { gate: 'cx', qubits: [0, 4], params: [] }, { gate: 'measure', qubits: [4], params: [], clbits: [bits[1]!] }]);
    const line = makeTarget({ name: 'line5', numQubits: 5, coupling: [[0, 1], [1, 2], [2, 3], [3, 4]], symmetric: true });
    const r = routeSabre(c, line, [0, 1, 2, 3, 4]);
    expect(r.swaps).toBeGreaterThan(0);
    expect(verifyRouting(c, r.instructions, line, r.layout, r.finalLayout).message).toBe('');
  });

  it('the commutation-aware DAG reorders only commuting gates (checked by simulation on a ring)', () => {
    for (const seed of [3, 4, 5]) {
      const c = twoQ(randomCircuit(7, 70, seed, seed === 5 ? 'rotations' : 'clifford-t'));
      const r = sabreLayoutAndRoute(c, ring, { seed, commutation: true, layoutTrials: 4 });
      expect(verifyRouting(c, r.instructions, ring, r.layout, r.finalLayout).message, `seed ${seed}`).toBe('');
      expect(routedEquivalent(c, routedCircuit(c, ring, r), r.layout, r.physicalPermutation).distance, `seed ${seed}`).toBeLessThan(1e-8);
    }
  });

  it('beats greedy routing from the same dense layout on a 20-qubit circuit on heavy-hex', () => {
    const t = getTarget('ibm_fez');
    const c = twoQ(randomCircuit(20, 300, 9, 'clifford-t'));
    const sabre = sabreLayoutAndRoute(c, t, { layoutTrials: 8 });
    const greedy = routeGreedy(c, t, chooseLayout(c, t, 'dense'));
    expect(sabre.swaps).toBeLessThan(0.6 * greedy.swaps);
  });

  it('two threads give the result one thread gives (trials are chosen by cost, swaps, then index)', () => {
    const t = getTarget('ibm_torino');
    const c = twoQ(randomCircuit(16, 2500, 21, 'clifford-t'));
    const opts = { seed: 4, layoutTrials: 12, iterations: 2, swapTrials: 1 };
    const one = sabreLayoutAndRoute(c, t, { ...opts, threads: 1 });
    const jobs = parallelStats.jobs;
    const two = sabreLayoutAndRoute(c, t, { ...opts, threads: 2 });
    if (availableParallelism() > 1) expect(parallelStats.jobs).toBe(jobs + 1);
    expect(two.swaps).toBe(one.swaps);
    expect(two.layout).toEqual(one.layout);
    expect(two.instructions).toEqual(one.instructions);
  });

  it('works in a region of the device sized from the circuit: qubits far from the used ones stay untouched', () => {
    const t = getTarget('ibm_fez');
    const c = twoQ(randomCircuit(6, 80, 13, 'clifford-t'));
    const r = sabreLayoutAndRoute(c, t, { regionFactor: 2 });
    const touched = new Set(r.instructions.flatMap((i) => i.qubits));
    expect(touched.size).toBeLessThanOrEqual(12);
  });
});

describe('merge-aware swap costs', () => {
  const consolidate = consolidateBlocks({ keepCliffordT: false });
  /** Two-qubit gates with a swap counting 3. */
  const cost = (c: Circuit): number => c.instructions.reduce((s, i) => s + (i.qubits.length === 2 ? (i.gate === 'swap' ? 3 : 1) : 0), 0);
  const line3 = makeTarget({ name: 'line3', numQubits: 3, coupling: [[0, 1], [1, 2]], symmetric: true });

  it('swaps the pair that just interacted, and consolidation turns cx·swap into 2 CNOTs', () => {
    const c = new CircuitBuilder(3).cx(0, 1).t(1).cx(0, 2).build();
    for (const seed of [1, 2, 3, 4]) {
      const r = routeSabre(c, line3, [0, 1, 2], { seed, mergeBonus: 1 });
      expect(r.swaps).toBe(1);
      expect(r.mergedSwaps).toBe(1);
      const routed = routedCircuit(c, line3, r);
      const merged = consolidate.run(routed, makeContext(line3));
      expect(cost(merged)).toBe(2 + 3 - 2);
      expect(routedEquivalent(c, merged, r.layout, r.physicalPermutation).distance).toBeLessThan(1e-8);
    }
  });

  it.each([['ring8', ring], ['ibm_torino', getTarget('ibm_torino')]] as const)('%s: random cx circuits cost at most 3·swaps − 2·merged more CNOTs after consolidation, and stay equal', (_, t) => {
    let merges = 0;
    for (const seed of [1, 2, 3]) {
      const c = twoQ(randomCircuit(8, 80, 40 + seed, 'clifford-t'));
      const r = sabreLayoutAndRoute(c, t, { seed, layoutTrials: 4, mergeBonus: 1 });
      expect(verifyRouting(c, r.instructions, t, r.layout, r.finalLayout).message, `seed ${seed}`).toBe('');
      const merged = consolidate.run(routedCircuit(c, t, r), makeContext(t));
      expect(cost(merged), `seed ${seed}`).toBeLessThanOrEqual(cost(c) + 3 * r.swaps - 2 * r.mergedSwaps);
      expect(routedEquivalent(c, merged, r.layout, r.physicalPermutation).distance, `seed ${seed}`).toBeLessThan(1e-8);
      merges += r.mergedSwaps;
    }
    expect(merges).toBeGreaterThan(0);
  });
});

describe('backward passes as routings', () => {
  it('a backward pass read in reverse is a forward routing from where it ended (checked and simulated)', () => {
    for (const [seed, t] of [[1, ring], [2, getTarget('ibm_brisbane')]] as const) {
      const c = twoQ(randomCircuit(7, 90, 60 + seed, 'clifford-t'));
      const dag = routingDag(c.instructions, c.numQubits);
      const g = routingGraph(t, false);
      const region = regionGraph(g, chooseRegion(g, Math.min(g.numQubits, 14)));
      const problem = routingProblem(dag, region);
      const prm = { basicWeight: 1, extendedSize: 20, extendedWeight: 0.5, decayIncrement: 0.001, decayReset: 5, attemptLimit: 10 * region.m, iterations: 0, swapTrials: 1, mergeBonus: 1 };
      const phys = Int32Array.from({ length: region.m }, (_, l) => (l + 3 * seed) % region.m);
      const end = Int32Array.from(phys), events: number[] = [];
      const { swaps } = kRoute(problem, true, phys, seed, prm, events);
      expect(swaps, `seed ${seed}`).toBeGreaterThan(0);
      const instructions = rebuildRouted(c.instructions, dag, region, phys, Int32Array.from(events).reverse());
      const dev = region.device;
      const layout = Array.from({ length: c.numQubits }, (_, l) => dev[phys[l]!]!);
      const finalLayout = Array.from({ length: c.numQubits }, (_, l) => dev[end[l]!]!);
      expect(verifyRouting(c, instructions, t, layout, finalLayout).message, `seed ${seed}`).toBe('');
      const n = t.numQubits!;
      const physicalPermutation = Array.from({ length: n }, (_, p) => p);
      for (let l = 0; l < region.m; l++) physicalPermutation[dev[phys[l]!]!] = dev[end[l]!]!;
      const r = { instructions, layout, finalLayout, physicalPermutation, swaps, mergedSwaps: 0 };
      expect(routedEquivalent(c, routedCircuit(c, t, r), layout, physicalPermutation).distance, `seed ${seed}`).toBeLessThan(1e-8);
    }
  });
});

describe('routing check (verifyRouting)', () => {
  const line = makeTarget({ name: 'line4', numQubits: 4, coupling: [[0, 1], [1, 2], [2, 3]], symmetric: true });
  const c = new CircuitBuilder(3).h(0).cx(0, 1).t(1).cx(1, 2).cx(0, 2).build();
  const r = routeSabre(c, line, [0, 1, 2]);
  it('accepts the router\'s output', () => {
    expect(verifyRouting(c, r.instructions, line, r.layout, r.finalLayout).ok).toBe(true);
  });
  it('rejects a wrong final placement, a dropped gate, reordered non-commuting gates and an uncoupled gate', () => {
    const wrongFinal = [...r.finalLayout].reverse();
    expect(verifyRouting(c, r.instructions, line, r.layout, wrongFinal).ok).toBe(false);
    expect(verifyRouting(c, r.instructions.filter((i) => i.gate !== 't'), line, r.layout, r.finalLayout).ok).toBe(false);
    const hIndex = r.instructions.findIndex((i) => i.gate === 'h');
    const cxIndex = r.instructions.findIndex((i) => i.gate === 'cx');
    const swapped = [...r.instructions];
    [swapped[hIndex], swapped[cxIndex]] = [swapped[cxIndex]!, swapped[hIndex]!];
    expect(verifyRouting(c, swapped, line, r.layout, r.finalLayout).ok).toBe(false);
    expect(verifyRouting(c, [{ gate: 'cx', qubits: [0, 2], params: [] }], line, r.layout, r.finalLayout).message).toMatch(/not coupled/);
  });
});

describe('post-layout', () => {
  it('moves a routed circuit off bad qubits of ibm_torino, improves the estimated success, and stays exact', () => {
    const t = getTarget('ibm_torino');
    const c = twoQ(randomCircuit(6, 50, 17, 'clifford-t'));
    const r = sabreLayoutAndRoute(c, t, { avoidFaulty: false, layoutTrials: 2 });
    // Shift the whole routed circuit onto the trivial region, whatever its calibration.
    const trivial = routeSabre(c, t, chooseLayout(c, t, 'trivial'), { avoidFaulty: false });
    for (const routed of [r, trivial]) {
      const p = postLayout(routed, t);
      expect(p.costAfter).toBeLessThanOrEqual(p.costBefore);
      expect(verifyRouting(c, p.instructions, t, p.layout, p.finalLayout).message).toBe('');
      const circuit = routedCircuit(c, t, { ...routed, ...p, instructions: [...p.instructions], layout: [...p.layout], finalLayout: [...p.finalLayout], physicalPermutation: [...p.physicalPermutation] });
      expect(routedEquivalent(c, circuit, p.layout, p.physicalPermutation).distance).toBeLessThan(1e-8);
    }
    expect(postLayout(trivial, t).costAfter).toBeLessThan(postLayout(trivial, t).costBefore);
  });

  it('leaves a circuit alone on a target without calibration data', () => {
    const c = twoQ(randomCircuit(5, 30, 2, 'clifford-t'));
    const r = sabreLayoutAndRoute(c, ring);
    const p = postLayout(r, ring);
    expect(p.layout).toEqual(r.layout);
    expect(p.instructions).toBe(r.instructions);
  });
});
