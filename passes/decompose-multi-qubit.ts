/**
 * Multi-controlled gate decomposition: mcx / mcz / mcp with three or more controls become cx,
 * ccx and one-qubit gates. Every idle qubit is a dirty ancilla; with `assumeZeroInput` (the
 * circuit is run from |0…0⟩, as a program), a qubit not yet touched is a clean one. The cheapest
 * construction of compiler/synthesis/mcx.ts that the ancillas allow is used (linear with one
 * ancilla, quadratic without). Without that option the unitary is preserved exactly.
 */
import { expandGates, gateInverse, gateNames, gateSpec, liftAffine, paramValues, withInstructions, withValues, type Instruction } from '../compiler/circuit/index.js';
import { mcpNoAncilla, mcx, mczNoAncilla } from '../compiler/synthesis/mcx.js';
import { definePass, type Pass } from './pass.js';

const MULTI = new Set(['mcx', 'mcz', 'mcp']);

export interface DecomposeOptions {
  /** The circuit starts in |0…0⟩, so untouched qubits may serve as clean ancillas. */
  readonly assumeZeroInput?: boolean;
}

export function decomposeMultiQubitList(instructions: readonly Instruction[], numQubits: number, options: DecomposeOptions = {}): Instruction[] {
  const touched = new Array<boolean>(numQubits).fill(false);
  const out: Instruction[] = [];
  for (const inst of instructions) {
    if (inst.gate === 'cswap' && !inst.condition) {
      const [c, a, b] = inst.qubits as [number, number, number];
      out.push({ gate: 'cx', qubits: [b, a], params: [] }, { gate: 'ccx', qubits: [c, a, b], params: [] }, { gate: 'cx', qubits: [b, a], params: [] });
      inst.qubits.forEach((q) => (touched[q] = true));
      continue;
    }
    if (!MULTI.has(inst.gate) || inst.qubits.length <= 3) {
      inst.qubits.forEach((q) => (touched[q] = true));
      out.push(inst);
      continue;
    }
    const qs = inst.qubits;
    const free: number[] = [];
    for (let q = 0; q < numQubits; q++) if (!qs.includes(q)) free.push(q);
    const zero = options.assumeZeroInput === true;
    const clean = zero ? free.filter((q) => !touched[q]) : [], dirty = zero ? free.filter((q) => touched[q]) : free;
    const t = qs[qs.length - 1]!, controls = qs.slice(0, -1);
    let seq: Instruction[];
    if (inst.gate === 'mcx') seq = mcx(controls, t, { clean, dirty });
    else if (inst.gate === 'mcz') {
      seq = free.length > 0
        ? [{ gate: 'h', qubits: [t], params: [] }, ...mcx(controls, t, { clean, dirty }), { gate: 'h', qubits: [t], params: [] }]
        : mczNoAncilla(qs);
    } else if (clean.length > 0) {
      // C^k P(λ): AND of the controls into a clean ancilla, one cp, uncompute.
      const a = clean[0]!;
      const and = mcx(controls, a, { dirty: [...dirty, t, ...clean.slice(1)] });
      const undo = [...and].reverse().map((i) => ({ ...i, ...gateInverse(i.gate, i.params) }));
      seq = [...and, withValues({ gate: 'cp', qubits: [a, t], params: [] }, paramValues(inst)), ...undo];
    } else if (inst.exprs === undefined) seq = mcpNoAncilla(inst.params[0]!, controls, t);
    else {
      // A symbolic angle: the same construction lifted to it, else the (longer) affine definition.
      seq = liftAffine((p) => mcpNoAncilla(p[0]!, controls, t), paramValues(inst)) ?? expandGates([inst], TWO_QUBIT_AT_MOST);
    }
    out.push(...(inst.condition ? seq.map((s) => ({ ...s, condition: inst.condition! })) : seq));
    qs.forEach((q) => (touched[q] = true));
  }
  return out;
}

const TWO_QUBIT_AT_MOST: ReadonlySet<string> = new Set(gateNames().filter((n) => !gateSpec(n)!.variadic && gateSpec(n)!.qubits <= 2));

/** Every gate on at most two qubits: multi-controlled gates as above, then ccx/ccz/cswap by definition. */
export function toTwoQubitList(instructions: readonly Instruction[], numQubits: number): Instruction[] {
  return expandGates(decomposeMultiQubitList(instructions, numQubits), TWO_QUBIT_AT_MOST);
}

/** Only the multi-controlled gates (and cswap); ccx/ccz stay for the Toffoli pass. */
export const decomposeMultiControlled: Pass = definePass(
  { name: 'decompose-multi-controlled', requires: [], guarantees: [], symbolic: 'supported' },
  (circuit) => withInstructions(circuit, decomposeMultiQubitList(circuit.instructions, circuit.numQubits)),
);

export const decomposeMultiQubit: Pass = definePass(
  { name: 'decompose-multi-qubit', requires: [], guarantees: ['no-multi-controlled'], symbolic: 'supported' },
  (circuit) => withInstructions(circuit, toTwoQubitList(circuit.instructions, circuit.numQubits)),
);
