/**
 * qsharp-lang (Microsoft's QDK compiled to wasm) as a peer under Node: compiles and runs OpenQASM 3
 * (`projectType: "openqasm"`). Node cannot fetch the wasm by URL, so the module is compiled from
 * node_modules/qsharp-lang/lib/web/qsc_wasm_bg.wasm with `loadWasmModule(buffer)` first.
 * qsharp-lang is a dev dependency: loadQsharp() resolves to undefined when it is not installed.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The parts of qsharp-lang's API we use (typed here so the dependency stays optional). */
interface QsProgram {
  sources: [string, string][];
  languageFeatures: string[];
  projectType: 'openqasm';
}
interface QsEventTarget {
  getResults(): { success: boolean; result: unknown }[];
}
interface QsCompiler {
  getHir(p: QsProgram): Promise<string>;
  getQir(p: QsProgram): Promise<string>;
  run(p: QsProgram, expr: string, shots: number, ev: QsEventTarget): Promise<void>;
}
interface QsDebugService {
  loadProgram(p: QsProgram, entry: string | undefined): Promise<string>;
  getBreakpoints(path: string): Promise<{ id: number }[]>;
  evalContinue(bps: number[], ev: QsEventTarget): Promise<{ id: number; value: number }>;
  captureQuantumState(): Promise<{ name: string; value: string }[]>;
  dispose(): Promise<void>;
}
interface QsModule {
  loadWasmModule(buffer: ArrayBuffer | Uint8Array): Promise<void>;
  getCompiler(): Promise<QsCompiler>;
  getDebugService(): Promise<QsDebugService>;
  QscEventTarget: new (capture: boolean) => QsEventTarget;
}

/** A ready qsharp-lang instance with the calls the benchmarks and interop tests need. */
export interface QsharpPeer {
  readonly version: string;
  /**
   * Compile to QIR (adaptive profile); throws an Error listing qsharp's diagnostics when the
   * program does not compile. This is the check to use: the HIR call below reports nothing.
   */
  compile(source: string): Promise<string>;
  /**
   * Front end only (parse, lower, type-check to HIR), for timing. qsharp returns its HIR text
   * even for programs with errors, so this checks nothing.
   */
  lowerToHir(source: string): Promise<void>;
  /** Run `shots` times; each shot's output as qsharp prints it (e.g. "[One, Zero]"). Throws on failure. */
  run(source: string, shots: number): Promise<string[]>;
  /**
   * The final state of a measurement-free program, from qsharp's debugger. Amplitudes are indexed
   * with qubit 0 as the least significant bit (qsharp labels |q0 q1 …⟩ with q0 leftmost). The
   * debugger prints each real and imaginary part to 4 decimals, so entries are exact to ±5e-5.
   */
  state(source: string, numQubits: number): Promise<{ re: Float64Array; im: Float64Array }>;
}

const program = (source: string, name = 'main.qasm'): QsProgram => ({ sources: [[name, source]], languageFeatures: [], projectType: 'openqasm' });

/** Parse qsharp's formatted number "−0.0064−0.0039𝑖" (Unicode minus, italic i). */
function parseComplex(text: string): { re: number; im: number } {
  const t = text.replaceAll('−', '-').replaceAll('𝑖', 'i').replaceAll(' ', '');
  const m = /^([+-]?[0-9.]+(?:e[+-]?\d+)?)?(?:([+-][0-9.]*(?:e[+-]?\d+)?)i)?$/.exec(t);
  if (m === null) throw new Error(`qsharp: cannot read amplitude '${text}'`);
  const im = m[2] === undefined ? 0 : m[2] === '+' || m[2] === '-' ? Number(`${m[2]}1`) : Number(m[2]);
  return { re: m[1] === undefined ? 0 : Number(m[1]), im };
}

let cached: Promise<QsharpPeer | undefined> | undefined;

/** Load qsharp-lang once; undefined when the package is not installed. */
export function loadQsharp(): Promise<QsharpPeer | undefined> {
  cached ??= load();
  return cached;
}

async function load(): Promise<QsharpPeer | undefined> {
  let mod: QsModule;
  let entry: string;
  try {
    entry = fileURLToPath(import.meta.resolve('qsharp-lang'));
    mod = (await import('qsharp-lang' as string)) as QsModule;
  } catch {
    return undefined;
  }
  const root = join(dirname(entry), '..');
  await mod.loadWasmModule(readFileSync(join(root, 'lib', 'web', 'qsc_wasm_bg.wasm')));
  const compiler = await mod.getCompiler();
  const version = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }).version;
  const failure = (r: unknown): string => (typeof r === 'string' ? r : JSON.stringify(r)).slice(0, 500);
  return {
    version,
    async compile(source) {
      try {
        return await compiler.getQir(program(source));
      } catch (err) {
        throw new Error(`qsharp cannot compile the program: ${diagnostics(err)}`);
      }
    },
    async lowerToHir(source) {
      await compiler.getHir(program(source));
    },
    async run(source, shots) {
      const ev = new mod.QscEventTarget(true);
      await compiler.run(program(source), '', shots, ev);
      return ev.getResults().map((r) => {
        if (!r.success) throw new Error(`qsharp run failed: ${failure(r.result)}`);
        return String(r.result);
      });
    },
    async state(source, numQubits) {
      // Break on a trailing no-op statement: the state then is the program's final state.
      const debug = await mod.getDebugService();
      try {
        const loaded = await debug.loadProgram(program(`${source}\n${stateProbe(source)}`), undefined);
        if (loaded !== '') throw new Error(`qsharp could not load the program: ${loaded}`);
        const bps = await debug.getBreakpoints('main.qasm');
        const last = bps[bps.length - 1];
        if (last === undefined) throw new Error('qsharp: no statements to break on');
        await debug.evalContinue([last.id], new mod.QscEventTarget(true));
        const dim = 2 ** numQubits;
        const re = new Float64Array(dim), im = new Float64Array(dim);
        for (const { name, value } of await debug.captureQuantumState()) {
          const bits = name.replace(/[|⟩]/g, '');
          let index = 0;
          for (let q = 0; q < bits.length; q++) if (bits[q] === '1') index |= 1 << q;
          const z = parseComplex(value);
          re[index] = z.re;
          im[index] = z.im;
        }
        return { re, im };
      } finally {
        await debug.dispose();
      }
    },
  };
}

/** qsharp's compile errors as `line:col message` items (it rejects with a `{diagnostics}` object). */
function diagnostics(err: unknown): string {
  const list = (err as { diagnostics?: { diagnostic?: { message?: string; range?: { start?: { line: number; character: number } } } }[] }).diagnostics;
  if (!Array.isArray(list)) return String(err).slice(0, 500);
  return list.map((d) => {
    const s = d.diagnostic?.range?.start;
    return `${s ? `${s.line + 1}:${s.character + 1} ` : ''}${d.diagnostic?.message ?? 'error'}`;
  }).join('; ');
}

/** A final no-op statement on the program's first qubit, for the debugger to stop at. */
function stateProbe(source: string): string {
  const m = /qubit\[\d+\]\s+([A-Za-z_]\w*)\s*;|qreg\s+([A-Za-z_]\w*)\s*\[/.exec(source);
  const reg = m?.[1] ?? m?.[2];
  return reg === undefined ? 'id $0;\n' : `id ${reg}[0];\n`;
}
