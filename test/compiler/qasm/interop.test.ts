/**
 * Interoperability: programs our writer emits compile in qsharp-lang (Microsoft's QDK), and its
 * simulator agrees with ours. qsharp's debugger prints amplitudes to 4 decimals (±5e-5 per real
 * and imaginary part), so states are compared entrywise to 2e-4 after aligning the global phase;
 * sampled distributions are compared per outcome within 5 binomial standard deviations.
 * qsharp reads gate parameters as OpenQASM 3 `angle`s (mod 2π), which flips the sign of 4π-periodic
 * rotations given angles outside [0, 2π); the writer's `wrapAngles` option compensates exactly.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { CircuitBuilder, circuitState, gateNames, gateSpec, type Circuit } from '../../../compiler/circuit/index.js';
import { printQasm } from '../../../compiler/qasm/index.js';
import { loadQsharp, type QsharpPeer } from '../../../bench/peers/qsharp.js';
import { rng } from '../../helpers/quantum.js';

let qs: QsharpPeer | undefined;
beforeAll(async () => {
  qs = await loadQsharp();
}, 30_000);

/** Largest entrywise difference after aligning the global phase on the largest amplitude. */
function stateDistance(ar: ArrayLike<number>, ai: ArrayLike<number>, br: ArrayLike<number>, bi: ArrayLike<number>): number {
  let k = 0;
  for (let i = 0; i < ar.length; i++) if (Math.hypot(ar[i]!, ai[i]!) > Math.hypot(ar[k]!, ai[k]!)) k = i;
  // phase = a_k / b_k, normalised
  const pr = ar[k]! * br[k]! + ai[k]! * bi[k]!, pi = ai[k]! * br[k]! - ar[k]! * bi[k]!;
  const m = Math.hypot(pr, pi);
  let d = 0;
  for (let i = 0; i < ar.length; i++) {
    const r = (br[i]! * pr - bi[i]! * pi) / m, im = (br[i]! * pi + bi[i]! * pr) / m;
    d = Math.max(d, Math.hypot(ar[i]! - r, ai[i]! - im));
  }
  return d;
}

/** Every library gate once, on random qubits with random parameters in [lo, lo + 6), after an H layer. */
function allGates(seed: number, n: number, lo = -3): Circuit {
  const r = rng(seed);
  const b = new CircuitBuilder(n);
  for (let q = 0; q < n; q++) b.h(q);
  for (const g of gateNames()) {
    const s = gateSpec(g)!;
    const k = s.variadic ? Math.min(n, 4) : s.qubits;
    const qs = Array.from({ length: n }, (_, i) => i).sort(() => r() - 0.5).slice(0, k);
    b.gate(g, qs, Array.from({ length: s.params }, () => lo + r() * 6));
  }
  return b.build();
}

describe('the qsharp-lang compile check', () => {
  it('rejects programs qsharp cannot compile, with its diagnostics', async () => {
    const head = 'OPENQASM 3.0;\ninclude "stdgates.inc";\n';
    await expect(qs!.compile(`${head}qubit[2] q;\nfoo q[0];\n`)).rejects.toThrow(/qsharp cannot compile the program: 4:1 undefined symbol: foo/);
    await expect(qs!.compile(`${head}qubit[2 q;\n`)).rejects.toThrow(/qsharp cannot compile the program: 3:\d+ expected `\]`/);
    await expect(qs!.compile(`${head}qubit[2] q;\nh q[0];\ncx q[0], q[1];\n`)).resolves.toMatch(/__quantum__qis__/);
  }, 30_000);

  it('accepts every program our writer emits: all gates, with and without gate definitions', async () => {
    for (const options of [{ wrapAngles: true }, { modifiers: false, wrapAngles: true }, {}]) {
      await expect(qs!.compile(printQasm(allGates(5, 5), options))).resolves.toMatch(/__quantum__qis__/);
    }
  }, 30_000);
});

describe('qsharp-lang reads our OpenQASM 3', () => {
  it.each([1, 2])('every library gate, angles of both signs, wrapAngles (seed %i): same final state', async (seed) => {
    if (qs === undefined) throw new Error('qsharp-lang is not installed (npm ci installs it as a dev dependency)');
    const c = allGates(seed, 4);
    const ours = circuitState(c);
    const theirs = await qs.state(printQasm(c, { wrapAngles: true }), 4);
    expect(stateDistance(ours.re, ours.im, theirs.re, theirs.im)).toBeLessThan(2e-4);
  }, 30_000);

  it('default output with angles in [0, 2π) (where angle wrapping changes nothing): same final state', async () => {
    const c = allGates(4, 4, 0.1);
    const ours = circuitState(c);
    const theirs = await qs!.state(printQasm(c), 4);
    expect(stateDistance(ours.re, ours.im, theirs.re, theirs.im)).toBeLessThan(2e-4);
  }, 30_000);

  it('gate definitions (modifiers off) compile and agree', async () => {
    const c = allGates(3, 5);
    const theirs = await qs!.state(printQasm(c, { modifiers: false, wrapAngles: true }), 5);
    const ours = circuitState(c);
    expect(stateDistance(ours.re, ours.im, theirs.re, theirs.im)).toBeLessThan(2e-4);
  }, 30_000);

  it('integer-valued angles are written so that qsharp accepts them', async () => {
    const c = new CircuitBuilder(2).h(0).rz(1, 0).gate('cu', [0, 1], [2, 0, -1, 0]).gate('rzz', [0, 1], [0]).build();
    const ours = circuitState(c);
    const theirs = await qs!.state(printQasm(c), 2);
    expect(stateDistance(ours.re, ours.im, theirs.re, theirs.im)).toBeLessThan(2e-4);
  }, 30_000);

  it('measured circuits: sampled counts match our exact probabilities', async () => {
    const b = new CircuitBuilder(3, 3);
    b.h(0).ry(1.1, 1).cx(0, 2).gate('ccz', [0, 1, 2]).rx(0.4, 2).gate('rzz', [1, 2], [0.9]).h(1);
    const unitary = b.build();
    for (let q = 0; q < 3; q++) b.measure(q, q);
    const text = printQasm(b.build());
    const shots = 4000;
    const results = await qs!.run(text, shots);
    const state = circuitState(unitary);
    const counts = new Map<number, number>();
    for (const r of results) {
      // qsharp prints the bit register as [c[0], c[1], c[2]].
      const bits = r.replace(/[[\]\s]/g, '').split(',');
      const index = bits.reduce((acc, v, i) => acc | (v === 'One' ? 1 << i : 0), 0);
      counts.set(index, (counts.get(index) ?? 0) + 1);
    }
    for (let i = 0; i < 8; i++) {
      const p = state.re[i]! ** 2 + state.im[i]! ** 2;
      const sigma = Math.sqrt(Math.max(p * (1 - p), 1e-4) / shots);
      expect(Math.abs((counts.get(i) ?? 0) / shots - p), `outcome ${i}`).toBeLessThanOrEqual(5 * sigma);
    }
  }, 60_000);
});
