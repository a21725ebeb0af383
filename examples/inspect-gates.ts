/**
 * Example: read circuits, print their gate statistics, optimise them and print the statistics again.
 *
 * What it shows: `parseQasm` / `readQasmFile` (gate definitions are flattened into library gates),
 * `circuitStats` (gate counts, depth, T-count, two-qubit depth — the figures `qntk stats` prints),
 * `transpile` at -O2 and -O3 for the generic target (any gate, any connectivity), and `equivalent`,
 * which checks an optimised circuit against the original by comparing unitaries (up to global phase).
 * -O3 also decomposes Toffolis and multi-controlled gates into one- and two-qubit gates, so where
 * the input has such gates its two-qubit and T counts rise: compare like with like (the adder's
 * Toffolis are already expanded; the QSVT program's are not).
 *
 * Inputs: a 2-bit Cuccaro ripple-carry adder written below in Clifford+T (each Toffoli expanded to
 * 7 T gates, as in the Nam et al. benchmark suite), and a QSVT program compiled from a 2×2 system.
 * Give OpenQASM files on the command line to inspect those instead.
 *
 * Run: npm run build && node dist/examples/inspect-gates.js [FILE.qasm …]
 * @see arXiv:quant-ph/0410184 (Cuccaro et al., ripple-carry adder); arXiv:1710.07345 (Nam et al.)
 */
import { pathToFileURL } from 'node:url';
import {
  CsrMatrix, circuitStats, compileLinearSystem, equivalent, getTarget, parseQasm, readQasmFile, transpile,
  type Circuit, type CircuitStats,
} from '../index.js';

export interface ExampleIo {
  log(line: string): void;
}

/** MAJ and UMA built from a Clifford+T Toffoli (Nielsen & Chuang Fig. 4.9); 2-bit adder b += a. */
const ADDER_QASM = `OPENQASM 3.0;
include "stdgates.inc";
gate tof a, b, c {
  h c; cx b, c; tdg c; cx a, c; t c; cx b, c; tdg c; cx a, c;
  t b; t c; h c; cx a, b; t a; tdg b; cx a, b;
}
gate maj x, y, z { cx z, y; cx z, x; tof x, y, z; }
gate uma x, y, z { tof x, y, z; cx z, x; cx x, y; }
qubit cin;
qubit[2] a;
qubit[2] b;
qubit cout;
maj cin, b[0], a[0];
maj a[0], b[1], a[1];
cx a[1], cout;
uma a[0], b[1], a[1];
uma cin, b[0], a[0];
`;

const ROWS: [string, (s: CircuitStats) => number][] = [
  ['qubits', (s) => s.qubits],
  ['gates', (s) => s.size],
  ['two-qubit gates', (s) => s.twoQubit],
  ['3+ qubit gates', (s) => s.multiQubit],
  ['T-count', (s) => s.tCount],
  ['depth', (s) => s.depth],
  ['two-qubit depth', (s) => s.twoQubitDepth],
];

/** "cx 12, t 8, …": the gate counts of a circuit, most frequent first. */
function countsLine(s: CircuitStats): string {
  return Object.entries(s.counts).sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1)).map(([g, k]) => `${g} ${k}`).join(', ');
}

/** Print before / -O2 / -O3 statistics of one circuit and whether the optimised circuits are equivalent. */
function inspect(io: ExampleIo, name: string, circuit: Circuit): void {
  const generic = getTarget('generic');
  const o2 = transpile(circuit, generic, { level: 2 }).circuit;
  const o3 = transpile(circuit, generic, { level: 3 }).circuit;
  const stats = [circuitStats(circuit), circuitStats(o2), circuitStats(o3)];
  io.log(`== ${name}`);
  io.log(`${''.padEnd(16)}${'before'.padStart(8)}${'-O2'.padStart(8)}${'-O3'.padStart(8)}`);
  for (const [label, get] of ROWS) io.log(`${label.padEnd(16)}${stats.map((s) => String(get(s)).padStart(8)).join('')}`);
  io.log(`gates before: ${countsLine(stats[0]!)}`);
  io.log(`gates -O3:    ${countsLine(stats[2]!)}`);
  // A dense unitary is cheap up to about 10 qubits; beyond that, trust the pass tests instead.
  if (circuit.numQubits <= 10) io.log(`equivalent to the original (unitary, up to global phase): -O2 ${equivalent(circuit, o2)}, -O3 ${equivalent(circuit, o3)}`);
  io.log('');
}

export async function main(io: ExampleIo = { log: (line) => console.log(line) }, files: readonly string[] = []): Promise<void> {
  if (files.length > 0) {
    for (const f of files) inspect(io, f, readQasmFile(f));
    return;
  }
  inspect(io, 'Cuccaro adder, 2 bits, Clifford+T', parseQasm(ADDER_QASM, { file: 'adder.qasm' }));
  // A compiled program: QSVT inversion of a 2×2 system (prepare |b⟩, then the polynomial of A).
  const a = CsrMatrix.fromDense(2, 2, [1.0, 0.3, 0.3, 0.6]);
  const prog = compileLinearSystem(a, [1, 1], { epsilon: 1e-2 });
  inspect(io, `QSVT program for a 2×2 system (${prog.encoding} encoding, degree ${prog.degree})`, prog.circuit);
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) await main(undefined, process.argv.slice(2));
