/**
 * Single-qubit run fusion: each maximal run of one-qubit gates on a wire is multiplied out and
 * resynthesised (ZYZ / U3 / rz·sx), and replaced when that is shorter, or always when the run
 * holds gates outside the wanted basis. Runs made only of Clifford+T phase/H gates are left to
 * the Clifford+T passes unless `force` is set, so T-counts stay meaningful.
 * @see compiler/synthesis/one-qubit.ts
 */
import { gateSpec, withOwnInstructions, isUnconditionalGate, type GateName, type Instruction } from '../compiler/circuit/index.js';
import { namedOneQubitGate, oneQubitToInstructions, phaseDistance2, runMatrix, type OneQubitBasis } from '../compiler/synthesis/one-qubit.js';
import { CMatrix } from '../compiler/linalg/complex.js';
import { gateMatrix } from '../compiler/circuit/index.js';
import { definePass, type Pass } from './pass.js';
import { Splice } from './primitives/splice.js';
import { phaseGates } from './primitives/angles.js';
import { oneQubitSynthesisFor, synthesizeOneQubit, type OneQubitSynthesis } from './one-qubit-forms.js';
import { isDeviceFamily, type Target } from './targets/target.js';

export interface FuseOptions {
  readonly basis: OneQubitBasis;
  /** Gates a run may keep as they are (the target's one-qubit basis); null = any. */
  readonly allowed: ReadonlySet<string> | null;
  /** Resynthesise every run, even Clifford+T ones that would not shrink. */
  readonly force?: boolean;
  /** Write resynthesised runs in this form instead of `basis` (any Euler form of one-qubit-forms.ts). */
  readonly synthesis?: OneQubitSynthesis;
  /** A run already in `allowed` is resynthesised only when that makes it shorter. */
  readonly keepShorterLegal?: boolean;
}

const CLIFFORD_T = new Set(['h', 'x', 'y', 'z', 's', 'sdg', 't', 'tdg', 'sx', 'sxdg', 'id']);

const CLIFFORD_WORDS_GATES = ['h', 's', 'sdg', 'z', 'x', 'y', 'sx', 'sxdg'] as const;
let cliffordTable: Array<[CMatrix, GateName[]]> | undefined;

/** Shortest word over the one-qubit Clifford gates for each of the 24 Cliffords (BFS, cached). */
function cliffordWords(): Array<[CMatrix, GateName[]]> {
  if (cliffordTable) return cliffordTable;
  const table: Array<[CMatrix, GateName[]]> = [[CMatrix.identity(2), []]];
  for (let head = 0; head < table.length && table.length < 24; head++) {
    const [m, w] = table[head]!;
    for (const g of CLIFFORD_WORDS_GATES) {
      const next = gateMatrix(g, []).mul(m);
      if (!table.some(([x]) => phaseDistance2(x, next) < 1e-9)) table.push([next, [...w, g]]);
    }
  }
  return (cliffordTable = table);
}

/** T-free Clifford segments of a run rewritten as shortest words (same gate order otherwise). */
function shortenCliffordSegments(run: readonly Instruction[], q: number, allowed: ReadonlySet<string> | null): Instruction[] {
  const out: Instruction[] = [];
  let seg: Instruction[] = [];
  const flush = (): void => {
    if (seg.length >= 2) {
      const m = runMatrix(seg);
      const hit = cliffordWords().find(([x]) => phaseDistance2(x, m) < 1e-9);
      if (hit && hit[1].length < seg.length && hit[1].every((g) => allowed === null || allowed.has(g))) {
        out.push(...hit[1].map((g) => ({ gate: g, qubits: [q], params: [] })));
        seg = [];
        return;
      }
    }
    for (const i of seg) out.push(i);
    seg = [];
  };
  for (const i of run) {
    if (CLIFFORD_WORDS_GATES.includes(i.gate as (typeof CLIFFORD_WORDS_GATES)[number])) seg.push(i);
    else {
      flush();
      out.push(i);
    }
  }
  flush();
  return out;
}

/** Replacement for one run (undefined: keep it). */
function fuseRun(run: readonly Instruction[], q: number, o: FuseOptions, target: Target): Instruction[] | undefined {
  const legal = o.allowed === null || run.every((i) => o.allowed!.has(i.gate));
  if (legal && run.length === 1) return undefined;
  const m = runMatrix(run);
  const named = namedOneQubitGate(m);
  if (named === 'id') return [];
  if (named !== undefined && (o.allowed === null || o.allowed.has(named))) return [{ gate: named, qubits: [q], params: [] }];
  // Diagonal: one phase gate (Clifford+T names where allowed).
  if (Math.hypot(m.re[1]!, m.im[1]!) < 1e-12) {
    const lam = Math.atan2(m.im[3]!, m.re[3]!) - Math.atan2(m.im[0]!, m.re[0]!);
    const ph = phaseGates(lam, q, target);
    if (ph.every((i) => o.allowed === null || o.allowed.has(i.gate)) && (ph.length < run.length || !legal)) return ph;
  }
  if (legal && (o.keepShorterLegal || (!o.force && run.every((i) => CLIFFORD_T.has(i.gate))))) {
    if (o.keepShorterLegal && !run.every((i) => CLIFFORD_T.has(i.gate))) {
      const out = o.synthesis ? synthesizeOneQubit(m, q, o.synthesis) : oneQubitToInstructions(m, q, { basis: o.basis });
      return out.length < run.length ? out : undefined;
    }
    const short = shortenCliffordSegments(run, q, o.allowed);
    return short.length < run.length ? short : undefined;
  }
  const out = o.synthesis ? synthesizeOneQubit(m, q, o.synthesis) : oneQubitToInstructions(m, q, { basis: o.basis });
  return out.length < run.length || !legal ? out : undefined;
}

export function fuseSingleQubitList(instructions: readonly Instruction[], numQubits: number, o: FuseOptions, target: Target): Instruction[] {
  const splice = new Splice(instructions.length);
  // Runs are found in list order (a wire's run ends at the next other operation on it): walking
  // wire by wire would visit a large circuit's instructions in scattered order, mostly cache misses.
  const runs: number[][] = Array.from({ length: numQubits }, () => []);
  const close = (q: number): void => {
    const run = runs[q]!;
    if (run.length === 0) return;
    const rep = fuseRun(run.map((k) => instructions[k]!), q, o, target);
    if (rep !== undefined) splice.replace(run, rep);
    runs[q] = [];
  };
  for (let k = 0; k < instructions.length; k++) {
    const inst = instructions[k]!, qs = inst.qubits;
    if (qs.length === 1 && isUnconditionalGate(inst)) runs[qs[0]!]!.push(k);
    else for (const q of qs) close(q);
  }
  for (let q = 0; q < numQubits; q++) close(q);
  return splice.apply(instructions);
}

/** The basis has what the tuned device lowering needs (then the logical passes work in U3 as before). */
function hasDeviceLowering(b: ReadonlySet<string>): boolean {
  return ['cx', 'cz', 'ecr', 'ms', 'zz'].some((e) => b.has(e)) && ((b.has('gpi') && b.has('gpi2')) || (b.has('rz') && (b.has('sx') || b.has('ry') || b.has('U'))));
}

/**
 * Fuse one-qubit runs into the shortest form: U3 unless told otherwise, or, on a target with a
 * chosen basis and an Euler form for it (not a built-in device), directly in that basis.
 */
export function fuseSingleQubit(options: Partial<FuseOptions> = {}): Pass {
  return definePass({ name: 'fuse-single-qubit', requires: [], guarantees: [] }, (circuit, ctx) => {
    const b = ctx.target.basisGates;
    const synthesis = options.basis === undefined && b !== null && !isDeviceFamily(ctx.target.family) && !hasDeviceLowering(b) ? oneQubitSynthesisFor(b) : null;
    const o: FuseOptions = synthesis !== null
      ? { basis: 'zyz', allowed: new Set([...b!].filter((g) => gateSpec(g)?.qubits === 1)), synthesis, keepShorterLegal: true }
      : { basis: options.basis ?? 'u3', allowed: options.allowed ?? null, ...(options.force ? { force: true } : {}) };
    return withOwnInstructions(circuit, fuseSingleQubitList(circuit.instructions, circuit.numQubits, o, ctx.target));
  });
}
