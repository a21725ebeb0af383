/** Specs of the commands that read, transform and run OpenQASM files. */
import { json, mitigate, observable, param, output, qasmFile, seed, shots, target } from '../options.js';
import { defineCommand } from '../spec.js';

export const statsSpec = defineCommand({
  name: 'stats',
  describe: 'Gate counts, depth, two-qubit and T counts of an OpenQASM 2/3 file (after flattening definitions, modifiers and loops)',
  positionals: [qasmFile('file')],
  options: {
    target: target('also predict success on a calibrated device: ESP and duration (lowering the program first if needed)'),
    json: json('{qubits, clbits, depth, size, counts, twoQubit, multiQubit, tCount, twoQubitDepth} (inputs: [{name, type, width}] for a program with input parameters; predicted: {target, esp, durationNs, lowered} with --target)'),
  },
});

export const simulateSpec = defineCommand({
  name: 'simulate',
  describe: 'Simulate an OpenQASM 2/3 program on the local statevector simulator (exact probabilities, or counts with --shots)',
  positionals: [qasmFile('file')],
  options: {
    shots: shots('sample this many shots (counts) instead of exact probabilities'),
    seed: seed('seed for shot sampling (default: random, printed with the counts)'),
    precision: { type: 'string', choices: ['double', 'single'], default: 'double', describe: 'amplitude precision: double (16 B per amplitude, to 29 qubits) or single (8 B, to 30 qubits; probabilities accurate to ~1e-6)' },
    noise: { type: 'string', value: 'DEVICE', describe: 'simulate with the noise of a calibrated device (an IBM device, ionq_aria, ionq_forte); the program is lowered for it first if needed' },
    mitigate: mitigate('with --noise: comma-separated readout,twirl,dd,zne; prints mitigated expectation values beside the raw ones'),
    observable: observable('with --noise: outcome bits of a Z-parity expectation, e.g. 0 or 0,1 (default every bit)'),
    param: param('value of an input parameter (repeatable): theta=0.3, theta=pi/4,phi=1; a list theta=[0,0.5,1] or range theta=0:pi:5 sweeps (one result per value set)'),
    plot: { type: 'string', value: 'FILE.svg', describe: 'write an SVG histogram of the counts (or probabilities without --shots; the raw counts with --noise) here, atomically: the 32 most frequent outcomes, c[0] rightmost, the rest in one "other" bar' },
    json: json('{qubits, probabilities: {bitstring: p}} or {qubits, counts: {bitstring: k}, shots, seed}, with values: {name: v} for a program with inputs, or {qubits, sweep: [{values, probabilities | counts, …}]} for a sweep; bitstrings over the classical bits if the program measures (c[0] rightmost), else over all qubits (q[0] rightmost); p < 1e-12 omitted'),
  },
});

export const convertSpec = defineCommand({
  name: 'convert',
  describe: 'Convert an OpenQASM 2/3 program to flattened OpenQASM 3 or 2 (stdout unless -o)',
  positionals: [qasmFile('in')],
  options: {
    to: { type: 'string', choices: ['qasm3', 'qasm2'], default: 'qasm3', describe: 'output language' },
    output: output('output file (written atomically; nothing is written on error)'),
    json: json('{file, to, qubits, clbits, gates, depth, counts, bytes, output} (output: the file written, or null and the text in "program")'),
  },
});

export const optimizeSpec = defineCommand({
  name: 'optimize',
  describe: 'Optimise an OpenQASM program and lower it for a device (basis, layout, routing); prints before/after statistics',
  positionals: [qasmFile('in')],
  options: {
    O: { type: 'integer', min: 0, max: 3, default: 2, value: 'LEVEL', describe: 'optimisation level 0–3' },
    target: { ...target('device target (generic: every gate, all-to-all)'), default: 'generic' },
    basis: { type: 'string', value: 'G1,G2,…', describe: 'comma-separated basis gates overriding the target\'s' },
    coupling: { type: 'string', value: 'FILE.json', describe: 'JSON coupling map: [[control, target], …] or {"coupling_map": …}' },
    layout: { type: 'string', choices: ['auto', 'sabre', 'trivial', 'dense', 'noise-aware'], describe: 'initial layout (default auto from -O1: a perfect layout if one exists, else SABRE\'s; noise-aware uses the calibration data)' },
    routing: { type: 'string', choices: ['sabre', 'greedy', 'none'], default: 'sabre', describe: 'swap insertion: sabre, greedy (baseline), none (refuse a circuit that does not fit the coupling map as laid out)' },
    seed: seed('seed for routing tie-breaks (default 1)'),
    param: param('bind input parameters before optimising (repeatable; NAME=V[,…]); inputs left unbound stay symbolic and are written as input declarations'),
    output: output('output file (OpenQASM 3; written atomically)'),
    json: json('{before, after, target, level, layout, finalPermutation, swaps} and, for a calibrated target, predicted: {esp, durationNs}'),
  },
});

export const drawSpec = defineCommand({
  name: 'draw',
  describe: 'Draw an OpenQASM 2/3 program after flattening: text for the terminal (folded into pages), or SVG with --svg',
  positionals: [qasmFile('file')],
  options: {
    svg: { type: 'string', value: 'OUT.svg', describe: 'write a self-contained SVG drawing to OUT.svg instead of printing text' },
    fold: { type: 'integer', min: 0, max: 1_000_000, value: 'N', describe: 'fold into pages N characters wide (default: the terminal width, else 80; 0: never; SVG: unfolded unless given)' },
    'max-columns': { type: 'integer', min: 0, max: 1_000_000_000, default: 0, value: 'N', describe: 'draw only the first N columns of operations and say how many were left out (0: all)' },
  },
});
