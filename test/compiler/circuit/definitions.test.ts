import { describe, it, expect } from 'vitest';
import { gateNames, gateSpec, gateMatrix, CircuitBuilder, circuitUnitary } from '../../../compiler/circuit/index.js';
import { gateDefinition, expandGates, PRIMITIVE_GATES } from '../../../compiler/circuit/definitions.js';
import { eulerAngles } from '../../../compiler/circuit/euler.js';
import { uMatrix } from '../../../compiler/circuit/gates.js';
import { CMatrix } from '../../../compiler/linalg/complex.js';
import { rng } from '../../helpers/quantum.js';

const rand = rng(11);

function unitaryOf(instructions: ReturnType<typeof expandGates>, n: number): CMatrix {
  const b = new CircuitBuilder(n);
  for (const i of instructions) b.add(i);
  return circuitUnitary(b.build());
}

describe('gate definitions', () => {
  const cases = gateNames().flatMap((name) => {
    const spec = gateSpec(name)!;
    const sizes = spec.variadic ? [2, 3, 4, 5] : [spec.qubits];
    return sizes.map((n) => [name, n] as const);
  });

  it.each(cases)('%s on %i qubits expands exactly (with global phase) to U, cx, gphase', (name, n) => {
    const params = Array.from({ length: gateSpec(name)!.params }, () => (rand() - 0.5) * 6);
    const expanded = expandGates([{ gate: name, qubits: Array.from({ length: n }, (_, i) => i), params }]);
    for (const inst of expanded) expect(PRIMITIVE_GATES.has(inst.gate)).toBe(true);
    if (n === 0) return;
    const got = unitaryOf(expanded, n);
    expect(got.maxAbsDiff(gateMatrix(name, params, n))).toBeLessThan(1e-10);
    if (!PRIMITIVE_GATES.has(name)) expect(gateDefinition(name, params, n)).toBeDefined();
  });

  it('Euler angles reproduce random unitaries including the phase', () => {
    for (let k = 0; k < 50; k++) {
      const [t, p, l, gp] = [rand() * 6, rand() * 6 - 3, rand() * 6 - 3, rand() * 6 - 3];
      const m = uMatrix(t, p, l).scale({ re: Math.cos(gp), im: Math.sin(gp) });
      const e = eulerAngles(m);
      const back = uMatrix(e.theta, e.phi, e.lambda).scale({ re: Math.cos(e.phase), im: Math.sin(e.phase) });
      expect(back.maxAbsDiff(m)).toBeLessThan(1e-12);
    }
    for (const special of [uMatrix(0, 0, 1.3), uMatrix(Math.PI, 0.4, -0.2)]) {
      const e = eulerAngles(special);
      const back = uMatrix(e.theta, e.phi, e.lambda).scale({ re: Math.cos(e.phase), im: Math.sin(e.phase) });
      expect(back.maxAbsDiff(special)).toBeLessThan(1e-12);
    }
  });
});
