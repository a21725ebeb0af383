/** Lowered random circuits and their compact unitaries, for the noise-related pass tests. */
import { withInstructions, type Circuit } from '../../compiler/circuit/index.js';
import { compactQubits } from '../../backends/local/noise/index.js';
import { getTarget } from '../../passes/targets/builtins.js';
import { transpile } from '../../passes/transpile.js';
import { randomCircuit } from './random-circuits.js';

/** A random 4-qubit circuit lowered for `target` (device qubits). */
export function loweredRandom(target: string, seed: number, gates = 24): Circuit {
  return transpile(randomCircuit(4, gates, seed, 'rotations'), getTarget(target), { seed }).circuit;
}

/** The circuit's unitary part on the qubits it uses: delays, barriers and measurements dropped, qubits compacted. */
export function unitaryPart(c: Circuit, onQubits?: readonly number[]): Circuit {
  const gates = c.instructions.filter((i) => !['delay', 'barrier', 'measure'].includes(i.gate));
  const used = onQubits ?? compactQubits(withInstructions(c, gates)).physical;
  const index = new Map(used.map((q, k) => [q, k]));
  return {
    ...c, numQubits: used.length, numClbits: 0, cregs: [], qregs: [{ name: 'q', start: 0, size: used.length }],
    instructions: gates.map((i) => ({ ...i, qubits: i.qubits.map((q) => index.get(q)!) })),
  };
}

/** The device qubits a circuit uses. */
export function usedQubits(c: Circuit): number[] {
  return compactQubits(withInstructions(c, c.instructions.filter((i) => i.gate !== 'barrier'))).physical;
}
