/**
 * `npm run bench -- reader`: read and flatten a generated 1,000,000-gate OpenQASM 3 file (file
 * read + lex + parse + flatten to library gates), best of 3 after a warm-up; then qntk beside
 * qsharp-lang (front-end compile to HIR on the same 4,000-gate program; full compile to QIR on
 * 500 gates) and quantum-circuit (importQASM, 4,000 gates), in the same run. Wall and CPU time
 * are both reported: the machine is shared. Target: ≥ 1 M gates/s.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseQasm } from '../compiler/qasm/parser.js';
import { readQasmFile } from '../compiler/qasm/read.js';
import { createRandom } from '../compiler/linalg/random.js';
import { loadQsharp } from './peers/qsharp.js';
import type { BenchSuite } from './suite.js';

/**
 * A program of `gates` gates on 64 qubits in the mix of the Nam suite: cx 40 %, h 15 %, t/tdg
 * 15 %, rz(±π/4 or an arbitrary angle) 20 %, x 5 %, ccz 5 %, one gate per line, in OpenQASM 3.
 */
export function generateProgram(gates: number, seed = 1): string {
  const random = createRandom(seed);
  const rand = (): number => random.next();
  const n = 64;
  const q = (): number => Math.floor(rand() * n);
  const lines = ['OPENQASM 3.0;', 'include "stdgates.inc";', 'gate ccz a, b, c { h c; ccx a, b, c; h c; }', `qubit[${n}] q;`];
  for (let g = 0; g < gates; g++) {
    const r = rand();
    const a = q();
    let b = q();
    while (b === a) b = q();
    let c = q();
    while (c === a || c === b) c = q();
    if (r < 0.4) lines.push(`cx q[${a}], q[${b}];`);
    else if (r < 0.55) lines.push(`h q[${a}];`);
    else if (r < 0.7) lines.push(r < 0.625 ? `t q[${a}];` : `tdg q[${a}];`);
    else if (r < 0.8) lines.push(`rz(${r < 0.75 ? 'pi/4' : '-pi/4'}) q[${a}];`);
    else if (r < 0.9) lines.push(`rz(${(rand() * 6 - 3).toFixed(12)}) q[${a}];`);
    else if (r < 0.95) lines.push(`x q[${a}];`);
    else lines.push(`ccz q[${a}], q[${b}], q[${c}];`);
  }
  return `${lines.join('\n')}\n`;
}

function best(times: number[]): number {
  return Math.min(...times);
}

interface QuantumCircuitInstance {
  importQASM(input: string, errorCallback: (errors: unknown[]) => void): void;
  numGates(decompose?: boolean): number;
}

export const readerSuite: BenchSuite = {
  name: 'reader',
  describe: 'OpenQASM reader: read + flatten 1,000,000 gates; qsharp-lang and quantum-circuit on 4,000 gates',
  async run(log) {
    const dir = mkdtempSync(join(tmpdir(), 'qntk-bench-reader-'));
    const big = 1_000_000;
    const path = join(dir, 'million.qasm');
    const text = generateProgram(big);
    writeFileSync(path, text);
    const bytes = Buffer.byteLength(text);
    readQasmFile(path); // warm-up
    const times: number[] = [], cpu: number[] = [];
    let gatesRead = 0;
    for (let k = 0; k < 3; k++) {
      const c0 = process.cpuUsage();
      const t0 = performance.now();
      gatesRead = readQasmFile(path).instructions.length;
      times.push(performance.now() - t0);
      const c = process.cpuUsage(c0);
      cpu.push((c.user + c.system) / 1000);
    }
    rmSync(dir, { recursive: true, force: true });
    const ms = best(times), cpuMs = best(cpu);
    const rate = big / (ms / 1000);
    log(`qntk: ${big.toLocaleString('en')} gates (${(bytes / 1e6).toFixed(1)} MB) read and flattened in ${ms.toFixed(0)} ms wall, ${cpuMs.toFixed(0)} ms CPU (incl. GC threads)`);
    log(`  → ${(rate / 1e6).toFixed(2)} M gates/s wall, ${(big / cpuMs / 1e3).toFixed(2)} M gates/s CPU (target ≥ 1 M/s; ${gatesRead} instructions; load average ${loadavg()[0]!.toFixed(1)} on ${availableParallelism()} cores)`);

    // Flattening: 100,000 calls of a defined 10-gate block (and a loop) → 1,000,000 library gates.
    const defs = ['OPENQASM 3.0;', 'include "stdgates.inc";', 'qubit[64] q;',
      'gate blk(a) x, y { h x; cx x, y; rz(a) y; cx x, y; h x; t y; tdg x; ry(a / 2) y; cz x, y; s x; }'];
    for (let k = 0; k < 100_000; k++) defs.push(`blk(${(k % 97) / 10}) q[${k % 64}], q[${(k + 1 + (k % 7)) % 64}];`);
    const defText = `${defs.join('\n')}\n`;
    parseQasm(defText);
    const tDef: number[] = [], cDef: number[] = [];
    for (let k = 0; k < 3; k++) {
      const c0 = process.cpuUsage();
      const t0 = performance.now();
      parseQasm(defText);
      tDef.push(performance.now() - t0);
      const c = process.cpuUsage(c0);
      cDef.push((c.user + c.system) / 1000);
    }
    const defMs = best(tDef), defCpu = best(cDef);
    log(`qntk flattening 100,000 calls of a defined 10-gate block → 1,000,000 gates: ${defMs.toFixed(0)} ms wall, ${defCpu.toFixed(0)} ms CPU → ${(1e6 / defCpu / 1e3).toFixed(2)} M gates/s CPU`);

    const small = 4000;
    const smallText = generateProgram(small, 2);
    for (let k = 0; k < 20; k++) parseQasm(smallText);
    const tSmall: number[] = [];
    for (let k = 0; k < 20; k++) {
      const t0 = performance.now();
      parseQasm(smallText);
      tSmall.push(performance.now() - t0);
    }
    const oursSmall = small / (best(tSmall) / 1000);
    log(`qntk at ${small} gates: ${(oursSmall / 1e3).toFixed(0)} k gates/s`);
    const peers: Record<string, unknown> = {};

    const qs = await loadQsharp();
    if (qs === undefined) log('qsharp-lang: not installed, skipped');
    else {
      // Full QIR generation is far slower than the front end; it is timed on 500 gates.
      const cases = [['HIR', small, (s: string) => qs.lowerToHir(s)], ['QIR', 500, (s: string) => qs.compile(s)]] as const;
      for (const [label, size, fn] of cases) {
        await fn(generateProgram(100, 3));
        const src = size === small ? smallText : generateProgram(size, 2);
        const t0 = performance.now();
        await fn(src);
        const sec = (performance.now() - t0) / 1000;
        const r = size / sec;
        peers[`qsharp_${label}`] = { gates: size, gatesPerSecond: r, seconds: sec, ratio: oursSmall / r };
        log(`qsharp-lang ${qs.version} compile to ${label} (${size} gates): ${(r / 1e3).toFixed(2)} k gates/s → qntk ${(oursSmall / r).toFixed(0)}× faster`);
      }
    }

    try {
      const QuantumCircuit = createRequire(import.meta.url)('quantum-circuit') as new () => QuantumCircuitInstance;
      // quantum-circuit reads OpenQASM 2; the same gates in that language.
      const q2 = smallText.replace('OPENQASM 3.0;', 'OPENQASM 2.0;').replace('include "stdgates.inc";', 'include "qelib1.inc";').replace('qubit[64] q;', 'qreg q[64];').replace(/^gate ccz.*\n/m, '');
      const qc = new QuantumCircuit();
      let errors: unknown[] = [];
      const t0 = performance.now();
      qc.importQASM(q2, (e) => { errors = e; });
      const sec = (performance.now() - t0) / 1000;
      const r = small / sec;
      peers.quantumCircuit = { gatesPerSecond: r, seconds: sec, ratio: oursSmall / r, errors: errors.length };
      log(`quantum-circuit importQASM: ${(r / 1e3).toFixed(1)} k gates/s${errors.length > 0 ? ` (${errors.length} import errors)` : ''} → qntk ${(oursSmall / r).toFixed(0)}× faster`);
    } catch (err) {
      log(`quantum-circuit: failed (${String(err).slice(0, 200)})`);
    }
    return { gates: big, bytes, ms, cpuMs, definitions: { gates: 1_000_000, ms: defMs, cpuMs: defCpu }, gatesPerSecond: rate, cpuGatesPerSecond: big / (cpuMs / 1000), smallGates: small, smallGatesPerSecond: oursSmall, peers };
  },
};
