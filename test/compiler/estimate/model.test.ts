import { describe, expect, it } from 'vitest';
import { SparseEncoding } from '../../../compiler/blockencoding/sparse.js';
import { buildHhlWalk } from '../../../compiler/hhl/walk.js';
import { CsrMatrix } from '../../../compiler/linalg/csr.js';
import { createRandom } from '../../../compiler/linalg/random.js';
import { symmetricEigenvalues } from '../../../compiler/linalg/eigen.js';
import { sparsityPattern } from '../../../compiler/ntk/sparsity.js';
import { compileLinearSystem } from '../../../compiler/pipeline.js';
import { circuitCost, cnotCount, type GateCost } from '../../../compiler/synthesis/cost.js';
import { Qrom } from '../../../compiler/synthesis/qrom.js';
import { StatePrep } from '../../../compiler/synthesis/state-prep.js';
import { estimateResources, hhlClockQubits, modelResources, qsvtDegree } from '../../../compiler/estimate.js';

/** A sparsified-NTK-like SPD matrix: the paper's random pattern, unit diagonal, small off-diagonal values. */
function ntkPattern(n: number, seed: number): CsrMatrix {
  const r = createRandom(seed);
  const f = sparsityPattern(n, r);
  const s = f.maxColNnz();
  const dense = f.toDense();
  for (let i = 0; i < n; i++) for (let j = 0; j < i; j++) {
    if (dense[i * n + j] === 0) continue;
    const v = (0.5 * (r.next() - 0.5)) / s;
    dense[i * n + j] = v;
    dense[j * n + i] = v;
  }
  return CsrMatrix.fromDense(n, n, dense);
}

function rhs(n: number): Float64Array {
  return Float64Array.from({ length: n }, (_, i) => (i < n / 2 ? 1 : -1) * (1 + 0.1 * i));
}

function minAbsEig(a: CsrMatrix): number {
  return Math.min(...[...symmetricEigenvalues(a.toDense(), a.rows)].map(Math.abs));
}

/** Every gate of `model` at least the built count, and no gate the model does not know. */
function expectBound(model: GateCost, built: GateCost): void {
  for (const [g, k] of Object.entries(built.gates)) expect(model.gates[g] ?? 0, g).toBeGreaterThanOrEqual(k);
}

describe('size-only QROM (full table)', () => {
  it.each([[1, 0, false], [1, 0, true], [5, 3, false], [8, 3, false], [11, 4, true], [16, 4, false], [37, 6, false], [64, 6, true]] as const)(
    'priced in O(log L) steps, equals the built lookup of %i all-ones entries on %i selection bits (controlled %s)', (L, bits, controlled) => {
      const built = new Qrom({ data: new Array<number>(L).fill(31), selectBits: bits, dataBits: 5, controlled });
      const full = Qrom.full({ length: L, selectBits: bits, dataBits: 5, controlled });
      expect(full.cost().gates).toEqual(circuitCost(built.circuit()).gates);
      expect(full.numQubits).toBe(built.numQubits);
      expect(full.cost().depth).toBeGreaterThanOrEqual(circuitCost(built.circuit()).depth);
    });

  it('bounds a table with zero entries (zeros only remove gates)', () => {
    const data = [0, 3, 0, 0, 7, 1, 0, 2, 0, 0, 0, 5];
    const built = circuitCost(new Qrom({ data, selectBits: 4, dataBits: 3 }).circuit());
    expectBound(Qrom.full({ length: data.length, selectBits: 4, dataBits: 3 }).cost(), built);
  });

  it('a 2^34-entry table: 2L − 4 Toffolis, as the tree has L − 2 controlled internal nodes', () => {
    const L = 2 ** 34;
    const c = Qrom.full({ length: L, selectBits: 34, dataBits: 30 }).cost();
    // Without a control the root flips its selection bit twice; each of the two subtrees of height 33 has
    // 2^33 − 1 internal nodes (2 Toffolis, 2 X, 1 CNOT each); every leaf writes 30 bits with CNOTs.
    expect(c.gates).toEqual({ ccx: 2 * (L - 2), cx: 30 * L + (L - 2), x: 2 + 2 * (L - 2) });
  });
});

describe('estimate model against built circuits', () => {
  const eps = 0.02;
  it.each([2, 4, 8, 16])('QSVT on a %i×%i sparsified-NTK-like matrix: same qubits, gates by name, CNOTs; depth ≥', (n) => {
    const a = n === 2 ? CsrMatrix.fromDense(2, 2, [1, 0.3, 0.3, 1]) : ntkPattern(n, n);
    const b = rhs(n);
    const prog = compileLinearSystem(a, b, { method: 'qsvt', encoding: 'sparse', epsilon: eps });
    const enc = new SparseEncoding({ matrix: a });
    const kappaEff = enc.alpha / minAbsEig(a);
    expect(prog.degree).toBe(qsvtDegree(kappaEff, eps));
    const built = circuitCost(prog.circuit);
    const base = { systemQubits: enc.systemQubits, colors: enc.colors, kappaEff, epsilon: eps, method: 'qsvt' as const };
    // The composition with the actual U and |b⟩ preparation is exact.
    const exact = modelResources({
      ...base, access: 'qrom', encoding: enc, rhsPrep: new StatePrep({ amplitudes: b, numQubits: enc.systemQubits }),
    });
    expect(exact.cost.gates).toEqual(built.gates);
    expect(exact.qubits).toBe(prog.circuit.numQubits);
    expect(cnotCount(exact.cost)).toBe(cnotCount(built));
    expect(exact.cost.depth).toBeGreaterThanOrEqual(built.depth);
    expect(exact.queries.blockEncoding).toBe(prog.degree);
    // The closed form from sizes alone: same qubits and degree, every gate count an upper bound.
    const closed = modelResources({ ...base, access: 'qrom' });
    expect(closed.qubits).toBe(prog.circuit.numQubits);
    expect(closed.degree).toBe(prog.degree);
    expectBound(closed.cost, built);
    expect(closed.cost.depth).toBeGreaterThanOrEqual(built.depth);
    // QRAM model: the register of the ancilla-free ('mcx') oracle variant plus signal and LCU qubits.
    const qram = modelResources({ ...base, access: 'qram' });
    expect(qram.qubits).toBe(new SparseEncoding({ matrix: a, qrom: 'mcx' }).numQubits + 2);
  });

  it.each([4, 8, 16])('HHL (walk) on a %i×%i matrix: exact composition except the flag multiplexor (bounded)', (n) => {
    const a = ntkPattern(n, 100 + n);
    const b = rhs(n);
    const enc = new SparseEncoding({ matrix: a });
    const kappaEff = enc.alpha / minAbsEig(a);
    const t = 4;
    const prog = buildHhlWalk(a, b, { encoding: 'sparse', clockQubits: t, epsilon: eps });
    const built = circuitCost(prog.circuit);
    const exact = modelResources({
      systemQubits: enc.systemQubits, colors: enc.colors, kappaEff, epsilon: eps, method: 'hhl', access: 'qrom', clockQubits: t,
      encoding: enc, rhsPrep: new StatePrep({ amplitudes: b, numQubits: enc.systemQubits }),
    });
    expect(exact.qubits).toBe(prog.circuit.numQubits);
    // The flag multiplexor drops zero Walsh angles (c = 0 has no rotation): ry and cx are bounds, within 2^t.
    for (const [g, k] of Object.entries(built.gates)) {
      if (g === 'ry' || g === 'cx') {
        expect(exact.cost.gates[g]!).toBeGreaterThanOrEqual(k);
        expect(exact.cost.gates[g]! - k).toBeLessThanOrEqual(2 ** t);
      } else expect(exact.cost.gates[g], g).toBe(k);
    }
    expect(Object.keys(exact.cost.gates).sort()).toEqual(Object.keys(built.gates).sort());
    expect(exact.cost.depth).toBeGreaterThanOrEqual(built.depth);
    const closed = modelResources({ systemQubits: enc.systemQubits, colors: enc.colors, kappaEff, epsilon: eps, method: 'hhl', access: 'qrom', clockQubits: t });
    expectBound(closed.cost, built);
    expect(closed.qubits).toBe(prog.circuit.numQubits);
  });

  it('the HHL clock rule is at least what the walk builder needs for ε', () => {
    for (const n of [8, 16]) {
      const a = ntkPattern(n, 200 + n);
      const enc = new SparseEncoding({ matrix: a });
      const kappaEff = enc.alpha / minAbsEig(a);
      const prog = buildHhlWalk(a, rhs(n), { encoding: 'sparse', epsilon: eps });
      expect(hhlClockQubits(kappaEff, eps)).toBeGreaterThanOrEqual(prog.clockQubits);
    }
  });
});

describe('large n', () => {
  it('n = 2^30 in well under a second, QROM growing ~linearly and QRAM ~logarithmically', () => {
    const t0 = performance.now();
    const big = estimateResources({ n: 2 ** 30, sparsity: 16, kappa: 1, epsilon: 1e-3, method: 'qsvt' });
    const hhl = estimateResources({ n: 2 ** 30, sparsity: 16, kappa: 1, epsilon: 1e-3, method: 'hhl' });
    expect(performance.now() - t0).toBeLessThan(250);
    const small = estimateResources({ n: 2 ** 10, sparsity: 16, kappa: 1, epsilon: 1e-3, method: 'qsvt' });
    expect(big.degree).toBe(small.degree);
    expect(big.qram.queries.blockEncoding).toBe(big.degree);
    expect(big.qrom.cnots / small.qrom.cnots).toBeGreaterThan(2 ** 19);
    expect(big.qram.cnots / small.qram.cnots).toBeLessThan(4);
    expect(big.qram.qubits).toBe(2 * 30 + 4 + 3);
    expect(big.qrom.qubits).toBe(3 * 30 + 8 + 2);
    expect(hhl.qram.queries.blockEncoding).toBe(4 * (2 ** hhl.clockQubits - 1));
    expect(Number.isFinite(big.qrom.t.total) && big.qrom.t.total < 2 ** 53).toBe(true);
  });
});
