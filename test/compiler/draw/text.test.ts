/** The text renderer on small circuits: exact drawings (a table of cases), folding widths and limits. */
import { describe, expect, it } from 'vitest';
import { CircuitBuilder } from '../../../compiler/circuit/index.js';
import { drawText, formatAngle, type DrawOptions } from '../../../compiler/draw/index.js';
import { parseQasm } from '../../../compiler/qasm/index.js';

const read = (src: string) => parseQasm(`OPENQASM 3.0; include "stdgates.inc"; ${src}`);

const CASES: [string, string, DrawOptions, string[]][] = [
  [
    'a Bell pair measured into a bundled register',
    'qubit[2] q; bit[2] c; h q[0]; cx q[0], q[1]; c = measure q;',
    {},
    [
      '      ┌───┐   ┌───┐',
      'q[0] ─┤ H ├─●─┤ M ├───────',
      '      └───┘ │ └─╥─┘ ┌───┐',
      ' [1] ───────⊕───╫───┤ M ├─',
      '                ║   └─╥─┘',
      'c/2  ═══════════╩═════╩═══',
      '                0     1',
    ],
  ],
  [
    'parameters as multiples of π; stacked boxes share their borders',
    'qubit[2] q; rz(pi/4) q[0]; rx(0.5) q[1]; U(pi/2, 0, pi) q[0]; p(-3*pi/4) q[1]; sdg q[0]; sx q[1];',
    {},
    [
      '      ┌─────────┐ ┌────────────┐ ┌────┐',
      'q[0] ─┤ Rz(π/4) ├─┤ U(π/2,0,π) ├─┤ S† ├─',
      '      ├─────────┤ ├────────────┤ ├────┤',
      ' [1] ─┤ Rx(0.5) ├─┤  P(-3π/4)  ├─┤ √X ├─',
      '      └─────────┘ └────────────┘ └────┘',
    ],
  ],
  [
    'controls ● and targets ⊕ joined by a line; swaps; controlled boxes',
    'qubit[3] q; ccx q[2], q[1], q[0]; cz q[0], q[2]; swap q[0], q[1]; cswap q[2], q[0], q[1]; crz(pi) q[0], q[2]; cp(0.25) q[1], q[0];',
    {},
    [
      '                        ┌─────────┐',
      'q[0] ─⊕─●─╳─╳─────●─────┤ P(0.25) ├─',
      '      │ │ │ │     │     └────┬────┘',
      ' [1] ─●─┼─╳─╳─────┼──────────●──────',
      '      │ │   │ ┌───┴───┐',
      ' [2] ─●─●───●─┤ Rz(π) ├─────────────',
      '              └───────┘',
    ],
  ],
  [
    'barriers and resets',
    'qubit[3] q; h q; barrier q[0], q[1]; reset q[2]; barrier q[0], q[2];',
    {},
    [
      '      ┌───┐',
      'q[0] ─┤ H ├────░────░─',
      '      ├───┤    ░',
      ' [1] ─┤ H ├────░──────',
      '      ├───┤ ┌─────┐',
      ' [2] ─┤ H ├─┤ |0> ├─░─',
      '      └───┘ └─────┘',
    ],
  ],
  [
    'measurement and conditions on the classical wire',
    'qubit[2] q; bit[2] c; c[0] = measure q[0]; if (c[0]) x q[1]; if (c == 2) h q[0];',
    {},
    [
      '      ┌───┐       ┌───┐',
      'q[0] ─┤ M ├───────┤ H ├─',
      '      └─╥─┘ ┌───┐ └─╥─┘',
      ' [1] ───╫───┤ X ├───╫───',
      '        ║   └─╥─┘   ║',
      'c/2  ═══╩═════╩═════╩═══',
      '        0   [0]=1   =2',
    ],
  ],
  [
    'multi-qubit boxes number their arguments',
    'qubit[3] q; rzz(0.5) q[0], q[2]; ecr q[1], q[0];',
    {},
    [
      '      ┌────────────┐ ┌───────┐',
      'q[0] ─┤0           ├─┤1      ├─',
      '      │            │ │   ECR │',
      ' [1] ─┤   Rzz(0.5) ├─┤0      ├─',
      '      │            │ └───────┘',
      ' [2] ─┤1           ├───────────',
      '      └────────────┘',
    ],
  ],
  [
    'registers grouped and labelled',
    'qubit[2] a; qubit b; qubit[1] d; h a; x b; y d;',
    {},
    [
      '      ┌───┐',
      'a[0] ─┤ H ├─',
      '      ├───┤',
      ' [1] ─┤ H ├─',
      '      ├───┤',
      'b    ─┤ X ├─',
      '      ├───┤',
      'd    ─┤ Y ├─',
      '      └───┘',
    ],
  ],
  [
    'folded into pages of 24 characters',
    'qubit q; h q; x q; h q; x q; h q; x q; h q;',
    {'fold':24},
    [
      '   ┌───┐ ┌───┐ ┌───┐',
      'q ─┤ H ├─┤ X ├─┤ H ├─»',
      '   └───┘ └───┘ └───┘',
      '',
      '   ┌───┐ ┌───┐ ┌───┐',
      'q«─┤ X ├─┤ H ├─┤ X ├─»',
      '   └───┘ └───┘ └───┘',
      '',
      '   ┌───┐',
      'q«─┤ H ├─',
      '   └───┘',
    ],
  ],
  [
    'maxColumns leaves out the rest and says so',
    'qubit q; h q; x q; h q; x q;',
    {'maxColumns':2},
    [
      '   ┌───┐ ┌───┐',
      'q ─┤ H ├─┤ X ├─',
      '   └───┘ └───┘',
      '… 2 more columns (2 operations) not drawn',
    ],
  ],
  [
    'physical qubits',
    'h $0; cx $0, $2;',
    {},
    [
      '    ┌───┐',
      '$0 ─┤ H ├─●─',
      '    └───┘ │',
      '$1 ───────┼─',
      '          │',
      '$2 ───────⊕─',
    ],
  ],
  [
    'the global phase as a header',
    'qubit q; gphase(pi/2); t q;',
    {},
    [
      'global phase: π/2',
      '   ┌───┐',
      'q ─┤ T ├─',
      '   └───┘',
    ],
  ],
];

describe('drawText', () => {
  it.each(CASES)('%s', (_name, src, options, lines) => {
    expect(drawText(read(src), options)).toBe(`${lines.join('\n')}\n`);
  });

  it('keeps every line within the fold width, repeating the wire labels on each page', () => {
    const src = `qubit[3] q; ${Array.from({ length: 40 }, (_, i) => `rz(${i / 7}) q[${i % 3}]; cx q[${i % 3}], q[${(i + 1) % 3}];`).join(' ')}`;
    for (const fold of [40, 60, 100]) {
      const text = drawText(read(src), { fold });
      const lines = text.trimEnd().split('\n');
      expect(Math.max(...lines.map((l) => [...l].length))).toBeLessThanOrEqual(fold);
      const pages = lines.filter((l) => l.startsWith('q[0]')).length;
      expect(pages).toBeGreaterThan(1);
      expect(lines.filter((l) => l.startsWith(' [2]')).length).toBe(pages);
      expect(lines.filter((l) => l.endsWith('»')).length).toBe(3 * (pages - 1));
    }
    expect(drawText(read(src), { fold: 0 }).split('\n').filter((l) => l.startsWith('q[0]'))).toHaveLength(1);
  });

  it('draws a builder circuit without registers and an empty one', () => {
    const c = new CircuitBuilder(2).h(0).cx(0, 1).build();
    expect(drawText(c)).toContain('●');
    expect(drawText(parseQasm('OPENQASM 3.0; qubit[2] q;'))).toBe('\nq[0] ──\n\n [1] ──\n');
  });
});

describe('formatAngle', () => {
  it.each([
    [0, '0'], [Math.PI, 'π'], [-Math.PI / 2, '-π/2'], [(3 * Math.PI) / 4, '3π/4'], [Math.PI / 16, 'π/16'],
    [0.5, '0.5'], [-1.90625, '-1.906'], [4.5967e-6, '4.597e-6'], [-2e-4, '-2e-4'], [123456, '123500'],
  ])('%d → %s', (x, text) => {
    expect(formatAngle(x)).toBe(text);
  });
});
