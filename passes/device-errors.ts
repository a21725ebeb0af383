/**
 * The error model layout and post-layout choose by: per coupling edge the error of the target's
 * entangling basis gate (cz, ecr or cx; the better direction), per qubit the sx error and the
 * readout error, from the calibration snapshot. Costs are −log(1 − error), so a layout's cost is
 * −log of its estimated success probability (the product of (1 − error) over the operations it
 * runs). Couplers reported with error ≥ FAULTY_ERROR are treated as out of service.
 */
import type { Target } from './targets/target.js';

/** Calibration marks a coupler it could not tune with error 1; anything this bad is not used. */
export const FAULTY_ERROR = 0.5;

export interface DeviceErrors {
  readonly numQubits: number;
  /** −log(1 − e) of the entangler on the undirected edge a–b (key a·n + b with a < b). */
  readonly edgeCost: ReadonlyMap<number, number>;
  /** −log(1 − e) of sx on each qubit. */
  readonly oneQubitCost: Float64Array;
  /** −log(1 − e) of measuring each qubit. */
  readonly readoutCost: Float64Array;
  /** Undirected edges (same keys) whose entangler error is ≥ FAULTY_ERROR. */
  readonly faulty: ReadonlySet<number>;
}

const ENTANGLERS = ['cz', 'ecr', 'cx'];
const cache = new WeakMap<object, DeviceErrors | null>();

/** −log(1 − e), capped so that a certain failure stays finite and comparable. */
export function errorCost(e: number): number {
  return -Math.log(Math.max(1e-6, 1 - Math.min(Math.max(e, 0), 1)));
}

/** The target's error model, or null without calibration data. */
export function deviceErrors(target: Target): DeviceErrors | null {
  const cal = target.calibration;
  if (cal === null) return null;
  const hit = cache.get(cal);
  if (hit !== undefined) return hit;
  const n = target.numQubits ?? cal.numQubits;
  const basis = target.basisGates ?? new Set(cal.basisGates);
  const entangler = ENTANGLERS.find((g) => basis.has(g)) ?? null;
  const edgeError = new Map<number, number>();
  const sx = new Float64Array(n).fill(NaN);
  for (const [name, qs, err] of cal.gates) {
    if (qs.length === 2 && name === entangler) {
      const key = Math.min(qs[0]!, qs[1]!) * n + Math.max(qs[0]!, qs[1]!);
      edgeError.set(key, Math.min(err, edgeError.get(key) ?? Infinity));
    } else if (qs.length === 1 && (name === 'sx' || (name === 'x' && Number.isNaN(sx[qs[0]!]!)))) {
      sx[qs[0]!] = err;
    }
  }
  const edgeCost = new Map<number, number>();
  const faulty = new Set<number>();
  for (const [key, e] of edgeError) {
    edgeCost.set(key, errorCost(e));
    if (e >= FAULTY_ERROR) faulty.add(key);
  }
  const oneQubitCost = new Float64Array(n), readoutCost = new Float64Array(n);
  for (let q = 0; q < n; q++) {
    oneQubitCost[q] = errorCost(Number.isNaN(sx[q]!) ? 0 : sx[q]!);
    readoutCost[q] = errorCost(cal.qubits[q]?.[2] ?? 0);
  }
  const out: DeviceErrors = { numQubits: n, edgeCost, oneQubitCost, readoutCost, faulty };
  cache.set(cal, out);
  return out;
}

/** Cost of the entangler on a–b; edges without data cost the median of the others. */
export function edgeCostOf(errors: DeviceErrors, a: number, b: number): number {
  const c = errors.edgeCost.get(Math.min(a, b) * errors.numQubits + Math.max(a, b));
  return c ?? medianEdgeCost(errors);
}

const medians = new WeakMap<DeviceErrors, number>();
function medianEdgeCost(errors: DeviceErrors): number {
  let m = medians.get(errors);
  if (m === undefined) {
    const all = [...errors.edgeCost.values()].sort((x, y) => x - y);
    m = all.length > 0 ? all[all.length >> 1]! : 0;
    medians.set(errors, m);
  }
  return m;
}
