/**
 * `qntk optimize IN [-O 0|1|2|3] [--target NAME] [--basis g1,g2,…] [--coupling FILE.json] [--layout trivial|dense|noise-aware] [-o OUT] [--json]`:
 * optimise and lower an OpenQASM program for a target, write it (OpenQASM 3; IBM targets address
 * physical qubits $k) and print the before/after statistics.
 */
import { readFileSync } from 'node:fs';
import type { Argv } from 'yargs';
import { canonicalGateName, type Circuit } from '../../compiler/circuit/index.js';
import { circuitStats, type CircuitStats } from '../../compiler/circuit/stats.js';
import { ValidationError } from '../../compiler/errors.js';
import { printQasm } from '../../compiler/qasm/lower.js';
import { readQasmFile } from '../../compiler/qasm/read.js';
import { getTarget, TARGET_NAMES } from '../../passes/targets/builtins.js';
import { makeTarget, type Target } from '../../passes/targets/target.js';
import { transpile } from '../../passes/transpile.js';
import { usesRulePlan } from '../../passes/translate-basis.js';
import type { QntkCommand } from '../command.js';
import { printJson, type CliIo } from '../io.js';
import { checkWritable, writeFileAtomic } from '../../compiler/files.js';

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

function formatComparison(file: string, t: Target, before: CircuitStats, after: CircuitStats): string {
  const rows: Array<[string, number, number | null]> = [
    ['qubits', before.qubits, after.qubits], ['size (gates)', before.size, after.size], ['depth', before.depth, after.depth],
    ['two-qubit gates', before.twoQubit, after.twoQubit], ['multi-qubit gates', before.multiQubit, after.multiQubit],
    ['T count', before.tCount, tCountMeaningful(t) ? after.tCount : null], ['two-qubit depth', before.twoQubitDepth, after.twoQubitDepth],
  ];
  const lines = [`${file} → target ${t.name}`, `  ${''.padEnd(18)}  ${'before'.padStart(8)}  ${'after'.padStart(8)}  change`];
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

function parseLevel(v: unknown): 0 | 1 | 2 | 3 {
  const n = Number(v);
  if (![0, 1, 2, 3].includes(n)) throw new ValidationError(`-O ${String(v)}: expected 0, 1, 2 or 3`);
  return n as 0 | 1 | 2 | 3;
}

function run(args: Record<string, unknown>, io: CliIo): number {
  const file = String(args.in);
  const level = parseLevel(args.O);
  if (args.output !== undefined) checkWritable(String(args.output), '-o');
  const target = resolveTarget(String(args.target), args.basis === undefined ? undefined : String(args.basis), args.coupling === undefined ? undefined : String(args.coupling));
  const circuit: Circuit = readQasmFile(file);
  const seed = args.seed === undefined ? 1 : Number(args.seed);
  if (!Number.isInteger(seed)) throw new ValidationError(`--seed ${String(args.seed)}: expected an integer`);
  const layout = args.layout === undefined ? undefined : String(args.layout);
  if (layout !== undefined && !['trivial', 'dense', 'noise-aware'].includes(layout)) throw new ValidationError(`--layout ${layout}: expected trivial, dense or noise-aware`);
  if (layout === 'noise-aware' && target.calibration === null) throw new ValidationError(`--layout noise-aware: target ${target.name} has no calibration data; use dense`);
  const result = transpile(circuit, target, { level, seed, ...(layout ? { layout: layout as 'trivial' | 'dense' | 'noise-aware' } : {}) });
  const physical = target.physicalQubits && target.coupling !== null;
  const text = printQasm(result.circuit, physical && target.family.startsWith('ibm') ? { dialect: 'ibm' } : { physicalQubits: physical });
  const before = circuitStats(circuit), after = circuitStats(result.circuit);
  if (args.output !== undefined) writeFileAtomic(String(args.output), text);
  if (args.json) {
    printJson(io, { before, after: tCountMeaningful(target) ? after : { ...after, tCount: null }, target: target.name, level, layout: result.layout, finalPermutation: result.finalPermutation, ...(args.output !== undefined ? { output: String(args.output) } : {}) });
    return 0;
  }
  if (args.output === undefined) {
    io.stdout(text);
    io.stderr(formatComparison(file, target, before, after));
  } else io.stdout(formatComparison(file, target, before, after));
  return 0;
}

export const optimizeCommand: QntkCommand = {
  command: 'optimize <in>',
  describe: 'Optimise an OpenQASM program and lower it for a device (basis, layout, routing); prints before/after statistics',
  builder: (y: Argv) => y
    .positional('in', { type: 'string', describe: 'OpenQASM 2 or 3 program' })
    .option('O', { type: 'number', default: 2, describe: 'optimisation level 0–3' })
    .option('target', { type: 'string', default: 'generic', choices: [...TARGET_NAMES], describe: 'device target (generic: every gate, all-to-all)' })
    .option('basis', { type: 'string', describe: 'comma-separated basis gates overriding the target\'s: any universal set (e.g. h,rz,cx,x; rz,sx,x,cz; u3,cx; rx,ry,rz,cz) or Clifford+T h,s,sdg,t,tdg,x,cx for exactly Clifford+T inputs' })
    .option('coupling', { type: 'string', describe: 'JSON coupling map: [[control, target], …] or {"coupling_map": …}' })
    .option('layout', { type: 'string', choices: ['trivial', 'dense', 'noise-aware'], describe: 'initial layout (default: the level\'s; noise-aware uses the calibration data)' })
    .option('seed', { type: 'number', describe: 'seed for routing tie-breaks (default 1)' })
    .option('output', { alias: 'o', type: 'string', describe: 'output file (OpenQASM 3; written atomically)' })
    .option('json', { type: 'boolean', default: false, describe: 'print {before, after, target, level, layout, finalPermutation}; after.tCount is null when the basis has no T gate' }),
  run,
};
