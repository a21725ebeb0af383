/** The command-line parser: every accepted form, and one line for every kind of bad usage. */
import { describe, expect, it } from 'vitest';
import { closest, parseCommandArgs, UsageError } from '../../cli/parse.js';
import { commandHelp, mainHelp } from '../../cli/help.js';
import { defineCommand, type ArgsOf } from '../../cli/spec.js';
import { COMMANDS } from '../../cli/commands/index.js';

const spec = defineCommand({
  name: 'try',
  describe: 'a command for the tests',
  positionals: [{ name: 'file', describe: 'input' }, { name: 'mode', describe: 'mode', optional: true, choices: ['a', 'b'] }],
  options: {
    O: { type: 'integer', min: 0, max: 3, default: 2, describe: 'level' },
    rho: { type: 'string', describe: 'values' },
    kappa: { type: 'number', min: 1, describe: 'κ' },
    method: { type: 'string', choices: ['qsvt', 'hhl'], default: 'qsvt', describe: 'method' },
    transpile: { type: 'boolean', default: true, describe: 'lower first' },
    'dry-run': { type: 'boolean', default: false, describe: 'send nothing' },
    output: { type: 'string', alias: 'o', describe: 'file' },
    backend: { type: 'string', required: true, describe: 'where' },
  },
});

const parse = (argv: string[]): ArgsOf<typeof spec> => parseCommandArgs(spec, argv) as unknown as ArgsOf<typeof spec>;
const usage = (argv: string[]): string => {
  try {
    parseCommandArgs(spec, argv);
  } catch (err) {
    expect(err).toBeInstanceOf(UsageError);
    return (err as Error).message;
  }
  throw new Error(`no usage error for ${argv.join(' ')}`);
};

describe('parseCommandArgs', () => {
  it('reads every form: --x v, --x=v, -xV, -x v, --no-x, negative numbers, -- before positionals', () => {
    const a = parse(['f.qasm', '-O3', '--rho', '-0.5,1', '--kappa=2.5', '--no-transpile', '--dry-run', '-o', 'out.qasm', '--backend', 'local']);
    expect(a).toMatchObject({ file: 'f.qasm', O: 3, rho: '-0.5,1', kappa: 2.5, transpile: false, dryRun: true, output: 'out.qasm', backend: 'local', method: 'qsvt' });
    expect(a.mode).toBeUndefined();
    expect(parse(['--backend', 'x', '--', '-weird.qasm', 'b'])).toMatchObject({ file: '-weird.qasm', mode: 'b' });
    expect(parse(['f', '--backend', 'x', '-O', '0']).O).toBe(0);
  });

  it('applies defaults and leaves absent options undefined', () => {
    const a = parse(['f', '--backend', 'x']);
    expect(a).toMatchObject({ O: 2, method: 'qsvt', transpile: true, dryRun: false });
    expect(a.kappa).toBeUndefined();
    expect(a.output).toBeUndefined();
  });

  it('reports every problem of one call in one line', () => {
    expect(usage(['f', '--backend', 'x', '--method', 'foo', '-O', '7'])).toBe('--method foo: expected one of qsvt, hhl; -O 7: expected an integer in 0..3');
  });

  it.each([
    [['f', '--backend', 'x', '--kappa', '0.5'], '--kappa 0.5: expected a number ≥ 1'],
    [['f', '--backend', 'x', '--kappa', 'abc'], '--kappa abc: expected a number ≥ 1'],
    [['f', '--backend', 'x', '-O', '1.5'], '-O 1.5: expected an integer in 0..3'],
    [['f', '--backend', 'x', '--rho'], '--rho needs a value'],
    [['f', '--backend', 'x', '--rho', '--kappa', '2'], '--rho needs a value'],
    [['f', '--backend', 'x', '--methd=hhl'], 'unknown option --methd; did you mean --method?'],
    [['f', '--backend', 'x', '--zzz'], 'unknown option --zzz'],
    [['f', '--backend', 'x', '--dry-run=maybe'], '--dry-run=maybe: a switch takes no value (use --dry-run or --no-dry-run)'],
    [['--backend', 'x'], 'try: missing argument <file>'],
    [['f', 'c', '--backend', 'x'], "mode 'c': expected one of a, b"],
    [['f', 'a', 'extra', '--backend', 'x'], "unexpected argument 'extra'"],
    [['f'], 'missing required option --backend'],
  ])('%j → %s', (argv, message) => {
    expect(usage(argv)).toBe(message);
  });

  it('suggests only near names', () => {
    expect(closest('optimise', ['optimize', 'simulate'])).toBe('optimize');
    expect(closest('frobnicate', ['optimize', 'simulate'])).toBeUndefined();
  });
});

describe('help', () => {
  it('lists every command, and every option of a command with its default and choices', () => {
    const main = mainHelp(COMMANDS, 100);
    for (const c of COMMANDS) expect(main).toContain(`qntk ${c.name}`);
    const h = commandHelp(spec, 100);
    expect(h).toContain('qntk try <file> [mode] [options]');
    expect(h).toMatch(/-O N\s+level \[default 2\]/);
    expect(h).toMatch(/--method VALUE\s+method \[one of qsvt, hhl; default qsvt\]/);
    expect(h).toMatch(/-o, --output VALUE\s+file/);
    expect(h).toMatch(/--backend VALUE\s+where \[required\]/);
  });

  it('wraps descriptions to the width', () => {
    for (const c of COMMANDS) {
      for (const line of commandHelp(c, 80).split('\n')) expect(line.length, `${c.name}: ${line}`).toBeLessThanOrEqual(80);
    }
  });
});

describe('specs agree with the library', () => {
  it('layout and routing choices are the library\'s methods', async () => {
    const { optimizeSpec } = await import('../../cli/specs/circuits.js');
    const { LAYOUT_METHODS } = await import('../../passes/layout.js');
    const { ROUTING_METHODS } = await import('../../passes/layout-routing.js');
    expect(optimizeSpec.options.layout.choices).toEqual(LAYOUT_METHODS);
    expect(optimizeSpec.options.routing.choices).toEqual(ROUTING_METHODS);
  });
});
