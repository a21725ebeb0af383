/**
 * What a drawing writes for each operation: short gate names (H, Rz, √X, S†) with their
 * parameters as multiples of π where they are exact (π/2, -3π/4) and four significant digits
 * otherwise, and the wire labels of registers (the name on a register's first wire only).
 */
import type { Instruction, Register } from '../circuit/circuit.js';
import type { ParamValue } from '../circuit/expression.js';
import { paramValues } from '../circuit/parameters.js';

const NAMES: Readonly<Record<string, string>> = {
  id: 'I', x: 'X', y: 'Y', z: 'Z', h: 'H', s: 'S', sdg: 'S†', t: 'T', tdg: 'T†', sx: '√X', sxdg: '√X†',
  rx: 'Rx', ry: 'Ry', rz: 'Rz', p: 'P', u1: 'P', u2: 'U2', u3: 'U', U: 'U', gpi: 'GPI', gpi2: 'GPI2',
  rxx: 'Rxx', ryy: 'Ryy', rzz: 'Rzz', zz: 'ZZ', ms: 'MS', ecr: 'ECR', swap: 'Swap', reset: '|0>', measure: 'M', delay: 'Delay',
};

const DENOMINATORS = [1, 2, 3, 4, 6, 8, 12, 16];

/** An angle as text: 0, π, -π/2, 3π/4 when x is such a multiple of π (to 1e-9), else 4 significant digits (4.597e-6 below 10⁻³). */
export function formatAngle(x: number): string {
  if (Math.abs(x) < 1e-12) return '0';
  for (const d of DENOMINATORS) {
    const n = Math.round((x * d) / Math.PI);
    if (n === 0 || Math.abs(x - (n * Math.PI) / d) > 1e-9) continue;
    const num = n === 1 ? 'π' : n === -1 ? '-π' : `${n}π`;
    return d === 1 ? num : `${num}/${d}`;
  }
  if (Math.abs(x) < 1e-3) return x.toExponential(3).replace(/\.?0+e/, 'e').replace('e+', 'e');
  return String(Number(x.toPrecision(4)));
}

/** The label of a gate name with parameters: `Rz(π/4)`, `U(π/2,0,π)`, `Rx(theta/2 + π)`, or the bare name. */
export function gateLabel(gate: string, params: readonly ParamValue[]): string {
  const name = NAMES[gate] ?? gate;
  return params.length === 0 ? name : `${name}(${params.map((p) => (typeof p === 'number' ? formatAngle(p) : p.format(formatAngle))).join(',')})`;
}

/** The label of an instruction's own gate (as a box shows it). */
export function instructionLabel(inst: Instruction): string {
  return gateLabel(inst.gate, paramValues(inst));
}

/**
 * One label per wire: `name[0]` on a register's first wire and `[i]` (right-aligned under it) on
 * the rest; a one-wire register shows its name alone. Wires outside every register get `fallback[i]`.
 */
export function wireLabels(regs: readonly Register[], n: number, fallback: string): string[] {
  const out = Array.from({ length: n }, (_, i) => `${fallback}[${i}]`);
  for (const r of regs) {
    for (let i = 0; i < r.size; i++) {
      const q = r.start + i;
      if (q < 0 || q >= n) continue;
      if (r.size === 1) out[q] = r.name;
      else out[q] = i === 0 ? `${r.name}[0]` : `${' '.repeat(r.name.length)}[${i}]`;
    }
  }
  return out;
}
