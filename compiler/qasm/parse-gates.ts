/**
 * Gate statements of the reader: calls (with broadcasting and modifiers) and `gate` definitions.
 * A defined gate's body is re-read with its parameters and qubits bound at each call; a definition
 * whose name and signature match a library gate (e.g. `ccz`, `ecr`, `mcx_3`, as our writer emits
 * them) is checked numerically against the library matrix and then read as that library gate.
 */
import { circuitUnitary } from '../circuit/unitary.js';
import type { Instruction } from '../circuit/circuit.js';
import { gateMatrix } from '../circuit/gates.js';
import { globalPhaseDistance } from '../linalg/complex.js';
import { ParseError, QntkError } from '../errors.js';
import { describe, expect, parseExpr, parseIntExpr } from './expr.js';
import { libraryGateForDefinition, PRELUDE_FILE, type DefinedGate, type GateEntry } from './gate-table.js';
import { T } from './lexer.js';
import { controlInstructions, invertInstructions, MAX_INSTRUCTIONS, powerInstructions, type Modifier } from './modifiers.js';
import type { Operand, Parser } from './parser.js';

const NO_PARAMS: readonly number[] = Object.freeze([]);
/** Largest definition checked against the library matrix (dense 2^n × 2^n). */
const MAX_CHECKED_QUBITS = 6;

/** `ctrl @`, `negctrl(k) @`, `inv @`, `pow(k) @` … then a gate call. */
export function parseModifiedCall(p: Parser): void {
  const lx = p.lx;
  const mods: Modifier[] = [];
  while (lx.k() === T.Ident) {
    const word = lx.value();
    if (word !== 'ctrl' && word !== 'negctrl' && word !== 'inv' && word !== 'pow') break;
    lx.next();
    if (word === 'inv') mods.push({ kind: 'inv' });
    else if (word === 'pow') {
      expect(lx, T.LParen, "'(' after pow");
      const line = lx.tokLine, col = lx.tokCol;
      const k = parseExpr(lx, p.lookup);
      if (!Number.isInteger(k)) throw lx.errorAt(line, col, `pow(k) needs an integer k, got ${k}`);
      expect(lx, T.RParen, "')'");
      mods.push({ kind: 'pow', exponent: k });
    } else {
      let count = 1;
      if (lx.k() === T.LParen) {
        lx.next();
        const line = lx.tokLine, col = lx.tokCol;
        count = parseIntExpr(lx, p.lookup, 'a control count');
        if (count < 1) throw lx.errorAt(line, col, `${word}(k) needs k ≥ 1, got ${count}`);
        expect(lx, T.RParen, "')'");
      }
      mods.push({ kind: 'ctrl', count, negated: word === 'negctrl' });
    }
    expect(lx, T.At, "'@' after the modifier");
  }
  if (lx.k() !== T.Ident) throw lx.error(`expected a gate name after the modifiers, found ${describe(lx)}`);
  const name = lx.value();
  const line = lx.tokLine, col = lx.tokCol;
  lx.next();
  parseGateCall(p, name, line, col, mods);
}

/** A gate call whose name has been read (the lexer is on the token after it). */
export function parseGateCall(p: Parser, name: string, line: number, col: number, mods: readonly Modifier[] | undefined): void {
  const lx = p.lx;
  const entry = p.gates.get(name);
  if (entry === undefined) throw lx.errorAt(line, col, `unknown gate '${name}' (define it with 'gate ${name} … { … }')`);
  let params = NO_PARAMS;
  if (lx.k() === T.LParen) {
    lx.next();
    if (lx.k() !== T.RParen) {
      const list: number[] = [];
      for (;;) {
        const pLine = lx.tokLine, pCol = lx.tokCol;
        const v = parseExpr(lx, p.lookup);
        // 1/0 or sqrt(-1) would poison every matrix built from this gate: refuse it here, where it is written.
        if (!Number.isFinite(v)) throw lx.errorAt(pLine, pCol, `parameter of '${name}' evaluates to ${v}; give a finite angle`);
        list.push(v);
        if (lx.k() !== T.Comma) break;
        lx.next();
      }
      // Exact-size copies: arrays grown by push keep a 17-slot backing store alive per instruction.
      params = list.length === 1 ? [list[0]!] : list.slice();
    }
    expect(lx, T.RParen, "')'");
  }
  if (params.length !== entry.params) throw lx.errorAt(line, col, `gate '${name}' takes ${entry.params} parameter(s), got ${params.length}`);
  const ops: Operand[] = [];
  let broadcast = -1;
  if (lx.k() !== T.Semi) {
    for (;;) {
      const oLine = lx.tokLine, oCol = lx.tokCol;
      const o = p.qubitOperand();
      if (typeof o !== 'number') {
        if (broadcast >= 0 && o.length !== broadcast) throw lx.errorAt(oLine, oCol, `registers of different sizes (${broadcast} and ${o.length}) in one gate call`);
        broadcast = o.length;
      }
      ops.push(o);
      if (lx.k() !== T.Comma) break;
      lx.next();
    }
  }
  if (lx.k() !== T.Semi) throw lx.error(`expected ',' or ';' after a gate operand, found ${describe(lx)}`);
  lx.next();
  let controls = 0;
  if (mods !== undefined) for (const m of mods) if (m.kind === 'ctrl') controls += m.count;
  const need = controls + entry.qubits;
  if (entry.variadic ? ops.length < need : ops.length !== need) {
    throw lx.errorAt(line, col, `gate '${name}' takes ${entry.variadic ? 'at least ' : ''}${need} qubit(s)${controls > 0 ? ` (${controls} control(s) + ${entry.qubits})` : ''}, got ${ops.length}`);
  }
  if (broadcast < 0) {
    const qs = ops as number[];
    const qubits = qs.length === 1 ? p.single(qs[0]!) : qs.length === 2 ? [qs[0]!, qs[1]!] : qs.slice();
    checkDistinct(p, qubits, line, col);
    apply(p, entry, params, qubits, mods, line, col);
    return;
  }
  for (let i = 0; i < broadcast; i++) {
    const qubits = ops.map((o) => (typeof o === 'number' ? o : o[i]!));
    checkDistinct(p, qubits, line, col);
    apply(p, entry, params, qubits, mods, line, col);
  }
}

function checkDistinct(p: Parser, qs: readonly number[], line: number, col: number): void {
  for (let i = 1; i < qs.length; i++) {
    for (let j = 0; j < i; j++) if (qs[i] === qs[j]) throw p.lx.errorAt(line, col, `qubit ${qs[i]} is used twice in one gate call`);
  }
}

/** Emit one application of a gate entry, after its modifiers. */
function apply(p: Parser, entry: GateEntry, params: readonly number[], qubits: readonly number[], mods: readonly Modifier[] | undefined, line: number, col: number): void {
  if (mods === undefined || mods.length === 0) {
    expand(p, entry, params, qubits);
    return;
  }
  let nCtrl = 0;
  for (const m of mods) if (m.kind === 'ctrl') nCtrl += m.count;
  const saved = p.out, savedCond = p.cond;
  p.out = [];
  p.cond = undefined;
  let list: Instruction[];
  try {
    expand(p, entry, params, qubits.slice(nCtrl));
    list = p.out;
  } finally {
    p.out = saved;
    p.cond = savedCond;
  }
  try {
    let offset = nCtrl;
    for (let k = mods.length - 1; k >= 0; k--) {
      const m = mods[k]!;
      if (m.kind === 'inv') list = invertInstructions(list);
      else if (m.kind === 'pow') {
        if (list.length * Math.abs(m.exponent) > MAX_INSTRUCTIONS) {
          throw p.lx.errorAt(line, col, `pow(${m.exponent}) @ ${list.length} gate(s) flattens to more than ${MAX_INSTRUCTIONS} instructions; lower the exponent`);
        }
        list = powerInstructions(list, m.exponent);
      }
      else {
        offset -= m.count;
        list = controlInstructions(list, qubits.slice(offset, offset + m.count), m.negated);
      }
    }
  } catch (err) {
    if (err instanceof QntkError && !(err instanceof ParseError)) throw p.lx.errorAt(line, col, err.message);
    throw err;
  }
  for (const inst of list) p.emit(inst);
}

function expand(p: Parser, entry: GateEntry, params: readonly number[], qubits: readonly number[]): void {
  if (entry.kind === 'library') p.emit({ gate: entry.name, qubits, params });
  else expandDefined(p, entry, params, qubits, false);
}

/**
 * Read a defined gate's body with parameters and qubits bound. When `validating`, the lexer
 * stays after the body's '}' (the definition itself is being read); otherwise it returns to
 * where it was.
 */
function expandDefined(p: Parser, g: DefinedGate, params: readonly number[], qubits: readonly number[], validating: boolean): void {
  const lx = p.lx;
  if (p.depth > 64) throw lx.error(`gate '${g.name}': definitions nested more than 64 deep`);
  const back = validating ? undefined : lx.save();
  const savedQargs = p.qargs;
  const names = g.paramNames;
  const prev: (number | undefined)[] = new Array(names.length);
  const qargs = new Map<string, number>();
  for (let i = 0; i < g.qubitNames.length; i++) qargs.set(g.qubitNames[i]!, qubits[i]!);
  for (let i = 0; i < names.length; i++) {
    prev[i] = p.values.get(names[i]!);
    p.values.set(names[i]!, params[i]!);
  }
  p.qargs = qargs;
  p.depth++;
  try {
    lx.restore(g.body);
    while (lx.k() !== T.RBrace) {
      if (lx.k() === T.EOF) throw lx.error(`expected '}' to close the body of gate '${g.name}'`);
      p.statement();
    }
  } finally {
    p.depth--;
    p.qargs = savedQargs;
    for (let i = 0; i < names.length; i++) {
      const v = prev[i];
      if (v === undefined) p.values.delete(names[i]!);
      else p.values.set(names[i]!, v);
    }
  }
  if (back !== undefined) lx.restore(back);
  else lx.next();
}

function nameList(p: Parser, close: T, what: string): string[] {
  const lx = p.lx;
  const names: string[] = [];
  while (lx.k() === T.Ident) {
    const n = lx.value();
    if (names.includes(n)) throw lx.error(`${what} '${n}' is listed twice`);
    names.push(n);
    lx.next();
    if (lx.k() !== T.Comma) break;
    lx.next();
  }
  if (lx.k() !== close) throw lx.error(`expected a ${what} name or ${close === T.RParen ? "')'" : "'{'"}, found ${describe(lx)}`);
  return names;
}

/** `gate name(params) a, b { body }`. */
export function parseGateDefinition(p: Parser): void {
  const lx = p.lx;
  if (p.qargs !== undefined) throw lx.error('gate definitions must be at the top level');
  lx.next();
  if (lx.k() !== T.Ident) throw lx.error(`expected a gate name, found ${describe(lx)}`);
  const name = lx.value();
  if (p.defined.has(name)) throw lx.error(`gate '${name}' is already defined`);
  if (lx.file !== PRELUDE_FILE) p.defined.add(name);
  lx.next();
  let paramNames: string[] = [];
  if (lx.k() === T.LParen) {
    lx.next();
    paramNames = nameList(p, T.RParen, 'parameter');
    lx.next();
  }
  const qubitNames = nameList(p, T.LBrace, 'qubit argument');
  if (qubitNames.length === 0) throw lx.error(`gate '${name}' needs at least one qubit argument`);
  lx.next();
  const g: DefinedGate = {
    kind: 'defined', name, paramNames, qubitNames, body: lx.save(),
    qubits: qubitNames.length, variadic: false, params: paramNames.length,
  };
  // Read the body once at generic parameter values: this reports errors at the definition and
  // gives the gate's instructions for the library check below.
  const probe = paramNames.map((_, i) => 0.3183 + 0.7071 * (i + 1));
  const savedOut = p.out, savedCond = p.cond;
  p.out = [];
  p.cond = undefined;
  let body: Instruction[];
  try {
    expandDefined(p, g, probe, qubitNames.map((_, i) => i), true);
    body = p.out;
  } finally {
    p.out = savedOut;
    p.cond = savedCond;
  }
  const lib = libraryGateForDefinition(name, g.qubits, g.params);
  // A library name with a different matrix: the program's own definition wins.
  p.gates.set(name, lib !== undefined && sameAsLibrary(lib.name, probe, g.qubits, body) ? lib : g);
}

/** The body equals the library gate's matrix up to global phase (checked for ≤ 6 qubits). */
function sameAsLibrary(gate: string, params: readonly number[], n: number, body: readonly Instruction[]): boolean {
  if (n > MAX_CHECKED_QUBITS) return true;
  if (body.some((i) => i.gate === 'measure' || i.gate === 'reset' || i.condition)) return false;
  const u = circuitUnitary({ numQubits: n, numClbits: 0, qregs: [], cregs: [], instructions: body, metadata: {} });
  return globalPhaseDistance(u, gateMatrix(gate, params, n)) < 1e-8;
}
