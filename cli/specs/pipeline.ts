/** Specs of the commands of the paper's pipeline: the demo, the NTK, QSP angles, compilation and estimates. */
import { digits, json, output, seed, target } from '../options.js';
import { defineCommand } from '../spec.js';

const method = { type: 'string', choices: ['qsvt', 'hhl'], default: 'qsvt', describe: 'inversion method' } as const;

export const demoSpec = defineCommand({
  name: 'demo',
  describe: 'The paper\'s quantum NTK classifier end to end: MNIST → sparsified NTK → QSVT circuit → optimized QASM in out/ → simulated predictions',
  positionals: [],
  options: {
    digits: { ...digits, default: '8,9' },
    n: { type: 'integer', min: 4, max: 512, default: 32, describe: 'training examples (the demo simulates the circuit)' },
    test: { type: 'integer', min: 2, default: 256, describe: 'test points (balanced)' },
    method,
    target: { ...target('device for the lowered program (IBM Heron by default)'), default: 'ibm_fez' },
    epsilon: { type: 'number', default: 1e-3, describe: 'target infidelity of the solution state' },
    seed: { ...seed('seed for data selection, sparsity pattern and shots'), default: 0 },
    readout: { type: 'integer', min: 0, default: 3, describe: 'test points read out with the full Hadamard-test circuit and shots' },
    out: { type: 'string', default: 'out', value: 'DIR', describe: 'directory for the OpenQASM files' },
    report: { type: 'string', value: 'FILE.html', describe: 'also write a self-contained HTML report (accuracy, scaling plots against n, circuit statistics and drawings, readout histograms) here, atomically' },
    hardware: { type: 'boolean', default: false, describe: 'the NTK experiment sized for today\'s devices: n = 8, compact readouts lowered for --target (ibm_fez or ionq_forte), ideal, noisy and mitigated estimates; uses --target, --digits, --seed, --json' },
    json: json('with the same numbers (with --hardware: {hardware: {target, n, twoQubit, esp, points, agreement}})'),
  },
});

export const ntkSpec = defineCommand({
  name: 'ntk',
  describe: 'Train the infinite-width network on MNIST digits: accuracy of the exact, sparsified and diagonal NTK, κ, sparsity and measurement counts per n (`ntk kernel` prints K(ρ))',
  positionals: [{ name: 'action', optional: true, choices: ['kernel'], describe: "'kernel': print K(ρ) for --rho values" }],
  options: {
    digits: { ...digits, default: '8,9', describe: 'MNIST digit pair: the first is class −1, the second +1' },
    n: { type: 'string', default: '16,32,64,128,256,512', value: 'N1,N2,…', describe: 'training sizes (even; balanced classes)' },
    test: { type: 'integer', min: 2, default: 256, describe: 'balanced test examples per trial' },
    trials: { type: 'integer', min: 1, describe: 'trials per n (default: 16 at n ≤ 16, 8 at n ≤ 32, else 4; --network cnn: 1)' },
    patterns: { type: 'integer', min: 1, default: 3, describe: 'sparsity patterns per trial' },
    seed: { ...seed('seed of every random draw'), default: 0 },
    depth: { type: 'string', value: 'auto|L', describe: "'auto' (the depth rule round(0.1·8 ln(n/δ)/μ), default) or a number of hidden layers" },
    kernel: { type: 'string', default: 'erf', choices: ['erf', 'relu'], describe: 'activation of the fully-connected network' },
    network: { type: 'string', default: 'fc', choices: ['fc', 'cnn'], describe: 'fully-connected or convolutional network' },
    resolution: { type: 'string', default: '28', choices: ['28', '14'], describe: '--network cnn: input side (14: 2×2 means of the 28×28 images, ~15× faster)' },
    data: { type: 'string', value: 'FILE', describe: 'CSV (features…, label ±1 or 0/1) or JSON data instead of MNIST' },
    save: { type: 'string', value: 'DIR', describe: 'write K̃ (ktilde.mtx), y.txt, kstar.txt, test-labels.txt, manifest.json for qntk compile --ntk' },
    rho: { type: 'string', value: 'R1,R2,…', describe: 'ntk kernel: inner products ρ, comma-separated' },
    dim: { type: 'integer', min: 1, default: 784, describe: 'ntk kernel: input dimension d' },
    json: json('{runs: [{n, depth, delta, accuracy, accuracyStd, kappa, sparsity, postselection, readout}]}'),
  },
});

export const anglesSpec = defineCommand({
  name: 'angles',
  describe: 'QSP phase factors (symmetric QSP, Newton) for the inverse polynomial or Chebyshev coefficients',
  positionals: [],
  options: {
    poly: { type: 'string', choices: ['inverse'], describe: "built-in polynomial: 'inverse' (≈ scale/x on [1/κ, 1])" },
    kappa: { type: 'number', describe: 'condition number κ (with --poly inverse)' },
    epsilon: { type: 'number', describe: 'relative error ε on [1/κ, 1] (with --poly inverse)' },
    method: { type: 'string', choices: ['chebyshev-iteration', 'cks', 'minimax'], default: 'chebyshev-iteration', describe: 'inverse polynomial family (minimax: Remez; equals chebyshev-iteration or lower)' },
    metric: { type: 'string', choices: ['relative', 'absolute'], default: 'relative', describe: 'how ε is measured on [1/κ, 1]: |x·p − 1| (relative) or |p − 1/x| (absolute, the literature\'s)' },
    coeffs: { type: 'string', value: 'FILE.json', describe: 'JSON array [c0, …, cd] of Chebyshev coefficients (definite parity, |f| < 1)' },
    json: json('{degree, phases, convention, scale, maxError}'),
  },
});

export const compileSpec = defineCommand({
  name: 'compile',
  describe: 'Compile a symmetric linear system (matrix file, NTK directory or MNIST digits) into an inversion circuit',
  positionals: [],
  options: {
    digits: { ...digits, describe: 'MNIST digit pair A,B (sparsified NTK of n training images)' },
    n: { type: 'integer', min: 2, describe: 'training examples with --digits' },
    ntk: { type: 'string', value: 'DIR', describe: 'directory written by qntk ntk --save' },
    matrix: { type: 'string', value: 'A.mtx', describe: 'Matrix Market file with a symmetric A' },
    rhs: { type: 'string', value: 'b.txt', describe: 'right-hand side b: numbers separated by spaces, commas or newlines' },
    method,
    encoding: { type: 'string', choices: ['auto', 'sparse', 'fable', 'lcu'], default: 'auto', describe: 'block encoding' },
    epsilon: { type: 'number', describe: 'target infidelity of the solution state (default 1e-3 for qsvt, 0.01 for hhl)' },
    kappa: { type: 'number', describe: 'condition number to design for: α/min|λ| (qsvt) or max|λ|/min|λ| (hhl); default computed' },
    output: output('write the OpenQASM 3 program here (atomically)'),
    measure: { type: 'boolean', default: false, describe: 'measure every qubit at the end' },
    json: json('{method, encoding, alpha, kappa, degree, n, system, postselect, successProbability, stats}'),
  },
});

export const estimateSpec = defineCommand({
  name: 'estimate',
  describe: 'Logical resources (qubits, block-encoding queries, CNOT/T/rotations, depth) of the QSVT/HHL solve for n up to 2^30 and beyond, QRAM and QROM data access',
  positionals: [],
  options: {
    n: { type: 'string', value: 'N1,N2,…', describe: 'system sizes, comma-separated: 1024,2^20,2^30' },
    'n-range': { type: 'string', value: '2^A..2^B', describe: 'powers of two from A to B: 2^4..2^30' },
    sparsity: { type: 'number', min: 1, describe: 'max nonzeros per row/column s' },
    kappa: { type: 'number', min: 1, describe: 'condition number kappa = ||A||/min|lambda| (>= 1)' },
    'alpha-ratio': { type: 'number', min: 1, describe: 'alpha/||A|| in [1, s] (default s: alpha = s*max|a|); kappa_eff = ratio*kappa' },
    epsilon: { type: 'number', describe: 'target error (default 1e-3 QSVT, 0.01 HHL, as the pipeline)' },
    access: { type: 'string', choices: ['qram', 'qrom', 'both'], default: 'both', describe: 'data access shown in the table: QRAM oracle (queries) or explicit QROM (gates); --json always has both' },
    method: { ...method, describe: 'inversion: QSVT (Chebyshev-iteration polynomial) or HHL (phase estimation on the walk)' },
    'from-ntk': { type: 'boolean', default: false, describe: 'measure s, kappa and alpha on the sparsified MNIST 8-vs-9 NTK at --ntk-n, extrapolate with the paper\'s O(log n) rule' },
    'ntk-n': { type: 'integer', describe: 'NTK size measured with --from-ntk (default 64, at most 1024)' },
    seed: seed('NTK seed with --from-ntk (default 0)'),
    'toffoli-t': { type: 'string', choices: ['7', '4'], default: '7', describe: 'T gates per Toffoli: 7 (Clifford+T) or 4 (measured ancilla)' },
    'call-graph': { type: 'boolean', default: false, describe: 'print the component call graph each estimate evaluates (per n and data access)' },
    plot: { type: 'string', value: 'FILE.svg', describe: 'write an SVG of cost against n (log axes) here, atomically' },
    json: json('{method, epsilon, rules, estimates[]}'),
  },
});
