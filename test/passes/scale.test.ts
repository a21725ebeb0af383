/**
 * What the linear-time restructuring must keep: cancel-inverses and merge-rotations reach fixed
 * points (they are declared idempotent, so repeatRounds skips them on unchanged circuits) and
 * stay exact; commutation answers only "commutes" when the matrices do; rounds skip and stop as
 * declared; progress arrives in order; a circuit with a barrier over thousands of qubits goes
 * through every level intact. Performance itself is measured in bench/scale.ts, not here.
 */
import { describe, expect, it } from 'vitest';
import { CircuitBuilder, circuitUnitary, type GateName, type Instruction } from '../../compiler/circuit/index.js';
import { readQasmFile } from '../../compiler/qasm/read.js';
import type { ProgressEvent } from '../../compiler/progress.js';
import { definePass, makeContext, repeatRounds } from '../../passes/pass.js';
import { cancelInverses } from '../../passes/cancel-inverses.js';
import { mergeRotations } from '../../passes/merge-rotations.js';
import { commutes } from '../../passes/primitives/commutation.js';
import { checkEquivalence } from '../../passes/primitives/equivalence.js';
import { getTarget } from '../../passes/targets/builtins.js';
import { optimizationPipeline, transpile } from '../../passes/transpile.js';
import { resynthesizeList, resynthesizePhasePolynomialsWith } from '../../passes/resynthesize-phase-polynomials.js';
import { benchCircuit } from '../helpers/fixtures.js';
import { rng } from '../helpers/quantum.js';
import { randomCircuit } from './random-circuits.js';

const ctx = makeContext(getTarget('generic'));

describe('idempotent passes reach fixed points and stay exact', () => {
  it.each([['cancel-inverses', cancelInverses], ['merge-rotations', mergeRotations]] as const)('%s: the output is equivalent, and a second run changes nothing', (_name, pass) => {
    for (let seed = 1; seed <= 8; seed++) {
      const n = 3 + (seed % 5);
      const c = randomCircuit(n, 120, seed * 13, seed % 2 === 0 ? 'clifford-t' : 'rotations');
      const once = pass.run(c, ctx);
      expect(checkEquivalence(c, once).distance, `seed ${seed}`).toBeLessThan(1e-8);
      expect(pass.run(once, ctx).instructions, `seed ${seed}`).toEqual(once.instructions);
    }
  });

  it('cancel-inverses removes a chain of nested inverse pairs completely (each cancellation exposes the next)', () => {
    const b = new CircuitBuilder(3);
    const word: Array<[GateName, number[], number[]]> = [['h', [0], []], ['cx', [0, 1], []], ['t', [1], []], ['rz', [2], [0.3]], ['cx', [1, 2], []], ['s', [0], []]];
    for (const [g, q, p] of word) b.gate(g, q, p);
    for (const [g, q, p] of [...word].reverse()) {
      const inv: Record<string, GateName> = { t: 'tdg', s: 'sdg' };
      b.gate(inv[g] ?? g, q, g === 'rz' ? [-p[0]!] : p);
    }
    expect(cancelInverses.run(b.build(), ctx).instructions).toEqual([]);
  });
});

describe('commutation is sound', () => {
  it('every pair it calls commuting has AB = BA exactly (random gates on up to 3 qubits, angles included)', () => {
    const r = rng(11);
    const pool: Array<[GateName, number, number]> = [['h', 1, 0], ['x', 1, 0], ['t', 1, 0], ['sx', 1, 0], ['rz', 1, 1], ['rx', 1, 1], ['ry', 1, 1], ['U', 1, 3], ['cx', 2, 0], ['cz', 2, 0], ['crz', 2, 1], ['rzz', 2, 1], ['rxx', 2, 1], ['swap', 2, 0], ['ccx', 3, 0]];
    let yes = 0;
    for (let k = 0; k < 600; k++) {
      const pick = (): Instruction & { gate: GateName } => {
        const [gate, arity, np] = pool[Math.floor(r() * pool.length)]!;
        const qs = [0, 1, 2].sort(() => r() - 0.5).slice(0, arity);
        // Angles are often multiples of π/2 so that degenerate and commuting cases occur.
        const params = Array.from({ length: np }, () => (r() < 0.5 ? Math.round(r() * 4) * Math.PI / 2 : (r() - 0.5) * 6));
        return { gate, qubits: qs, params };
      };
      const a = pick(), b = pick();
      if (!commutes(a, b)) continue;
      yes++;
      const ab = circuitUnitary(new CircuitBuilder(3).gate(a.gate, a.qubits, a.params).gate(b.gate, b.qubits, b.params).build());
      const ba = circuitUnitary(new CircuitBuilder(3).gate(b.gate, b.qubits, b.params).gate(a.gate, a.qubits, a.params).build());
      expect(ab.maxAbsDiff(ba), `${a.gate}${JSON.stringify(a.qubits)} ${b.gate}${JSON.stringify(b.qubits)}`).toBeLessThan(1e-9);
    }
    expect(yes).toBeGreaterThan(100);
  });

  it('decides parametrised pairs with no structural rule exactly: IonQ gpi, gpi2, ms, both ways', () => {
    const r = rng(23);
    // Phases from a small set, so that parallel axes (commuting pairs) occur often.
    const phase = (): number => Math.floor(r() * 4) * Math.PI / 4;
    const pick = (): Instruction & { gate: GateName } => {
      const u = r(), qs = [0, 1, 2].sort(() => r() - 0.5);
      if (u < 0.3) return { gate: 'gpi', qubits: qs.slice(0, 1), params: [phase()] };
      if (u < 0.6) return { gate: 'gpi2', qubits: qs.slice(0, 1), params: [phase()] };
      return { gate: 'ms', qubits: qs.slice(0, 2), params: [phase(), phase(), Math.PI / 4] };
    };
    let yes = 0, no = 0;
    for (let k = 0; k < 400; k++) {
      const a = pick(), b = pick();
      const ab = circuitUnitary(new CircuitBuilder(3).gate(a.gate, a.qubits, a.params).gate(b.gate, b.qubits, b.params).build());
      const ba = circuitUnitary(new CircuitBuilder(3).gate(b.gate, b.qubits, b.params).gate(a.gate, a.qubits, a.params).build());
      const truth = ab.maxAbsDiff(ba) < 1e-9;
      expect(commutes(a, b), `${a.gate}${JSON.stringify(a.qubits)}${JSON.stringify(a.params)} ${b.gate}${JSON.stringify(b.qubits)}${JSON.stringify(b.params)}`).toBe(truth);
      if (truth) yes++;
      else no++;
    }
    expect(yes).toBeGreaterThan(50);
    expect(no).toBeGreaterThan(50);
  });
});

describe('repeatRounds', () => {
  it('skips an idempotent pass on an unchanged circuit, and a round gaining less than minGain is the last', () => {
    const calls: Record<string, number> = { drop: 0, fixed: 0 };
    // 'drop' removes the first gate while there are more than 90; 'fixed' changes nothing.
    const drop = definePass({ name: 'drop', requires: [], guarantees: [] }, (c) => {
      calls.drop!++;
      return c.instructions.length > 90 ? { ...c, instructions: c.instructions.slice(1) } : c;
    });
    const fixed = definePass({ name: 'fixed', requires: [], guarantees: [], idempotent: true }, (c) => {
      calls.fixed!++;
      return { ...c, instructions: [...c.instructions] };
    });
    const b = new CircuitBuilder(1);
    for (let k = 0; k < 100; k++) b.x(0);
    const c = b.build();
    const cost = (k: typeof c): number => k.instructions.length;
    // Without a gain bound: rounds 1–10 drop one gate each, round 11 gains nothing and ends.
    const all = repeatRounds('r', [drop, fixed], { cost, maxRounds: 50 }).run(c, ctx);
    expect(all.instructions).toHaveLength(90);
    expect(calls.drop).toBe(11);
    // 'fixed' runs in rounds 1–10 (after each change) and is skipped in round 11, where 'drop' changed nothing.
    expect(calls.fixed).toBe(10);
    // With minGain 2 %: the first round gains 1 % and is the last.
    calls.drop = 0;
    const bounded = repeatRounds('r', [drop, fixed], { cost, maxRounds: 50, minGain: 0.02 }).run(c, ctx);
    expect(bounded.instructions).toHaveLength(99);
    expect(calls.drop).toBe(1);
  });
});

describe('progress', () => {
  it('transpile reports its stages in order, ending at done = total, with finer round events inside', () => {
    const c = readQasmFile(benchCircuit('nam_ccz', 'tof_3'));
    const events: ProgressEvent[] = [];
    transpile(c, getTarget('ibm_fez'), { level: 2, progress: (e) => events.push(e) });
    const last = events[events.length - 1]!;
    expect(last.done).toBe(last.total);
    expect(last.stage).toBe('transpile-O2');
    const top = events.filter((e) => e.total === last.total && !/ round | variant/.test(e.stage));
    expect(top.map((e) => e.done)).toEqual(Array.from({ length: last.total + 1 }, (_, k) => k));
    expect(top[0]!.stage).toBe('O2');
    const rounds = events.filter((e) => / round \d+$/.test(e.stage));
    expect(rounds.length).toBeGreaterThan(0);
    for (const e of events) expect(e.done >= 0 && e.done <= e.total).toBe(true);
    // Every round event comes after the optimisation stage started and before the next stage.
    const firstLowering = events.indexOf(top[1]!);
    expect(events.indexOf(rounds[rounds.length - 1]!)).toBeLessThan(firstLowering);
  });
});

describe('wide circuits', () => {
  it('h on 4096 qubits, a barrier over all of them and measurements: every level keeps each gate and the barrier', () => {
    const n = 4096;
    const b = new CircuitBuilder(n, n);
    for (let q = 0; q < n; q++) b.h(q);
    b.barrier(Array.from({ length: n }, (_, q) => q));
    for (let q = 0; q < n; q++) b.measure(q, q);
    const c = b.build();
    for (const level of [1, 2, 3] as const) {
      const out = optimizationPipeline(level).run(c, ctx);
      expect(out.instructions.filter((i) => i.gate === 'barrier').map((i) => i.qubits.length)).toEqual([n]);
      expect(out.instructions.filter((i) => i.gate === 'measure')).toHaveLength(n);
      // Each qubit still gets one H-equivalent gate before the barrier (fusion may rename it).
      const before = out.instructions.slice(0, out.instructions.findIndex((i) => i.gate === 'barrier'));
      expect(new Set(before.map((i) => i.qubits[0])).size).toBe(n);
      expect(before).toHaveLength(n);
    }
  });
});

describe('resynthesis on large circuits', () => {
  it('the reduced chunk search (used beyond the preset\'s resynthesisFullSearchGates) stays exact and never adds CNOTs', () => {
    const reduced = resynthesizePhasePolynomialsWith(0);
    for (let seed = 1; seed <= 4; seed++) {
      const c = randomCircuit(5, 400, seed * 7, 'clifford-t');
      const out = reduced.run(c, ctx);
      expect(checkEquivalence(c, out).distance, `seed ${seed}`).toBeLessThan(1e-8);
      const cx = (k: typeof c): number => k.instructions.filter((i) => i.qubits.length === 2).length;
      expect(cx(out)).toBeLessThanOrEqual(cx(c));
    }
  });

  it('a layer of 200,000 gates is written out without exceeding the engine\'s argument limit', () => {
    const n = 200_000;
    const list: Instruction[] = Array.from({ length: n }, (_, q) => ({ gate: 'h', qubits: [q], params: [] }));
    expect(resynthesizeList(list, getTarget('generic'), n)).toHaveLength(n);
  });
});
