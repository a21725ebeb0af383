/**
 * The end-to-end demo behind `qntk demo`: MNIST digits → sparsified NTK → inversion circuit →
 * optimized and lowered programs in out/ → local simulation → quantum predictions for every test
 * point from the simulated solution state, and the full Hadamard-test readout with shots for a few.
 * It lives in cli/ because it composes every layer (compiler, passes, simulator).
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Circuit } from '../../compiler/circuit/index.js';
import { circuitStats, type CircuitStats } from '../../compiler/circuit/stats.js';
import { ValidationError } from '../../compiler/errors.js';
import { conjugateGradient } from '../../compiler/linalg/solve.js';
import { prepareNtkProblem, type NtkProblem } from '../../compiler/ntk/index.js';
import { compileLinearSystem, type CompiledProgram, type InversionMethod } from '../../compiler/pipeline.js';
import type { Progress } from '../../compiler/progress.js';
import { printQasm } from '../../compiler/qasm/index.js';
import { hadamardTest, overlapFromProbabilities, shotsForSign, withMeasurements } from '../../compiler/readout/index.js';
import { StatePrep } from '../../compiler/synthesis/state-prep.js';
import { postselectedState, simulate, Statevector } from '../../backends/local/index.js';
import { getTarget } from '../../passes/targets/builtins.js';
import { transpile } from '../../passes/transpile.js';
import { writeFileAtomic } from '../../compiler/files.js';

export interface DemoOptions {
  readonly digits: readonly [number, number];
  readonly n: number;
  readonly test: number;
  readonly method: InversionMethod;
  readonly target: string;
  readonly epsilon: number;
  readonly seed: number;
  /** Test points read out with the full Hadamard-test circuit and shots. */
  readonly readoutPoints: number;
  readonly outDir: string;
  readonly progress?: Progress;
}

export interface ReadoutResult {
  readonly index: number;
  readonly label: number;
  /** Exact signed overlap P(h=0, kept) − P(h=1, kept) of the readout circuit. */
  readonly exactOverlap: number;
  readonly estimatedOverlap: number;
  readonly shots: number;
  readonly signAgrees: boolean;
  readonly qubits: number;
  readonly file: string;
}

export interface DemoReport {
  readonly digits: readonly [number, number];
  readonly n: number;
  readonly test: number;
  readonly depth: number;
  readonly method: InversionMethod;
  readonly accuracy: { readonly exact: number; readonly sparse: number; readonly diagonal: number; readonly quantum: number };
  readonly fidelity: { readonly compiled: number; readonly optimized: number };
  readonly kappa: number;
  readonly kappaEffective: number;
  readonly alpha: number;
  readonly degree: number;
  readonly successProbability: number;
  readonly gates: { readonly compiled: CircuitStats; readonly optimized: CircuitStats; readonly target: CircuitStats };
  readonly target: string;
  readonly files: { readonly generic: string; readonly target: string };
  readonly readout: readonly ReadoutResult[];
  readonly submit: readonly string[];
  readonly seconds: Readonly<Record<string, number>>;
}

/** |⟨a|b⟩|² / (‖a‖²‖b‖²) for complex a and real b. */
function fidelity(re: Float64Array, im: Float64Array, b: Float64Array): number {
  let dr = 0, di = 0, na = 0, nb = 0;
  for (let i = 0; i < b.length; i++) {
    dr += re[i]! * b[i]!;
    di += im[i]! * b[i]!;
    na += re[i]! ** 2 + im[i]! ** 2;
    nb += b[i]! ** 2;
  }
  return (dr * dr + di * di) / (na * nb);
}

/** ⟨k|x⟩/(‖k‖‖x‖) for real vectors (x may be longer: padding is zero). */
function classicalOverlap(k: Float64Array, x: Float64Array): number {
  let d = 0, nk = 0, nx = 0;
  for (let i = 0; i < k.length; i++) {
    d += k[i]! * x[i]!;
    nk += k[i]! ** 2;
    nx += x[i]! ** 2;
  }
  return d / Math.sqrt(nk * nx);
}

/** Fraction of test points where sign(out − median(out)) matches the label. */
function medianAccuracy(outputs: Float64Array, labels: Float64Array): number {
  const sorted = Float64Array.from(outputs).sort();
  const m = sorted.length;
  const median = m % 2 ? sorted[(m - 1) / 2]! : (sorted[m / 2 - 1]! + sorted[m / 2]!) / 2;
  let ok = 0;
  for (let i = 0; i < m; i++) if ((outputs[i]! - median > 0 ? 1 : -1) === labels[i]) ok++;
  return ok / m;
}

/** Simulated solution state of a compiled program (exact phase: the compiled circuit keeps its global phase). */
function solutionState(circuit: Circuit, prog: CompiledProgram): { re: Float64Array; im: Float64Array; probability: number } {
  const sv = Statevector.fromCircuit(circuit);
  return postselectedState(sv, prog.system, prog.postselect);
}

export async function runDemo(o: DemoOptions): Promise<DemoReport> {
  const seconds: Record<string, number> = {};
  const tick = (name: string, start: number): void => { seconds[name] = (performance.now() - start) / 1000; };
  let t = performance.now();
  const problem: NtkProblem = await prepareNtkProblem({ digits: o.digits, n: o.n, test: o.test, seed: o.seed, ...(o.progress ? { progress: o.progress } : {}) });
  tick('ntk', t);

  t = performance.now();
  const prog = compileLinearSystem(problem.ktilde, problem.y, { method: o.method, epsilon: o.epsilon, ...(o.progress ? { progress: o.progress } : {}) });
  tick('compile', t);

  // Classical reference K̃⁻¹y for the fidelity.
  const classical = conjugateGradient(problem.ktilde, problem.y, { tol: 1e-13 }).x;

  t = performance.now();
  const optimized = transpile(prog.circuit, getTarget('generic'), { level: 2, seed: o.seed }).circuit;
  tick('optimize', t);
  t = performance.now();
  const lowered = transpile(prog.circuit, getTarget(o.target), { level: 2, seed: o.seed });
  tick('lower', t);

  mkdirSync(o.outDir, { recursive: true });
  const genericFile = join(o.outDir, `ntk_${o.method}.qasm`);
  const targetFile = join(o.outDir, `ntk_${o.method}_${o.target}.qasm`);
  writeFileAtomic(genericFile, printQasm(optimized));
  writeFileAtomic(targetFile, printQasm(lowered.circuit, o.target.startsWith('ibm_') ? { dialect: 'ibm' } : {}));

  t = performance.now();
  const sol = solutionState(prog.circuit, prog);
  const solOpt = solutionState(optimized, prog);
  tick('simulate', t);
  const fidCompiled = fidelity(sol.re, sol.im, classical);
  const fidOptimized = fidelity(solOpt.re, solOpt.im, classical);

  // Quantum predictions: out(x*) = k̃*·ψ with ψ the simulated (real, correctly signed) solution state.
  const psi = sol.re.subarray(0, problem.n);
  const quantumOutputs = Float64Array.from(problem.kstar, (k) => k.reduce((s, v, i) => s + v * psi[i]!, 0));
  const quantumAccuracy = medianAccuracy(quantumOutputs, problem.testLabels);

  t = performance.now();
  const readout: ReadoutResult[] = [];
  const solutionPrep = { circuit: prog.circuit, system: prog.system, postselect: prog.postselect as ReadonlyArray<readonly [number, 0 | 1]> };
  for (let r = 0; r < Math.min(o.readoutPoints, problem.kstar.length); r++) {
    const k = problem.kstar[r]!;
    if (!k.some((v) => v !== 0)) continue;
    const prep = new StatePrep({ amplitudes: k, numQubits: prog.system.length });
    const kPrep = { circuit: prep.circuit(), system: Array.from({ length: prog.system.length }, (_, i) => i), postselect: [] };
    const test = hadamardTest(kPrep, solutionPrep);
    // Shots from the paper's 1/o² rule on the classically known overlap of the normalised states.
    const o2 = classicalOverlap(k, classical);
    const shots = Math.min(200_000, Math.max(1000, shotsForSign(o2 * Math.sqrt(prog.successProbability))));
    const measured = withMeasurements(test);
    const file = join(o.outDir, `readout_${r}.qasm`);
    writeFileAtomic(file, printQasm(measured));
    // One simulation: the state before the terminal measurements gives the exact value, the shots the estimate.
    const res = simulate(measured, { shots, seed: o.seed + r });
    const sv = res.statevector!;
    const exactOverlap = overlapFromProbabilities(test, (i) => sv.probability(i));
    let diff = 0;
    for (const [bits, count] of res.counts ?? new Map<number, number>()) {
      if (bits >> 1) continue; // a flag read 1: the branch is discarded
      diff += bits & 1 ? -count : count;
    }
    const estimatedOverlap = diff / shots;
    readout.push({
      index: r, label: problem.testLabels[r]!, exactOverlap, estimatedOverlap, shots,
      signAgrees: Math.sign(estimatedOverlap) === Math.sign(exactOverlap), qubits: test.circuit.numQubits, file,
    });
  }
  tick('readout', t);

  const submitFile = readout[0]?.file ?? targetFile;
  const submit = [
    `qntk submit ${submitFile} --backend ibm:${o.target.startsWith('ibm_') ? o.target : 'ibm_fez'} --shots ${readout[0]?.shots ?? 4000} --dry-run`,
    `qntk submit ${submitFile} --backend ionq:forte-1 --shots ${readout[0]?.shots ?? 4000} --dry-run`,
  ];
  if (!Number.isFinite(fidCompiled)) throw new ValidationError('demo: the simulated solution state is empty');
  return {
    digits: o.digits, n: o.n, test: problem.kstar.length, depth: problem.depth, method: o.method,
    accuracy: { ...problem.accuracy, quantum: quantumAccuracy },
    fidelity: { compiled: fidCompiled, optimized: fidOptimized },
    kappa: problem.kappa, kappaEffective: prog.kappa, alpha: prog.alpha, degree: prog.degree,
    successProbability: prog.successProbability,
    gates: { compiled: prog.stats, optimized: circuitStats(optimized), target: circuitStats(lowered.circuit) },
    target: o.target, files: { generic: genericFile, target: targetFile }, readout, submit, seconds,
  };
}
