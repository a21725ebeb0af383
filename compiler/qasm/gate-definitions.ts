/**
 * `gate` definitions and the expansion of their calls. A definition's body is read once at
 * generic parameter values when it is declared (errors surface at the definition, and a
 * definition whose name and signature match a library gate, e.g. `ccz`, `ecr` or `mcx_3` as our
 * writer emits them, is checked numerically and then read as that library gate). A call re-reads
 * the body with its parameters bound, on local qubits 0..n−1, and keeps the result for later
 * calls with the same parameters: a chain of definitions each calling the previous one twice is
 * expanded once per level, while every call is still charged its full work.
 */
import { circuitUnitary } from '../circuit/unitary.js';
import type { Instruction } from '../circuit/circuit.js';
import { isNonUnitaryOperation } from '../circuit/kinds.js';
import type { ParamValue } from '../circuit/expression.js';
import { gateMatrix } from '../circuit/gates.js';
import { globalPhaseDistance } from '../linalg/complex.js';
import { quote } from '../errors.js';
import { describe } from './expr.js';
import { libraryGateForDefinition, PRELUDE_FILE, type DefinedGate } from './gate-table.js';
import { T } from './lexer.js';
import type { Expansion, ReaderState } from './state.js';

/** Largest definition checked against the library matrix (dense 2^n × 2^n). */
const MAX_CHECKED_QUBITS = 6;

/** Emit a call of a defined gate on `qubits` (its expansion is cached per parameter values). */
export function expandDefined(p: ReaderState, g: DefinedGate, params: readonly ParamValue[], qubits: readonly number[]): void {
  const key = params.length === 0 ? g.name : `${g.name}(${params.map((v) => (typeof v === 'number' ? String(v) : `{${v.key}}`)).join(',')})`;
  let e = p.expansion(key);
  if (e === undefined) {
    const back = p.lx.save();
    e = expandLocal(p, g, params);
    p.lx.restore(back);
    p.remember(key, e);
  } else p.charge(e.work);
  for (const inst of e.instructions) {
    const qs = inst.qubits;
    const mapped = qs.length === 1 ? p.single(qubits[qs[0]!]!) : qs.map((q) => qubits[q]!);
    p.emit(inst.exprs === undefined ? { gate: inst.gate, qubits: mapped, params: inst.params } : { gate: inst.gate, qubits: mapped, params: inst.params, exprs: inst.exprs });
  }
}

/**
 * Read g's body with `params` bound and its qubits as 0..n−1, collecting what it emits. The body
 * sees only its parameters and global constants (not the caller's loop variables). The lexer is
 * left after the body's '}'.
 */
function expandLocal(p: ReaderState, g: DefinedGate, params: readonly ParamValue[]): Expansion {
  const lx = p.lx;
  const savedQargs = p.qargs, savedLocals = p.locals, savedOut = p.out, savedCond = p.cond;
  const work0 = p.work;
  const locals = new Map<string, ParamValue>();
  for (let i = 0; i < g.paramNames.length; i++) locals.set(g.paramNames[i]!, params[i]!);
  const qargs = new Map<string, number>();
  for (let i = 0; i < g.qubitNames.length; i++) qargs.set(g.qubitNames[i]!, i);
  p.qargs = qargs;
  p.locals = locals;
  p.out = [];
  p.cond = undefined;
  p.enter('gate calls');
  try {
    lx.restore(g.body);
    while (lx.k() !== T.RBrace) {
      if (lx.k() === T.EOF) throw lx.error(`expected '}' to close the body of gate ${quote(g.name)}`);
      p.statement();
    }
    lx.next();
    return { instructions: p.out, work: p.work - work0 };
  } finally {
    p.leave();
    p.qargs = savedQargs;
    p.locals = savedLocals;
    p.out = savedOut;
    p.cond = savedCond;
  }
}

function nameList(p: ReaderState, close: T, what: string): string[] {
  const lx = p.lx;
  const names: string[] = [];
  while (lx.k() === T.Ident) {
    const n = lx.value();
    if (names.includes(n)) throw lx.error(`${what} ${quote(n)} is listed twice`);
    names.push(n);
    lx.next();
    if (lx.k() !== T.Comma) break;
    lx.next();
  }
  if (lx.k() !== close) throw lx.error(`expected a ${what} name or ${close === T.RParen ? "')'" : "'{'"}, found ${describe(lx)}`);
  return names;
}

/** `gate name(params) a, b { body }`. */
export function parseGateDefinition(p: ReaderState): void {
  const lx = p.lx;
  if (p.qargs !== undefined) throw lx.error('gate definitions must be at the top level');
  lx.next();
  if (lx.k() !== T.Ident) throw lx.error(`expected a gate name, found ${describe(lx)}`);
  const name = lx.value();
  if (p.defined.has(name)) throw lx.error(`gate ${quote(name)} is already defined`);
  if (lx.file !== PRELUDE_FILE) p.defined.add(name);
  lx.next();
  let paramNames: string[] = [];
  if (lx.k() === T.LParen) {
    lx.next();
    paramNames = nameList(p, T.RParen, 'parameter');
    lx.next();
  }
  const qubitNames = nameList(p, T.LBrace, 'qubit argument');
  if (qubitNames.length === 0) throw lx.error(`gate ${quote(name)} needs at least one qubit argument`);
  lx.next();
  const g: DefinedGate = {
    kind: 'defined', name, paramNames, qubitNames, body: lx.save(),
    qubits: qubitNames.length, variadic: false, params: paramNames.length,
  };
  // Read the body once at generic parameter values: this reports errors at the definition and
  // gives the gate's instructions for the library check below.
  const probe = paramNames.map((_, i) => 0.3183 + 0.7071 * (i + 1));
  const body = expandLocal(p, g, probe).instructions;
  const lib = libraryGateForDefinition(name, g.qubits, g.params);
  // A library name with a different matrix: the program's own definition wins.
  p.gates.set(name, lib !== undefined && sameAsLibrary(lib.name, probe, g.qubits, body) ? lib : g);
}

/** The body equals the library gate's matrix up to global phase (checked for ≤ 6 qubits). */
function sameAsLibrary(gate: string, params: readonly number[], n: number, body: readonly Instruction[]): boolean {
  if (n > MAX_CHECKED_QUBITS) return true;
  if (body.some((i) => isNonUnitaryOperation(i) || i.condition)) return false;
  const u = circuitUnitary({ numQubits: n, numClbits: 0, qregs: [], cregs: [], instructions: body, metadata: {} });
  return globalPhaseDistance(u, gateMatrix(gate, params, n)) < 1e-8;
}
