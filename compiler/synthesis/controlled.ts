/**
 * The controlled version of a circuit: every gate gets one more control (qubit 0 of the result;
 * the circuit's qubit i becomes i + 1). Used by phase estimation when U is given as a circuit.
 * Global phases become phase gates on the control, so the result is exactly controlled-U.
 */
import { CircuitBuilder, type Circuit, type Instruction } from '../circuit/index.js';
import { SynthesisError } from '../errors.js';

const SIMPLE: Readonly<Record<string, string>> = {
  x: 'cx', y: 'cy', z: 'cz', h: 'ch', p: 'cp', u1: 'cp', rx: 'crx', ry: 'cry', rz: 'crz', swap: 'cswap',
  cx: 'ccx', cz: 'ccz', ccx: 'mcx', ccz: 'mcz', mcx: 'mcx', mcz: 'mcz', cp: 'mcp', mcp: 'mcp',
};
const PHASES: Readonly<Record<string, number>> = { s: Math.PI / 2, sdg: -Math.PI / 2, t: Math.PI / 4, tdg: -Math.PI / 4 };

/** Append the controlled form of one instruction, control `c`, its qubits already mapped. */
function appendControlled(b: CircuitBuilder, inst: Instruction, c: number): void {
  const q = inst.qubits;
  const [a0 = 0, a1 = 0, a2 = 0] = inst.params;
  const simple = SIMPLE[inst.gate];
  if (simple !== undefined) {
    b.gate(simple, [c, ...q], inst.params);
    return;
  }
  const ph = PHASES[inst.gate];
  if (ph !== undefined) {
    b.cp(ph, c, q[0]!);
    return;
  }
  switch (inst.gate) {
    case 'id': case 'barrier':
      return;
    case 'gphase':
      b.p(a0, c);
      return;
    case 'U': case 'u3':
      b.gate('cu', [c, q[0]!], [a0, a1, a2, 0]);
      return;
    case 'sx': // sx = e^{iπ/4} rx(π/2)
      b.gate('crx', [c, q[0]!], [Math.PI / 2]).p(Math.PI / 4, c);
      return;
    case 'sxdg':
      b.gate('crx', [c, q[0]!], [-Math.PI / 2]).p(-Math.PI / 4, c);
      return;
    case 'crz': // crz(θ) = cp(θ) · p(−θ/2) on its control
      b.gate('mcp', [c, q[0]!, q[1]!], [a0]).cp(-a0 / 2, c, q[0]!);
      return;
    case 'cry': case 'crx': { // ry(θ/2)·cx·ry(−θ/2)·cx (h-conjugated for rx)
      const r = inst.gate === 'cry' ? 'cry' : 'crx';
      b.gate(r, [c, q[1]!], [a0 / 2]);
      if (r === 'crx') b.gate('ccz', [c, q[0]!, q[1]!]); else b.ccx(c, q[0]!, q[1]!);
      b.gate(r, [c, q[1]!], [-a0 / 2]);
      if (r === 'crx') b.gate('ccz', [c, q[0]!, q[1]!]); else b.ccx(c, q[0]!, q[1]!);
      return;
    }
    default:
      throw new SynthesisError(`controlled: no controlled form for gate '${inst.gate}'; decompose it first`);
  }
}

/** controlled-U for a unitary circuit U; qubit 0 is the control. */
export function controlledCircuit(circuit: Circuit): Circuit {
  const b = new CircuitBuilder(circuit.numQubits + 1);
  for (const inst of circuit.instructions) {
    if (inst.condition || inst.gate === 'measure' || inst.gate === 'reset') throw new SynthesisError(`controlled: '${inst.gate}' is not a unitary gate`);
    appendControlled(b, { ...inst, qubits: inst.qubits.map((x) => x + 1) }, 0);
  }
  return b.build();
}
