/**
 * `qntk optimize IN [-O 0|1|2|3] [--target NAME] [--basis g1,g2,…] [--coupling FILE.json] [--layout auto|sabre|trivial|dense|noise-aware] [--routing sabre|greedy|none] [-o OUT] [--json]`:
 * optimise and lower an OpenQASM program for a target, write it (OpenQASM 3; IBM targets address
 * physical qubits $k) and print the before/after statistics.
 */
import { readFileSync } from 'node:fs';
import { bindParameters, canonicalGateName, describeInputs, type Circuit } from '../../compiler/circuit/index.js';
import { circuitStats, type CircuitStats } from '../../compiler/circuit/stats.js';
import { ValidationError } from '../../compiler/errors.js';
import { printQasm } from '../../compiler/qasm/lower.js';
import { readQasmFile } from '../../compiler/qasm/read.js';
import { getTarget } from '../../passes/targets/builtins.js';
import { makeTarget, type Target } from '../../passes/targets/target.js';
import { transpile } from '../../passes/transpile.js';
import { predictSuccess } from '../../passes/predict-success.js';
import { hasCalibration } from '../../passes/targets/calibration.js';
import { usesRulePlan } from '../../passes/translate-basis.js';
import type { ArgsOf } from '../spec.js';
import type { optimizeSpec } from '../specs/circuits.js';
import { printJson, type CliIo } from '../io.js';
import { checkWritable, writeFileAtomic } from '../../compiler/files.js';
import { parameterSets } from './params.js';
import { progressBar } from '../progress.js';

/** Read a coupling map: a JSON array of [a, b] pairs, or an object with `coupling_map` (and optional `n_qubits`). */
export function readCouplingFile(path: string): { edges: Array<readonly [number, number]>; numQubits: number } {
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new ValidationError(`--coupling ${path}: cannot read a JSON coupling map (${err instanceof Error ? err.message : String(err)})`);
  }
  const obj = data as { coupling_map?: unknown; n_qubits?: unknown; numQubits?: unknown };
  const list = Array.isArray(data) ? data : obj.coupling_map;
  if (!Array.isArray(list) || list.length === 0) throw new ValidationError(`--coupling ${path}: expected a non-empty array of [control, target] pairs (or {"coupling_map": [...]})`);
  const edges = list.map((e, k) => {
    if (!Array.isArray(e) || e.length !== 2 || !e.every((q) => Number.isInteger(q) && q >= 0) || e[0] === e[1]) {
      throw new ValidationError(`--coupling ${path}: entry ${k} is not a pair of distinct non-negative qubit indices`);
    }
    return [e[0] as number, e[1] as number] as const;
  });
  const declared = typeof obj.n_qubits === 'number' ? obj.n_qubits : typeof obj.numQubits === 'number' ? obj.numQubits : 0;
  return { edges, numQubits: Math.max(declared, ...edges.flat().map((q) => q + 1)) };
}

/** The target named by --target, with --basis and --coupling overriding its fields. */
export function resolveTarget(name: string, basis: string | undefined, couplingFile: string | undefined): Target {
  const base = getTarget(name);
  if (basis === undefined && couplingFile === undefined) return base;
  let basisGates = base.basisGates === null ? null : [...base.basisGates];
  if (basis !== undefined) {
    basisGates = basis.split(',').map((g) => g.trim()).filter((g) => g.length > 0).map((g) => {
      const c = canonicalGateName(g);
      if (c === undefined) throw new ValidationError(`--basis: unknown gate '${g}'`);
      return c;
    });
    if (basisGates.length === 0) throw new ValidationError('--basis: give a comma-separated list of gates, e.g. cx,rz,sx,x');
  }
  const coupling = couplingFile === undefined ? null : readCouplingFile(couplingFile);
  return makeTarget({
    name: `${name}${basis !== undefined ? '+basis' : ''}${coupling ? '+coupling' : ''}`,
    family: base.family === 'generic' ? 'custom' : base.family,
    numQubits: coupling ? coupling.numQubits : base.numQubits,
    basisGates,
    operations: [...base.operations],
    coupling: coupling ? coupling.edges : base.coupling,
    physicalQubits: coupling ? true : base.physicalQubits,
    calibration: coupling ? null : base.calibration,
  });
}

function formatComparison(file: string, t: Target, before: CircuitStats, after: CircuitStats, symbolic: Circuit): string {
  const rows: Array<[string, number, number | null]> = [
    ['qubits used', before.qubitsUsed, after.qubitsUsed], ['size (gates)', before.size, after.size], ['depth', before.depth, after.depth],
    ['two-qubit gates', before.twoQubit, after.twoQubit], ['multi-qubit gates', before.multiQubit, after.multiQubit],
    ['T count', before.tCount, tCountMeaningful(t) ? after.tCount : null], ['two-qubit depth', before.twoQubitDepth, after.twoQubitDepth],
  ];
  const width = after.qubits !== after.qubitsUsed ? ` (the program declares the device's ${after.qubits} qubits)` : '';
  const inputs = (symbolic.parameters?.length ?? 0) > 0 ? ` (input parameters kept symbolic: ${describeInputs(symbolic)})` : '';
  const lines = [`${file} → target ${t.name}${width}${inputs}`, `  ${''.padEnd(18)}  ${'before'.padStart(8)}  ${'after'.padStart(8)}  change`];
  for (const [k, b, a] of rows) {
    const pct = a === null ? `(${t.name} has no T gate)` : b === 0 ? '' : `${(((a - b) / b) * 100).toFixed(1)} %`;
    lines.push(`  ${k.padEnd(18)}  ${String(b).padStart(8)}  ${(a === null ? '–' : String(a)).padStart(8)}  ${pct}`);
  }
  return `${lines.join('\n')}\n`;
}

/**
 * A T count means something when the basis has t (or no basis is imposed), or when a chosen basis
 * writes T as rz(π/4), as the optimisation literature counts; device bases without t do not.
 */
function tCountMeaningful(t: Target): boolean {
  const b = t.basisGates;
  return b === null || b.has('t') || (usesRulePlan(t) && (b.has('rz') || b.has('p')));
}

export function run(args: ArgsOf<typeof optimizeSpec>, io: CliIo): number {
  const file = args.in;
  const level = args.O as 0 | 1 | 2 | 3;
  if (args.output !== undefined) checkWritable(args.output, '-o');
  const target = resolveTarget(args.target, args.basis, args.coupling);
  const source: Circuit = readQasmFile(file);
  // Given values are bound first (every optimisation then sees numbers); the other inputs stay symbolic.
  const sets = parameterSets(file, source, args.param, { partial: true, sweep: false });
  const circuit = sets.length === 1 ? bindParameters(source, sets[0]!, { partial: true }) : source;
  const seed = args.seed ?? 1;
  const layout = args.layout;
  if (layout === 'noise-aware' && target.calibration === null) throw new ValidationError(`--layout noise-aware: target ${target.name} has no calibration data; use dense`);
  // A bar on a terminal for long runs; nothing with --json or when stderr is not a terminal.
  const bar = args.json ? undefined : progressBar(io);
  let result;
  try {
    result = transpile(circuit, target, { level, seed, routing: args.routing, ...(layout ? { layout } : {}), ...(bar ? { progress: bar } : {}) });
  } finally {
    bar?.done();
  }
  const physical = target.physicalQubits && target.coupling !== null;
  // The file keeps each input's declared type (the IBM request alone declares every input float[64]).
  const text = printQasm(result.circuit, physical && target.family.startsWith('ibm') ? { dialect: 'ibm', inputsAsFloat: false } : { physicalQubits: physical });
  const before = circuitStats(circuit), after = circuitStats(result.circuit);
  if (args.output !== undefined) writeFileAtomic(args.output, text);
  if (args.json) {
    const p = hasCalibration(target) ? predictSuccess(result.circuit, target) : undefined;
    printJson(io, {
      before, after: tCountMeaningful(target) ? after : { ...after, tCount: null }, target: target.name, level, layout: result.layout, finalPermutation: result.finalPermutation,
      swaps: Number(result.circuit.metadata.swaps ?? 0), ...((result.circuit.parameters?.length ?? 0) > 0 ? { inputs: result.circuit.parameters } : {}),
      ...(p !== undefined ? { predicted: { esp: p.esp, durationNs: p.durationNs } } : {}), ...(args.output !== undefined ? { output: args.output } : {}),
    });
    return 0;
  }
  if (args.output === undefined) {
    io.stdout(text);
    io.stderr(formatComparison(file, target, before, after, result.circuit));
  } else io.stdout(formatComparison(file, target, before, after, result.circuit));
  return 0;
}
