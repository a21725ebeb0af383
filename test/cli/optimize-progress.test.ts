import { describe, expect, it } from 'vitest';
import { main } from '../../cli/main.js';
import { benchCircuit } from '../helpers/fixtures.js';

const TOF = benchCircuit('nam_ccz', 'tof_3');
/** The bar cli/progress.ts draws: a carriage return, a stage name, 30 cells and a percentage. */
const BAR = /\r[^\n]*\[[#.]{30}\] +\d+%/;

/** Run the CLI in-process with stderr a terminal or not; the bar is asked to draw at once. */
async function run(args: readonly string[], interactive: boolean): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '', stderr = '';
  const code = await main(args, { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), interactive, env: {}, progressDelayMs: 0 });
  return { code, stdout, stderr };
}

describe('qntk optimize progress', () => {
  it('draws a bar on a terminal, and none with --json or when stderr is piped', async () => {
    const bar = await run(['optimize', TOF, '--target', 'ibm_fez', '-O', '2', '-o', '/dev/null'], true);
    expect(bar.code).toBe(0);
    expect(bar.stderr).toMatch(BAR);

    const json = await run(['optimize', TOF, '--target', 'ibm_fez', '-O', '2', '--json'], true);
    expect(json.code).toBe(0);
    expect(json.stderr).toBe('');
    expect(() => JSON.parse(json.stdout) as unknown).not.toThrow();

    const piped = await run(['optimize', TOF, '--target', 'ibm_fez', '-O', '2'], false);
    expect(piped.code).toBe(0);
    expect(piped.stderr).not.toMatch(BAR);
    expect(piped.stderr).not.toContain('\r');
    expect(piped.stderr).toContain('two-qubit gates');
    expect(piped.stdout.startsWith('OPENQASM')).toBe(true);
  });
});
