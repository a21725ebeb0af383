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
  if (result.outcomeCounts !== undefined) {
    for (const k of [...result.outcomeCounts.keys()].sort((a, b) => a - b)) out[bitstring(k, result.width)] = result.outcomeCounts.get(k)!;
    return out;
  }
  const p = result.probabilities;
  if (p === undefined) return out;
  for (let k = 0; k < p.length; k++) if (p[k]! >= threshold) out[bitstring(k, result.width)] = p[k]!;
  return out;
}

/**
 * `result` with `counts`: its outcome counts as a plain object keyed by bitstring (bit 0
 * rightmost), built on first read (a sampled run may have millions of distinct outcomes).
 */
export function withCountRecord<R extends { readonly outcomeCounts: ReadonlyMap<number, number>; readonly width: number }>(result: R): R & { readonly counts: Readonly<Record<string, number>> } {
  let record: Record<string, number> | undefined;
  return Object.defineProperty(result, 'counts', {
    enumerable: true,
    get(): Record<string, number> {
      if (record === undefined) {
        record = {};
        for (const k of [...result.outcomeCounts.keys()].sort((a, b) => a - b)) record[bitstring(k, result.width)] = result.outcomeCounts.get(k)!;
      }
      return record;
    },
  }) as R & { readonly counts: Readonly<Record<string, number>> };
}
