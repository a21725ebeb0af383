import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../helpers/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'qntk-route-'));
const write = (name: string, text: string): string => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};
const TRIANGLE = write('triangle.qasm', 'OPENQASM 2.0;\ninclude "qelib1.inc";\nqreg q[3];\ncx q[0],q[1];\ncx q[1],q[2];\ncx q[0],q[2];\n');
// A 2 × 3 grid program on a 2 × 3 grid coupling map, with the qubits numbered so the trivial layout does not fit.
const GRID = write('grid.qasm', 'OPENQASM 2.0;\ninclude "qelib1.inc";\nqreg q[6];\nh q[0];\ncx q[0],q[5];\ncx q[5],q[2];\ncx q[2],q[4];\ncx q[4],q[1];\ncx q[1],q[3];\ncx q[3],q[0];\ncx q[5],q[1];\n');
const GRID_MAP = write('grid.json', JSON.stringify([[0, 1], [1, 2], [3, 4], [4, 5], [0, 3], [1, 4], [2, 5]]));

describe('qntk optimize --routing', () => {
  it('a program that fits a user coupling map gets no swaps, even with --routing none', async () => {
    for (const routing of ['sabre', 'none']) {
      const r = await runCli(['optimize', GRID, '--coupling', GRID_MAP, '--basis', 'cx,rz,sx,x', '-O', '1', '--routing', routing, '--json']);
      expect(r.code, r.stderr).toBe(0);
      const j = JSON.parse(r.stdout) as { swaps: number; after: { twoQubit: number } };
      expect(j.swaps).toBe(0);
      expect(j.after.twoQubit).toBe(7);
    }
  });

  it('--routing none refuses a program that does not fit, in one line with exit code 2', async () => {
    const r = await runCli(['optimize', TRIANGLE, '--target', 'ibm_fez', '--routing', 'none']);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/routing 'none'/);
    expect(r.stdout).toBe('');
  });

  it('--routing greedy and sabre both route the triangle; an unknown method is refused', async () => {
    for (const routing of ['greedy', 'sabre']) {
      const r = await runCli(['optimize', TRIANGLE, '--target', 'ibm_fez', '--routing', routing, '--json']);
      expect(r.code, r.stderr).toBe(0);
      expect((JSON.parse(r.stdout) as { swaps: number }).swaps).toBeGreaterThan(0);
    }
    const bad = await runCli(['optimize', TRIANGLE, '--target', 'ibm_fez', '--routing', 'teleport']);
    expect(bad.code).toBe(2);
  });
});
