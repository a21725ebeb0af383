/** Reading a lowered circuit's state back in logical qubit order (layout and final permutation undone). */
import { circuitState, type Circuit } from '../../../compiler/circuit/index.js';
import { compactQubits } from '../../../backends/local/noise/index.js';
import { getTarget } from '../../../passes/targets/builtins.js';
import { transpile, type TranspileResult } from '../../../passes/transpile.js';

export interface LoweredState {
  /** Amplitudes over the logical basis (logical qubit i = bit i), from the lowered circuit. */
  readonly re: Float64Array;
  readonly im: Float64Array;
  /** Σ|amplitude|² over the logical basis: 1 when every other device qubit ends in |0⟩. */
  readonly norm2: number;
  readonly lowered: TranspileResult;
}

/** Lower a unitary circuit for `target` at -O3, simulate it and read its state in logical order. */
export function loweredState(logical: Circuit, target: string, seed = 1): LoweredState {
  const lowered = transpile(logical, getTarget(target), { level: 3, seed });
  const { circuit, physical } = compactQubits(lowered.circuit);
  const st = circuitState(circuit);
  const pos = new Map(physical.map((p, k) => [p, k]));
  const n = logical.numQubits, dim = 1 << n;
  const re = new Float64Array(dim), im = new Float64Array(dim);
  let norm2 = 0;
  for (let x = 0; x < dim; x++) {
    let idx = 0, ok = true;
    for (let i = 0; i < n; i++) {
      if (!((x >> i) & 1)) continue;
      const k = pos.get(lowered.finalPermutation[i]!);
      if (k === undefined) ok = false; // an untouched qubit stays |0⟩
      else idx |= 1 << k;
    }
    if (!ok) continue;
    re[x] = st.re[idx]!;
    im[x] = st.im[idx]!;
    norm2 += re[x]! ** 2 + im[x]! ** 2;
  }
  return { re, im, norm2, lowered };
}
