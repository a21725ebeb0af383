/**
 * Device noise for the local backend, from a calibration snapshot (passes/targets device data):
 * after each gate a depolarizing channel whose strength matches the gate's reported error, and at
 * readout a bit flip with the qubit's readout error. Simulated by Monte Carlo trajectories: every
 * shot draws its Pauli errors and readout flips; shots that draw the same errors share one exact
 * simulation, so cost grows with the number of distinct error patterns, not with the shots.
 * T1/T2 relaxation is not modelled (the calibrated gate errors already include most of it).
 *
 * Depolarizing strength: a d-dimensional channel E(ρ) = (1−λ)ρ + λI/d has average gate infidelity
 * e = λ(d−1)/d, so a uniformly random non-identity Pauli is applied with probability
 * p = λ(d²−1)/d² = e·(d+1)/d (1.5e for one qubit, 1.25e for two).
 */
import type { Circuit, Instruction } from '../../compiler/circuit/index.js';
import { withInstructions } from '../../compiler/circuit/index.js';
import { ResourceError } from '../../compiler/errors.js';
import { createRandom, type Random } from '../../compiler/linalg/random.js';
import type { DeviceData } from '../../passes/targets/device-data.js';
import { simulate } from './simulate.js';

/** Error rates the noisy simulation uses. */
export interface NoiseModel {
  readonly name: string;
  /** Pauli-error probability after instruction `inst` (0 for virtual gates). */
  pauliProbability(inst: Instruction): number;
  /** Probability that reading qubit q returns the wrong bit. */
  readoutError(q: number): number;
}

const median = (xs: number[]): number => {
  if (xs.length === 0) return 0;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
};

/** Build a noise model from device data; gates or qubits without calibration get the device medians. */
export function noiseFromDevice(d: DeviceData): NoiseModel {
  const byKey = new Map<string, number>();
  const byQubit1 = new Map<number, number[]>();
  const e1: number[] = [], e2: number[] = [];
  for (const [name, qs, err] of d.gates) {
    // Readout is modelled separately; rz is virtual (error 0) and would drag the medians down.
    if (name.startsWith('measure') || name === 'rz') continue;
    byKey.set(`${name}:${qs.join(',')}`, err);
    if (qs.length === 1) { e1.push(err); byQubit1.set(qs[0]!, [...(byQubit1.get(qs[0]!) ?? []), err]); }
    else if (qs.length === 2) e2.push(err);
  }
  const med1 = median(e1), med2 = median(e2);
  const ro = d.qubits.map((q) => q[2]);
  const medRo = median([...ro]);
  return {
    name: d.name,
    pauliProbability(inst) {
      if (inst.gate === 'barrier' || inst.gate === 'measure' || inst.gate === 'reset' || inst.gate === 'delay') return 0;
      // rz, p and gphase are frame changes on IBM hardware: no error.
      if (inst.gate === 'rz' || inst.gate === 'p' || inst.gate === 'gphase' || inst.gate === 'u1' || inst.qubits.length === 0) return 0;
      const k = inst.qubits.length;
      const exact = byKey.get(`${inst.gate}:${inst.qubits.join(',')}`) ?? (k === 2 ? byKey.get(`${inst.gate}:${inst.qubits[1]},${inst.qubits[0]}`) : undefined);
      const err = exact ?? (k === 1 ? median(byQubit1.get(inst.qubits[0]!) ?? []) || med1 : med2 * (k - 1));
      const dim = 2 ** k;
      return Math.min(1, (err * (dim + 1)) / dim);
    },
    readoutError: (q) => ro[q] ?? medRo,
  };
}

export interface NoisyRunOptions {
  readonly shots: number;
  readonly seed: number;
}

/**
 * Sample `shots` noisy executions of `circuit`. Outcomes are bitstrings over the clbits if the
 * circuit measures (c[0] rightmost), else over all qubits (each read out with its readout error).
 */
export function simulateNoisy(circuit: Circuit, model: NoiseModel, opts: NoisyRunOptions): Record<string, number> {
  const rng = createRandom(opts.seed);
  const insts = circuit.instructions;
  const probs = insts.map((i) => model.pauliProbability(i));
  // Group shots by their error pattern.
  const groups = new Map<string, { inserts: Map<number, Instruction[]>; shots: number }>();
  for (let s = 0; s < opts.shots; s++) {
    const inserts = new Map<number, Instruction[]>();
    const keyParts: string[] = [];
    for (let k = 0; k < insts.length; k++) {
      if (probs[k]! === 0 || rng.next() >= probs[k]!) continue;
      const paulis = randomPauli(insts[k]!.qubits, rng);
      inserts.set(k, paulis);
      keyParts.push(`${k}:${paulis.map((p) => p.gate + p.qubits[0]).join('')}`);
    }
    const key = keyParts.join('|');
    const g = groups.get(key);
    if (g) g.shots++;
    else groups.set(key, { inserts, shots: 1 });
  }
  const measures = insts.some((i) => i.gate === 'measure');
  const width = measures ? circuit.numClbits : circuit.numQubits;
  if (width > 30) throw new ResourceError(`noisy simulation tabulates at most 30 outcome bits; this circuit has ${width}`);
  const readQubit = readoutQubits(circuit, measures);
  const out: Record<string, number> = {};
  for (const g of groups.values()) {
    const noisy = g.inserts.size === 0 ? circuit : withInstructions(circuit, insts.flatMap((inst, k) => [inst, ...(g.inserts.get(k) ?? [])]));
    const res = simulate(noisy, { shots: g.shots, seed: rng.int(2 ** 31) });
    for (const [outcome, count] of res.counts ?? new Map<number, number>()) {
      for (let c = 0; c < count; c++) {
        let v = outcome;
        for (let b = 0; b < width; b++) {
          const q = readQubit[b]!;
          if (q >= 0 && rng.next() < model.readoutError(q)) v ^= 1 << b;
        }
        const bits = width === 0 ? '' : v.toString(2).padStart(width, '0');
        out[bits] = (out[bits] ?? 0) + 1;
      }
    }
  }
  const sorted: Record<string, number> = {};
  for (const k of Object.keys(out).sort()) sorted[k] = out[k]!;
  return sorted;
}

/** A uniformly random non-identity Pauli on `qubits` (identity factors omitted). */
function randomPauli(qubits: readonly number[], rng: Random): Instruction[] {
  const n = qubits.length;
  const total = 4 ** n;
  const pick = 1 + rng.int(total - 1);
  const out: Instruction[] = [];
  for (let j = 0; j < n; j++) {
    const p = (pick >> (2 * j)) & 3;
    if (p !== 0) out.push({ gate: p === 1 ? 'x' : p === 2 ? 'y' : 'z', qubits: [qubits[j]!], params: [] });
  }
  return out;
}

/** For each outcome bit, the physical qubit read into it (−1 if none). */
function readoutQubits(circuit: Circuit, measures: boolean): number[] {
  if (!measures) return Array.from({ length: circuit.numQubits }, (_, q) => q);
  const out = new Array<number>(circuit.numClbits).fill(-1);
  for (const i of circuit.instructions) if (i.gate === 'measure') i.qubits.forEach((q, j) => { out[i.clbits![j]!] = q; });
  return out;
}

/**
 * Drop the qubits no instruction touches (a circuit lowered for a 156-qubit device uses a few),
 * so it fits the simulator; returns the compact circuit and, for each compact qubit, the device
 * qubit it stands for. Only for circuits that measure: their outcomes are over clbits, unchanged.
 */
export function compactQubits(circuit: Circuit): { circuit: Circuit; physical: number[] } {
  const used = new Set<number>();
  for (const i of circuit.instructions) if (i.gate !== 'barrier') for (const q of i.qubits) used.add(q);
  const physical = [...used].sort((a, b) => a - b);
  const index = new Map(physical.map((q, k) => [q, k]));
  const insts: Instruction[] = [];
  for (const i of circuit.instructions) {
    const qs = i.qubits.filter((q) => index.has(q)).map((q) => index.get(q)!);
    if (i.gate === 'barrier' && qs.length === 0) continue;
    insts.push({ ...i, qubits: qs });
  }
  const compact: Circuit = { ...circuit, numQubits: physical.length, qregs: [{ name: 'q', start: 0, size: physical.length }], instructions: insts };
  return { circuit: compact, physical };
}

/** The model seen through a compact qubit numbering (compact qubit k = device qubit physical[k]). */
export function remapNoise(model: NoiseModel, physical: readonly number[]): NoiseModel {
  const dev = (q: number): number => physical[q] ?? q;
  return {
    name: model.name,
    pauliProbability: (inst) => model.pauliProbability({ ...inst, qubits: inst.qubits.map(dev) }),
    readoutError: (q) => model.readoutError(dev(q)),
  };
}
