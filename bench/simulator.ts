/**
 * `npm run bench -- simulator`: the statevector simulator on "10 layers of: H on every qubit;
 * CX(i, i+1) for i = 0..n−2; RZ(0.1·i) on qubit i" at n = 16, 20, 22, 24, 26: wall time and ns per
 * gate per amplitude (gates as written, before fusion), best of several runs; the single-thread
 * engine beside the default (two cores) at n = 20–24, single precision beside double at n ≥ 22;
 * qsharp-lang running the same circuit as OpenQASM 3 (projectType "openqasm") at n ≤ 20 in the same
 * run, with the ratio. Then runs of one gate kind (one-qubit u, cry, cswap, ccx, mcx with 2, 4 and 8
 * controls) on random qubits at n = 24, in ns per gate·amplitude normalised by the full 2^n.
 * The machine is shared: the load average is recorded before and after, and CPU time beside wall.
 * Targets: ≤ 1.5 ns per gate·amplitude at n = 24; ≥ 50× faster than qsharp-lang at n = 20.
 */
import { loadavg } from 'node:os';
import { CircuitBuilder, type Circuit } from '../compiler/circuit/index.js';
import { printQasm } from '../compiler/qasm/index.js';
import { loadQsharp } from './peers/qsharp.js';
import { GATE_KINDS, gateRun, perGateAmp, timeCircuit as timeOurs } from './simulator-gates.js';
import type { BenchSuite } from './suite.js';

/** The benchmark circuit on n qubits (3n − 1 gates per layer). */
export function layeredCircuit(n: number, layers = 10): Circuit {
  const b = new CircuitBuilder(n);
  for (let l = 0; l < layers; l++) {
    for (let q = 0; q < n; q++) b.h(q);
    for (let q = 0; q + 1 < n; q++) b.cx(q, q + 1);
    for (let q = 0; q < n; q++) b.rz(0.1 * q, q);
  }
  return b.build();
}

export const simulatorSuite: BenchSuite = {
  name: 'simulator',
  describe: 'statevector simulator, 10 layers of H / CX chain / RZ, n = 16…26; qsharp-lang on the same circuit at n ≤ 20',
  async run(log) {
    const loadBefore = loadavg();
    log(`load average before: ${loadBefore.map((x) => x.toFixed(2)).join(' ')} (2 cores; other work shares them)`);
    const qs = await loadQsharp();
    if (qs === undefined) log('qsharp-lang: not installed, peer skipped');
    // Warm qsharp-lang up (its first compile instantiates the wasm) so it is not charged to n = 16.
    else await qs.run(printQasm(layeredCircuit(2, 1)), 1);
    const rows: Record<string, unknown>[] = [];
    for (const n of [16, 20, 22, 24, 26]) {
      const c = layeredCircuit(n);
      const reps = n <= 20 ? 5 : n <= 22 ? 3 : n === 24 ? 2 : 1;
      const ours = timeOurs(c, reps, {});
      const row: Record<string, unknown> = {
        n, gates: c.instructions.length, wallMs: ours.wallMs, cpuMs: ours.cpuMs, nsPerGateAmp: perGateAmp(ours.wallMs, c),
      };
      let line = `n=${n}: ${c.instructions.length} gates, ${ours.wallMs.toFixed(0)} ms wall (${ours.cpuMs.toFixed(0)} ms CPU), ${perGateAmp(ours.wallMs, c).toFixed(3)} ns/gate·amp`;
      if (n >= 20 && n <= 24) {
        const serial = timeOurs(c, reps, { threads: 'off' });
        row.serialWallMs = serial.wallMs;
        row.serialNsPerGateAmp = perGateAmp(serial.wallMs, c);
        line += `; one thread ${perGateAmp(serial.wallMs, c).toFixed(3)} ns/gate·amp`;
      }
      if (n >= 22) {
        const single = timeOurs(c, reps, { precision: 'single' });
        row.singleWallMs = single.wallMs;
        row.singleNsPerGateAmp = perGateAmp(single.wallMs, c);
        line += `; single precision ${perGateAmp(single.wallMs, c).toFixed(3)} ns/gate·amp`;
      }
      if (qs !== undefined && n <= 20) {
        const source = printQasm(c);
        await qs.compile(source);
        const t0 = performance.now();
        await qs.lowerToHir(source);
        const compileMs = performance.now() - t0;
        const t1 = performance.now();
        await qs.run(source, 1);
        const runMs = performance.now() - t1;
        // The ratio credits qsharp with its simulation time only (its run minus a front-end compile).
        const simMs = Math.max(runMs - compileMs, 1e-3);
        row.qsharp = { version: qs.version, runMs, compileMs, nsPerGateAmp: perGateAmp(simMs, c), ratio: simMs / ours.wallMs };
        line += `; qsharp-lang ${qs.version} ${runMs.toFixed(0)} ms (${perGateAmp(simMs, c).toFixed(1)} ns/gate·amp) → qntk ${(simMs / ours.wallMs).toFixed(0)}× faster`;
      }
      log(line);
      rows.push(row);
    }
    const gates = gateRows(log);
    const loadAfter = loadavg();
    log(`load average after: ${loadAfter.map((x) => x.toFixed(2)).join(' ')}`);
    const at24 = rows.find((r) => r.n === 24)?.nsPerGateAmp as number | undefined;
    const q20 = (rows.find((r) => r.n === 20)?.qsharp as { ratio: number } | undefined)?.ratio;
    log(`targets: n=24 ≤ 1.5 ns/gate·amp → ${at24?.toFixed(3) ?? 'n/a'}; ≥ 50× qsharp-lang at n=20 → ${q20 === undefined ? 'n/a' : `${q20.toFixed(0)}×`}`);
    return { loadBefore, loadAfter, rows, gates };
  },
};

/** Runs of one gate kind at n = 24 (200 gates each, 40 for the one-qubit run, which costs more per gate). */
function gateRows(log: (line: string) => void): Record<string, unknown>[] {
  const n = 24;
  log(`runs of one gate kind on random qubits, n = ${n}; ns per gate·amplitude normalised by the full 2^${n}:`);
  const out: Record<string, unknown>[] = [];
  for (const kind of GATE_KINDS) {
    const c = gateRun(kind, n, kind.controls === 0 ? 40 : 200);
    const t = timeOurs(c, 2, {});
    const single = timeOurs(c, 2, { precision: 'single' });
    const ns = perGateAmp(t.wallMs, c), nsSingle = perGateAmp(single.wallMs, c);
    out.push({ gate: kind.name, controls: kind.controls, n, gates: c.instructions.length, wallMs: t.wallMs, cpuMs: t.cpuMs, nsPerGateAmp: ns, singleNsPerGateAmp: nsSingle });
    log(`  ${kind.name.padEnd(16)} ${ns.toFixed(4)} ns/gate·amp (${t.wallMs.toFixed(0)} ms for ${c.instructions.length}); single precision ${nsSingle.toFixed(4)}`);
  }
  return out;
}
