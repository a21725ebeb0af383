/**
 * Dense unitaries of small circuits (up to about 12 qubits) and equivalence up to global phase.
 * This is the reference every construction and pass is tested against, so it is deliberately
 * simple: each gate's matrix is applied to every column of the running unitary.
 */
import { CMatrix, globalPhaseDistance } from '../linalg/complex.js';
import { ResourceError, ValidationError } from '../errors.js';
import type { Circuit, Instruction } from './circuit.js';
import { gateMatrix } from './gates.js';
import { isUnconditionalGate } from './kinds.js';
import { requireNumeric } from './parameters.js';

export const MAX_UNITARY_QUBITS = 13;

/**
 * Apply a k-qubit matrix (index bit j ↔ qubits[j]) to the state vectors stored as the columns of
 * `u` (dimension 2^n × m), in place.
 */
export function applyMatrixToColumns(u: CMatrix, mat: CMatrix, qubits: readonly number[]): void {
  const k = qubits.length;
  const dimK = 1 << k;
  const dim = u.rows;
  const cols = u.cols;
  if (k === 0) {
    const pr = mat.re[0]!, pi = mat.im[0]!;
    for (let t = 0; t < u.re.length; t++) {
      const xr = u.re[t]!, xi = u.im[t]!;
      u.re[t] = xr * pr - xi * pi;
      u.im[t] = xr * pi + xi * pr;
    }
    return;
  }
  let mask = 0;
  for (const q of qubits) mask |= 1 << q;
  const offsets = new Int32Array(dimK);
  for (let s = 0; s < dimK; s++) {
    let o = 0;
    for (let j = 0; j < k; j++) if ((s >> j) & 1) o |= 1 << qubits[j]!;
    offsets[s] = o;
  }
  const tr = new Float64Array(dimK), ti = new Float64Array(dimK);
  for (let base = 0; base < dim; base++) {
    if (base & mask) continue;
    for (let col = 0; col < cols; col++) {
      for (let s = 0; s < dimK; s++) {
        const idx = (base | offsets[s]!) * cols + col;
        tr[s] = u.re[idx]!;
        ti[s] = u.im[idx]!;
      }
      for (let r = 0; r < dimK; r++) {
        let accR = 0, accI = 0;
        for (let s = 0; s < dimK; s++) {
          const mr = mat.re[r * dimK + s]!, mi = mat.im[r * dimK + s]!;
          accR += mr * tr[s]! - mi * ti[s]!;
          accI += mr * ti[s]! + mi * tr[s]!;
        }
        const idx = (base | offsets[r]!) * cols + col;
        u.re[idx] = accR;
        u.im[idx] = accI;
      }
    }
  }
}

/** Matrix of one instruction (unitary gates with numeric parameters only). */
export function instructionMatrix(inst: Instruction): CMatrix {
  requireNumeric(inst);
  return gateMatrix(inst.gate, inst.params, inst.qubits.length);
}

/** The 2^n × 2^n unitary of a circuit of unitary gates (barriers ignored). */
export function circuitUnitary(circuit: Circuit): CMatrix {
  const n = circuit.numQubits;
  if (n > MAX_UNITARY_QUBITS) throw new ResourceError(`circuitUnitary: ${n} qubits is more than the ${MAX_UNITARY_QUBITS} a dense unitary allows; simulate a state instead`);
  const u = CMatrix.identity(1 << n);
  for (const inst of circuit.instructions) {
    if (inst.gate === 'barrier') continue;
    if (!isUnconditionalGate(inst)) throw new ValidationError(`circuitUnitary: '${inst.gate}' is not unitary`);
    applyMatrixToColumns(u, instructionMatrix(inst), inst.qubits);
  }
  return u;
}

/** The state U|0…0⟩ (or U|input⟩) of a unitary circuit, as a 2^n × 1 matrix; fine up to ~20 qubits. */
export function circuitState(circuit: Circuit, input?: CMatrix): CMatrix {
  const n = circuit.numQubits;
  const v = input ? input.clone() : new CMatrix(1 << n, 1);
  if (!input) v.re[0] = 1;
  for (const inst of circuit.instructions) {
    if (inst.gate === 'barrier') continue;
    if (!isUnconditionalGate(inst)) throw new ValidationError(`circuitState: '${inst.gate}' is not unitary`);
    applyMatrixToColumns(v, instructionMatrix(inst), inst.qubits);
  }
  return v;
}

/** True when the two circuits' unitaries agree up to a global phase (entrywise within tol). */
export function equivalent(a: Circuit, b: Circuit, tol = 1e-8): boolean {
  if (a.numQubits !== b.numQubits) return false;
  return globalPhaseDistance(circuitUnitary(a), circuitUnitary(b)) <= tol;
}
