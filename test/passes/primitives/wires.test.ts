import { describe, expect, it } from 'vitest';
import type { Instruction } from '../../../compiler/circuit/index.js';
import { WireGraph } from '../../../passes/primitives/wires.js';
import { rng } from '../../helpers/quantum.js';

/** The wires recomputed from scratch over the surviving nodes (the reference for the linked lists). */
function naiveWires(insts: ReadonlyArray<Instruction | null>, n: number): number[][] {
  const wires: number[][] = Array.from({ length: n }, () => []);
  insts.forEach((inst, i) => inst?.qubits.forEach((q) => wires[q]!.push(i)));
  return wires;
}

describe('WireGraph', () => {
  it('prev/next/first/last agree with wires recomputed from scratch after random removals and reorderings, wide nodes included', () => {
    const r = rng(5);
    const n = 24;
    const insts: Instruction[] = [];
    for (let k = 0; k < 400; k++) {
      const u = r();
      if (u < 0.03) insts.push({ gate: 'barrier', qubits: Array.from({ length: n }, (_, q) => (q * 7) % n), params: [] });
      else if (u < 0.5) {
        const a = Math.floor(r() * n);
        insts.push({ gate: 'cz', qubits: [a, (a + 1 + Math.floor(r() * (n - 1))) % n], params: [] });
      } else insts.push({ gate: 'h', qubits: [Math.floor(r() * n)], params: [] });
    }
    const g = new WireGraph(insts, n);
    const live = [...insts] as Array<Instruction | null>;
    for (let step = 0; step < 300; step++) {
      const i = Math.floor(r() * insts.length);
      const inst = live[i];
      if (!inst) continue;
      if (r() < 0.6) {
        g.remove(i);
        live[i] = null;
      } else {
        // The same qubit set in reversed order (cz and barrier are symmetric in their qubits).
        const re = { ...inst, qubits: [...inst.qubits].reverse() };
        g.replace(i, re);
        live[i] = re;
      }
      if (step % 25 !== 0) continue;
      const wires = naiveWires(live, n);
      for (let q = 0; q < n; q++) {
        const w = wires[q]!;
        expect(g.first[q]).toBe(w.length > 0 ? w[0] : -1);
        expect(g.last[q]).toBe(w.length > 0 ? w[w.length - 1] : -1);
        w.forEach((node, k) => {
          expect(g.prev(node, q)).toBe(k > 0 ? w[k - 1] : -1);
          expect(g.next(node, q)).toBe(k + 1 < w.length ? w[k + 1] : -1);
        });
      }
      expect(g.toInstructions()).toEqual(live.filter((x) => x !== null));
    }
  });
});
