/**
 * Prints an OpenQASM AST as program text with an exhaustive switch over node kinds. Numbers are
 * printed so that our reader gets the identical double back: exact multiples of π as `n*pi/d`,
 * everything else in JavaScript's shortest round-trip form.
 */
import type { BitRef, ConditionNode, GateCallNode, ParamExpr, Program, QubitRef, Statement } from './ast.js';

const DENOMINATORS = [1, 2, 3, 4, 6, 8, 12, 16, 32, 64, 128];

/** A number as OpenQASM text that reads back as exactly the same double. */
export function formatNumber(x: number): string {
  if (x === 0) return '0';
  for (const d of DENOMINATORS) {
    const n = Math.round((x * d) / Math.PI);
    if (n === 0 || Math.abs(n) > 4 * d) continue;
    const text = n === 1 ? 'pi' : n === -1 ? '-pi' : `${n}*pi`;
    // The reader evaluates left to right: (n*π)/d, with unary minus applied to π first.
    const value = (n === 1 ? Math.PI : n === -1 ? -Math.PI : n * Math.PI) / d;
    if (value === x) return d === 1 ? text : `${text}/${d}`;
  }
  return String(x);
}

/**
 * A gate parameter: integers get a decimal point, because angle-typed readers (qsharp-lang)
 * refuse to cast an integer literal to an angle (`rz(1)` fails, `rz(1.0)` works).
 */
function formatAngle(x: number): string {
  const t = formatNumber(x);
  return /^-?\d+$/.test(t) ? `${t}.0` : t;
}

/**
 * coef·name with name an angle: OpenQASM 3 allows angle / int and int · angle but not float ·
 * angle, so 1/k coefficients are written as a division.
 */
function formatTerm(coef: number, name: string): string {
  if (coef === 1) return name;
  if (coef === -1) return `-${name}`;
  if (Number.isInteger(coef)) return `${coef}*${name}`;
  const k = 1 / coef;
  // −(p/k), not −p/k: with angle semantics the negation must come after the division.
  if (Number.isInteger(k) && 1 / k === coef) return k > 0 ? `${name}/${k}` : `-(${name}/${-k})`;
  return `${formatNumber(coef)}*${name}`;
}

function formatParam(p: ParamExpr): string {
  if (p.kind === 'number') return formatAngle(p.value);
  if (p.kind === 'expression') return p.expr.format(formatNumber);
  const parts: string[] = [];
  for (const t of p.terms) {
    if (t.coef === 0) continue;
    const term = formatTerm(t.coef, t.name);
    parts.push(parts.length > 0 && term.startsWith('-') ? `- ${term.slice(1)}` : parts.length > 0 ? `+ ${term}` : term);
  }
  if (p.constant !== 0 || parts.length === 0) {
    const c = formatAngle(p.constant);
    parts.push(parts.length === 0 ? c : c.startsWith('-') ? `- ${c.slice(1)}` : `+ ${c}`);
  }
  return parts.join(' ');
}

function formatQubit(q: QubitRef): string {
  switch (q.kind) {
    case 'indexed': return `${q.register}[${q.index}]`;
    case 'physical': return `$${q.index}`;
    case 'argument': return q.name;
    default: return unreachable(q);
  }
}

const formatBit = (b: BitRef): string => `${b.register}[${b.index}]`;

function formatCall(c: GateCallNode): string {
  // Written without intermediate arrays: a million-gate program prints a million of these.
  let text = '';
  for (const m of c.modifiers) text += m.count === 1 ? 'ctrl @ ' : `ctrl(${m.count}) @ `;
  text += c.name;
  for (let k = 0; k < c.params.length; k++) text += `${k === 0 ? '(' : ', '}${formatParam(c.params[k]!)}`;
  if (c.params.length > 0) text += ')';
  for (let k = 0; k < c.qubits.length; k++) text += `${k === 0 ? ' ' : ', '}${formatQubit(c.qubits[k]!)}`;
  return `${text};`;
}

function formatCondition(c: ConditionNode, version: 2 | 3): string {
  if (c.kind === 'register') return version === 2 ? `if(${c.register}==${c.value})` : `if (${c.register} == ${c.value})`;
  return c.value === 1 ? `if (${formatBit(c.bit)})` : `if (!${formatBit(c.bit)})`;
}

function formatStatement(s: Statement, version: 2 | 3): string {
  switch (s.kind) {
    case 'include': return `include "${s.file}";`;
    case 'inputDecl': return `input ${s.width === undefined ? s.type : `${s.type}[${s.width}]`} ${s.name};`;
    case 'qubitDecl': return version === 2 ? `qreg ${s.name}[${s.size}];` : `qubit[${s.size}] ${s.name};`;
    case 'bitDecl': return version === 2 ? `creg ${s.name}[${s.size}];` : `bit[${s.size}] ${s.name};`;
    case 'gateDef': {
      const params = s.params.length > 0 ? `(${s.params.join(', ')})` : '';
      const body = s.body.map((b) => `  ${formatCall(b)}\n`).join('');
      return `gate ${s.name}${params} ${s.qubits.join(', ')} {\n${body}}`;
    }
    case 'gateCall': return formatCall(s);
    case 'measure':
      return version === 2 ? `measure ${formatQubit(s.qubit)} -> ${formatBit(s.bit)};` : `${formatBit(s.bit)} = measure ${formatQubit(s.qubit)};`;
    case 'reset': return `reset ${formatQubit(s.qubit)};`;
    case 'barrier': return `barrier ${s.qubits.map(formatQubit).join(', ')};`;
    case 'if': return `${formatCondition(s.condition, version)} ${formatStatement(s.body, version)}`;
    default: return unreachable(s);
  }
}

function unreachable(x: never): never {
  throw new Error(`printer: unhandled node ${JSON.stringify(x)}`);
}

/** The program text (ends with a newline). */
export function printProgram(program: Program): string {
  // Lines are gathered into chunks of a few thousand and the chunks joined: one array entry per
  // line of a million-line program costs more in memory traffic than the formatting.
  const chunks: string[] = [];
  let chunk: string[] = [program.version === 2 ? 'OPENQASM 2.0;' : 'OPENQASM 3.0;'];
  for (const s of program.statements) {
    chunk.push(formatStatement(s, program.version));
    if (chunk.length === 4096) {
      chunks.push(chunk.join('\n'));
      chunk = [];
    }
  }
  if (chunk.length > 0) chunks.push(chunk.join('\n'));
  return `${chunks.join('\n')}\n`;
}
