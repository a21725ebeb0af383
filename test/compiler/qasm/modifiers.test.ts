/** Every modifier on every library gate, checked against the dense matrix it claims (exact phases under control). */
import { describe, expect, it } from 'vitest';
import { controlledMatrix, gateMatrix, gateNames, gateSpec } from '../../../compiler/circuit/index.js';
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
