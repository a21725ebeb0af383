import { describe, expect, it } from 'vitest';
import {
  bindParameters, CircuitBuilder, controlledMatrix, controlInstruction, Expr, gateMatrix, gateNames, gateSpec, inverseInstruction,
  symbolicDefinition, withValues, type Circuit, type Instruction, type ParamValue,
} from '../../../compiler/circuit/index.js';
import { CMatrix } from '../../../compiler/linalg/complex.js';
import { circuitUnitary } from '../../../compiler/circuit/unitary.js';
import { rng } from '../../helpers/quantum.js';

const PARAMETRISED = gateNames().filter((g) => gateSpec(g)!.params > 0 && g !== 'gphase');
const sym = ['theta', 'phi', 'lam', 'gam'].map((n) => Expr.symbol(n));
const qubitsOf = (g: string): number => (gateSpec(g)!.variadic ? 3 : gateSpec(g)!.qubits);

/** gate(a·x + b) per parameter: expressions with coefficients and offsets, not bare symbols. */
function symbolic(g: string, r: () => number): { inst: Instruction; at: (v: number[]) => number[] } {
  const k = gateSpec(g)!.params;
  const coef = Array.from({ length: k }, () => (r() < 0.5 ? 1 : (r() - 0.5) * 3));
  const off = Array.from({ length: k }, () => (r() < 0.5 ? 0 : (r() - 0.5) * 4));
  const values: ParamValue[] = coef.map((c, i) => sym[i]!.scale(c).add(off[i]!));
  const inst = withValues({ gate: g as never, qubits: Array.from({ length: qubitsOf(g) }, (_, i) => i), params: [] }, values);
  return { inst, at: (v) => coef.map((c, i) => c * v[i]! + off[i]!) };
}

function circuitOf(n: number, insts: readonly Instruction[]): Circuit {
  const b = new CircuitBuilder(n);
  for (const s of sym) b.addParameter({ name: [...s.symbols()][0]!, type: 'float' });
  for (const i of insts) b.add(i);
  return b.build();
}

const bind = (c: Circuit, v: number[]): Circuit => bindParameters(c, { theta: v[0]!, phi: v[1]!, lam: v[2]!, gam: v[3]! });

/** Max entrywise distance of two unitaries (no phase freedom: definitions and inverses are exact). */
const dist = (a: CMatrix, b: CMatrix): number => a.maxAbsDiff(b);

describe('symbolic rewrites are the numeric ones, for every parametrised library gate', () => {
  it.each(PARAMETRISED)('%s: inverse, definition and controlled forms, bound at random values, equal the numeric matrices', (g) => {
    const r = rng(g.length * 7919 + g.charCodeAt(0));
    const { inst, at } = symbolic(g, r);
    const n = qubitsOf(g);
    for (let trial = 0; trial < 3; trial++) {
      const v = Array.from({ length: 4 }, () => (r() - 0.5) * 14);
      const u = gateMatrix(g, at(v), n);
      // U · U⁻¹ = I exactly.
      const inv = circuitUnitary(bind(circuitOf(n, [inst, inverseInstruction(inst)]), v));
      expect(dist(inv, CMatrix.identity(1 << n)), `${g} inverse`).toBeLessThan(1e-10);
      const def = symbolicDefinition(inst);
      if (def !== undefined) expect(dist(circuitUnitary(bind(circuitOf(n, def), v)), u), `${g} definition`).toBeLessThan(1e-10);
      for (const k of [1, 2]) {
        // controlledMatrix takes the controls as the low qubits: controls 0..k−1, the gate above them.
        const controls = Array.from({ length: k }, (_, i) => i);
        const controlled = circuitOf(n + k, controlInstruction(withValues({ ...inst, qubits: inst.qubits.map((q) => q + k) }, inst.exprs!), controls));
        expect(dist(circuitUnitary(bind(controlled, v)), controlledMatrix(u, k)), `${g} ctrl(${k})`).toBeLessThan(1e-9);
      }
    }
  });

  it('a wrong value gives a different matrix (the comparison above can fail)', () => {
    const { inst, at } = symbolic('crx', rng(5));
    const v = [0.3, 0.1, 0, 0];
    const def = symbolicDefinition(inst)!;
    const bound = circuitUnitary(bind(circuitOf(2, def), v));
    expect(dist(bound, gateMatrix('crx', at([0.31, 0.1, 0, 0]), 2))).toBeGreaterThan(1e-3);
  });
});
