/**
 * The programs of issue 17's scale checks, generated (never stored): a random 20-qubit circuit
 * of a million gates (30 % cx on random pairs, 10 % rz of a random angle, 60 % one of h, t, s,
 * x, tdg, sdg) and the wide program "h, barrier, measure" on 2^18 − 1 qubits.
 */
import { createRandom } from '../compiler/linalg/random.js';

const ONE = ['h', 't', 's', 'x', 'tdg', 'sdg'] as const;

/** OpenQASM 3 text of `gates` random gates on `qubits` qubits (seeded). */
export function randomProgram(gates: number, qubits: number, seed = 1): string {
  const r = createRandom(seed);
  const lines = ['OPENQASM 3.0;', 'include "stdgates.inc";', `qubit[${qubits}] q;`];
  for (let k = 0; k < gates; k++) {
    const u = r.next();
    if (u < 0.3) {
      const a = r.int(qubits);
      const b = (a + 1 + r.int(qubits - 1)) % qubits;
      lines.push(`cx q[${a}], q[${b}];`);
    } else if (u < 0.4) lines.push(`rz(${((r.next() - 0.5) * 2 * Math.PI).toFixed(6)}) q[${r.int(qubits)}];`);
    else lines.push(`${ONE[r.int(ONE.length)]!} q[${r.int(qubits)}];`);
  }
  return `${lines.join('\n')}\n`;
}

/** One H per qubit, a barrier over the register, and every qubit measured. */
export function wideProgram(qubits: number): string {
  return `OPENQASM 3.0; include "stdgates.inc"; qubit[${qubits}] q; bit[${qubits}] c; h q; barrier q; c = measure q;\n`;
}
