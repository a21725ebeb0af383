/**
 * How the pass runner keeps symbolic instructions away from passes that cannot handle them. Each
 * symbolic instruction is replaced by a barrier on its qubits carrying its index (a barrier is a
 * fence every pass respects: nothing is merged, cancelled or commuted through it), the pass runs,
 * and each barrier is replaced back by its instruction on the barrier's qubits, so a pass that
 * relabels qubits moves the symbolic instruction with them. Qubit-less symbolic instructions
 * (a global phase) commute with everything and are kept aside and appended at the end. A pass
 * that drops, duplicates or reshapes a fence is a bug, reported as such.
 */
import { withInstructions, withParameters, type Circuit, type Instruction } from '../../compiler/circuit/index.js';
import { QntkError } from '../../compiler/errors.js';

/** A circuit with its symbolic instructions behind fences, and what the fences stand for. */
export interface Fenced {
  readonly circuit: Circuit;
  readonly hidden: readonly Instruction[];
  readonly phases: readonly Instruction[];
}

/** Replace every symbolic instruction by a fence (a barrier whose one parameter is its index). */
export function fenceSymbolic(circuit: Circuit): Fenced {
  const hidden: Instruction[] = [];
  const phases: Instruction[] = [];
  const out: Instruction[] = [];
  for (const inst of circuit.instructions) {
    if (inst.exprs === undefined) out.push(inst);
    else if (inst.qubits.length === 0) phases.push(inst);
    else {
      out.push({ gate: 'barrier', qubits: inst.qubits, params: [hidden.length] });
      hidden.push(inst);
    }
  }
  return { circuit: withInstructions(circuit, out), hidden, phases };
}

/** Put the fenced instructions back in `output` (the pass's result); throws if a fence was lost. */
export function unfence(output: Circuit, fenced: Fenced, pass: string): Circuit {
  const seen = new Uint8Array(fenced.hidden.length);
  const out: Instruction[] = [];
  const broken = (why: string): QntkError => new QntkError(`internal: pass '${pass}' ${why} (a fence standing for a symbolic instruction); it must leave barriers alone`, { exitCode: 1 });
  for (const inst of output.instructions) {
    if (inst.gate !== 'barrier' || inst.params.length !== 1) {
      out.push(inst);
      continue;
    }
    const k = inst.params[0]!;
    const orig = fenced.hidden[k];
    if (orig === undefined || seen[k] === 1) throw broken('duplicated a barrier');
    if (inst.qubits.length !== orig.qubits.length) throw broken('changed the qubits of a barrier');
    seen[k] = 1;
    out.push({ ...orig, qubits: inst.qubits });
  }
  if (seen.some((s) => s === 0)) throw broken('removed a barrier');
  out.push(...fenced.phases);
  return withInstructions(output, out);
}

/**
 * The output of a pass on a symbolic circuit, checked: it declares the input's parameters, every
 * instruction whose parameters are not all numbers is symbolic, and every input it uses is declared.
 */
export function checkSymbolicOutput(input: Circuit, output: Circuit, pass: string): Circuit {
  const params = input.parameters ?? [];
  const declared = new Set(params.map((p) => p.name));
  for (const inst of output.instructions) {
    if (inst.exprs === undefined) {
      if (inst.params.some((v) => !Number.isFinite(v))) {
        throw new QntkError(`internal: pass '${pass}' left '${inst.gate}' with parameter ${inst.params.find((v) => !Number.isFinite(v))} (it read a symbolic parameter as a number)`, { exitCode: 1 });
      }
      continue;
    }
    for (const e of inst.exprs) {
      for (const s of e.symbols()) if (!declared.has(s)) throw new QntkError(`internal: pass '${pass}' produced '${inst.gate}' using undeclared input '${s}'`, { exitCode: 1 });
    }
  }
  return output.parameters === input.parameters ? output : withParameters(output, params);
}
