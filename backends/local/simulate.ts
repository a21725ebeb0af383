/**
 * simulate(circuit, {shots?, seed?}): exact outcome probabilities or sampled counts, with the final
 * statevector when the result is a pure state.
 *
 * Outcomes are over the classical bits when the circuit measures (clbit 0 = least significant bit),
 * else over all qubits (qubit 0 = least significant bit).
 * - Measurements that are all terminal (no later gate on a measured qubit, no reset, no condition)
 *   are not simulated one by one: the gates run once and the final distribution is mapped onto the
 *   classical bits (gates on other qubits commute past the measurements).
 * - Otherwise every measurement/reset branches the state (both outcomes, weighted by their
 *   probabilities; impossible outcomes are pruned), which gives the exact distribution; shots are
 *   then drawn from it, which is distributed exactly as per-shot simulation. When branches exceed
 *   `maxBranches` and shots are given, each shot is simulated as its own trajectory instead.
 */
import { withCountRecord } from './results.js';
import { isDirective, isNonUnitaryOperation, type Circuit, type Condition, type Instruction } from '../../compiler/circuit/index.js';
import { createRandom, type Random } from '../../compiler/linalg/random.js';
import { ResourceError } from '../../compiler/errors.js';
import { compileOps } from './compile.js';
import type { EngineOptions } from './engine.js';
import type { Amplitudes, Op } from './kernels.js';
import { amplitudeWeights, arrayWeights, checkShots, sampleCounts } from './sampling.js';
import { checkStateSize, MAX_QUBITS_SINGLE, Statevector, type AmplitudesOf, type Precision, type StateOptions } from './statevector.js';
import { mapQubitCounts, marginalToClbits, terminalForm } from './terminal.js';

export interface SimulateOptions<P extends Precision = Precision> extends EngineOptions, StateOptions<P> {
  /** Draw this many shots (counts) instead of returning exact probabilities. */
  readonly shots?: number;
  /** Seed for shot sampling (default: a random seed, reported in the result). */
  readonly seed?: number;
  /** Measurement branches followed exactly before switching to per-shot trajectories (default 4096). */
  readonly maxBranches?: number;
}

export interface SimulationResult<A extends Amplitudes = Amplitudes> {
  readonly numQubits: number;
  /** What outcome indices count: classical bits if the circuit measures, else qubits. */
  readonly register: 'clbits' | 'qubits';
  /** Bits per outcome index. */
  readonly width: number;
  /** Exact probabilities of outcomes 0..2^width−1 (without shots). */
  readonly probabilities?: Float64Array;
  /** Sampled counts by outcome index (with shots). */
  readonly outcomeCounts?: ReadonlyMap<number, number>;
  /** The same counts as a plain object keyed by bitstring (bit 0 rightmost), what JSON shows. */
  readonly counts?: Readonly<Record<string, number>>;
  readonly shots?: number;
  /** The seed the shots were drawn with. */
  readonly seed?: number;
  /**
   * The final pure state: for terminal measurements the state just before them; absent when
   * mid-circuit measurement or reset leaves a mixture.
   */
  readonly statevector?: Statevector<A>;
}

const PRUNE = 1e-14;
const DEFAULT_MAX_BRANCHES = 4096;

class TooManyBranches extends Error {}

/**
 * Simulate a circuit on the local statevector engine (in double precision unless options.precision
 * is 'single'). Refuses with a ResourceError, before allocating, when the state and the result
 * tables do not fit (see checkStateSize).
 */
export function simulate<P extends Precision = 'double'>(circuit: Circuit, options: SimulateOptions<P> = {}): SimulationResult<AmplitudesOf<P>> {
  const n = circuit.numQubits;
  if (options.shots !== undefined) checkShots(options.shots);
  const seed = options.seed ?? Math.floor(Math.random() * 2 ** 32);
  const rng = createRandom(seed);
  const shotInfo = options.shots === undefined ? {} : { shots: options.shots, seed };
  const measures = circuit.instructions.some((i) => i.gate === 'measure');
  const register = measures ? 'clbits' as const : 'qubits' as const;
  const width = measures ? circuit.numClbits : n;
  checkStateSize(n, { precision: options.precision ?? 'double' });
  if (width > MAX_QUBITS_SINGLE) throw new ResourceError(`simulator: ${width} classical bits give too many outcomes to tabulate; measure into at most ${MAX_QUBITS_SINGLE} bits`);
  const terminal = terminalForm(circuit);
  // The exact distribution is a table of 2^width doubles; shots from a pure state need none.
  const table = terminal !== undefined && options.shots !== undefined ? 0 : 8 * 2 ** width;
  checkStateSize(n, { precision: options.precision ?? 'double', workspaceBytes: table });

  if (terminal !== undefined) {
    const sv = Statevector.zero(n, options).applyInstructions(terminal.gates, options);
    const base = { numQubits: n, register, width, statevector: sv, ...shotInfo };
    if (!measures) {
      return options.shots === undefined
        ? { ...base, probabilities: sv.probabilities() }
        : withCountRecord({ ...base, outcomeCounts: sampleCounts(amplitudeWeights(sv.data), options.shots, rng) });
    }
    return options.shots === undefined
      ? { ...base, probabilities: marginalToClbits(sv.data, n, terminal.source, width) }
      : withCountRecord({ ...base, outcomeCounts: mapQubitCounts(sampleCounts(amplitudeWeights(sv.data), options.shots, rng), terminal.source) });
  }

  const runner = new BranchRunner<P>(circuit, register, width, options);
  try {
    const exact = runner.exact(options.maxBranches ?? DEFAULT_MAX_BRANCHES);
    const pure = exact.leaves === 1 && exact.lastLeaf !== undefined ? { statevector: exact.lastLeaf } : {};
    return options.shots === undefined
      ? { numQubits: n, register, width, probabilities: exact.dist, ...pure }
      : withCountRecord({ numQubits: n, register, width, outcomeCounts: sampleCounts(arrayWeights(exact.dist), options.shots, rng), ...shotInfo, ...pure });
  } catch (e) {
    if (!(e instanceof TooManyBranches)) throw e;
    if (options.shots === undefined) {
      throw new ResourceError(`simulator: mid-circuit measurements branch into more than ${options.maxBranches ?? DEFAULT_MAX_BRANCHES} outcomes; give a shot count to sample trajectories instead`);
    }
    return withCountRecord({ numQubits: n, register, width, outcomeCounts: runner.trajectories(options.shots, rng), ...shotInfo });
  }
}

function holds(cond: Condition | undefined, clbits: number): boolean {
  if (cond === undefined) return true;
  let v = 0;
  cond.clbits.forEach((b, j) => { v += ((clbits >>> b) & 1) * 2 ** j; });
  return v === cond.value;
}

/** Follows measurement branches (exactly, or one sampled trajectory per shot). */
class BranchRunner<P extends Precision> {
  private readonly insts: Instruction[];
  private readonly ops = new Map<number, { ops: Op[]; next: number }>();
  private branches = 0;
  private maxBranches = 0;

  constructor(private readonly circuit: Circuit, private readonly register: 'clbits' | 'qubits', private readonly width: number, private readonly engine: EngineOptions & StateOptions<P>) {
    // One qubit per measure/reset so each can branch on its own.
    this.insts = circuit.instructions.flatMap((i) =>
      isNonUnitaryOperation(i) && i.qubits.length > 1
        ? i.qubits.map((q, j) => ({ ...i, qubits: [q], ...(i.clbits ? { clbits: [i.clbits[j]!] } : {}) }))
        : [i]);
  }

  exact(maxBranches: number): { dist: Float64Array; leaves: number; lastLeaf?: Statevector<AmplitudesOf<P>> } {
    this.maxBranches = maxBranches;
    const dist = new Float64Array(2 ** this.width);
    let leaves = 0;
    let lastLeaf: Statevector<AmplitudesOf<P>> | undefined;
    this.walk(Statevector.zero(this.circuit.numQubits, this.engine), 0, 0, 1, undefined, (sv, clbits, w) => {
      leaves++;
      lastLeaf = sv;
      this.accumulate(dist, sv, clbits, w);
    });
    return lastLeaf === undefined ? { dist, leaves } : { dist, leaves, lastLeaf };
  }

  trajectories(shots: number, rng: Random): Map<number, number> {
    const counts = new Map<number, number>();
    for (let s = 0; s < shots; s++) {
      this.walk(Statevector.zero(this.circuit.numQubits, this.engine), 0, 0, 1, rng, (sv, clbits) => {
        const k = this.register === 'clbits' ? clbits : sampleCounts(amplitudeWeights(sv.data), 1, rng).keys().next().value!;
        counts.set(k, (counts.get(k) ?? 0) + 1);
      });
    }
    return counts;
  }

  private accumulate(dist: Float64Array, sv: Statevector<AmplitudesOf<P>>, clbits: number, w: number): void {
    if (this.register === 'clbits') {
      dist[clbits]! += w;
      return;
    }
    const d = sv.data;
    for (let i = 0; i < dist.length; i++) dist[i]! += w * (d[2 * i]! * d[2 * i]! + d[2 * i + 1]! * d[2 * i + 1]!);
  }

  /** Unconditioned gates from pc on, compiled once. */
  private segment(pc: number): { ops: Op[]; next: number } {
    let seg = this.ops.get(pc);
    if (seg === undefined) {
      let end = pc;
      while (end < this.insts.length) {
        const i = this.insts[end]!;
        if (i.condition || isNonUnitaryOperation(i)) break;
        end++;
      }
      seg = { ops: compileOps(this.insts.slice(pc, end).filter((i) => i.gate !== 'delay')), next: end };
      this.ops.set(pc, seg);
    }
    return seg;
  }

  /** Run from pc on; at a measurement either branch (rng undefined) or sample one outcome. */
  private walk(sv: Statevector<AmplitudesOf<P>>, pc: number, clbits: number, w: number, rng: Random | undefined, leaf: (sv: Statevector<AmplitudesOf<P>>, clbits: number, w: number) => void): void {
    while (pc < this.insts.length) {
      const inst = this.insts[pc]!;
      if (!inst.condition && !isNonUnitaryOperation(inst)) {
        const seg = this.segment(pc);
        sv.applyOps(seg.ops, this.engine);
        pc = seg.next;
        continue;
      }
      pc++;
      if (!holds(inst.condition, clbits)) continue;
      if (!isNonUnitaryOperation(inst)) {
        if (!isDirective(inst)) sv.applyOps(compileOps([{ gate: inst.gate, qubits: inst.qubits, params: inst.params }]), this.engine);
        continue;
      }
      const q = inst.qubits[0]!;
      const p1 = Math.min(1, Math.max(0, sv.probabilityOfOne(q)));
      let outcome: 0 | 1;
      if (rng !== undefined) {
        outcome = rng.next() < p1 ? 1 : 0;
      } else if (p1 > PRUNE && 1 - p1 > PRUNE) {
        if (++this.branches > this.maxBranches) throw new TooManyBranches();
        // Follow outcome 1 on a copy, outcome 0 on this state.
        const child = sv.clone().collapse(q, 1, p1);
        const c1 = this.record(inst, clbits, 1);
        if (inst.gate === 'reset') child.applyOps([{ kind: 'mcx', cmask: 0, t: q }], this.engine);
        this.walk(child, pc, c1, w * p1, rng, leaf);
        outcome = 0;
        w *= 1 - p1;
      } else {
        outcome = p1 > PRUNE ? 1 : 0;
      }
      sv.collapse(q, outcome, outcome === 1 ? p1 : 1 - p1);
      clbits = this.record(inst, clbits, outcome);
      if (inst.gate === 'reset' && outcome === 1) sv.applyOps([{ kind: 'mcx', cmask: 0, t: q }], this.engine);
    }
    leaf(sv, clbits, w);
  }

  private record(inst: Instruction, clbits: number, outcome: 0 | 1): number {
    if (inst.gate !== 'measure') return clbits;
    const c = inst.clbits![0]!;
    return outcome === 1 ? clbits | (1 << c) : clbits & ~(1 << c);
  }
}
