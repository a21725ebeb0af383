/**
 * The OpenQASM output AST: what the writer lowers a Circuit to before printing (style.md §6).
 * Dialects differ in the lowering (lower.ts), never in the printer (printer.ts).
 */

import type { Expr } from '../circuit/expression.js';

/**
 * A gate parameter: a number, an expression of the program's input parameters, or (inside a gate
 * definition) an affine form c + Σ coef·name.
 */
export type ParamExpr =
  | { readonly kind: 'number'; readonly value: number }
  | { readonly kind: 'expression'; readonly expr: Expr }
  | { readonly kind: 'affine'; readonly constant: number; readonly terms: readonly { readonly coef: number; readonly name: string }[] };

export type QubitRef =
  | { readonly kind: 'indexed'; readonly register: string; readonly index: number }
  | { readonly kind: 'physical'; readonly index: number }
  | { readonly kind: 'argument'; readonly name: string };

export interface BitRef {
  readonly register: string;
  readonly index: number;
}

export type GateModifier = { readonly kind: 'ctrl'; readonly count: number };

export interface GateCallNode {
  readonly kind: 'gateCall';
  readonly name: string;
  readonly modifiers: readonly GateModifier[];
  readonly params: readonly ParamExpr[];
  readonly qubits: readonly QubitRef[];
}

export type ConditionNode =
  | { readonly kind: 'bit'; readonly bit: BitRef; readonly value: 0 | 1 }
  | { readonly kind: 'register'; readonly register: string; readonly value: number };

export type Statement =
  | { readonly kind: 'include'; readonly file: string }
  | { readonly kind: 'inputDecl'; readonly name: string; readonly type: 'float' | 'angle'; readonly width?: number }
  | { readonly kind: 'qubitDecl'; readonly name: string; readonly size: number }
  | { readonly kind: 'bitDecl'; readonly name: string; readonly size: number }
  | { readonly kind: 'gateDef'; readonly name: string; readonly params: readonly string[]; readonly qubits: readonly string[]; readonly body: readonly GateCallNode[] }
  | GateCallNode
  | { readonly kind: 'measure'; readonly qubit: QubitRef; readonly bit: BitRef }
  | { readonly kind: 'reset'; readonly qubit: QubitRef }
  | { readonly kind: 'barrier'; readonly qubits: readonly QubitRef[] }
  | { readonly kind: 'if'; readonly condition: ConditionNode; readonly body: Statement };

export interface Program {
  readonly version: 2 | 3;
  readonly statements: readonly Statement[];
}
