/** Preparing a circuit for a backend before submission: measure everything if nothing is measured, then lower it for the target. */
import { CircuitBuilder, type Circuit } from '../../compiler/circuit/index.js';
import type { Target } from '../../passes/targets/target.js';
import { transpile } from '../../passes/transpile.js';

/**
 * Add `meas[i] = measure q[i]` for every qubit when the circuit measures nothing (as Qiskit's
 * measure_all), so that results stay over the logical qubits after layout and routing.
 */
export function measureAll(circuit: Circuit): Circuit {
  if (circuit.instructions.some((i) => i.gate === 'measure')) return circuit;
  const b = CircuitBuilder.from(circuit);
  const taken = new Set([...circuit.qregs, ...circuit.cregs].map((r) => r.name));
  let name = 'meas';
  while (taken.has(name)) name = `${name}_`;
  const bits = b.addCreg(name, circuit.numQubits);
  for (let q = 0; q < circuit.numQubits; q++) b.measure(q, bits[q]!);
  return b.build();
}

/** Lower `circuit` for `target` with the default optimisation level (O2), deterministic for a seed. */
export function lowerForTarget(circuit: Circuit, target: Target, seed = 1): Circuit {
  return transpile(circuit, target, { seed }).circuit;
}
