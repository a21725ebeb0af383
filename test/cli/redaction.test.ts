/** Every command's output passes through the redactor: a credential echoed by any error never reaches the terminal. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

const KEY = 'ionqKeyAbcdefghijklmnopqrstuvwxyz0123';

describe('redaction in every command', () => {
  it('a program whose text contains the API key: the parse error quotes it redacted', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'qntk-redact-'));
    const file = join(dir, 'leak.qasm');
    writeFileSync(file, `OPENQASM 3.0;\nqubit[1] q;\n${KEY} q[0];\n`);
    const plain = await runCli(['stats', file]);
    expect(plain.stderr).toContain(KEY.slice(0, 20));
    const r = await runCli(['stats', file], { IONQ_API_KEY: KEY });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^qntk: .*<redacted>/);
    for (let i = 0; i + 8 <= KEY.length; i++) expect(r.stderr + r.stdout).not.toContain(KEY.slice(i, i + 8));
  });
});
