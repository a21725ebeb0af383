/**
 * The shared component checker (Qualtran's autotester idea): for a component and the linear
 * algebra it claims, (1) its registers partition its qubits, (2) its call graph evaluates and
 * cost() equals the gate counts of circuit() exactly, with a depth bound, and (3) the simulated
 * circuit equals the claim. Size-only components are compared with built ones of the same sizes.
 */
import { expect } from 'vitest';
import { postselectedState, Statevector } from '../../../backends/local/index.js';
import { circuitUnitary } from '../../../compiler/circuit/index.js';
import { CMatrix } from '../../../compiler/linalg/complex.js';
import type { CsrMatrix } from '../../../compiler/linalg/csr.js';
import type { Component } from '../../../compiler/synthesis/component.js';
import { circuitCost } from '../../../compiler/synthesis/cost.js';
import { stateOverlap } from '../../helpers/quantum.js';
import { checkBlockEncoding } from '../blockencoding/check.js';
import { solve } from '../hhl/solve.js';
import type { BlockEncoding } from '../../../compiler/blockencoding/block-encoding.js';

/** What a component's circuit must do. */
export type Claim =
  /** Its unitary, global phase included. */
  | { readonly kind: 'unitary'; readonly matrix: CMatrix }
  /** Basis input → output state, exactly (global phase included); a permutation when every output is a basis state. */
  | { readonly kind: 'states'; readonly cases: ReadonlyArray<{ readonly input: number; readonly output: CMatrix | number }> }
  /** The top-left block times α equals A (a block encoding), within `tol`. */
  | { readonly kind: 'block'; readonly matrix: CsrMatrix; readonly tol?: number }
  /** The top-left block (all non-system qubits 0 in and out) equals `matrix` (QSVT: f(A/α)). */
  | { readonly kind: 'block-function'; readonly systemQubits: number; readonly matrix: CMatrix; readonly tol?: number }
  /** Post-selected, the system register holds A⁻¹b with at least this fidelity, with the predicted probability. */
  | {
    readonly kind: 'solution'; readonly a: CsrMatrix; readonly b: readonly number[]; readonly fidelity: number;
    readonly system: readonly number[]; readonly postselect: ReadonlyArray<readonly [number, number]>; readonly probability?: number;
  };

/** Registers are disjoint and cover 0…numQubits−1. */
function expectRegisters(c: Component): void {
  const seen = new Set<number>();
  for (const r of c.registers) for (const q of r.qubits) {
    expect(seen.has(q), `${c.label}: qubit ${q} in two registers`).toBe(false);
    seen.add(q);
  }
  expect([...seen].sort((x, y) => x - y)).toEqual(Array.from({ length: c.numQubits }, (_, i) => i));
}

/** cost() equals the built circuit's counts; the declared depth bounds the ASAP depth. */
export function expectCostMatchesCircuit(c: Component): void {
  const circuit = c.circuit();
  expect(circuit.numQubits).toBe(c.numQubits);
  const built = circuitCost(circuit), cost = c.cost();
  expect(cost.gates, `${c.label}: cost() differs from the built circuit`).toEqual(built.gates);
  expect(cost.qubits).toBe(c.numQubits);
  expect(cost.depth, `${c.label}: depth bound`).toBeGreaterThanOrEqual(built.depth);
}

function basis(n: number, i: number): CMatrix {
  const v = new CMatrix(2 ** n, 1);
  v.re[i] = 1;
  return v;
}

function expectClaim(c: Component, claim: Claim): void {
  const circuit = c.circuit();
  switch (claim.kind) {
    case 'unitary': {
      const d = circuitUnitary(circuit).maxAbsDiff(claim.matrix);
      expect(d, `${c.label}: unitary differs by ${d.toExponential(3)}`).toBeLessThan(1e-10);
      return;
    }
    case 'states':
      for (const { input, output } of claim.cases) {
        const sv = Statevector.fromAmplitudes(basis(c.numQubits, input).re).applyCircuit(circuit);
        const re = sv.re, im = sv.im; // copies out of the interleaved state: take them once
        const want = typeof output === 'number' ? basis(c.numQubits, output) : output;
        let d = 0;
        for (let i = 0; i < want.rows; i++) d = Math.max(d, Math.hypot(re[i]! - want.re[i]!, im[i]! - want.im[i]!));
        expect(d, `${c.label}: input ${input}`).toBeLessThan(1e-10);
      }
      return;
    case 'block':
      checkBlockEncoding(c as BlockEncoding, claim.matrix, claim.tol ?? 1e-9);
      return;
    case 'block-function': {
      const dim = 2 ** claim.systemQubits;
      const d = circuitUnitary(circuit).block(0, 0, dim, dim).maxAbsDiff(claim.matrix);
      expect(d, `${c.label}: block differs by ${d.toExponential(3)}`).toBeLessThan(claim.tol ?? 1e-10);
      return;
    }
    case 'solution': {
      const kept = postselectedState(Statevector.fromCircuit(circuit), claim.system, claim.postselect);
      const x = new Float64Array(2 ** claim.system.length);
      x.set(solve(claim.a, [...claim.b]));
      expect(stateOverlap({ re: kept.re, im: kept.im }, x), `${c.label}: fidelity with A⁻¹b`).toBeGreaterThanOrEqual(claim.fidelity);
      if (claim.probability !== undefined) expect(kept.probability).toBeCloseTo(claim.probability, 9);
      return;
    }
  }
}

/** The whole check of a component with a circuit. */
export function checkComponent(c: Component, claim: Claim): void {
  expectRegisters(c);
  expectCostMatchesCircuit(c);
  expectClaim(c, claim);
}

/** A size-only component against built ones of its sizes: equal counts, or (bound) at least every count. */
export function checkSized(sized: Component, built: readonly Component[], relation: 'equal' | 'bound'): void {
  expectRegisters(sized);
  expect(() => sized.circuit()).toThrow(/no circuit/);
  for (const b of built) {
    expect(sized.numQubits, `${sized.label} vs ${b.label}: qubits`).toBe(b.numQubits);
    const s = sized.cost(), c = b.cost();
    if (relation === 'equal') expect(s.gates, `${sized.label} vs ${b.label}`).toEqual(c.gates);
    else for (const [g, k] of Object.entries(c.gates)) expect(s.gates[g] ?? 0, `${sized.label} vs ${b.label}: ${g}`).toBeGreaterThanOrEqual(k);
    expect(s.depth).toBeGreaterThanOrEqual(relation === 'equal' ? c.depth : circuitCost(b.circuit()).depth);
  }
}
