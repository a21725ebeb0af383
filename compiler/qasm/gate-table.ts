/**
 * The gates a program may call before defining any: every library gate under its canonical name
 * and aliases (stdgates.inc and qelib1.inc names are all in the library), plus qelib1.inc extras
 * that are not library gates, given as OpenQASM definitions in PRELUDE and flattened like user
 * gates (cu3 → cu with γ = 0, c3x/c4x → mcx, csx/c3sqrtx → controlled sx, rccx/rc3x by their
 * qelib1 bodies, u0 → id).
 */
import type { LexState } from './lexer.js';
import { GATE_ALIASES, gateNames, gateSpec, type GateName } from '../circuit/gates.js';

/** A library gate: the call becomes one instruction (after modifiers). */
export interface LibraryGate {
  readonly kind: 'library';
  readonly name: GateName;
  readonly qubits: number;
  readonly variadic: boolean;
  readonly params: number;
}

/** A gate defined in OpenQASM: its body is re-read with the call's parameters and qubits bound. */
export interface DefinedGate {
  readonly kind: 'defined';
  readonly name: string;
  readonly paramNames: readonly string[];
  readonly qubitNames: readonly string[];
  /** Lexer position of the first token after the body's '{'. */
  readonly body: LexState;
  readonly qubits: number;
  readonly variadic: false;
  readonly params: number;
}

export type GateEntry = LibraryGate | DefinedGate;

/** Source text of the qelib1.inc gates that are not library gates. */
export const PRELUDE = `
gate cu3(theta, phi, lambda) c, t { cu(theta, phi, lambda, 0) c, t; }
gate u0(gamma) q { id q; }
gate csx c, t { ctrl @ sx c, t; }
gate c3x a, b, c, t { ctrl(3) @ x a, b, c, t; }
gate c4x a, b, c, d, t { ctrl(4) @ x a, b, c, d, t; }
gate c3sqrtx a, b, c, t { ctrl(3) @ sx a, b, c, t; }
gate rccx a, b, c {
  u2(0, pi) c; u1(pi/4) c; cx b, c; u1(-pi/4) c; cx a, c; u1(pi/4) c; cx b, c; u1(-pi/4) c; u2(0, pi) c;
}
gate rc3x a, b, c, d {
  u2(0, pi) d; u1(pi/4) d; cx c, d; u1(-pi/4) d; u2(0, pi) d; cx a, d; u1(pi/4) d; cx b, d; u1(-pi/4) d;
  cx a, d; u1(pi/4) d; cx b, d; u1(-pi/4) d; u2(0, pi) d; u1(pi/4) d; cx c, d; u1(-pi/4) d; u2(0, pi) d;
}
`;

/** File name used in diagnostics for PRELUDE. */
export const PRELUDE_FILE = '<qelib1 extras>';

function libraryEntry(alias: string, canonical: string): [string, LibraryGate] | undefined {
  const s = gateSpec(canonical);
  if (s === undefined) return undefined;
  return [alias, { kind: 'library', name: s.name, qubits: s.qubits, variadic: s.variadic, params: s.params }];
}

/** Every library gate under its canonical name and its aliases. */
export const LIBRARY_ENTRIES: ReadonlyMap<string, LibraryGate> = new Map(
  [
    ...gateNames().map((n) => libraryEntry(n, n)),
    ...Object.entries(GATE_ALIASES).filter(([a]) => a !== 'u0').map(([a, c]) => libraryEntry(a, c)),
  ].filter((e): e is [string, LibraryGate] => e !== undefined),
);

/**
 * The library gate a definition named `name` with this signature stands for, if any. Besides
 * library names and aliases this recognises the writer's names for variadic gates: mcx_K,
 * mcz_K, mcp_K (K controls, K + 1 qubits).
 */
export function libraryGateForDefinition(name: string, qubits: number, params: number): LibraryGate | undefined {
  let entry = LIBRARY_ENTRIES.get(name);
  if (entry === undefined) {
    const m = /^(mcx|mcz|mcp)_(\d+)$/.exec(name);
    if (m && Number(m[2]) + 1 === qubits) entry = LIBRARY_ENTRIES.get(m[1]!);
  }
  if (entry === undefined || entry.params !== params) return undefined;
  if (entry.variadic ? qubits < entry.qubits : qubits !== entry.qubits) return undefined;
  return entry;
}
