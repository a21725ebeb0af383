/**
 * Noisy simulation by quantum trajectories (Monte Carlo wave functions): each trajectory is a pure
 * state that follows one sampled history of the channels, and the density matrix is their average.
 * - depolarizing: a uniformly random non-identity Pauli with probability λ(d² − 1)/d²;
 * - relaxation: amplitude damping unravelled exactly (a jump |1⟩ → |0⟩ with probability γ·P(1),
 *   else the no-jump operator diag(1, √(1 − γ)), the state left unnormalised so that P(1) is read only
 *   when the uniform draw u < γ allows a jump), then pure dephasing as a Z with
 *   probability p (1 − 2p = c/√(1 − γ));
 * - measurement and reset collapse the state with Born probabilities.
 * Each trajectory of a terminal program yields its exact final distribution; its shots are drawn
 * from it (several per trajectory when trajectories < shots, an unbiased but coarser estimate).
 * @see J. Dalibard, Y. Castin, K. Mølmer, Phys. Rev. Lett. 68, 580 (1992)
 */
import type { Instruction } from '../../../compiler/circuit/index.js';
import { compileOps } from '../compile.js';
import { createRandom, type Random } from '../../../compiler/linalg/random.js';
import type { EngineOptions } from '../engine.js';
import type { Op } from '../kernels.js';
import { sampleCounts } from '../sampling.js';
import { Statevector } from '../statevector.js';
import { marginalToClbits } from '../terminal.js';
import { dephasingProbability, pauliErrorProbability, type Relaxation } from '../../../passes/targets/error-channels.js';
import type { NoiseModel } from './model.js';
import type { NoisyProgram } from './program.js';

const X = (q: number): Op => ({ kind: 'mcx', cmask: 0, t: q });
const Z = (q: number): Op => ({ kind: 'phase', mask: 1 << q, re: -1, im: 0 });
const Y = (q: number): Op => ({ kind: 'dense1', t: q, m: Float64Array.of(0, 0, 0, -1, 0, 1, 0, 0) });
const PAULI = [X, Y, Z] as const;

export interface TrajectoryOptions {
  readonly trajectories: number;
  readonly shots: number;
  readonly seed: number;
  readonly engine?: EngineOptions;
  /** Also return the mean over trajectories of their final distributions. */
  readonly mean?: boolean;
}

export interface TrajectoryResult {
  /** Outcome → count, readout errors included. */
  readonly counts: Map<number, number>;
  /** Mean final distribution over outcomes, readout errors applied exactly (when asked). */
  readonly mean?: Float64Array;
}

const unconditioned = (inst: Instruction): Instruction => ({ gate: inst.gate, qubits: inst.qubits, params: inst.params });

/** Applies the readout confusion of every outcome bit to a distribution, in place (readoutQubit[b]: whose error). */
export function applyReadout(p: Float64Array, readoutQubit: Int32Array, model: NoiseModel): void {
  readoutQubit.forEach((q, b) => {
    if (q < 0) return;
    const { p01, p10 } = model.readout(q);
    if (p01 === 0 && p10 === 0) return;
    const bit = 1 << b;
    for (let i = 0; i < p.length; i++) {
      if (i & bit) continue;
      const a0 = p[i]!, a1 = p[i | bit]!;
      p[i] = (1 - p01) * a0 + p10 * a1;
      p[i | bit] = p01 * a0 + (1 - p10) * a1;
    }
  });
}

function flipReadout(outcome: number, readoutQubit: Int32Array, model: NoiseModel, rng: Random): number {
  let v = outcome;
  readoutQubit.forEach((q, b) => {
    if (q < 0) return;
    const { p01, p10 } = model.readout(q);
    const one = (v >>> b) & 1;
    if (rng.next() < (one ? p10 : p01)) v ^= 1 << b;
  });
  return v;
}

/** Run `options.trajectories` trajectories of `program`, distributing `options.shots` among them. */
export function runTrajectories(program: NoisyProgram, model: NoiseModel, options: TrajectoryOptions): TrajectoryResult {
  const rng = createRandom(options.seed);
  const n = program.numQubits;
  const T = Math.max(1, Math.min(options.trajectories, options.shots));
  const counts = new Map<number, number>();
  const mean = options.mean ? new Float64Array(2 ** program.width) : undefined;
  const gateOps = program.steps.map((s) => (s.kind === 'gate' ? compileOps([unconditioned(s.inst)]) : []));
  for (let t = 0; t < T; t++) {
    const shotsHere = Math.floor(options.shots / T) + (t < options.shots % T ? 1 : 0);
    const sv = Statevector.zero(n);
    let ops: Op[] = [];
    let clbits = 0;
    const flush = (): void => {
      if (ops.length > 0) sv.applyOps(ops, options.engine);
      ops = [];
    };
    // The state is kept unnormalised between collapses: the no-jump operator shrinks it by exactly the
    // no-jump probability, so P(1) is read (one pass over the state) only when u < γ could mean a jump.
    const relax = (q: number, r: Relaxation): void => {
      if (r.gamma > 0) {
        const u = rng.next();
        let jump = false;
        if (u < r.gamma) {
          flush();
          const a = sv.probabilityOfOne(q);
          jump = u < (r.gamma * a) / sv.normSquared();
          if (jump) {
            sv.collapse(q, 1, a);
            ops.push(X(q));
          }
        }
        if (!jump) ops.push({ kind: 'phase', mask: 1 << q, re: Math.sqrt(1 - r.gamma), im: 0 });
      }
      if (rng.next() < dephasingProbability(r)) ops.push(Z(q));
    };
    /** Born probability of |1⟩ on q (unnormalised P(1), its normalised value). */
    const born = (q: number): { a: number; p1: number } => {
      flush();
      const a = sv.probabilityOfOne(q);
      return { a, p1: Math.min(1, Math.max(0, a / sv.normSquared())) };
    };
    program.steps.forEach((step, k) => {
      switch (step.kind) {
        case 'gate': {
          for (const p of step.pre) relax(p.qubit, p.relaxation);
          const c = step.inst.condition;
          if (c !== undefined) {
            let v = 0;
            c.clbits.forEach((b, j) => { v += ((clbits >>> b) & 1) * 2 ** j; });
            if (v !== c.value) return;
          }
          ops.push(...gateOps[k]!);
          const qs = step.inst.qubits;
          if (step.lambda > 0 && rng.next() < pauliErrorProbability(step.lambda, 2 ** qs.length)) {
            const pick = 1 + rng.int(4 ** qs.length - 1);
            qs.forEach((q, j) => {
              const p = (pick >> (2 * j)) & 3;
              if (p !== 0) ops.push(PAULI[p - 1]!(q));
            });
          }
          return;
        }
        case 'relax':
          relax(step.qubit, step.relaxation);
          return;
        case 'measure': {
          // Final measurements are read from the final state; only mid-circuit ones collapse it here.
          if (!step.mid) return;
          const { a, p1 } = born(step.qubit);
          const one = rng.next() < p1;
          sv.collapse(step.qubit, one ? 1 : 0, one ? a : sv.normSquared() - a);
          const { p01, p10 } = model.readout(step.qubit);
          const read = rng.next() < (one ? p10 : p01) ? !one : one;
          clbits = read ? clbits | (1 << step.clbit) : clbits & ~(1 << step.clbit);
          return;
        }
        case 'reset': {
          const { a, p1 } = born(step.qubit);
          const one = rng.next() < p1;
          sv.collapse(step.qubit, one ? 1 : 0, one ? a : sv.normSquared() - a);
          if (one) ops.push(X(step.qubit));
        }
      }
    });
    flush();
    // This history's distribution: final-state bits, with the mid-circuit record (already read out) in place.
    const dist = marginalToClbits(sv.data, n, program.source, program.width);
    const record = clbits & program.midMask;
    const norm = sv.normSquared();
    if (mean !== undefined) for (let i = 0; i < dist.length; i++) if (dist[i]! > 0) mean[i | record]! += dist[i]! / norm / T;
    if (shotsHere === 0) continue;
    for (const [outcome, c] of sampleCounts({ length: dist.length, weight: (i) => dist[i]! }, shotsHere, rng)) {
      for (let s = 0; s < c; s++) {
        const v = flipReadout(outcome, program.readoutQubit, model, rng) | record;
        counts.set(v, (counts.get(v) ?? 0) + 1);
      }
    }
  }
  if (mean !== undefined) applyReadout(mean, program.readoutQubit, model);
  return mean === undefined ? { counts } : { counts, mean };
}
