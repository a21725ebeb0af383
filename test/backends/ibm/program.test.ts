import { describe, expect, it } from 'vitest';
import { ibmQasm } from '../../../backends/ibm/backend.js';
import { compactQubits } from '../../../backends/local/noise/index.js';
import { distributionRecord } from '../../../backends/local/results.js';
import { simulate } from '../../../backends/local/simulate.js';
import { measureAll } from '../../../backends/prepare.js';
import { transpile } from '../../../passes/transpile.js';
import { CircuitBuilder, type Circuit } from '../../../compiler/circuit/index.js';
import { parseQasm } from '../../../compiler/qasm/index.js';
import { getTarget } from '../../../passes/targets/builtins.js';

function source(): Circuit {
  const b = new CircuitBuilder(4, 3);
  b.h(0).cx(0, 3).t(3).ry(0.7, 1).ccx(0, 1, 2).rz(0.3, 2).cz(2, 3).sx(1).swap(1, 3);
  b.measure(3, 0).measure(2, 1).measure(1, 2);
  return b.build();
}

const exact = (c: Circuit): Record<string, number> => distributionRecord(simulate(compactQubits(c).circuit));

function expectSameDistribution(a: Record<string, number>, b: Record<string, number>): void {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const k of keys) expect(Math.abs((a[k] ?? 0) - (b[k] ?? 0)), k).toBeLessThan(1e-9);
}

describe('the OpenQASM 3 program qntk sends to IBM', () => {
  it.each(['ibm_kingston', 'ibm_brisbane', 'ibm_miami'])('reads back (physical $k, basis gates, ecr/rzz definitions) to the source distribution on %s', (name) => {
    const src = source();
    const lowered = transpile(measureAll(src), getTarget(name), { seed: 1 }).circuit;
    const text = ibmQasm(lowered);
    expect(text).not.toMatch(/qubit\[/);
    const back = parseQasm(text, { file: `${name}.qasm` });
    expectSameDistribution(exact(back), exact(src));
  });

  it('measures every qubit of an unmeasured circuit into meas, in qubit order', () => {
    const c = measureAll(new CircuitBuilder(2).x(1).build());
    expect(c.cregs).toEqual([{ name: 'meas', start: 0, size: 2 }]);
    expect(distributionRecord(simulate(c))).toEqual({ '10': 1 });
  });
});
