/**
 * The incremental machinery of the optimisation loop must not change what it computes:
 * cancel-inverses started from its last fixed point (passes/primitives/wire-diff.ts) gives exactly
 * the full sweep's output, on circuits edited the way the loop's other passes edit them and by
 * hand in places that create new cancellations; the diff finds only what changed; run splicing,
 * identity-keeping merges and the round extrapolation of repeatRounds behave as declared.
 */
import { describe, expect, it } from 'vitest';
import { CircuitBuilder, inverseInstruction, withInstructions, type Circuit, type Instruction } from '../../compiler/circuit/index.js';
import { cancelInverses, cancelToFixedPoint } from '../../passes/cancel-inverses.js';
import { mergeRotations } from '../../passes/merge-rotations.js';
import { propagateNots } from '../../passes/propagate-nots.js';
import { reduceHadamards } from '../../passes/reduce-hadamards.js';
import { definePass, makeContext, repeatRounds, type PassContext } from '../../passes/pass.js';
import { ALWAYS_CHANGED, changedViews, snapshot } from '../../passes/primitives/wire-diff.js';
import { Splice } from '../../passes/primitives/splice.js';
import { WireGraph } from '../../passes/primitives/wires.js';
import { checkEquivalence } from '../../passes/primitives/equivalence.js';
import { getTarget } from '../../passes/targets/builtins.js';
import { rng } from '../helpers/quantum.js';
import { randomCircuit } from './random-circuits.js';

const generic = getTarget('generic');
const fresh = (): PassContext => makeContext(generic);

/** Hand edits that give cancel-inverses new work: an inverse pair split around a gate, a gate's inverse next to it, a deleted blocker. */
function edit(c: Circuit, seed: number): Circuit {
  const r = rng(seed);
  const list: Instruction[] = [...c.instructions];
  for (let e = 0; e < 6 && list.length > 2; e++) {
    const k = Math.floor(r() * list.length), inst = list[k]!;
    const u = r();
    if (u < 0.4) list.splice(k + 1, 0, inverseInstruction(inst));
    else if (u < 0.7) list.splice(k, 1);
    else list.splice(k, 0, { gate: 'h', qubits: [inst.qubits[0]!], params: [] }, { gate: 'h', qubits: [inst.qubits[0]!], params: [] });
  }
  return withInstructions(c, list);
}

describe('cancel-inverses from its last fixed point', () => {
  it('gives exactly the full sweep on circuits the loop and hand edits changed', () => {
    let incremental = 0;
    for (let seed = 1; seed <= 24; seed++) {
      const n = 3 + (seed % 6);
      const c = randomCircuit(n, 160, seed * 7, seed % 3 === 0 ? 'rotations' : 'clifford-t');
      const ctx = fresh();
      let cur = cancelInverses.run(c, ctx);
      const steps = [propagateNots, reduceHadamards, mergeRotations];
      for (let round = 0; round < 3; round++) {
        const changed = round === 1 ? edit(steps[seed % 3]!.run(cur, ctx), seed * 31 + round) : steps[(seed + round) % 3]!.run(cur, ctx);
        const full = cancelInverses.run(changed, fresh());
        const last = ctx.propertySet.get('cancelInversesFixedPoint')!;
        const g = new WireGraph(changed.instructions, changed.numQubits);
        if ((changedViews(g, changed.instructions, last, new Uint8Array(g.size))?.length ?? Infinity) < g.size / 2) incremental++;
        cur = cancelInverses.run(changed, ctx);
        expect(cur.instructions, `seed ${seed} round ${round}`).toEqual(full.instructions);
        if (round === 1) expect(checkEquivalence(changed, cur).distance, `seed ${seed}`).toBeLessThan(1e-8);
      }
    }
    // Most of these runs really took the incremental path (fewer seeds than half the nodes).
    expect(incremental).toBeGreaterThan(40);
  });

  it('looks again at a pair turned down on another wire when only that wire changed', () => {
    // cx·h(target)·cx: the second cx finds its partner on the control wire but h blocks the target.
    const c = new CircuitBuilder(2).cx(0, 1).h(1).cx(0, 1).build();
    const ctx = fresh();
    const settled = cancelInverses.run(c, ctx);
    expect(settled.instructions).toHaveLength(3);
    const unblocked = withInstructions(settled, [settled.instructions[0]!, settled.instructions[2]!]);
    expect(cancelInverses.run(unblocked, ctx).instructions).toEqual([]);
  });

  it('would differ without the seeds the diff gives: the comparison above can fail', () => {
    const c = randomCircuit(4, 120, 5, 'clifford-t');
    const ctx = fresh();
    const settled = cancelInverses.run(c, ctx);
    const changed = edit(settled, 9);
    const full = cancelInverses.run(changed, fresh());
    const g = new WireGraph(changed.instructions, changed.numQubits);
    cancelToFixedPoint(g, generic, []);
    expect(g.toInstructions().length).toBeGreaterThan(full.instructions.length);
  });

  it('is ignored for another target (whether two phases merge depends on its basis)', () => {
    // t·s is the two-gate word s·t on the generic target (no merge: a fixed point of the same
    // objects), one rz(3π/4) on a device without t and s. A memo used across targets would keep t, s.
    const c = new CircuitBuilder(1).t(0).s(0).build();
    const ctx = fresh();
    expect(cancelInverses.run(c, ctx).instructions).toEqual(c.instructions);
    const other: PassContext = { ...ctx, target: getTarget('ibm_fez') };
    expect(cancelInverses.run(c, other).instructions.map((i) => i.gate)).toEqual(['rz']);
  });
});

describe('changedViews', () => {
  it('finds only nodes that looked past their first wire on the same list and, after one inserted gate, few more after it', () => {
    const c = randomCircuit(5, 300, 3, 'clifford-t');
    const g0 = new WireGraph(c.instructions, c.numQubits), d0 = new Uint8Array(g0.size);
    cancelToFixedPoint(g0, generic, undefined, d0);
    const snap = snapshot(g0, d0);
    const always = (k: number): boolean => snap.depths[snap.nodes[k]!] === ALWAYS_CHANGED;
    const same = new WireGraph(snap.list, c.numQubits);
    const unchanged = changedViews(same, snap.list, snap, new Uint8Array(same.size))!;
    expect(unchanged.every(always)).toBe(true);
    expect(unchanged.length).toBeLessThan(snap.list.length / 10);
    const k = 150, list = [...snap.list];
    list.splice(k, 0, { gate: 'x', qubits: [snap.list[k]!.qubits[0]!], params: [] });
    const g = new WireGraph(list, c.numQubits);
    // Positions from k on are shifted by one in the new list.
    const seeds = changedViews(g, list, snap, new Uint8Array(g.size))!.filter((s) => s < k ? !always(s) : s === k || !always(s - 1));
    expect(seeds).toContain(k);
    expect(seeds.length).toBeLessThan(12);
    expect(seeds.every((s) => s >= k)).toBe(true);
    // Another circuit altogether: no diff, every node is looked at.
    const other = randomCircuit(5, 3000, 4, 'clifford-t');
    const go = new WireGraph(other.instructions, other.numQubits);
    expect(changedViews(go, other.instructions, snap, new Uint8Array(go.size))).toBeUndefined();
  });
});

describe('Splice', () => {
  it('drops each run and writes its replacement where the run ended', () => {
    const list: Instruction[] = (['h', 'x', 't', 's', 'z'] as const).map((g, k) => ({ gate: g, qubits: [k % 2], params: [] }));
    const s = new Splice(list.length);
    s.replace([0, 2], [{ gate: 'y', qubits: [0], params: [] }]);
    s.replace([3], []);
    expect(s.apply(list).map((i) => i.gate)).toEqual(['x', 'y', 'z']);
    expect(() => s.apply(list.slice(1))).toThrow(/built for 5/);
  });
});

describe('passes keep what they do not change as the same objects', () => {
  it('merge-rotations keeps a lone term, propagate-nots an X that passed nothing', () => {
    const c = new CircuitBuilder(2).t(0).h(0).x(1).h(1).cx(0, 1).rz(0.3, 1).build();
    const merged = mergeRotations.run(c, fresh());
    expect(merged.instructions[0]).toBe(c.instructions[0]);
    expect(merged.instructions[5]).toBe(c.instructions[5]);
    const nots = propagateNots.run(c, fresh());
    expect(nots.instructions).toHaveLength(c.instructions.length);
    expect(nots.instructions.find((i) => i.gate === 'x')).toBe(c.instructions[2]);
  });
});

describe('repeatRounds extrapolates the next gain', () => {
  // 'shrink' removes half the gates in its first round, then ten per round.
  const run = (size: number, minGain: number): number => {
    let calls = 0;
    const shrink = definePass({ name: 'shrink', requires: [], guarantees: [] }, (c) => {
      calls++;
      const drop = calls === 1 ? Math.floor(c.instructions.length / 2) : 10;
      return c.instructions.length > 10 ? withInstructions(c, c.instructions.slice(drop)) : c;
    });
    const b = new CircuitBuilder(1);
    for (let k = 0; k < size; k++) b.x(0);
    repeatRounds('r', [shrink], { cost: (c) => c.instructions.length, maxRounds: 5, minGain }).run(b.build(), fresh());
    return calls;
  };

  it('stops after a round whose gain, extrapolated, falls below minGain on a large circuit', () => {
    // 400 gates, minGain 1 %: round 2 gains 10/200 = 5 % (enough by itself), but 0.05²/0.5 = 0.5 % next.
    expect(run(400, 0.01)).toBe(2);
    // Without the bound every round runs.
    expect(run(400, 0)).toBe(5);
  });

  it('has no effect below 1 / minGain gates', () => {
    // 100 gates, minGain 1 %: after round 2, 40 gates remain (40 × 0.01 < 1): rounds go on.
    expect(run(100, 0.01)).toBe(5);
  });
});
