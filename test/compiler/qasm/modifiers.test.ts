/** Every modifier on every library gate, checked against the dense matrix it claims (exact phases under control). */
import { describe, expect, it } from 'vitest';
import { circuitUnitary, controlledMatrix, gateMatrix, gateNames, gateSpec } from '../../../compiler/circuit/index.js';
import { unitaryPower } from '../../../compiler/circuit/pow.js';
import { CMatrix } from '../../../compiler/linalg/complex.js';
import { parseQasm } from '../../../compiler/qasm/index.js';
import { expectSameUnitary, rng } from '../../helpers/quantum.js';

const X = gateMatrix('x', []);
const r = rng(7);
const cases = gateNames().map((g) => {
  const s = gateSpec(g)!;
  const arity = s.variadic ? 3 : s.qubits;
  const params = Array.from({ length: s.params }, () => (r() - 0.5) * 7);
  return [g, arity, params] as const;
});

/** `mods g(params) q[0], …, q[n-1];` read by our parser. */
function read(mods: string, g: string, params: readonly number[], n: number) {
  const ps = params.length > 0 ? `(${params.join(', ')})` : '';
  const qs = Array.from({ length: n }, (_, i) => `q[${i}]`).join(', ');
  return parseQasm(`OPENQASM 3.0;\ninclude "stdgates.inc";\nqubit[${n}] q;\n${mods} ${g}${ps} ${qs};\n`);
}

function power(m: CMatrix, k: number): CMatrix {
  let out = CMatrix.identity(m.rows);
  const base = k < 0 ? m.adjoint() : m;
  for (let i = 0; i < Math.abs(k); i++) out = out.mul(base);
  return out;
}

/** X on the low qubit of an n-qubit space (qubit 0 is the right Kronecker factor). */
const xLow = (n: number): CMatrix => CMatrix.identity(1 << (n - 1)).kron(X);
/** X on qubit 1 of an n-qubit space. */
const xOne = (n: number): CMatrix => CMatrix.identity(1 << (n - 2)).kron(X).kron(CMatrix.identity(2));

describe.each(cases)('%s', (g, arity, params) => {
  const u = gateMatrix(g, params, arity);
  it('ctrl @ and ctrl(2) @ give the controlled matrix', () => {
    expectSameUnitary(read('ctrl @', g, params, arity + 1), controlledMatrix(u, 1));
    expectSameUnitary(read('ctrl(2) @', g, params, arity + 2), controlledMatrix(u, 2));
  });
  it('negctrl @ acts when the control is 0; ctrl @ negctrl @ mixes them', () => {
    const c1 = controlledMatrix(u, 1);
    expectSameUnitary(read('negctrl @', g, params, arity + 1), xLow(arity + 1).mul(c1).mul(xLow(arity + 1)));
    const c2 = controlledMatrix(u, 2);
    expectSameUnitary(read('ctrl @ negctrl @', g, params, arity + 2), xOne(arity + 2).mul(c2).mul(xOne(arity + 2)));
  });
  it('inv @ and pow(k) @ are exact including phase (checked under a control)', () => {
    if (arity > 0) expectSameUnitary(read('inv @', g, params, arity), u.adjoint());
    expectSameUnitary(read('ctrl @ inv @', g, params, arity + 1), controlledMatrix(u.adjoint(), 1));
    expectSameUnitary(read('ctrl @ pow(2) @', g, params, arity + 1), controlledMatrix(power(u, 2), 1));
    expectSameUnitary(read('ctrl @ pow(-3) @', g, params, arity + 1), controlledMatrix(power(u, -3), 1));
    expectSameUnitary(read('inv @ ctrl @', g, params, arity + 1), controlledMatrix(u, 1).adjoint());
  });
});

it('ctrl @ maps to the controlled library forms where they exist', () => {
  const names = (src: string): string[] => parseQasm(`OPENQASM 3; include "stdgates.inc"; qubit[5] q; ${src}`).instructions.map((i) => i.gate);
  expect(names('ctrl @ x q[0], q[1]; ctrl @ cx q[0], q[1], q[2]; ctrl(2) @ cx q[0], q[1], q[2], q[3];')).toEqual(['cx', 'ccx', 'mcx']);
  expect(names('ctrl @ z q[0], q[1]; ctrl(2) @ z q[0], q[1], q[2]; ctrl @ ccz q[0], q[1], q[2], q[3];')).toEqual(['cz', 'ccz', 'mcz']);
  expect(names('ctrl @ p(1) q[0], q[1]; ctrl @ cp(1) q[0], q[1], q[2]; ctrl @ s q[0], q[1]; ctrl @ gphase(1) q[0];')).toEqual(['cp', 'mcp', 'cp', 'p']);
  expect(names('ctrl @ rz(1) q[0], q[1]; ctrl @ ry(1) q[0], q[1]; ctrl @ h q[0], q[1]; ctrl @ swap q[0], q[1], q[2]; ctrl @ U(1, 2, 3) q[0], q[1];'))
    .toEqual(['crz', 'cry', 'ch', 'cswap', 'cu']);
  expect(names('ctrl @ sx q[0], q[1];')).toEqual(['cu']);
});

describe('pow(k) @ for real k: the principal power', () => {
  const exponents = [0.5, -0.5, 1 / 3, 2.5, 1e7 + 1];
  describe.each(cases)('%s', (g, arity, params) => {
    const u = gateMatrix(g, params, arity);
    it.each(exponents)('pow(%d) @ equals the principal power, with its phase (checked under a control)', (k) => {
      const uk = unitaryPower(u, k);
      const controlled = read(`ctrl @ pow(${k}) @`, g, params, arity + 1);
      expectSameUnitary(controlled, controlledMatrix(uk, 1), 1e-7);
      expect(controlled.instructions.length, 'a power is a few gates, not a repetition').toBeLessThanOrEqual(100);
      if (arity > 0) expect(circuitUnitary(read(`pow(${k}) @`, g, params, arity)).maxAbsDiff(uk), `${g}^${k}`).toBeLessThan(1e-7);
    });
  });

  it('reads pow(0.5) @ x as sx and ctrl @ pow(0.5) @ x as one controlled gate', () => {
    const c = parseQasm('OPENQASM 3.0; include "stdgates.inc"; qubit[2] q; pow(0.5) @ x q[0]; ctrl @ pow(0.5) @ x q[0], q[1]; pow(0.25) @ z q[1];');
    expect(c.instructions.map((i) => i.gate)).toEqual(['sx', 'cu', 't']);
    expectSameUnitary(parseQasm('OPENQASM 3.0; include "stdgates.inc"; qubit[2] q; ctrl @ pow(0.5) @ x q[0], q[1];'), controlledMatrix(gateMatrix('sx', []), 1));
  });

  it('raises a defined multi-gate body through its matrix; pow(a) @ pow(b) @ g nests', () => {
    const body = 'gate g a, b { h a; cx a, b; rz(0.3) b; s a; }';
    const bodyMatrix = circuitUnitary(parseQasm(`OPENQASM 3.0; include "stdgates.inc"; ${body} qubit[2] q; g q[0], q[1];`));
    for (const k of [0.5, -1.5, 3, 7]) {
      const c = parseQasm(`OPENQASM 3.0; include "stdgates.inc"; ${body} qubit[2] q; pow(${k}) @ g q[0], q[1];`);
      expect(circuitUnitary(c).maxAbsDiff(unitaryPower(bodyMatrix, k)), `g^${k}`).toBeLessThan(1e-8);
    }
    const nested = parseQasm(`OPENQASM 3.0; include "stdgates.inc"; ${body} qubit[3] q; ctrl @ pow(0.5) @ pow(3) @ g q[0], q[1], q[2];`);
    expectSameUnitary(nested, controlledMatrix(unitaryPower(unitaryPower(bodyMatrix, 3), 0.5), 1), 1e-8);
  });

  it('repeats integer powers of bodies on three or more qubits and refuses non-integer ones', () => {
    const body = 'gate g a, b, c { h a; ccx a, b, c; t c; }';
    const one = circuitUnitary(parseQasm(`OPENQASM 3.0; include "stdgates.inc"; ${body} qubit[3] q; g q[0], q[1], q[2];`));
    const cube = parseQasm(`OPENQASM 3.0; include "stdgates.inc"; ${body} qubit[3] q; pow(3) @ g q[0], q[1], q[2];`);
    expect(circuitUnitary(cube).maxAbsDiff(one.mul(one).mul(one))).toBeLessThan(1e-9);
    expect(() => parseQasm(`OPENQASM 3.0; include "stdgates.inc"; ${body} qubit[3] q;\npow(0.5) @ g q[0], q[1], q[2];`, { file: 't.qasm' }))
      .toThrow("t.qasm:2:12: pow(0.5) @ a gate acting on 3 qubits: non-integer powers are computed for gates on at most 2 qubits and for controlled library gates");
  });

  it('is fast and small for huge exponents (one gate, not ten million)', () => {
    const c = parseQasm('OPENQASM 3.0; include "stdgates.inc"; qubit[2] q; pow(10000000) @ h q[0]; pow(10000001) @ h q[0]; pow(10000000) @ rz(0.1) q[1]; pow(-10000001) @ cx q[0], q[1];');
    expect(c.instructions.map((i) => i.gate)).toEqual(['h', 'rz', 'cx']);
  });
});
