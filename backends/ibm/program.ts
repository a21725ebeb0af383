/**
 * The OpenQASM 3 text IBM Runtime executes: physical qubits `$k` only (qubit k of the circuit is
 * physical qubit k), one `bit[n]` declaration per classical register, basis gates only,
 * `c[i] = measure $k;`, single-level `if`. Definitions are emitted for `ecr` and `rzz`, which are
 * not in stdgates.inc (IBM tolerates a definition whose name is a basis gate).
 * @see /work/shared/design/backends.md §A9
 */
import type { Circuit, Instruction } from '../../compiler/circuit/index.js';
import { TargetError } from '../../compiler/errors.js';

const DEFS: Readonly<Record<string, string>> = {
  ecr: 'gate ecr _gate_q_0, _gate_q_1 {\n  rzx(pi/4) _gate_q_0, _gate_q_1;\n  x _gate_q_0;\n  rzx(-pi/4) _gate_q_0, _gate_q_1;\n}',
  rzz: 'gate rzz(_gate_p_0) _gate_q_0, _gate_q_1 {\n  cx _gate_q_0, _gate_q_1;\n  rz(_gate_p_0) _gate_q_1;\n  cx _gate_q_0, _gate_q_1;\n}',
};
const RZX_DEF = 'gate rzx(_gate_p_0) _gate_q_0, _gate_q_1 {\n  h _gate_q_1;\n  cx _gate_q_0, _gate_q_1;\n  rz(_gate_p_0) _gate_q_1;\n  cx _gate_q_0, _gate_q_1;\n  h _gate_q_1;\n}';
const STDGATES = new Set(['id', 'x', 'y', 'z', 'h', 's', 'sdg', 't', 'tdg', 'sx', 'rx', 'ry', 'rz', 'p', 'cx', 'cz', 'cy', 'swap', 'U']);

/** Print an ISA circuit in IBM's dialect. Throws TargetError for anything IBM cannot take verbatim. */
export function ibmQasm(circuit: Circuit): string {
  const lines: string[] = ['OPENQASM 3.0;', 'include "stdgates.inc";'];
  const used = new Set(circuit.instructions.map((i) => i.gate));
  if (used.has('ecr')) lines.push(RZX_DEF, DEFS.ecr!);
  if (used.has('rzz')) lines.push(DEFS.rzz!);
  for (const r of circuit.cregs) lines.push(`bit[${r.size}] ${r.name};`);
  const bit = (c: number): string => {
    const r = circuit.cregs.find((x) => c >= x.start && c < x.start + x.size);
    if (r === undefined) throw new TargetError(`clbit ${c} belongs to no classical register`);
    return `${r.name}[${c - r.start}]`;
  };
  for (const inst of circuit.instructions) lines.push(statement(inst, bit, circuit));
  return `${lines.join('\n')}\n`;
}

function statement(inst: Instruction, bit: (c: number) => string, circuit: Circuit): string {
  const qs = inst.qubits.map((q) => `$${q}`).join(', ');
  let s: string;
  if (inst.gate === 'measure') {
    s = inst.qubits.map((q, i) => `${bit(inst.clbits?.[i] ?? -1)} = measure $${q};`).join(' ');
  } else if (inst.gate === 'reset') {
    s = inst.qubits.map((q) => `reset $${q};`).join(' ');
  } else if (inst.gate === 'barrier') {
    s = `barrier ${qs};`;
  } else if (inst.gate === 'delay') {
    s = `delay[${inst.params[0] ?? 0}dt] ${qs};`;
  } else {
    if (!STDGATES.has(inst.gate) && DEFS[inst.gate] === undefined) {
      throw new TargetError(`gate '${inst.gate}' cannot be sent to IBM verbatim; lower the circuit for the device (drop --no-transpile)`);
    }
    const ps = inst.params.length > 0 ? `(${inst.params.map(formatAngle).join(', ')})` : '';
    s = `${inst.gate}${ps} ${qs};`;
  }
  if (inst.condition === undefined) return s;
  return `if (${conditionText(inst.condition, bit, circuit)}) { ${s} }`;
}

function conditionText(cond: { clbits: readonly number[]; value: number }, bit: (c: number) => string, circuit: Circuit): string {
  if (cond.clbits.length === 1) return cond.value === 1 ? bit(cond.clbits[0]!) : `!${bit(cond.clbits[0]!)}`;
  const r = circuit.cregs.find((x) => x.size === cond.clbits.length && cond.clbits.every((c, i) => c === x.start + i));
  if (r === undefined) throw new TargetError('a condition over bits that do not form one whole register cannot be sent to IBM');
  return `${r.name} == ${cond.value}`;
}

/** Shortest decimal that round-trips a float64 exactly. */
function formatAngle(x: number): string {
  return Object.is(x, -0) ? '0' : String(x);
}
