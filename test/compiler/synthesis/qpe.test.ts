import { describe, expect, it } from 'vitest';
import { CircuitBuilder, circuitState } from '../../../compiler/circuit/index.js';
import { PhaseEstimation, phaseEstimationExamples } from '../../../compiler/synthesis/qpe.js';
import { walkPowers } from '../../../compiler/blockencoding/qubitization.js';
import { LcuEncoding } from '../../../compiler/blockencoding/lcu.js';
import { CsrMatrix } from '../../../compiler/linalg/csr.js';
import { circuitCost } from '../../../compiler/synthesis/cost.js';

/** Probability distribution of the clock value y for the circuit's output. */
function clockDistribution(pe: PhaseEstimation, prep?: (b: CircuitBuilder) => void): Float64Array {
  const b = new CircuitBuilder(pe.numQubits);
  prep?.(b);
  b.compose(pe.circuit());
  const st = circuitState(b.build());
  const m = pe.targetQubits;
  const dist = new Float64Array(1 << pe.clockQubits);
  for (let x = 0; x < st.rows; x++) dist[x >> m]! += st.re[x]! ** 2 + st.im[x]! ** 2;
  return dist;
}

describe('phase estimation', () => {
  it('reads an exactly representable phase with certainty', () => {
    const [pe] = phaseEstimationExamples();
    const dist = clockDistribution(pe!, (b) => b.x(0));
    expect(dist[5]).toBeCloseTo(1, 12);
    expect(circuitCost(pe!.circuit()).gates).toEqual(pe!.cost().gates);
  });

  it('an eigenphase of a two-qubit circuit peaks at the nearest clock value, with the textbook ≥ 4/π² weight', () => {
    // U = H₀·CX·Rz₁(0.7)·CX·H₀ = exp(−0.35i·X₀Z₁): |+⟩|0⟩ is an eigenstate with phase e^{−0.35i}.
    const pe = phaseEstimationExamples()[1]!;
    const dist = clockDistribution(pe, (b) => b.h(0));
    const phi = (-0.35 / (2 * Math.PI) + 1) % 1;
    const y = Math.round(phi * 16) % 16;
    expect(dist[y]!).toBeGreaterThan(4 / Math.PI ** 2);
  });

  it('takes controlled powers from a provider', () => {
    const phi = 3 / 16;
    const pe = new PhaseEstimation({
      clockQubits: 4, targetQubits: 1,
      controlledPower: (k) => new CircuitBuilder(2).cp(2 * Math.PI * phi * 2 ** k, 0, 1).build(),
    });
    expect(clockDistribution(pe, (b) => b.x(0))[3]).toBeCloseTo(1, 12);
  });

  it('estimates ±arccos(|λ|/α)/π from the qubitization walk of a block encoding', () => {
    // A = 0.3·I + 0.4·Z: α = 0.7, eigenvalues 0.7 (|0⟩) and −0.1 (|1⟩).
    const be = new LcuEncoding({ matrix: CsrMatrix.fromDense(2, 2, [0.7, 0, 0, -0.1]) });
    const t = 5;
    const powers = walkPowers(be, t);
    const pe = new PhaseEstimation({ clockQubits: t, targetQubits: be.numQubits, controlledPower: (k) => powers[k]! });
    expect(clockDistribution(pe)[0]).toBeCloseTo(1, 10); // |λ| = α: θ = 0
    const dist = clockDistribution(pe, (b) => b.x(0));
    const phi = Math.acos(0.1 / 0.7) / Math.PI;
    const up = Math.round(phi * 2 ** t), down = (2 ** t - up) % 2 ** t;
    expect(dist[up]! + dist[down]!).toBeGreaterThan(4 / Math.PI ** 2);
  });
});
