/** Simulation results as people and JSON read them: bitstrings with bit 0 rightmost. */
import type { SimulationResult } from './simulate.js';

/** Probabilities below this are left out of printed distributions. */
export const PRINT_THRESHOLD = 1e-12;

/** The outcome index as a bitstring of `width` bits, bit 0 rightmost. */
export function bitstring(index: number, width: number): string {
  return width === 0 ? '' : index.toString(2).padStart(width, '0');
}

/**
 * The result's distribution as {bitstring: value}, ascending by outcome: probabilities (entries
 * below `threshold` omitted) or counts.
 */
export function distributionRecord(result: SimulationResult, threshold = PRINT_THRESHOLD): Record<string, number> {
  const out: Record<string, number> = {};
  if (result.counts !== undefined) {
    for (const k of [...result.counts.keys()].sort((a, b) => a - b)) out[bitstring(k, result.width)] = result.counts.get(k)!;
    return out;
  }
  const p = result.probabilities;
  if (p === undefined) return out;
  for (let k = 0; k < p.length; k++) if (p[k]! >= threshold) out[bitstring(k, result.width)] = p[k]!;
  return out;
}
