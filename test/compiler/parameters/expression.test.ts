import { describe, expect, it } from 'vitest';
import { addValues, callValue, divValues, Expr, mulValues, negValue, powValues, valuesEqual } from '../../../compiler/circuit/index.js';
import { formatNumber, parseQasm } from '../../../compiler/qasm/index.js';

const th = Expr.symbol('theta'), ph = Expr.symbol('phi');
const at = (e: ReturnType<typeof addValues>, theta: number, phi: number): number =>
  typeof e === 'number' ? e : e.evaluate((n) => ({ theta, phi })[n as 'theta' | 'phi']);

describe('expressions of input parameters', () => {
  it('keep sums canonical: θ/2 + θ/2 = θ, θ − θ folds to the number 0, terms sorted', () => {
    expect(addValues(th.scale(0.5), th.scale(0.5))).toSatisfy((e) => valuesEqual(e as Expr, th));
    expect(addValues(th, negValue(th))).toBe(0);
    expect((addValues(ph, th) as Expr).key).toBe((addValues(th, ph) as Expr).key);
    expect(valuesEqual(addValues(th, 1), addValues(th, 2))).toBe(false);
    expect(valuesEqual(th, ph)).toBe(false);
    // Rounding noise left by a cancellation is not a term.
    expect(addValues(th.scale(0.1).add(th.scale(0.2)), th.scale(-0.3))).toBe(0);
  });

  it('fold constants and evaluate nonlinear atoms', () => {
    expect(mulValues(2, 3)).toBe(6);
    const e = addValues(mulValues(th, ph), callValue('sin', divValues(th, 2))) as Expr;
    expect(at(e, 0.7, -1.3)).toBeCloseTo(0.7 * -1.3 + Math.sin(0.35), 15);
    expect(at(powValues(th, 2), 3, 0)).toBe(9);
    expect(powValues(th, 1)).toBe(th);
    expect(() => divValues(th, 0)).toThrow(/by zero/);
    expect([...e.symbols()].sort()).toEqual(['phi', 'theta']);
  });

  it('substitute some inputs and keep the others', () => {
    const e = addValues(mulValues(2, th), ph) as Expr;
    const s = e.substitute((n) => (n === 'theta' ? 0.25 : undefined));
    expect(valuesEqual(s, addValues(ph, 0.5))).toBe(true);
    expect(e.substitute(() => 1)).toBe(3);
  });

  it('print as OpenQASM that reads back to the same expression', () => {
    const cases = [
      addValues(th.scale(0.5), Math.PI / 4), addValues(th.scale(-1 / 3), ph), mulValues(addValues(th, 1), ph),
      callValue('arctan', addValues(th.scale(2), ph.scale(-0.7))), powValues(th, 3), divValues(mulValues(th, ph), addValues(ph, 2)),
      addValues(mulValues(2, mulValues(th, ph)), -1.5), callValue('sqrt', callValue('exp', th)),
    ] as Expr[];
    for (const e of cases) {
      const text = e.format(formatNumber);
      const c = parseQasm(`OPENQASM 3.0;\ninput float[64] theta;\ninput float[64] phi;\nqubit q;\nrz(${text}) q;`);
      const back = c.instructions[0]!.exprs![0]!;
      expect(back.key, text).toBe(e.key);
    }
  });
});
