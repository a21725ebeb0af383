/**
 * The inverse of one gate instruction, numeric or symbolic. Every library gate's inverse has
 * parameters affine in its own (negated, swapped, shifted by π), so a symbolic gate is inverted by
 * lifting the numeric rule (affine.ts); the tests check the lift for every parametrised gate.
 */
import { ValidationError } from '../errors.js';
import { liftAffine } from './affine.js';
import type { Instruction } from './circuit.js';
import { foldConstant } from './expression.js';
import { gateInverse } from './gates.js';

/** The gate that undoes `inst` on the same qubits (no clbits or condition carried over). */
export function inverseInstruction(inst: Instruction): Instruction {
  if (inst.exprs === undefined) {
    const inv = gateInverse(inst.gate, inst.params);
    return { gate: inv.gate, qubits: inst.qubits, params: inv.params };
  }
  const lifted = liftAffine((p) => {
    const inv = gateInverse(inst.gate, p);
    return [{ gate: inv.gate, qubits: inst.qubits, params: inv.params }];
  }, inst.exprs.map(foldConstant));
  if (lifted === undefined || lifted.length !== 1) throw new ValidationError(`cannot invert '${inst.gate}' with symbolic parameters`);
  return lifted[0]!;
}
