/**
 * The paper's quantum classifier end to end, as one library call: MNIST digits → sparsified NTK
 * → inversion circuit → optimized program and device program → the simulated solution state →
 * a prediction for every test point → the Hadamard-test readout with shots for a few of them.
 * The single simulated draw is reported beside the classical accuracies averaged over the
 * authors' number of draws at the same n, so one draw neither flatters nor understates the method.
 * @see arXiv:2107.09200 (Zlokapa, Neven, Lloyd)
 */
import type { Circuit } from '../compiler/circuit/index.js';
import { circuitStats, type CircuitStats } from '../compiler/circuit/stats.js';
import { SynthesisError } from '../compiler/errors.js';
import { cosineOverlap, stateFidelity } from '../compiler/linalg/states.js';
import { accuracy, classifyAtMedian, median, solveSparse } from '../compiler/ntk/evaluate.js';
import { defaultTrials, runNtkExperiment } from '../compiler/ntk/experiment.js';
import { prepareNtkProblem } from '../compiler/ntk/problem.js';
import { compileLinearSystem, type InversionMethod } from '../compiler/pipeline.js';
import type { Progress } from '../compiler/progress.js';
import { finalState } from '../backends/local/index.js';
import { predictOnTarget, predictSuccess } from '../passes/predict-success.js';
import { getTarget } from '../passes/targets/builtins.js';
import { hasCalibration } from '../passes/targets/calibration.js';
import type { TargetName } from '../passes/targets/names.js';
import { transpile } from '../passes/transpile.js';
import { readOut, readoutShots } from './readout.js';

export interface ClassifierOptions {
  readonly digits: readonly [number, number];
  /** Training points (the circuit's system register holds ⌈log₂ n⌉ qubits). */
  readonly n: number;
  /** Balanced test points. */
  readonly test: number;
  readonly method: InversionMethod;
  /** Device the program is lowered for. */
  readonly target: TargetName;
  /** Target infidelity of the solution state. */
  readonly epsilon: number;
  /** One seed for the data draw, the sparsity pattern, routing and shots. */
  readonly seed: number;
  /** Test points read out with the full Hadamard-test circuit and shots. */
  readonly readoutPoints: number;
  readonly progress?: Progress;
}

/** One test point read out with shots, and the class it gets. */
export interface ReadoutPoint {
  readonly index: number;
  readonly label: number;
  /** P(h=0, kept) − P(h=1, kept): √p·⟨k̃*|ψ⟩/‖k̃*‖, exact (simulated) and estimated (shots). */
  readonly exactOverlap: number;
  readonly estimatedOverlap: number;
  readonly shots: number;
  /** The sampled counts the estimate comes from (ReadoutEstimate.counts). */
  readonly counts: Readonly<Record<string, number>>;
  /** The prediction k̃*·ψ recovered from the estimate: estimatedOverlap·‖k̃*‖/√p. */
  readonly output: number;
  /** The median of the simulated outputs over every test point. */
  readonly threshold: number;
  /** sign(output − threshold). */
  readonly predicted: number;
  readonly correct: boolean;
  readonly qubits: number;
}

/** Predicted success of one program on the target (passes/predict-success.ts). */
export interface ProgramPrediction {
  readonly esp: number;
  readonly durationNs: number;
  /** Two-qubit gates of the program as lowered for the target. */
  readonly twoQubit: number;
}

export interface ClassifierReport {
  readonly digits: readonly [number, number];
  readonly n: number;
  readonly test: number;
  readonly depth: number;
  readonly method: InversionMethod;
  /** Accuracies of this draw: classical exact, sparsified and diagonal NTK, and the simulated circuit. */
  readonly accuracy: { readonly exact: number; readonly sparse: number; readonly diagonal: number; readonly quantum: number };
  /** Classical accuracies over the authors' number of draws at this n (mean and std). */
  readonly draws: { readonly count: number; readonly sparse: number; readonly sparseStd: number; readonly exact: number; readonly diagonal: number };
  readonly fidelity: { readonly compiled: number; readonly optimized: number };
  readonly kappa: number;
  readonly kappaEffective: number;
  readonly alpha: number;
  readonly degree: number;
  readonly successProbability: number;
  readonly gates: { readonly compiled: CircuitStats; readonly optimized: CircuitStats; readonly target: CircuitStats };
  readonly target: TargetName;
  /** Which engine simulated the solution state ('sparse' while few amplitudes are nonzero). */
  readonly engine: 'sparse' | 'dense';
  readonly threshold: number;
  readonly readout: readonly ReadoutPoint[];
  /**
   * ESP and duration on the target's calibration of the device program and of each readout
   * circuit lowered as `qntk submit` lowers it (-O2, seed 1); null for a target without calibration.
   */
  readonly predicted: { readonly program: ProgramPrediction; readonly readouts: readonly ProgramPrediction[] } | null;
  readonly seconds: Readonly<Record<string, number>>;
}

export interface ClassifierRun {
  readonly report: ClassifierReport;
  /** The programs to write: optimized (generic gates), lowered for the target, one readout per point. */
  readonly programs: { readonly optimized: Circuit; readonly lowered: Circuit; readonly readouts: readonly Circuit[] };
}

/** Run the classifier; every figure of the demo comes from here. */
export async function runClassifier(o: ClassifierOptions): Promise<ClassifierRun> {
  const seconds: Record<string, number> = {};
  const timed = async <T>(name: string, f: () => T | Promise<T>): Promise<T> => {
    const t0 = performance.now();
    const v = await f();
    seconds[name] = (performance.now() - t0) / 1000;
    return v;
  };
  const progress = o.progress ? { progress: o.progress } : {};
  const problem = await timed('ntk', () => prepareNtkProblem({ digits: o.digits, n: o.n, test: o.test, seed: o.seed, ...progress }));
  const draws = await timed('draws', () => runNtkExperiment({ digits: o.digits, sizes: [o.n], test: o.test, seed: o.seed, trials: defaultTrials(o.n), patterns: 1 }));
  const prog = await timed('compile', () => compileLinearSystem(problem.ktilde, problem.y, { method: o.method, epsilon: o.epsilon, ...progress }));
  const optimized = await timed('optimize', () => transpile(prog.circuit, getTarget('generic'), { level: 2, seed: o.seed, ...progress }).circuit);
  const lowered = await timed('lower', () => transpile(prog.circuit, getTarget(o.target), { level: 2, seed: o.seed, ...progress }).circuit);

  const classical = solveSparse(problem.ktilde, problem.y);
  const [sol, solOpt, engine] = await timed('simulate', () => {
    const f = finalState(prog.circuit);
    return [f.postselected(prog.system, prog.postselect), finalState(optimized).postselected(prog.system, prog.postselect), f.engine] as const;
  });
  if (!(sol.probability > 0)) throw new SynthesisError('classifier: the simulated solution branch is empty');

  // The compiled circuit keeps its exact global phase, so ψ is real with the classical sign.
  const norm = Math.sqrt(sol.probability);
  const psi = Float64Array.from(sol.re.subarray(0, problem.n), (v) => v / norm);
  const outputs = Float64Array.from(problem.kstar, (k) => k.reduce((s, v, i) => s + v * psi[i]!, 0));
  const threshold = median(outputs);
  const quantumAccuracy = accuracy(classifyAtMedian(outputs), problem.testLabels);

  const solution = { circuit: prog.circuit, system: prog.system, postselect: prog.postselect };
  const readouts: Circuit[] = [];
  const readout = await timed('readout', () => {
    const points: ReadoutPoint[] = [];
    for (let r = 0; r < Math.min(o.readoutPoints, problem.kstar.length); r++) {
      const k = problem.kstar[r]!;
      const kNorm = Math.hypot(...k);
      if (kNorm === 0) continue;
      const shots = readoutShots(cosineOverlap(k, classical), prog.successProbability);
      const est = readOut(k, solution, shots, o.seed + r);
      readouts.push(est.circuit);
      const output = (est.estimatedOverlap * kNorm) / Math.sqrt(prog.successProbability);
      const predicted = Math.sign(output - threshold);
      points.push({
        index: r, label: problem.testLabels[r]!, exactOverlap: est.exactOverlap, estimatedOverlap: est.estimatedOverlap, shots, counts: est.counts,
        output, threshold, predicted, correct: predicted === problem.testLabels[r], qubits: est.circuit.numQubits,
      });
    }
    return points;
  });
  const target = getTarget(o.target);
  const predicted = !hasCalibration(target) ? null : await timed('predict', () => {
    const of = (c: Circuit, p: { esp: number; durationNs: number }): ProgramPrediction => ({ esp: p.esp, durationNs: p.durationNs, twoQubit: circuitStats(c).twoQubit });
    return {
      program: of(lowered, predictSuccess(lowered, target)),
      readouts: readouts.map((c) => {
        const p = predictOnTarget(c, target, { level: 2, seed: 1 });
        return of(p.circuit, p.prediction);
      }),
    };
  });
  const run = draws.runs[0]!;
  return {
    report: {
      digits: o.digits, n: o.n, test: problem.kstar.length, depth: problem.depth, method: o.method,
      accuracy: { ...problem.accuracy, quantum: quantumAccuracy },
      draws: { count: draws.details[0]!.trials, sparse: run.accuracy.sparse, sparseStd: run.accuracyStd.sparse, exact: run.accuracy.exact, diagonal: run.accuracy.diagonal },
      fidelity: { compiled: stateFidelity(sol, classical), optimized: stateFidelity(solOpt, classical) },
      kappa: problem.kappa, kappaEffective: prog.kappa, alpha: prog.alpha, degree: prog.degree, successProbability: prog.successProbability,
      gates: { compiled: prog.stats, optimized: circuitStats(optimized), target: circuitStats(lowered) },
      target: o.target, engine, threshold, readout, predicted, seconds,
    },
    programs: { optimized, lowered, readouts },
  };
}
