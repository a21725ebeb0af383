import { describe, expect, it } from 'vitest';
import { CircuitBuilder, circuitUnitary } from '../../../compiler/circuit/index.js';
import { CMatrix } from '../../../compiler/linalg/complex.js';
import { circuitCost } from '../../../compiler/synthesis/cost.js';
import {
  appendDiagonal, appendMultiplexor, countDiagonal, countMultiplexor, UniformlyControlledRotation, uniformlyControlledExamples,
} from '../../../compiler/synthesis/uniformly-controlled.js';
import { rng } from '../../helpers/quantum.js';
import { multiplexorMatrix } from '../components/claims.js';

describe('uniformly controlled rotations', () => {
  it.each(uniformlyControlledExamples().map((e, i) => [i, e] as const))('example %i equals its block-diagonal matrix exactly', (_i, ex) => {
    const d = circuitUnitary(ex.circuit()).maxAbsDiff(multiplexorMatrix(ex.axis, ex.angles!));
    expect(d).toBeLessThan(1e-12);
    const actual = circuitCost(ex.circuit());
    expect(actual.gates).toEqual(ex.cost().gates);
    expect(actual.depth).toBeLessThanOrEqual(ex.cost().depth);
  });

  it.each([1, 2, 3, 4])('random %i-control multiplexors (both axes), with arbitrary control placement', (k) => {
    const r = rng(100 + k);
    for (const axis of ['y', 'z'] as const) {
      const angles = Array.from({ length: 1 << k }, () => (r() - 0.5) * 8);
      const perm = [...Array(k + 1).keys()].sort(() => r() - 0.5);
      const b = new CircuitBuilder(k + 1);
      appendMultiplexor(b, { axis, angles, controls: perm.slice(0, k), target: perm[k]! });
      // Reference on the permuted qubits: relabel via an explicit mapping into the canonical layout.
      const ref = new CircuitBuilder(k + 1);
      appendMultiplexor(ref, { axis, angles, controls: [...Array(k).keys()], target: k });
      const canon = circuitUnitary(ref.build());
      expect(canon.maxAbsDiff(multiplexorMatrix(axis, angles))).toBeLessThan(1e-12);
      const u = circuitUnitary(b.build());
      const dim = 1 << (k + 1);
      const map = (x: number): number => {
        let y = 0;
        for (let q = 0; q <= k; q++) if ((x >> perm[q]!) & 1) y |= 1 << q;
        return y;
      };
      let d = 0;
      for (let x = 0; x < dim; x++) for (let y = 0; y < dim; y++) {
        const a = u.get(x, y), c = canon.get(map(x), map(y));
        d = Math.max(d, Math.hypot(a.re - c.re, a.im - c.im));
      }
      expect(d).toBeLessThan(1e-12);
    }
  });

  it('compression drops zero Walsh angles, cancels their CNOTs and stays exact', () => {
    // Angles constant in the top control: only half the Walsh spectrum is nonzero.
    const angles = [0.3, -0.7, 1.1, 0.2, 0.3, -0.7, 1.1, 0.2];
    const b = new CircuitBuilder(4);
    appendMultiplexor(b, { axis: 'y', angles, controls: [0, 1, 2], target: 3, tolerance: 1e-12 });
    const c = b.build();
    expect(circuitUnitary(c).maxAbsDiff(multiplexorMatrix('y', angles))).toBeLessThan(1e-12);
    const counts = circuitCost(c).gates;
    expect(counts.ry).toBe(4);
    expect(counts.cx).toBe(4);
    expect(countMultiplexor(angles, 1e-12)).toEqual({ rotations: 4, cnots: 4 });
  });

  it('diagonal unitaries, global phase included', () => {
    const r = rng(7);
    for (const m of [1, 2, 3, 4]) {
      const phases = Array.from({ length: 1 << m }, () => (r() - 0.5) * 10);
      const b = new CircuitBuilder(m);
      appendDiagonal(b, { phases, qubits: [...Array(m).keys()] });
      const u = circuitUnitary(b.build());
      const ref = CMatrix.diagonal(phases.map((p) => ({ re: Math.cos(p), im: Math.sin(p) })));
      expect(u.maxAbsDiff(ref)).toBeLessThan(1e-12);
      expect(circuitCost(b.build()).gates.cx ?? 0).toBe(countDiagonal(phases).cnots);
    }
  });

  it('rejects angle counts that are not a power of two', () => {
    expect(() => new UniformlyControlledRotation({ axis: 'y', angles: [1, 2, 3] })).toThrow(/power of two/);
  });
});
