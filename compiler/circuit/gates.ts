/**
 * The gate library: every gate the IR knows, with its matrix and its inverse.
 *
 * Conventions (fixed once, used everywhere):
 * - Angles are radians. IonQ's native gpi/gpi2/ms/zz take radians here too; the IonQ lowering
 *   converts to turns (θ_turns = θ / 2π).
 * - A gate applied to qubits [q0, q1, …] has a matrix whose index bit j belongs to qubits[j]
 *   (qubits[0] is the least significant bit), matching the circuit convention that qubit 0 is the
 *   least significant bit of a basis-state index.
 * - Controlled gates list their controls first: cx(control, target), ccx(c0, c1, target),
 *   mcx(c0, …, c_{k−1}, target). mcz and mcp are symmetric in all their qubits.
 * - u1/u2/u3 have exactly the matrix of U (as in Qiskit), with no extra global phase.
 */
import { CMatrix, type Complex } from '../linalg/complex.js';

/** Every unitary gate of the library, by canonical name (the printers use these names). */
export const GATE_NAMES = [
  'id', 'x', 'y', 'z', 'h', 's', 'sdg', 't', 'tdg', 'sx', 'sxdg', 'rx',
  'ry', 'rz', 'p', 'u1', 'u2', 'u3', 'U', 'gphase', 'gpi', 'gpi2', 'cx', 'cy',
  'cz', 'ch', 'cp', 'crx', 'cry', 'crz', 'cu', 'swap', 'ecr', 'rxx', 'ryy', 'rzz',
  'zz', 'ms', 'ccx', 'ccz', 'cswap', 'mcx', 'mcz', 'mcp'
] as const;

/** The canonical name of a unitary gate of the library. */
export type GateName = (typeof GATE_NAMES)[number];
/** Operations that are not unitary gates. */
export type NonUnitaryName = 'measure' | 'reset' | 'barrier' | 'delay';
/** What an instruction applies: a library gate or a non-unitary operation. */
export type OperationName = GateName | NonUnitaryName;

/** The name and parameters of a gate application, without its qubits. */
export interface GateCall {
  readonly gate: GateName;
  readonly params: readonly number[];
}

export interface GateSpec {
  readonly name: GateName;
  /** Fixed qubit count; for variadic gates the minimum. */
  readonly qubits: number;
  readonly variadic: boolean;
  readonly params: number;
  /** Diagonal in the computational basis (commutes with Z-type gates, removable before measurement). */
  readonly diagonal: boolean;
  /** For controlled forms: how many leading qubits are controls (variadic: all but the last). */
  readonly controls: number;
  /** For controlled forms: the gate applied to the remaining qubits when every control is 1. */
  readonly base?: GateName;
  /** Matrix of the gate on `n` qubits (n matters only for variadic gates). */
  matrix(params: readonly number[], n: number): CMatrix;
  /** The gate call that undoes this one. */
  inverse(params: readonly number[]): GateCall;
}

const SQ = Math.SQRT1_2;
const m2 = (a: Complex, b: Complex, cc: Complex, d: Complex): CMatrix => CMatrix.from([[a, b], [cc, d]]);
const z = (re: number, im = 0): Complex => ({ re, im });
const e = (t: number): Complex => ({ re: Math.cos(t), im: Math.sin(t) });
const p = (i: number, params: readonly number[]): number => params[i] ?? 0;

/** U(θ, φ, λ) = [[cos θ/2, −e^{iλ} sin θ/2], [e^{iφ} sin θ/2, e^{i(φ+λ)} cos θ/2]]. */
export function uMatrix(theta: number, phi: number, lambda: number): CMatrix {
  const cth = Math.cos(theta / 2), sth = Math.sin(theta / 2);
  const el = e(lambda), ep = e(phi), epl = e(phi + lambda);
  return m2(z(cth), z(-el.re * sth, -el.im * sth), z(ep.re * sth, ep.im * sth), z(epl.re * cth, epl.im * cth));
}

/**
 * Matrix of a gate controlled on `nc` control qubits that come first in the qubit list (low bits):
 * index = controlBits + 2^nc · targetIndex; the base acts when every control bit is 1.
 */
export function controlledMatrix(base: CMatrix, nc: number): CMatrix {
  const nt = base.rows;
  const dimC = 1 << nc;
  const n = dimC * nt;
  const out = CMatrix.identity(n);
  const all = dimC - 1;
  for (let i = 0; i < nt; i++) {
    for (let j = 0; j < nt; j++) {
      const r = all + dimC * i, col = all + dimC * j;
      out.re[r * n + col] = base.re[i * nt + j]!;
      out.im[r * n + col] = base.im[i * nt + j]!;
    }
  }
  return out;
}

/** σ(φ) = cos φ·X + sin φ·Y (IonQ's native axis, φ in radians). */
function sigma(phi: number): CMatrix {
  return m2(z(0), e(-phi), e(phi), z(0));
}

function diag(...entries: Complex[]): CMatrix {
  return CMatrix.diagonal(entries);
}

/** exp(−i θ/2 · P⊗P) for P with P² = I: cos(θ/2) I − i sin(θ/2) P⊗P. */
function pauliRotation2(pp: CMatrix, theta: number): CMatrix {
  return CMatrix.identity(4).scale(Math.cos(theta / 2)).add(pp.scale(z(0, -Math.sin(theta / 2))));
}

const X = m2(z(0), z(1), z(1), z(0));
const Y = m2(z(0), z(0, -1), z(0, 1), z(0));
const Z = diag(z(1), z(-1));
const H = m2(z(SQ), z(SQ), z(SQ), z(-SQ));
const SX = m2(z(0.5, 0.5), z(0.5, -0.5), z(0.5, -0.5), z(0.5, 0.5));

interface Def {
  qubits: number;
  params?: number;
  variadic?: boolean;
  diagonal?: boolean;
  controls?: number;
  base?: GateName;
  matrix: (params: readonly number[], n: number) => CMatrix;
  /** Name of the inverse gate with the same params negated ('neg'), the same gate ('self'), or a function. */
  inverse: 'self' | 'neg' | GateName | ((params: readonly number[]) => GateCall);
}

const rx = (t: number): CMatrix => m2(z(Math.cos(t / 2)), z(0, -Math.sin(t / 2)), z(0, -Math.sin(t / 2)), z(Math.cos(t / 2)));
const ry = (t: number): CMatrix => m2(z(Math.cos(t / 2)), z(-Math.sin(t / 2)), z(Math.sin(t / 2)), z(Math.cos(t / 2)));
const rz = (t: number): CMatrix => diag(e(-t / 2), e(t / 2));
const ph = (t: number): CMatrix => diag(z(1), e(t));

const DEFS: Readonly<Record<GateName, Def>> = {
  id: { qubits: 1, diagonal: true, matrix: () => CMatrix.identity(2), inverse: 'self' },
  x: { qubits: 1, matrix: () => X, inverse: 'self' },
  y: { qubits: 1, matrix: () => Y, inverse: 'self' },
  z: { qubits: 1, diagonal: true, matrix: () => Z, inverse: 'self' },
  h: { qubits: 1, matrix: () => H, inverse: 'self' },
  s: { qubits: 1, diagonal: true, matrix: () => diag(z(1), z(0, 1)), inverse: 'sdg' },
  sdg: { qubits: 1, diagonal: true, matrix: () => diag(z(1), z(0, -1)), inverse: 's' },
  t: { qubits: 1, diagonal: true, matrix: () => diag(z(1), e(Math.PI / 4)), inverse: 'tdg' },
  tdg: { qubits: 1, diagonal: true, matrix: () => diag(z(1), e(-Math.PI / 4)), inverse: 't' },
  sx: { qubits: 1, matrix: () => SX, inverse: 'sxdg' },
  sxdg: { qubits: 1, matrix: () => SX.adjoint(), inverse: 'sx' },
  rx: { qubits: 1, params: 1, matrix: (q) => rx(p(0, q)), inverse: 'neg' },
  ry: { qubits: 1, params: 1, matrix: (q) => ry(p(0, q)), inverse: 'neg' },
  rz: { qubits: 1, params: 1, diagonal: true, matrix: (q) => rz(p(0, q)), inverse: 'neg' },
  p: { qubits: 1, params: 1, diagonal: true, matrix: (q) => ph(p(0, q)), inverse: 'neg' },
  u1: { qubits: 1, params: 1, diagonal: true, matrix: (q) => ph(p(0, q)), inverse: 'neg' },
  u2: {
    qubits: 1, params: 2, matrix: (q) => uMatrix(Math.PI / 2, p(0, q), p(1, q)),
    inverse: (q) => ({ gate: 'U', params: [-Math.PI / 2, -p(1, q), -p(0, q)] }),
  },
  u3: { qubits: 1, params: 3, matrix: (q) => uMatrix(p(0, q), p(1, q), p(2, q)), inverse: (q) => ({ gate: 'u3', params: [-p(0, q), -p(2, q), -p(1, q)] }) },
  U: { qubits: 1, params: 3, matrix: (q) => uMatrix(p(0, q), p(1, q), p(2, q)), inverse: (q) => ({ gate: 'U', params: [-p(0, q), -p(2, q), -p(1, q)] }) },
  gphase: { qubits: 0, params: 1, diagonal: true, matrix: (q) => diag(e(p(0, q))), inverse: 'neg' },
  gpi: { qubits: 1, params: 1, matrix: (q) => sigma(p(0, q)), inverse: 'self' },
  gpi2: {
    qubits: 1, params: 1, matrix: (q) => CMatrix.identity(2).add(sigma(p(0, q)).scale(z(0, -1))).scale(SQ),
    inverse: (q) => ({ gate: 'gpi2', params: [p(0, q) + Math.PI] }),
  },
  cx: { qubits: 2, controls: 1, base: 'x', matrix: () => controlledMatrix(X, 1), inverse: 'self' },
  cy: { qubits: 2, controls: 1, base: 'y', matrix: () => controlledMatrix(Y, 1), inverse: 'self' },
  cz: { qubits: 2, controls: 1, base: 'z', diagonal: true, matrix: () => controlledMatrix(Z, 1), inverse: 'self' },
  ch: { qubits: 2, controls: 1, base: 'h', matrix: () => controlledMatrix(H, 1), inverse: 'self' },
  cp: { qubits: 2, params: 1, controls: 1, base: 'p', diagonal: true, matrix: (q) => controlledMatrix(ph(p(0, q)), 1), inverse: 'neg' },
  crx: { qubits: 2, params: 1, controls: 1, base: 'rx', matrix: (q) => controlledMatrix(rx(p(0, q)), 1), inverse: 'neg' },
  cry: { qubits: 2, params: 1, controls: 1, base: 'ry', matrix: (q) => controlledMatrix(ry(p(0, q)), 1), inverse: 'neg' },
  crz: { qubits: 2, params: 1, controls: 1, base: 'rz', diagonal: true, matrix: (q) => controlledMatrix(rz(p(0, q)), 1), inverse: 'neg' },
  cu: {
    qubits: 2, params: 4, controls: 1,
    matrix: (q) => controlledMatrix(uMatrix(p(0, q), p(1, q), p(2, q)).scale(e(p(3, q))), 1),
    inverse: (q) => ({ gate: 'cu', params: [-p(0, q), -p(2, q), -p(1, q), -p(3, q)] }),
  },
  swap: { qubits: 2, matrix: () => CMatrix.real([[1, 0, 0, 0], [0, 0, 1, 0], [0, 1, 0, 0], [0, 0, 0, 1]]), inverse: 'self' },
  ecr: {
    qubits: 2,
    matrix: () => CMatrix.from([[0, SQ, 0, z(0, SQ)], [SQ, 0, z(0, -SQ), 0], [0, z(0, SQ), 0, SQ], [z(0, -SQ), 0, SQ, 0]]),
    inverse: 'self',
  },
  rxx: { qubits: 2, params: 1, matrix: (q) => pauliRotation2(X.kron(X), p(0, q)), inverse: 'neg' },
  ryy: { qubits: 2, params: 1, matrix: (q) => pauliRotation2(Y.kron(Y), p(0, q)), inverse: 'neg' },
  rzz: { qubits: 2, params: 1, diagonal: true, matrix: (q) => pauliRotation2(Z.kron(Z), p(0, q)), inverse: 'neg' },
  zz: { qubits: 2, params: 1, diagonal: true, matrix: (q) => pauliRotation2(Z.kron(Z), p(0, q)), inverse: 'neg' },
  ms: {
    qubits: 2, params: 3,
    // σ(φ0) acts on qubits[0] (the low bit), so it is the right factor of the Kronecker product.
    matrix: (q) => pauliRotation2(sigma(p(1, q)).kron(sigma(p(0, q))), p(2, q)),
    inverse: (q) => ({ gate: 'ms', params: [p(0, q), p(1, q), -p(2, q)] }),
  },
  ccx: { qubits: 3, controls: 2, base: 'x', matrix: () => controlledMatrix(X, 2), inverse: 'self' },
  ccz: { qubits: 3, controls: 2, base: 'z', diagonal: true, matrix: () => controlledMatrix(Z, 2), inverse: 'self' },
  cswap: {
    qubits: 3, controls: 1, base: 'swap',
    matrix: () => controlledMatrix(CMatrix.real([[1, 0, 0, 0], [0, 0, 1, 0], [0, 1, 0, 0], [0, 0, 0, 1]]), 1),
    inverse: 'self',
  },
  mcx: { qubits: 2, variadic: true, base: 'x', matrix: (_q, n) => controlledMatrix(X, n - 1), inverse: 'self' },
  mcz: { qubits: 2, variadic: true, base: 'z', diagonal: true, matrix: (_q, n) => controlledMatrix(Z, n - 1), inverse: 'self' },
  mcp: { qubits: 2, params: 1, variadic: true, base: 'p', diagonal: true, matrix: (q, n) => controlledMatrix(ph(p(0, q)), n - 1), inverse: 'neg' },
};

/** Alternative spellings accepted on input; the IR and the printers use the canonical names. */
export const GATE_ALIASES: Readonly<Record<string, GateName>> = {
  CX: 'cx', cnot: 'cx', phase: 'p', cphase: 'cp', cu1: 'cp', u: 'U', u0: 'id', toffoli: 'ccx', fredkin: 'cswap', i: 'id',
};

function buildSpec(name: GateName, d: Def): GateSpec {
  const inv = d.inverse;
  const inverse =
    inv === 'self' ? (q: readonly number[]): GateCall => ({ gate: name, params: [...q] })
      : inv === 'neg' ? (q: readonly number[]): GateCall => ({ gate: name, params: q.map((x) => -x) })
        : typeof inv === 'string' ? (q: readonly number[]): GateCall => ({ gate: inv, params: [...q] })
          : inv;
  return {
    name,
    qubits: d.qubits,
    variadic: d.variadic ?? false,
    params: d.params ?? 0,
    diagonal: d.diagonal ?? false,
    controls: d.controls ?? 0,
    ...(d.base === undefined ? {} : { base: d.base }),
    matrix: d.matrix,
    inverse,
  };
}

const SPECS: ReadonlyMap<string, GateSpec> = new Map(GATE_NAMES.map((k) => [k, buildSpec(k, DEFS[k])]));

/** Operations that are not unitary gates. */
export const NON_UNITARY: ReadonlySet<string> = new Set<NonUnitaryName>(['measure', 'reset', 'barrier', 'delay']);

/** The spec of a library gate (canonical name), or undefined. */
export function gateSpec(name: string): GateSpec | undefined {
  return SPECS.get(name);
}

/** Canonical name for a gate name or alias, or undefined if unknown. */
export function canonicalGateName(name: string): GateName | undefined {
  const spec = SPECS.get(name);
  if (spec !== undefined) return spec.name;
  const a = GATE_ALIASES[name];
  return a !== undefined && SPECS.has(a) ? a : undefined;
}

/** All canonical gate names of the library. */
export function gateNames(): GateName[] {
  return [...GATE_NAMES];
}

/** Number of control qubits of a gate applied to `n` qubits (variadic gates: n − 1). */
export function controlCount(spec: GateSpec, n: number): number {
  return spec.variadic ? n - 1 : spec.controls;
}

/** The gate's matrix; throws on unknown names. */
export function gateMatrix(name: string, params: readonly number[], n?: number): CMatrix {
  const s = SPECS.get(name);
  if (s === undefined) throw new Error(`gateMatrix: unknown gate '${name}'`);
  return s.matrix(params, n ?? s.qubits);
}

/** The inverse gate call; throws on unknown names. */
export function gateInverse(name: string, params: readonly number[]): GateCall {
  const s = SPECS.get(name);
  if (s === undefined) throw new Error(`gateInverse: unknown gate '${name}'`);
  return s.inverse(params);
}
