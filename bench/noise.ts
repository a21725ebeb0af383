/**
 * `npm run bench -- noise`: the noisy simulator on "5 layers of H / CX chain / RZ" plus measurements,
 * lowered for ibm_fez and run with its full noise model (relaxation in gates and idle windows,
 * depolarizing, readout): the density matrix at n = 8, 10 (wall time, exact distribution) and
 * trajectories at n = 16, 20 (ms per trajectory). Peer in the same run: a numpy density matrix
 * applying the very same gates and channels (unitaries on both sides, channels as superoperators,
 * by tensordot on the 2n-index tensor, the method of Cirq's density-matrix simulator), checked
 * against ours entry by entry. qiskit-aer is the natural peer but cannot be installed here: PyPI
 * is not reachable from this machine (only the npm and Debian registries are).
 * The machine is shared: the load average is printed with the figures.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { CircuitBuilder, gateMatrix, type Circuit } from '../compiler/circuit/index.js';
import { compactQubits, compileNoisy, deviceNoiseModel, simulateNoisy } from '../backends/local/noise/index.js';
import { getTarget } from '../passes/targets/builtins.js';
import { transpile } from '../passes/transpile.js';
import type { NoisyStep } from '../backends/local/noise/index.js';
import { noisyGateSuperoperator, relaxationSuperoperator } from '../backends/local/noise/density-matrix.js';
import { findNumpy } from './ntk.js';
import { layeredCircuit } from './simulator.js';
import type { BenchSuite } from './suite.js';

const PYTHON = String.raw`
import json, sys, time
import numpy as np
prog = json.load(open(sys.argv[1]))
n = prog['n']
ops = []
for op in prog['ops']:
    m = np.array(op['re']) + 1j * np.array(op['im'])
    k = len(op['qubits'])
    ops.append((op['kind'], op['qubits'], m.reshape((2,) * ((2 if op['kind'] == 'u' else 4) * k))))
def run():
    rho = np.zeros((2,) * (2 * n), dtype=complex)
    rho[(0,) * (2 * n)] = 1
    # Axis j < n is row bit of qubit n-1-j (big-endian rows), axis n + j the column bit.
    ax = lambda q: n - 1 - q
    for kind, qs, m in ops:
        k = len(qs)
        if kind == 'u':
            # Matrix index bit j <-> qs[j]; numpy reshape is big-endian: axis i <-> bit k-1-i.
            rows = [ax(qs[k - 1 - i]) for i in range(k)]
            rho = np.moveaxis(np.tensordot(m, rho, axes=(list(range(k, 2 * k)), rows)), list(range(k)), rows)
            cols = [n + r for r in rows]
            rho = np.moveaxis(np.tensordot(m.conj(), rho, axes=(list(range(k, 2 * k)), cols)), list(range(k)), cols)
        else:
            # Superoperator index = c + 2^k r: bits 0..k-1 column bits of qs, k..2k-1 row bits.
            vec = [n + ax(qs[k - 1 - i]) for i in range(k)]
            vec = [ax(qs[k - 1 - i]) for i in range(k)] + vec
            rho = np.moveaxis(np.tensordot(m, rho, axes=(list(range(2 * k, 4 * k)), vec)), list(range(2 * k)), vec)
    return rho
t = time.perf_counter(); rho = run(); dt = time.perf_counter() - t
d = 2 ** n
diag = np.real(np.diagonal(rho.reshape(d, d)))
json.dump({'seconds': dt, 'version': np.__version__, 'diagonal': diag.tolist()}, open(sys.argv[2], 'w'))
`;

/** The benchmark circuit on n qubits, measured and lowered for ibm_fez, on the qubits it uses. */
function workload(n: number): Circuit {
  const b = CircuitBuilder.from(layeredCircuit(n, 5));
  const bits = b.addCreg('c', n);
  for (let q = 0; q < n; q++) b.measure(q, bits[q]!);
  return transpile(b.build(), getTarget('ibm_fez'), { seed: 1 }).circuit;
}

/** The noisy program as the peer reads it: unitaries ('u', both sides) and superoperators ('s'). */
function peerProgram(steps: readonly NoisyStep[], n: number): unknown {
  const split = (m: Float64Array): { re: number[]; im: number[] } => ({ re: [...m].filter((_, i) => i % 2 === 0), im: [...m].filter((_, i) => i % 2 === 1) });
  // Matrix (row-major, bit j of an index ↔ qubits[j]) → big-endian for numpy: reverse the qubit order instead.
  const ops: unknown[] = [];
  for (const s of steps) {
    if (s.kind === 'measure') continue;
    if (s.kind === 'gate' && s.pre.length === 0 && s.lambda === 0) {
      const u = gateMatrix(s.inst.gate, s.inst.params, s.inst.qubits.length);
      const inter = new Float64Array(2 * u.re.length);
      u.re.forEach((v, i) => { inter[2 * i] = v; inter[2 * i + 1] = u.im[i]!; });
      ops.push({ kind: 'u', qubits: s.inst.qubits, ...split(inter) });
      continue;
    }
    if (s.kind === 'reset') throw new Error('bench: the workload has no reset');
    const qs = s.kind === 'gate' ? s.inst.qubits : [s.qubit];
    ops.push({ kind: 's', qubits: qs, ...split(s.kind === 'gate' ? gateSuperop(s) : relaxSuperop(s.relaxation.gamma, s.relaxation.coherence)) });
  }
  return { n, ops };
}

// The superoperators exactly as the density-matrix engine builds them (density-matrix.ts).
const gateSuperop = (s: Extract<NoisyStep, { kind: 'gate' }>): Float64Array => noisyGateSuperoperator(s.inst, s.pre, s.lambda);
const relaxSuperop = (gamma: number, coherence: number): Float64Array => relaxationSuperoperator({ gamma, coherence });

export const noiseSuite: BenchSuite = {
  name: 'noise',
  describe: 'noisy simulation (ibm_fez model) of 5 layers of H / CX chain / RZ: density matrix n = 8, 10 beside numpy, trajectories n = 16, 20',
  async run(log) {
    log(`load average before: ${loadavg().map((x) => x.toFixed(2)).join(' ')} (2 cores, shared)`);
    const model = deviceNoiseModel('ibm_fez');
    const np = findNumpy();
    if (!np.python) log(`numpy peer: SKIPPED — ${np.reason}`);
    const dir = mkdtempSync(join(tmpdir(), 'qntk-bench-noise-'));
    const dm: Record<string, unknown>[] = [];
    try {
      for (const n of [8, 10]) {
        const c = workload(n);
        const compact = compactQubits(c);
        const reps = n <= 8 ? 3 : 1;
        let best = Infinity, p: Float64Array | undefined;
        for (let r = 0; r < reps; r++) {
          const t0 = performance.now();
          const res = simulateNoisy(c, model, { method: 'density-matrix' });
          best = Math.min(best, performance.now() - t0);
          p = res.probabilities;
        }
        const gates = c.instructions.filter((i) => i.gate !== 'measure' && i.gate !== 'barrier').length;
        // Routing may reuse a measured qubit; each such measurement adds a qubit to the density matrix.
        const simulated = compileNoisy(compact.circuit, model.onQubits(compact.physical), { deferMeasurements: true }).numQubits;
        const row: Record<string, unknown> = { n, simulatedQubits: simulated, gates, wallMs: best };
        let line = `density matrix n=${n} (${simulated} simulated): ${gates} gates, ${best.toFixed(0)} ms`;
        if (np.python) {
          const program = compileNoisy(compact.circuit, model.onQubits(compact.physical), { deferMeasurements: true });
          writeFileSync(join(dir, 'prog.json'), JSON.stringify(peerProgram(program.steps, program.numQubits)));
          writeFileSync(join(dir, 'peer.py'), PYTHON);
          execFileSync(np.python, [join(dir, 'peer.py'), join(dir, 'prog.json'), join(dir, 'out.json')], { stdio: 'inherit' });
          const peer = JSON.parse(readFileSync(join(dir, 'out.json'), 'utf8')) as { seconds: number; version: string; diagonal: number[] };
          // Compare before readout errors: our diagonal from the same program.
          const ours = simulateNoisy(c, deviceNoiseModel('ibm_fez', { readout: false }), { method: 'density-matrix' }).probabilities!;
          const peerDist = new Float64Array(ours.length);
          peer.diagonal.forEach((v, i) => {
            let k = 0;
            program.source.forEach((q, b) => { if (q >= 0 && (i >>> q) & 1) k |= 1 << b; });
            peerDist[k]! += v;
          });
          let maxDiff = 0;
          ours.forEach((v, i) => { maxDiff = Math.max(maxDiff, Math.abs(v - peerDist[i]!)); });
          row.numpyMs = peer.seconds * 1000;
          row.ratio = row.numpyMs as number / best;
          row.maxAbsDiff = maxDiff;
          line += `; numpy ${np.python} (numpy ${peer.version}) ${(peer.seconds * 1000).toFixed(0)} ms, ${(peer.seconds * 1000 / best).toFixed(1)}× ours; max |Δp| ${maxDiff.toExponential(1)}`;
        }
        if (p !== undefined) row.trace = p.reduce((a, v) => a + v, 0);
        log(line);
        dm.push(row);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    const traj: Record<string, unknown>[] = [];
    for (const n of [16, 20]) {
      const c = workload(n);
      const T = n === 16 ? 16 : 4;
      const t0 = performance.now();
      simulateNoisy(c, model, { method: 'trajectories', shots: T, trajectories: T, seed: 1 });
      const ms = performance.now() - t0;
      log(`trajectories n=${n}: ${T} trajectories in ${ms.toFixed(0)} ms, ${(ms / T).toFixed(1)} ms per trajectory`);
      traj.push({ n, trajectories: T, wallMs: ms, msPerTrajectory: ms / T });
    }
    log(`load average after: ${loadavg().map((x) => x.toFixed(2)).join(' ')}`);
    return { densityMatrix: dm, trajectories: traj, peer: np.python ? 'numpy tensordot density matrix (same channels)' : `skipped: ${np.reason}`, aer: 'not installable: PyPI unreachable from this machine' };
  },
};
