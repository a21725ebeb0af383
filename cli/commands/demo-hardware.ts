/** `qntk demo --hardware`: run the hardware-sized NTK experiment (experiments/hardware.ts) and print it. */
import { runHardwareExperiment, type HardwareExperiment } from '../../experiments/index.js';
import { printJson, type CliIo } from '../io.js';
import { progressBar } from '../progress.js';

export interface HardwareDemoOptions {
  readonly target: string;
  readonly digits: readonly [number, number];
  readonly seed: number;
  readonly json: boolean;
  /** Test points and shots per circuit (default: the experiment's, 16 and 10000). */
  readonly points?: number;
  readonly shots?: number;
}

const signed = (x: number): string => (x >= 0 ? ` ${x.toFixed(5)}` : x.toFixed(5));
const agrees = (x: number, ideal: number): string => (Math.sign(x) === Math.sign(ideal) ? 'yes' : 'NO');

function printExperiment(io: CliIo, r: HardwareExperiment): void {
  const h = r.hardware;
  io.stdout(`task      MNIST ${r.task.digits[0]} vs ${r.task.digits[1]}, n = ${h.n} training, depth ${r.task.depth}, κ(K̃) = ${r.task.kappa.toFixed(5)}\n`);
  io.stdout(`device    ${h.target}: readout circuits lowered at -O3, sampled with ${r.shots} shots each under the local calibrated noise model\n`);
  for (const kind of ['diagonal', 'sparse'] as const) {
    const cs = r.circuits.filter((c) => c.readout === kind);
    if (cs.length === 0) continue;
    const two = Math.max(...cs.map((c) => c.twoQubit)), esp = Math.min(...cs.map((c) => c.esp));
    io.stdout(`${kind.padEnd(9)} ${cs[0]!.qubits} qubits, ≤ ${two} two-qubit gates, ESP ≥ ${esp.toFixed(3)}\n`);
  }
  io.stdout(`\n${'point'.padStart(5)}  label  ${'readout'.padEnd(8)}  ${'ideal'.padStart(8)}  ${'noisy'.padStart(8)}  ${'mitigated'.padStart(9)}  sign agrees (noisy/mitigated)\n`);
  for (const p of h.points) {
    io.stdout(`${String(p.index).padStart(5)}  ${(p.label > 0 ? '+1' : '-1').padStart(5)}  ${p.readout.padEnd(8)}  ${signed(p.ideal)}  ${signed(p.noisy)}  ${signed(p.mitigated).padStart(9)}  ${agrees(p.noisy, p.ideal)}/${agrees(p.mitigated, p.ideal)}\n`);
  }
  io.stdout(`\n${h.target}, n = ${h.n}: ${h.points.length} readouts, max two-qubit gates ${h.twoQubit}, min ESP ${h.esp.toFixed(3)}, sign agreement noisy ${h.agreement.noisy.toFixed(3)}, mitigated ${h.agreement.mitigated.toFixed(3)}\n`);
}

export async function runHardwareDemo(io: CliIo, o: HardwareDemoOptions): Promise<number> {
  const bar = progressBar(io);
  const r = await runHardwareExperiment({
    target: o.target, digits: o.digits, seed: o.seed, progress: bar,
    ...(o.points !== undefined ? { points: o.points } : {}), ...(o.shots !== undefined ? { shots: o.shots } : {}),
  });
  bar.done();
  if (o.json) printJson(io, { hardware: r.hardware });
  else printExperiment(io, r);
  return 0;
}
