/**
 * `npm run bench -- nam`: the Nam et al. arithmetic/Toffoli suite (bench/circuits/nam_ccz)
 * through qntk's logical -O3, counted with the suite's rule (ccz = 13 gates: 6 CNOT + 7 T;
 * ccx = 15: 6 CNOT + 7 T + 2 H), beside the published results of Nam heavy, VOQC and PyZX
 * (bench/published/nam_suite_results.csv). Mean reductions over the 26 circuits up to
 * gf2^10; also -O3 lowered into the basis {h, rz, cx, x} (rz(odd·π/4) counted as T), with per-circuit
 * times. Every output is verified: dense unitary (≤ 8 qubits), two Haar-random states on the
 * local state-vector engine with one common phase (≤ 24 qubits), a sparse superposition of random
 * basis states with random phases above.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BENCH_CIRCUITS, BENCH_PUBLISHED } from './paths.js';
import type { Circuit } from '../compiler/circuit/index.js';
import { readQasmFile } from '../compiler/qasm/read.js';
import { createRandom } from '../compiler/linalg/random.js';
import { Statevector } from '../backends/local/index.js';
import { checkEquivalence } from '../passes/primitives/equivalence.js';
import { makeContext } from '../passes/pass.js';
import { optimizationPipeline, transpile } from '../passes/transpile.js';
import { makeTarget } from '../passes/targets/target.js';
import { getTarget } from '../passes/targets/builtins.js';
import type { BenchSuite } from './suite.js';

const EXCLUDED_FROM_MEAN = new Set(['gf2^16_mult', 'gf2^32_mult']);

export interface NamCounts {
  readonly total: number;
  readonly twoQubit: number;
  readonly t: number;
}

/** Counts under the suite's rule. */
export function namCounts(c: Circuit): NamCounts {
  let total = 0, two = 0, t = 0;
  for (const i of c.instructions) {
    if (i.gate === 'barrier' || i.gate === 'measure') continue;
    if (i.gate === 'ccz') {
      total += 13; two += 6; t += 7;
      continue;
    }
    if (i.gate === 'ccx') {
      total += 15; two += 6; t += 7;
      continue;
    }
    total++;
    if (i.qubits.length === 2) two++;
    if (i.gate === 't' || i.gate === 'tdg') t++;
    else if ((i.gate === 'rz' || i.gate === 'p') && Math.abs(Math.round(i.params[0]! / (Math.PI / 4)) % 2) === 1 && Math.abs(i.params[0]! / (Math.PI / 4) - Math.round(i.params[0]! / (Math.PI / 4))) < 1e-9) t++;
  }
  return { total, twoQubit: two, t };
}

/** Equivalence check sized to the circuit (see the file comment); returns the method and distance. */
export function verifyOptimized(a: Circuit, b: Circuit, seed: number): { method: string; distance: number } {
  const n = a.numQubits;
  if (n <= 8) {
    const r = checkEquivalence(a, b);
    return { method: r.method, distance: r.distance };
  }
  if (n <= 24) {
    const rnd = createRandom(seed);
    let phase: [number, number] | undefined;
    let worst = 0;
    for (let s = 0; s < 2; s++) {
      const dim = 2 ** n;
      const re = new Float64Array(dim), im = new Float64Array(dim);
      let norm = 0;
      for (let k = 0; k < dim; k++) {
        re[k] = rnd.normal();
        im[k] = rnd.normal();
        norm += re[k]! * re[k]! + im[k]! * im[k]!;
      }
      const sc = 1 / Math.sqrt(norm);
      for (let k = 0; k < dim; k++) {
        re[k] = re[k]! * sc;
        im[k] = im[k]! * sc;
      }
      const va = Statevector.fromAmplitudes(re, im).applyInstructions(a.instructions);
      const vb = Statevector.fromAmplitudes(re, im).applyInstructions(b.instructions);
      const ar = va.re, ai = va.im, br = vb.re, bi = vb.im;
      let pr = 0, pi = 0;
      for (let k = 0; k < dim; k++) {
        pr += ar[k]! * br[k]! + ai[k]! * bi[k]!;
        pi += ar[k]! * bi[k]! - ai[k]! * br[k]!;
      }
      // |⟨a|b⟩| = 1 and the same phase for both states (a relative-phase error fails one of the two).
      worst = Math.max(worst, 1 - Math.hypot(pr, pi));
      if (phase) worst = Math.max(worst, Math.hypot(pr - phase[0], pi - phase[1]));
      else phase = [pr, pi];
    }
    return { method: 'random-states', distance: worst };
  }
  const r = checkEquivalence(a, b, { method: 'sparse-states', sparseTerms: 4, seed });
  return { method: r.method, distance: r.distance };
}

interface Row {
  readonly circuit: string;
  readonly qubits: number;
  readonly before: NamCounts;
  readonly after: NamCounts;
  readonly ms: number;
  /** -O3 into the basis {h, rz, cx, x} (rz(odd·π/4) counted as T). */
  readonly basis: { readonly after: NamCounts; readonly ms: number; readonly verified: { method: string; distance: number } | null };
  readonly verified: { method: string; distance: number } | null;
  readonly published: Record<string, NamCounts>;
}

function published(): Map<string, Record<string, NamCounts>> {
  const lines = readFileSync(join(BENCH_PUBLISHED, 'nam_suite_results.csv'), 'utf8').trim().split('\n');
  const head = lines[0]!.split(',');
  const out = new Map<string, Record<string, NamCounts>>();
  for (const line of lines.slice(1)) {
    const cells = line.split(',');
    const rec: Record<string, NamCounts> = {};
    for (const tool of ['orig', 'namH', 'voqc', 'pyzxpaper']) {
      const k = head.indexOf(`${tool}_total`);
      rec[tool] = { total: Number(cells[k]), twoQubit: Number(cells[k + 1]), t: Number(cells[k + 2]) };
    }
    out.set(cells[0]!, rec);
  }
  return out;
}

const pct = (a: number, b: number): number => (b === 0 ? 0 : (1 - a / b) * 100);

export const namSuite: BenchSuite = {
  name: 'nam',
  describe: 'Nam suite after -O3 (total / two-qubit / T) beside Nam heavy, VOQC and PyZX; every output verified',
  async run(log) {
    const pub = published();
    const ctx = makeContext(getTarget('generic'));
    const pipe = optimizationPipeline(3);
    const verify = process.env.QNTK_BENCH_NOVERIFY === undefined;
    const rows: Row[] = [];
    const hrzcx = makeTarget({ name: 'h,rz,cx,x', basisGates: ['h', 'rz', 'cx', 'x'] });
    let optMs26 = 0, optMsAll = 0, basisMs26 = 0;
    log(`${'circuit'.padEnd(15)} ${'n'.padStart(3)}  ${'orig'.padStart(15)}  ${'qntk -O3'.padStart(15)}  ${'h,rz,cx,x'.padStart(15)}  ${'Nam heavy'.padStart(15)}  ${'VOQC'.padStart(15)}  ${'ms'.padStart(6)}  ${'ms h,rz'.padStart(7)}  verified`);
    for (const [name, p] of pub) {
      const c = readQasmFile(join(BENCH_CIRCUITS, 'nam_ccz', `${name}.qasm`));
      const t0 = performance.now();
      const out = pipe.run(c, ctx);
      const ms = performance.now() - t0;
      optMsAll += ms;
      if (!EXCLUDED_FROM_MEAN.has(name)) optMs26 += ms;
      const before = namCounts(c), after = namCounts(out);
      const verified = verify && !EXCLUDED_FROM_MEAN.has(name) ? verifyOptimized(c, out, 17) : null;
      let basis: Row['basis'] | undefined;
      if (!EXCLUDED_FROM_MEAN.has(name)) {
        const b0 = performance.now();
        const inBasis = transpile(c, hrzcx, { level: 3 }).circuit;
        const bms = performance.now() - b0;
        basisMs26 += bms;
        basis = { after: namCounts(inBasis), ms: bms, verified: verify ? verifyOptimized(c, inBasis, 19) : null };
      }
      const f = (k: NamCounts): string => `${k.total}/${k.twoQubit}/${k.t}`.padStart(15);
      const check = (v: { method: string; distance: number } | null | undefined): string => (v ? `${v.method} ${v.distance.toExponential(1)}` : '-');
      log(`${name.padEnd(15)} ${String(c.numQubits).padStart(3)}  ${f(before)}  ${f(after)}  ${basis ? f(basis.after) : '-'.padStart(15)}  ${f(p.namH!)}  ${f(p.voqc!)}  ${ms.toFixed(0).padStart(6)}  ${(basis ? basis.ms.toFixed(0) : '-').padStart(7)}  ${check(verified)}; ${check(basis?.verified)}`);
      rows.push({ circuit: name, qubits: c.numQubits, before, after, ms, basis: basis ?? { after, ms: 0, verified: null }, verified, published: p });
    }
    const mean = (tool: 'qntk' | 'qntkBasis' | 'namH' | 'voqc' | 'pyzxpaper', key: keyof NamCounts): number => {
      const rs = rows.filter((r) => !EXCLUDED_FROM_MEAN.has(r.circuit));
      return rs.reduce((s, r) => s + pct(tool === 'qntk' ? r.after[key] : tool === 'qntkBasis' ? r.basis.after[key] : r.published[tool]![key], r.before[key]), 0) / rs.length;
    };
    const summary: Record<string, Record<string, number>> = {};
    for (const tool of ['qntk', 'qntkBasis', 'namH', 'voqc', 'pyzxpaper'] as const) {
      summary[tool] = { total: mean(tool, 'total'), twoQubit: mean(tool, 'twoQubit'), t: mean(tool, 't') };
      log(`mean reduction over 26 (${tool}): total ${summary[tool]!.total!.toFixed(2)} %, two-qubit ${summary[tool]!.twoQubit!.toFixed(2)} %, T ${summary[tool]!.t!.toFixed(2)} %`);
    }
    const failures = rows.filter((r) => (r.verified && r.verified.distance > 1e-6) || (r.basis.verified && r.basis.verified.distance > 1e-6)).map((r) => r.circuit);
    log(`optimisation time: ${(optMs26 / 1000).toFixed(2)} s for the 26 circuits, ${(optMsAll / 1000).toFixed(2)} s with gf2^16 and gf2^32; into {h, rz, cx, x}: ${(basisMs26 / 1000).toFixed(2)} s for the 26`);
    log(verify ? `verification: ${failures.length === 0 ? 'every output equivalent' : `FAILED for ${failures.join(', ')}`}` : 'verification skipped (QNTK_BENCH_NOVERIFY)');
    return { summary, optimisationSeconds26: optMs26 / 1000, optimisationSecondsAll: optMsAll / 1000, basisSeconds26: basisMs26 / 1000, failures, rows };
  },
};
