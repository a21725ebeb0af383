/**
 * Circuit figures for matrix inversion: qubits, CNOTs, total gates and depth of HHL (exact
 * eigenbasis synthesis) and QSVT (sparse block encoding) on Qiskit's 2×2 textbook system and on
 * the 16×16 sparsified NTK (MNIST 8 vs 9, n = 16), lowered to {cx, rz, sx, x} at -O2, beside the
 * former Qiskit HHL (2×2: 7 qubits, 54 CNOTs; dense-path depth 334 at 2×2 and 403,836 at 16×16).
 */
import type { BenchSuite } from './suite.js';
import type { Circuit } from '../compiler/circuit/index.js';
import { circuitCost, circuitCnotCount } from '../compiler/synthesis/cost.js';
import { buildHhl } from '../compiler/hhl/hhl.js';
import { buildHhlWalk } from '../compiler/hhl/walk.js';
import { compileLinearSystem } from '../compiler/pipeline.js';
import { encodingCandidates } from '../compiler/blockencoding/choose.js';
import { CsrMatrix } from '../compiler/linalg/csr.js';
import { prepareNtkProblem } from '../compiler/ntk/index.js';
import { makeTarget } from '../passes/targets/target.js';
import { transpile } from '../passes/transpile.js';

const CX_BASIS = makeTarget({ name: 'cx-basis', basisGates: ['cx', 'rz', 'sx', 'x'] });

interface Figures {
  qubits: number;
  /** IR gates (mcx etc. first-class) and CNOTs priced by synthesis/cost. */
  irGates: number;
  irCnotsPriced: number;
  /** After -O2 lowering to {cx, rz, sx, x}. */
  cnots: number;
  gates: number;
  depth: number;
}

function figures(c: Circuit): Figures {
  const ir = circuitCost(c);
  const low = transpile(c, CX_BASIS, { level: 2 }).circuit;
  const lc = circuitCost(low);
  return {
    qubits: c.numQubits,
    irGates: Object.values(ir.gates).reduce((s, v) => s + v, 0),
    irCnotsPriced: circuitCnotCount(c),
    cnots: lc.gates.cx ?? 0,
    gates: Object.values(lc.gates).reduce((s, v) => s + v, 0),
    depth: lc.depth,
  };
}

/**
 * A nearly-diagonal SPD matrix with ~5 entries per row and κ ≈ kappa (deterministic): the
 * sparsified NTK itself has κ ≈ 1.002, which makes HHL trivial, so this shows a harder case.
 */
function nearlyDiagonalSpd(n: number, kappa: number): CsrMatrix {
  const t: { row: number; col: number; value: number }[] = [];
  for (let i = 0; i < n; i++) {
    t.push({ row: i, col: i, value: 1 + ((kappa - 1) * i) / (n - 1) });
    for (const d of [1, 5]) {
      const j = (i + d) % n;
      const v = 0.15 * Math.cos(7 * i + d);
      t.push({ row: i, col: j, value: v }, { row: j, col: i, value: v });
    }
  }
  return CsrMatrix.fromTriplets(n, n, t);
}

export const linearSolversSuite: BenchSuite = {
  name: 'linear-solvers',
  describe: 'HHL and QSVT circuit sizes on the 2x2 textbook system and the 16x16 sparsified NTK, beside Qiskit HHL',
  async run(log) {
    const out: Record<string, unknown> = {};
    const textbook = CsrMatrix.fromDense(2, 2, [1, -1 / 3, -1 / 3, 1]);
    const problem = await prepareNtkProblem({ n: 16 });
    const cases: [string, CsrMatrix, ArrayLike<number>][] = [
      ['2x2', textbook, [1, 0]],
      ['ntk16', problem.ktilde, problem.y],
      ['spd16', nearlyDiagonalSpd(16, 10), Array.from({ length: 16 }, (_, i) => (i % 3) - 1 + 0.5)],
    ];
    for (const [name, a, b] of cases) {
      const cands = encodingCandidates(a);
      log(`${name} encodings: ${cands.map((c) => `${c.kind} α=${c.alpha.toPrecision(4)} qubits=${c.qubits} CNOTs/query=${c.cnots}`).join('; ')}`);
      out[`${name}-encodings`] = cands.map((c) => ({ kind: c.kind, alpha: c.alpha, qubits: c.qubits, cnots: c.cnots }));
      const t0 = performance.now();
      const h = buildHhl(a, b);
      const hf = figures(h.circuit);
      log(`${name} HHL  : clock ${h.clockQubits}, qubits ${hf.qubits}, CNOTs ${hf.cnots}, gates ${hf.gates}, depth ${hf.depth} (IR ${hf.irGates} gates; P(success) ${h.successProbability.toFixed(4)}, fidelity ${h.expectedFidelity.toFixed(5)}; ${(performance.now() - t0).toFixed(0)} ms)`);
      const t1 = performance.now();
      const q = compileLinearSystem(a, b, { method: 'qsvt' });
      const qf = figures(q.circuit);
      log(`${name} QSVT : degree ${q.degree}, α ${q.alpha.toPrecision(4)}, κ_eff ${q.kappa.toPrecision(4)}, qubits ${qf.qubits}, CNOTs ${qf.cnots}, gates ${qf.gates}, depth ${qf.depth} (IR ${qf.irGates} gates; P(success) ${q.successProbability.toFixed(4)}; ${(performance.now() - t1).toFixed(0)} ms)`);
      out[name] = { hhl: { ...hf, clockQubits: h.clockQubits, successProbability: h.successProbability, fidelity: h.expectedFidelity }, qsvt: { ...qf, degree: q.degree, alpha: q.alpha, kappa: q.kappa, encoding: q.encoding, successProbability: q.successProbability } };
    }
    // HHL through the block encoding (qubitization walk): 2^t·cost(U), shown where it is small.
    const w = buildHhlWalk(textbook, [1, 0]);
    const wf = figures(w.circuit);
    log(`2x2 HHL (walk, ${w.encoding} encoding): clock ${w.clockQubits}, qubits ${wf.qubits}, CNOTs ${wf.cnots}, gates ${wf.gates}, depth ${wf.depth} (P(success) ${w.successProbability.toFixed(4)}, fidelity ${w.expectedFidelity.toFixed(5)})`);
    out['2x2-walk'] = { ...wf, clockQubits: w.clockQubits, encoding: w.encoding, successProbability: w.successProbability, fidelity: w.expectedFidelity };
    log('Qiskit HHL (former): 2x2 7 qubits, 54 CNOTs, depth 334; 16x16 depth 403,836');
    return out;
  },
};
