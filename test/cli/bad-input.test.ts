/** Bad input at the CLI: one clear line on stderr naming the place and the fix, exit 2, no stack trace, no output file. */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { runCli, type CliResult } from '../helpers/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'qntk-bad-'));
const write = (name: string, text: string): string => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};
const HEAD = 'OPENQASM 3.0;\ninclude "stdgates.inc";\n';
const good = write('good.qasm', `${HEAD}qubit[2] q;\nbit[2] c;\nh q[0];\ncx q[0], q[1];\nc = measure q;\n`);
const sym = write('sym.mtx', '%%MatrixMarket matrix coordinate real symmetric\n2 2 3\n1 1 2.0\n2 1 0.5\n2 2 1.5\n');
const rhs = write('b.txt', '1 2\n');
const subdir = join(dir, 'adir');
mkdirSync(subdir);

/** The contract for bad input: exit 2, nothing on stdout, exactly one line on stderr, no stack trace. */
function expectBadInput(r: CliResult, pattern: RegExp): void {
  expect(r.stdout).toBe('');
  expect(r.stderr).toMatch(/^qntk: [^\n]+\n$/);
  expect(r.stderr).not.toMatch(/internal error|\bat .*\.js:\d+/);
  expect(r.stderr).toMatch(pattern);
  expect(r.code).toBe(2);
}

describe('usage errors are one line', () => {
  it('names the flag, the bad value and the choices for an invalid choice', async () => {
    const r = await runCli(['compile', '--matrix', sym, '--rhs', rhs, '--method', 'foo', '--encoding', 'bar']);
    expectBadInput(r, /--method foo: expected one of qsvt, hhl; --encoding bar: expected one of auto, sparse, fable, lcu/);
  });

  it('calls a positional argument by its name, not as a flag', async () => {
    expectBadInput(await runCli(['backends', 'foo']), /provider 'foo': expected one of ibm, ionq/);
  });

  it('says which command is unknown, and which are missing arguments and options', async () => {
    expectBadInput(await runCli(['frobnicate']), /unknown command 'frobnicate'/);
    expectBadInput(await runCli(['stats']), /stats: missing argument/);
    expectBadInput(await runCli(['submit', good]), /missing required option --backend/);
  });
});

describe('unreadable input files', () => {
  it('a directory given as a file is a one-line error for every reader', async () => {
    for (const args of [
      ['stats', subdir], ['simulate', subdir], ['convert', subdir],
      ['compile', '--matrix', subdir, '--rhs', rhs], ['compile', '--matrix', sym, '--rhs', subdir],
      ['angles', '--coeffs', subdir], ['ntk', '--data', subdir, '--n', '8'],
    ]) {
      expectBadInput(await runCli(args), /cannot read the file: it is a directory \(EISDIR\); give a file/);
    }
  });

  it('a missing file says so and names the flag it came from', async () => {
    expectBadInput(await runCli(['simulate', join(dir, 'nope.qasm')]), /nope\.qasm: cannot read the file: no such file \(ENOENT\); check the path/);
    expectBadInput(await runCli(['compile', '--matrix', sym, '--rhs', join(dir, 'nope.txt')]), /--rhs .*nope\.txt: cannot read the file: no such file/);
    expectBadInput(await runCli(['angles', '--coeffs', join(dir, 'nope.json')]), /--coeffs .*nope\.json: cannot read the file: no such file/);
  });
});

describe('output paths', () => {
  const missing = join(dir, 'no-such-dir');

  it('-o into a missing directory fails before any work, with the fix, and creates nothing', async () => {
    for (const args of [
      ['convert', good, '-o', join(missing, 'x.qasm')],
      ['compile', '--matrix', sym, '--rhs', rhs, '-o', join(missing, 'x.qasm')],
      ['estimate', '--n', '1024', '--sparsity', '3', '--kappa', '2', '--plot', join(missing, 'x.svg')],
    ]) {
      expectBadInput(await runCli(args), /the directory .*no-such-dir does not exist; create it first or choose another path/);
    }
    expect(existsSync(missing)).toBe(false);
  });

  it('-o naming a directory is refused', async () => {
    expectBadInput(await runCli(['convert', good, '-o', subdir]), /it is a directory; give a file name/);
    expect(readdirSync(subdir)).toEqual([]);
  });
});

describe('angles --coeffs', () => {
  it('names the file when the polynomial is not a valid QSP target', async () => {
    const mixed = write('mixed.json', '[0.1, 0.5, 0.2]');
    expectBadInput(await runCli(['angles', '--coeffs', mixed, '--json']), /--coeffs .*mixed\.json: .*no definite parity/);
    const big = write('big.json', '[0, 0.9, 0, 0.5]');
    expectBadInput(await runCli(['angles', '--coeffs', big, '--json']), /--coeffs .*big\.json: .*\|f\| < 1/);
  });

  it('a κ far beyond any degree limit reads as a degree bound, not Infinity', async () => {
    const r = await runCli(['angles', '--poly', 'inverse', '--kappa', '1e9', '--epsilon', '1e-3', '--json']);
    expectBadInput(r, /needs (a )?degree .*\(> 20000, the phase solver's limit\); raise ε or lower κ/);
    expect(r.stderr).not.toMatch(/Infinity/);
  });
});

describe('malformed OpenQASM: FILE:LINE:COL and exit 2 from every reader command', () => {
  const cases: [string, string, RegExp][] = [
    ['syntax.qasm', `${HEAD}qubit[2] q;\nh q[0]\ncx q[0], q[1];\n`, /syntax\.qasm:5:1: expected ',' or ';'/],
    ['unknown.qasm', `${HEAD}qubit[2] q;\nfoo q[0];\n`, /unknown\.qasm:4:1: unknown gate 'foo'/],
    ['arity.qasm', `${HEAD}qubit[2] q;\ncx q[0];\n`, /arity\.qasm:4:1: gate 'cx' takes 2 qubit\(s\), got 1/],
    ['range.qasm', `${HEAD}qubit[2] q;\nh q[5];\n`, /range\.qasm:4:5: index 5 is out of range for 'q' \(size 2\)/],
    ['infinite.qasm', `${HEAD}qubit[1] q;\nrx(1/0) q[0];\n`, /infinite\.qasm:4:4: parameter of 'rx' evaluates to Infinity; give a finite angle/],
    ['nan.qasm', `${HEAD}qubit[1] q;\nrz(sqrt(-1)) q[0];\n`, /nan\.qasm:4:4: parameter of 'rz' evaluates to NaN/],
    ['pow.qasm', `${HEAD}qubit[3] q;\ngate g a, b, c { ccx a, b, c; h a; }\npow(1000000000) @ g q[0], q[1], q[2];\n`, /pow\.qasm:5:19: pow\(1000000000\) @ 2 gate\(s\) flattens to more than [\d,]+ instructions; lower the exponent/],
    ['empty.qasm', '\n  \n', /empty\.qasm:1:1: the file is empty/],
  ];
  for (const [name, text, pattern] of cases) {
    it(name, async () => {
      const f = write(name, text);
      const out = join(dir, `${name}.out`);
      for (const cmd of ['stats', 'simulate', 'optimize']) expectBadInput(await runCli([cmd, f, '--json']), pattern);
      expectBadInput(await runCli(['convert', f, '-o', out]), pattern);
      expect(existsSync(out)).toBe(false);
    });
  }

  it('an intentionally empty program still reads', async () => {
    const r = await runCli(['stats', write('version-only.qasm', 'OPENQASM 3.0;\n'), '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).qubits).toBe(0);
  });
});

describe('numeric options and output directories of the long-running commands', () => {
  it('demo refuses a negative or fractional --readout and --seed before any work', async () => {
    expectBadInput(await runCli(['demo', '--readout', '-1', '--json']), /--readout -1: expected an integer ≥ 0/);
    expectBadInput(await runCli(['demo', '--readout', '1.5', '--json']), /--readout 1\.5: expected an integer ≥ 0/);
    expectBadInput(await runCli(['demo', '--seed', '1.5', '--json']), /--seed 1\.5: expected an integer in 0\.\.4294967295/);
  });

  it('demo --out and ntk --save naming a file fail up front (they were a stack trace after the run)', async () => {
    expectBadInput(await runCli(['demo', '--out', good, '--json']), /--out .*good\.qasm: it is a file, not a directory/);
    expectBadInput(await runCli(['demo', '--out', join(good, 'sub'), '--json']), /good\.qasm is a file, not a directory/);
    expectBadInput(await runCli(['ntk', '--n', '16', '--save', good, '--json']), /--save .*good\.qasm: it is a file, not a directory/);
  });
});

describe('linear systems: the message names the input that is wrong', () => {
  const mtx = (name: string, body: string): string => write(name, body);
  const nonsym = mtx('nonsym.mtx', '%%MatrixMarket matrix coordinate real general\n2 2 3\n1 1 2.0\n2 1 0.5\n2 2 1.5\n');
  const singular = mtx('singular.mtx', '%%MatrixMarket matrix coordinate real symmetric\n2 2 3\n1 1 1.0\n2 1 1.0\n2 2 1.0\n');

  it('non-symmetric, singular (QSVT and HHL) and mismatched right-hand side', async () => {
    expectBadInput(await runCli(['compile', '--matrix', nonsym, '--rhs', rhs, '--json']), /--matrix .*nonsym\.mtx --rhs .*b\.txt: matrix is not symmetric: a\[2\]\[1\] = 0\.5 but a\[1\]\[2\] = 0/);
    for (const method of ['qsvt', 'hhl']) {
      expectBadInput(await runCli(['compile', '--matrix', singular, '--rhs', rhs, '--method', method, '--json']), /--matrix .*singular\.mtx --rhs .*: (HHL: the )?matrix is singular/);
    }
    const b3 = write('b3.txt', '1 2 3\n');
    expectBadInput(await runCli(['compile', '--matrix', sym, '--rhs', b3, '--json']), /--rhs .*b3\.txt: right-hand side has 3 entries but the matrix is 2x2/);
  });

  it('HHL with a --kappa beyond any clock register is a resource error (it was a RangeError stack)', async () => {
    expectBadInput(await runCli(['compile', '--matrix', sym, '--rhs', rhs, '--method', 'hhl', '--kappa', '1e12', '--json']), /HHL: κ = 1\.000e\+12 needs 40 clock qubits, more than 14; lower kappa or use the QSVT method/);
  });

  it('bad Matrix Market headers and entries, and bad numbers in --rhs, point at FILE:LINE:COL', async () => {
    const noHeader = mtx('noheader.mtx', '2 2 1\n1 1 2.0\n');
    expectBadInput(await runCli(['compile', '--matrix', noHeader, '--rhs', rhs]), /noheader\.mtx:1:1: not a Matrix Market file/);
    const array = mtx('array.mtx', '%%MatrixMarket matrix array real general\n2 2\n');
    expectBadInput(await runCli(['compile', '--matrix', array, '--rhs', rhs]), /array\.mtx:1:\d+: format 'array' is not supported/);
    const outside = mtx('outside.mtx', '%%MatrixMarket matrix coordinate real symmetric\n2 2 1\n3 1 0.5\n');
    expectBadInput(await runCli(['compile', '--matrix', outside, '--rhs', rhs]), /outside\.mtx:3:1: row index 3 is outside 1…2/);
    expectBadInput(await runCli(['compile', '--matrix', sym, '--rhs', write('bnan.txt', '1 NaN\n')]), /bnan\.txt:1:3: 'NaN' is not a finite number/);
  });

  it('option values out of range: --epsilon 2, --kappa 0.5, --digits 8,8, --n 0', async () => {
    expectBadInput(await runCli(['compile', '--matrix', sym, '--rhs', rhs, '--epsilon', '2']), /--epsilon 2: must be in \[1e-10, 1\)/);
    expectBadInput(await runCli(['compile', '--matrix', sym, '--rhs', rhs, '--kappa', '0.5']), /--kappa 0\.5 is below/);
    expectBadInput(await runCli(['angles', '--poly', 'inverse', '--kappa', '0.5', '--epsilon', '0.01']), /--kappa 0\.5: κ must be a number > 1/);
    expectBadInput(await runCli(['angles', '--poly', 'inverse', '--kappa', '10', '--epsilon', '2']), /--epsilon 2: ε must be in \(0, 1\)/);
    expectBadInput(await runCli(['compile', '--digits', '8,8', '--n', '16']), /--digits 8,8: expected two different digits/);
    expectBadInput(await runCli(['ntk', '--digits', '8,8', '--n', '16']), /--digits 8,8: expected two different digits 0–9/);
    expectBadInput(await runCli(['ntk', '--n', '0']), /--n 0: training sizes must be even integers ≥ 4/);
    expectBadInput(await runCli(['demo', '--n', '0']), /--n 0: expected an integer in 4\.\.512/);
  });
});

describe('simulate and submit', () => {
  it('--shots -3 and 1.5 are refused by simulate and submit', async () => {
    for (const shots of ['-3', '1.5']) {
      expectBadInput(await runCli(['simulate', good, '--shots', shots]), new RegExp(`--shots ${shots.replace('.', '\\.')}: expected an integer in 1\\.\\.1000000000`));
      expectBadInput(await runCli(['submit', good, '--backend', 'local', '--shots', shots], { QNTK_HOME: join(dir, 'home') }), new RegExp(`--shots ${shots.replace('.', '\\.')}: expected an integer in 1\\.\\.1000000000`));
    }
  });

  it('a 40-qubit simulation is a resource error before allocating', async () => {
    const big = write('big.qasm', `${HEAD}qubit[40] q;\nh q[0];\n`);
    expectBadInput(await runCli(['simulate', big, '--json']), /40 qubits need 16384\.0 GiB of amplitudes in double precision, above the 8\.0 GiB limit \(29 qubits in double precision, 30 in single\); reduce the qubit count/);
  });

  it('unknown --target is a usage error for optimize and demo', async () => {
    expectBadInput(await runCli(['optimize', good, '--target', 'ibm_nowhere']), /--target ibm_nowhere: expected one of generic, ibm_brisbane/);
    expectBadInput(await runCli(['demo', '--target', 'ibm_nowhere']), /--target ibm_nowhere: expected one of generic, ibm_brisbane/);
  });

  it('missing credentials stop ibm: and ionq: submissions before anything is recorded', async () => {
    const home = join(dir, 'home-creds');
    expectBadInput(await runCli(['submit', good, '--backend', 'ibm:ibm_torino', '--json'], { QNTK_HOME: home }), /no API key; set QNTK_IBM_TOKEN/);
    expectBadInput(await runCli(['submit', good, '--backend', 'ibm:ibm_torino', '--json'], { QNTK_HOME: home, QNTK_IBM_TOKEN: 'k-123456' }), /no instance; set QNTK_IBM_INSTANCE/);
    expectBadInput(await runCli(['submit', good, '--backend', 'ionq:simulator', '--json'], { QNTK_HOME: home }), /no API key; set IONQ_API_KEY/);
    const jobs = await runCli(['jobs', '--json'], { QNTK_HOME: home });
    expect(JSON.parse(jobs.stdout)).toEqual({ jobs: [] });
  });

  it('an unknown job id for status, result and cancel names the store and how to list it; the store is intact', async () => {
    const home = join(dir, 'home-ids');
    const sub = await runCli(['submit', good, '--backend', 'local', '--shots', '10', '--seed', '1', '--json'], { QNTK_HOME: home });
    expect(sub.code).toBe(0);
    for (const cmd of ['status', 'result', 'cancel']) {
      expectBadInput(await runCli([cmd, 'qj-nope', '--json'], { QNTK_HOME: home }), /no job 'qj-nope' in .*\(qntk jobs lists them\)/);
    }
    const jobs = JSON.parse((await runCli(['jobs', '--json'], { QNTK_HOME: home })).stdout).jobs;
    expect(jobs.map((j: { id: string }) => j.id)).toEqual([JSON.parse(sub.stdout).id]);
  });
});

describe('user data for ntk --data', () => {
  const rows = Array.from({ length: 12 }, (_, i) => `${(i % 3) * 0.5},${i * 0.1},${1 - i * 0.05},${i % 2}`);
  it('NaN in a cell points at its line and column', async () => {
    const bad = [...rows];
    bad[3] = '1.0,NaN,2,1';
    expectBadInput(await runCli(['ntk', '--data', write('nan.csv', bad.join('\n')), '--n', '8', '--json']), /nan\.csv:4:5: NaN is not allowed; every cell must be a finite number/);
  });
  it('a single class is refused with the reason', async () => {
    const one = rows.map((r) => r.replace(/,[01]$/, ',1'));
    expectBadInput(await runCli(['ntk', '--data', write('single.csv', one.join('\n')), '--n', '8', '--json']), /single\.csv: every label is 1; binary classification needs two classes/);
  });
});

describe('values beyond what the command can honour', () => {
  it('angles refuses to print phases that miss the requested ε (it printed maxError > ε with exit 0)', async () => {
    const r = await runCli(['angles', '--poly', 'inverse', '--kappa', '10', '--epsilon', '1e-13', '--json']);
    expectBadInput(r, /--epsilon 1e-13: the phases reach an error of \S+ \(relative\) on \[1\/κ, 1\], above ε/);
    // Just above the floor the promise holds and is kept.
    const ok = JSON.parse((await runCli(['angles', '--poly', 'inverse', '--kappa', '10', '--epsilon', '1e-11', '--json'])).stdout);
    expect(ok.maxError).toBeLessThanOrEqual(1e-11);
  });

  it('ntk kernel --depth 1e9 is refused instead of running for minutes', async () => {
    expectBadInput(await runCli(['ntk', 'kernel', '--depth', '1000000000']), /--depth must be an integer in 0\.\.100000, got '1000000000'/);
  });

  it('simulate --seed beyond 32 bits is refused instead of aliasing a smaller seed', async () => {
    expectBadInput(await runCli(['simulate', good, '--shots', '5', '--seed', '4294967296']), /--seed 4294967296: expected an integer in 0\.\.4294967295/);
  });
});

describe('convert --to qasm2 of a construct OpenQASM 2 cannot express', () => {
  it('names the file and the fix, and writes nothing', async () => {
    const f = write('bitcond.qasm', `${HEAD}qubit[2] q;\nbit[2] c;\nh q[0];\nc[0] = measure q[0];\nif (c[0]) x q[1];\n`);
    const out = join(dir, 'bitcond.out');
    expectBadInput(await runCli(['convert', f, '--to', 'qasm2', '-o', out]), /bitcond\.qasm: OpenQASM 2 can only condition on a whole register; .* write OpenQASM 3 instead/);
    expect(existsSync(out)).toBe(false);
  });
});

describe('the job store under bad conditions', () => {
  it('a corrupt record asked for by id is named (it read "no job"); listing skips it and keeps the good ones', async () => {
    const home = join(dir, 'home-corrupt');
    const sub = JSON.parse((await runCli(['submit', good, '--backend', 'local', '--shots', '4', '--seed', '2', '--json'], { QNTK_HOME: home })).stdout);
    writeFileSync(join(home, 'jobs', 'qj-20260101-000000-badbad.json'), '{garbage');
    writeFileSync(join(home, 'jobs', 'qj-20260101-000001-badbad.json'), '{}');
    expectBadInput(await runCli(['status', 'qj-20260101-000000-badbad'], { QNTK_HOME: home }), /qj-20260101-000000-badbad\.json is not a qntk job record \(not valid JSON/);
    expectBadInput(await runCli(['result', 'qj-20260101-000001-badbad'], { QNTK_HOME: home }), /is not a qntk job record \(missing id, provider, backend, status, createdAt\); repair the file or move it out of/);
    const jobs = JSON.parse((await runCli(['jobs', '--json'], { QNTK_HOME: home })).stdout).jobs;
    expect(jobs.map((j: { id: string }) => j.id)).toEqual([sub.id]);
  });

  it('QNTK_HOME naming a file is a one-line error, not a stack trace', async () => {
    const home = write('home-is-a-file', 'x');
    for (const args of [['jobs'], ['submit', good, '--backend', 'local']]) {
      expectBadInput(await runCli(args, { QNTK_HOME: home }), /job store .*home-is-a-file\/jobs: .*\(ENOTDIR\).*; point QNTK_HOME at a writable directory/);
    }
  });
});

describe('local submissions that cannot run are refused before a job is recorded', () => {
  it('too many shots or too many qubits leave the store empty (they were recorded as failed jobs)', async () => {
    const home = join(dir, 'home-local');
    expectBadInput(await runCli(['submit', good, '--backend', 'local', '--shots', '1000000000000'], { QNTK_HOME: home }), /--shots 1000000000000: expected an integer in 1\.\.1000000000/);
    const big = write('big-submit.qasm', `${HEAD}qubit[40] q;\nh q[0];\n`);
    expectBadInput(await runCli(['submit', big, '--backend', 'local', '--json'], { QNTK_HOME: home }), /40 qubits need .* above the 8\.0 GiB limit/);
    expect(JSON.parse((await runCli(['jobs', '--json'], { QNTK_HOME: home })).stdout)).toEqual({ jobs: [] });
    expectBadInput(await runCli(['simulate', good, '--shots', '1000000000000']), /--shots 1000000000000: expected an integer in 1\.\.1000000000/);
  });
});

describe('angles --coeffs size', () => {
  it('a degree beyond the phase solver\'s limit is refused at once (it ran for hours)', async () => {
    const c = new Array<number>(200002).fill(0);
    c[1] = 0.5;
    expectBadInput(await runCli(['angles', '--coeffs', write('deg.json', JSON.stringify(c)), '--json']), /--coeffs .*deg\.json: degree 200001 is above the phase solver's limit 20000; truncate the series/);
  });
});

describe('simulate: large distributions', () => {
  it('the human table of the top 64 outcomes equals the JSON distribution sorted (most likely first, ties by bitstring)', async () => {
    // 8 qubits with distinct rotation angles: 256 outcomes with many different and some equal probabilities.
    const body = Array.from({ length: 8 }, (_, q) => `ry(${(0.3 + 0.37 * q).toFixed(2)}) q[${q}];`).join('\n');
    const f = write('rot8.qasm', `${HEAD}qubit[8] q;\n${body}\nh q[2];\nh q[5];\ncx q[0], q[3];\n`);
    const json = JSON.parse((await runCli(['simulate', f, '--json'])).stdout).probabilities as Record<string, number>;
    const expected = Object.entries(json).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
    const human = await runCli(['simulate', f]);
    expect(human.code).toBe(0);
    const rows = human.stdout.split('\n').slice(2, 66).map((l) => l.trim().split(/\s+/));
    expect(rows.map((r) => r[0])).toEqual(expected.slice(0, 64).map((e) => e[0]));
    for (let i = 0; i < 64; i++) expect(Number(rows[i]![1])).toBeCloseTo(expected[i]![1], 11);
    expect(human.stdout).toMatch(new RegExp(`… ${expected.length - 64} more outcomes \\(--json lists all\\)`));
  });

  it('with --shots the human table is the top 64 of the JSON counts (most frequent first, ties by bitstring)', async () => {
    const f = write('h8.qasm', `${HEAD}qubit[8] q;\nh q;\nry(0.4) q[0];\n`);
    const args = ['simulate', f, '--shots', '3000', '--seed', '7'];
    const json = JSON.parse((await runCli([...args, '--json'])).stdout).counts as Record<string, number>;
    const expected = Object.entries(json).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
    expect(expected.length).toBeGreaterThan(64);
    const human = await runCli(args);
    const rows = human.stdout.split('\n').slice(2, 66).map((l) => l.trim().split(/\s+/));
    expect(rows).toEqual(expected.slice(0, 64).map(([k, v]) => [k, String(v)]));
    expect(human.stdout).toMatch(new RegExp(`… ${expected.length - 64} more outcomes \\(--json lists all\\)`));
  });

  it('--json of 2^23 listed outcomes is a resource error naming --shots (2^25 ran > 5 min, then overflowed V8 strings)', async () => {
    const f = write('h23.qasm', `${HEAD}qubit[23] q;\nh q;\n`);
    expectBadInput(await runCli(['simulate', f, '--json']), /h23\.qasm: 8388608 outcomes have p ≥ 1e-12, more than the 4194304 --json lists; sample with --shots N/);
    const human = await runCli(['simulate', f]);
    expect(human.stdout).toMatch(/… 8388544 more outcomes \(too many for --json\)\n$/);
  }, 30_000);
});

describe('the binary when its reader closes the pipe early (qntk … | head)', () => {
  it('exits 0 without an EPIPE stack on stderr', async () => {
    // Needs dist/ (built by npm ci through prepare, or npx tsc -p tsconfig.json).
    const f = write('h16.qasm', `${HEAD}qubit[16] q;\nh q;\n`);
    const child = spawn(process.execPath, [join(import.meta.dirname, '../../bin/qntk.js'), 'simulate', f, '--json'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => { stderr += d.toString(); });
    child.stdout.once('data', () => child.stdout.destroy());
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(stderr).toBe('');
    expect(code).toBe(0);
  }, 30_000);
});

describe('checks that come before the work', () => {
  it('optimize refuses an -o into a missing directory before optimizing', async () => {
    const f = write('bell.qasm', `${HEAD}qubit[2] q;\nh q[0];\ncx q[0], q[1];\n`);
    expectBadInput(await runCli(['optimize', f, '-o', join(tmpdir(), 'qntk-no-such-dir', 'x.qasm')]), /-o/);
  });

  it('compile refuses an epsilon double precision cannot certify', async () => {
    const a = write('a.mtx', '%%MatrixMarket matrix coordinate real symmetric\n2 2 2\n1 1 2\n2 2 1\n');
    const b = write('b.txt', '1 1\n');
    expectBadInput(await runCli(['compile', '--matrix', a, '--rhs', b, '--epsilon', '1e-300']), /--epsilon 1e-300: must be in \[1e-10, 1\)/);
  });
});
