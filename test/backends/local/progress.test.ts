/**
 * Progress of a large simulation: one event per cache-blocked stage, in order, ending at the total,
 * on the serial and the threaded engine alike, and the state is the one computed without a callback.
 */
import { describe, expect, it } from 'vitest';
import { CircuitBuilder } from '../../../compiler/circuit/index.js';
import type { ProgressEvent } from '../../../compiler/progress.js';
import { Statevector } from '../../../backends/local/index.js';

function layered(n: number, layers: number): ReturnType<CircuitBuilder['build']> {
  const b = new CircuitBuilder(n);
  for (let l = 0; l < layers; l++) {
    for (let q = 0; q < n; q++) b.ry(0.1 * (q + 1) + l, q);
    for (let q = 0; q + 1 < n; q += 1 + (l % 2)) b.cx(q, q + 1);
  }
  return b.build();
}

describe('simulation progress', () => {
  for (const threads of ['off', 'on'] as const) {
    it(`reports every stage of an 18-qubit run (threads ${threads})`, () => {
      const c = layered(18, 3);
      const events: ProgressEvent[] = [];
      const withBar = Statevector.zero(18, { precision: 'double' }).applyCircuit(c, { threads, progress: (e) => events.push(e) });
      const plain = Statevector.zero(18, { precision: 'double' }).applyCircuit(c, { threads });
      expect(events.length).toBeGreaterThan(1);
      expect(events.every((e) => e.stage === 'simulate' && e.total === events[0]!.total)).toBe(true);
      expect(events.map((e) => e.done)).toEqual(Array.from({ length: events.length }, (_, i) => i + 1));
      expect(events.at(-1)!.done).toBe(events.at(-1)!.total);
      let diff = 0;
      for (let k = 0; k < plain.data.length; k++) diff = Math.max(diff, Math.abs(plain.data[k]! - withBar.data[k]!));
      expect(diff).toBe(0);
    });
  }
});
