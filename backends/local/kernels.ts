/**
 * Statevector kernels on interleaved amplitudes (a[2i] = Re ψ_i, a[2i+1] = Im ψ_i; qubit q is bit q
 * of i), in double (Float64Array) or single (Float32Array) precision. Interleaved storage measured
 * faster than split re/im arrays at n ≥ 24 (one stream per side).
 *
 * Every controlled kernel visits only the amplitudes its controls select: the indices whose bits
 * in `mask` (controls and target) are all 0 are enumerated in runs of 2^low consecutive indices
 * (low = lowest bit of mask) by b ← ((b | mask) + 2^low) & ~mask, and `set` (the control bits) is
 * added to each. That is 2^(n−k) amplitudes for k controls, with no per-amplitude bit spreading.
 * Index arithmetic stays on amplitude indices (< 2^30, int32-safe); element offsets are formed by
 * multiplication, never by bit operations, so they may exceed 2^31.
 *
 * Inside a cache-blocked chunk the same operations run as WebAssembly SIMD (wasm.ts); the JS
 * kernels are the fallback and handle the rest (general diagonals, dense multi-qubit matrices).
 *
 * This file is deliberately self-contained (no imports, no module-level state): worker threads
 * rebuild these functions from their source text (parallel.ts), so each function may reference only
 * its parameters, its locals and the other functions listed in WORKER_FUNCTIONS there. That is why
 * the stage runner and the worker loop live here beside the kernels, and why it is longer than our
 * other files.
 */

/** Amplitude storage: double or single precision, interleaved. */
export type Amplitudes = Float64Array | Float32Array;

/** One compiled operation on a statevector (qubit indices are bit positions of the buffer). */
export type Op =
  /** Dense 2×2 on qubit t; m = [m00, m01, m10, m11] as interleaved (re, im). */
  | { readonly kind: 'dense1'; readonly t: number; readonly m: Float64Array }
  /** X on t where every bit of cmask is 1 (plain X when cmask = 0): a permutation. */
  | { readonly kind: 'mcx'; readonly cmask: number; readonly t: number }
  /** Dense 2×2 on t, applied only where every bit of cmask is 1. */
  | { readonly kind: 'cdense1'; readonly cmask: number; readonly t: number; readonly m: Float64Array }
  /** Multiply the amplitudes whose index has every bit of mask set by (re + i·im): p, s, t, z, cz, cp, ccz, mcz, mcp. */
  | { readonly kind: 'phase'; readonly mask: number; readonly re: number; readonly im: number }
  /** General diagonal on qubits (d interleaved, entry index bit j ↔ qubits[j]): rzz, zz. */
  | { readonly kind: 'diag'; readonly qubits: readonly number[]; readonly d: Float64Array }
  /** Swap qubits q0 and q1 where every bit of cmask is 1 (swap, cswap). */
  | { readonly kind: 'swap'; readonly q0: number; readonly q1: number; readonly cmask: number }
  /** Dense 2^k × 2^k matrix (row-major, interleaved) on qubits (matrix index bit j ↔ qubits[j]). */
  | { readonly kind: 'dense'; readonly qubits: readonly number[]; readonly m: Float64Array }
  /** Multiply every amplitude by (re + i·im): global phase. */
  | { readonly kind: 'scale'; readonly re: number; readonly im: number };

/** The set bit positions of mask, ascending. */
export function kBits(mask: number): Int32Array {
  const out: number[] = [];
  for (let p = 0; p < 31; p++) if ((mask >> p) & 1) out.push(p);
  return Int32Array.from(out);
}

/**
 * [[m00, m01], [m10, m11]] on the pairs (i, i + off) for every i whose bits in mask equal set
 * (mask = controls | target bit, set = controls, off = 2^target; amplitude units).
 */
export function kU2(a: Amplitudes, dim: number, mask: number, set: number, off: number, m: Float64Array): void {
  const ar = m[0]!, ai = m[1]!, br = m[2]!, bi = m[3]!, cr = m[4]!, ci = m[5]!, dr = m[6]!, di = m[7]!;
  const run = mask & -mask, nmask = ~mask, o = 2 * off;
  for (let b = 0; b < dim; b = ((b | mask) + run) & nmask) {
    for (let p = 2 * (b | set), e = p + 2 * run; p < e; p += 2) {
      const q = p + o;
      const xr = a[p]!, xi = a[p + 1]!, yr = a[q]!, yi = a[q + 1]!;
      a[p] = ar * xr - ai * xi + br * yr - bi * yi;
      a[p + 1] = ar * xi + ai * xr + br * yi + bi * yr;
      a[q] = cr * xr - ci * xi + dr * yr - di * yi;
      a[q + 1] = cr * xi + ci * xr + dr * yi + di * yr;
    }
  }
}

/** Swap amplitude i with i + off for every i whose bits in mask equal set (off may be negative): mcx, swap, cswap. */
export function kPerm(a: Amplitudes, dim: number, mask: number, set: number, off: number): void {
  const run = mask & -mask, nmask = ~mask, o = 2 * off;
  for (let b = 0; b < dim; b = ((b | mask) + run) & nmask) {
    for (let p = 2 * (b | set), e = p + 2 * run; p < e; p += 2) {
      const q = p + o;
      const xr = a[p]!, xi = a[p + 1]!;
      a[p] = a[q]!; a[p + 1] = a[q + 1]!;
      a[q] = xr; a[q + 1] = xi;
    }
  }
}

/** Multiply the amplitudes whose index contains every bit of mask by (re + i·im) (mask 0: all of them). */
export function kPhase(a: Amplitudes, dim: number, mask: number, re: number, im: number): void {
  const run = mask === 0 ? dim : mask & -mask, nmask = ~mask;
  for (let b = 0; b < dim; b = ((b | mask) + run) & nmask) {
    for (let p = 2 * (b | mask), e = p + 2 * run; p < e; p += 2) {
      const xr = a[p]!, xi = a[p + 1]!;
      a[p] = xr * re - xi * im;
      a[p + 1] = xr * im + xi * re;
    }
  }
}

/** General diagonal: amplitude i is multiplied by d[index of i's bits at qubits]. */
export function kDiag(a: Amplitudes, dim: number, qubits: readonly number[], d: Float64Array): void {
  const k = qubits.length;
  const qs = Int32Array.from(qubits);
  for (let i = 0; i < dim; i++) {
    let s = 0;
    for (let j = 0; j < k; j++) s |= ((i >> qs[j]!) & 1) << j;
    const p = 2 * i, re = d[2 * s]!, im = d[2 * s + 1]!;
    const xr = a[p]!, xi = a[p + 1]!;
    a[p] = xr * re - xi * im;
    a[p + 1] = xr * im + xi * re;
  }
}

/** Generic dense 2^k × 2^k matrix on the given qubits. */
export function kDense(a: Amplitudes, dim: number, qubits: readonly number[], m: Float64Array): void {
  const k = qubits.length;
  const dk = 1 << k;
  let mask = 0;
  for (const q of qubits) mask |= 1 << q;
  const offs = new Float64Array(dk);
  for (let s = 0; s < dk; s++) {
    let o = 0;
    for (let j = 0; j < k; j++) if ((s >> j) & 1) o |= 1 << qubits[j]!;
    offs[s] = 2 * o;
  }
  const tr = new Float64Array(dk), ti = new Float64Array(dk);
  const run = mask & -mask, nmask = ~mask;
  for (let b0 = 0; b0 < dim; b0 = ((b0 | mask) + run) & nmask) {
    for (let i = b0; i < b0 + run; i++) {
      const base = 2 * i;
      for (let s = 0; s < dk; s++) {
        tr[s] = a[base + offs[s]!]!;
        ti[s] = a[base + offs[s]! + 1]!;
      }
      for (let r = 0; r < dk; r++) {
        let sr = 0, si = 0;
        const row = 2 * r * dk;
        for (let s = 0; s < dk; s++) {
          const mr = m[row + 2 * s]!, mi = m[row + 2 * s + 1]!, xr = tr[s]!, xi = ti[s]!;
          sr += mr * xr - mi * xi;
          si += mr * xi + mi * xr;
        }
        a[base + offs[r]!] = sr;
        a[base + offs[r]! + 1] = si;
      }
    }
  }
}

/**
 * The (mask, set, off) of the masked-run kernels for a 2×2-type op, in amplitude units:
 * dense1 and cdense1 → kU2, mcx and swap → kPerm, phase and scale → kPhase (off unused).
 */
export function kOpArgs(op: Op, out: Int32Array): void {
  switch (op.kind) {
    case 'dense1': out[0] = 1 << op.t; out[1] = 0; out[2] = 1 << op.t; return;
    case 'mcx':
    case 'cdense1': out[0] = op.cmask | (1 << op.t); out[1] = op.cmask; out[2] = 1 << op.t; return;
    case 'swap': out[0] = op.cmask | (1 << op.q0) | (1 << op.q1); out[1] = op.cmask | (1 << op.q0); out[2] = (1 << op.q1) - (1 << op.q0); return;
    case 'phase': out[0] = op.mask; out[1] = op.mask; out[2] = 0; return;
    default: out[0] = 0; out[1] = 0; out[2] = 0;
  }
}

/** A masked-run WebAssembly kernel: (dim, mask, set, off, run) in bytes, then the gate's numbers. */
export type WasmKernel = (dim: number, mask: number, set: number, off: number, run: number, ...m: number[]) => void;

/** An opaque compiled WebAssembly module (the project's TypeScript lib has no WebAssembly declarations). */
export interface WasmModule {
  readonly __brand?: 'WebAssembly.Module';
}

/** The part of the WebAssembly API used here. */
export interface WasmApi {
  Module: new (bytes: Uint8Array) => WasmModule;
  Instance: new (module: WasmModule, imports: object) => { readonly exports: unknown };
}

/**
 * The SIMD kernels of one WebAssembly instance for one precision, working on its memory from byte
 * offset 0. `shift` is log2 of the bytes per amplitude; the `*1` kernels take runs of one
 * amplitude (in double precision they are the same functions).
 */
export interface WasmKernels {
  readonly shift: 3 | 4;
  readonly u2: WasmKernel;
  readonly u21: WasmKernel;
  readonly phase: WasmKernel;
  readonly phase1: WasmKernel;
  readonly perm: WasmKernel;
  readonly perm1: WasmKernel;
}

/** A thread's chunk buffer: in WebAssembly memory (at byte offset 0) with its SIMD kernels, or plain JS memory. */
export interface Scratch {
  readonly buf: Amplitudes;
  readonly w: WasmKernels | null;
}

/**
 * A cache-blocked stage: `ops` (written for a 2^local.length buffer, qubit j = local[j]) applied to
 * each chunk of amplitudes that shares its values of the non-local bits. Chunks where a bit of
 * `fixed` (non-local qubits every op of the stage is controlled on) is 0 are skipped: the ops do
 * not act there, and `ops` have those controls removed.
 */
export interface Stage {
  readonly local: readonly number[];
  readonly ops: readonly Op[];
  readonly fixed?: number;
}

/**
 * Apply a list of ops to a buffer of dim amplitudes. w, when given, holds the SIMD kernels of the
 * WebAssembly memory that `a` views from byte offset 0 (and of a's precision).
 */
export function kApplyOps(a: Amplitudes, dim: number, ops: readonly Op[], w: WasmKernels | null): void {
  const args = new Int32Array(3);
  for (const op of ops) {
    if (op.kind === 'diag') { kDiag(a, dim, op.qubits, op.d); continue; }
    if (op.kind === 'dense') { kDense(a, dim, op.qubits, op.m); continue; }
    if (op.kind === 'scale') {
      if (w === null) kPhase(a, dim, 0, op.re, op.im);
      else w.phase(dim << w.shift, 0, 0, 0, dim << w.shift, op.re, op.im);
      continue;
    }
    kOpArgs(op, args);
    const mask = args[0]!, set = args[1]!, off = args[2]!;
    if (w === null) {
      if (op.kind === 'phase') kPhase(a, dim, mask, op.re, op.im);
      else if (op.kind === 'mcx' || op.kind === 'swap') kPerm(a, dim, mask, set, off);
      else kU2(a, dim, mask, set, off, op.m);
      continue;
    }
    const s = w.shift, run = mask === 0 ? dim : mask & -mask, one = run === 1;
    if (op.kind === 'phase') {
      (one ? w.phase1 : w.phase)(dim << s, mask << s, set << s, 0, run << s, op.re, op.im);
    } else if (op.kind === 'mcx' || op.kind === 'swap') {
      (one ? w.perm1 : w.perm)(dim << s, mask << s, set << s, off << s, run << s);
    } else {
      const m = op.m;
      (one ? w.u21 : w.u2)(dim << s, mask << s, set << s, off << s, run << s, m[0]!, m[1]!, m[2]!, m[3]!, m[4]!, m[5]!, m[6]!, m[7]!);
    }
  }
}

/**
 * A scratch of at least 2^K amplitudes of the given precision: `prev` if it fits, else new
 * (WebAssembly memory when `mod` is given).
 */
export function kMakeScratch(K: number, mod: WasmModule | null, prev: Scratch | null, single: boolean): Scratch {
  if (prev !== null && prev.buf.length >= 2 << K && (prev.buf instanceof Float32Array) === single) return prev;
  if (mod !== null) {
    try {
      const wa = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;
      const ex = new wa.Instance(mod, {}).exports as Record<string, WasmKernel> & { mem: { buffer: ArrayBuffer; grow(pages: number): number } };
      const need = (single ? 8 : 16) << K, have = ex.mem.buffer.byteLength;
      if (need > have) ex.mem.grow(Math.ceil((need - have) / 65536));
      const w: WasmKernels = single
        ? { shift: 3, u2: ex.u2s!, u21: ex.u2s1!, phase: ex.phs!, phase1: ex.phs1!, perm: ex.perm16!, perm1: ex.perm8! }
        : { shift: 4, u2: ex.u2d!, u21: ex.u2d!, phase: ex.phd!, phase1: ex.phd!, perm: ex.perm16!, perm1: ex.perm16! };
      return { buf: single ? new Float32Array(ex.mem.buffer, 0, 2 << K) : new Float64Array(ex.mem.buffer, 0, 2 << K), w };
    } catch {
      // No WebAssembly SIMD here: the JS kernels do the work.
    }
  }
  return { buf: single ? new Float32Array(2 << K) : new Float64Array(2 << K), w: null };
}

/** Chunks of a stage on an n-qubit state: 2^(n − local − fixed). */
export function kStageChunks(n: number, stage: Stage): number {
  let f = stage.fixed ?? 0, fixedCount = 0;
  for (; f !== 0; f &= f - 1) fixedCount++;
  return 2 ** (n - stage.local.length - fixedCount);
}

/**
 * Run a stage on chunks [c0, c1) of the state a (2^n amplitudes): gather each chunk into buf
 * (2^K amplitudes, K = stage.local.length), apply the stage's ops there (in cache), scatter back.
 * Chunk c deposits its bits into the non-local, non-fixed positions; the fixed bits are all 1.
 */
export function kRunStage(a: Amplitudes, n: number, stage: Stage, scratch: Scratch, c0: number, c1: number): void {
  const buf = scratch.buf;
  const local = stage.local;
  const K = local.length;
  const fixed = stage.fixed ?? 0;
  let lmask = 0;
  for (const q of local) lmask |= 1 << q;
  const free: number[] = [];
  for (let q = 0; q < n; q++) if ((((lmask | fixed) >> q) & 1) === 0) free.push(q);
  // The lowest run of local positions 0..r-1 gives contiguous segments of 2^r amplitudes.
  let r = 0;
  while (r < K && local[r] === r) r++;
  const seg = 2 << r; // elements per segment
  const segOff = new Float64Array(1 << (K - r));
  for (let s = 0; s < segOff.length; s++) {
    let o = 0;
    for (let j = r; j < K; j++) if ((s >> (j - r)) & 1) o |= 1 << local[j]!;
    segOff[s] = 2 * o;
  }
  const dimK = 1 << K;
  for (let c = c0; c < c1; c++) {
    // Amplitude index of the chunk's first amplitude (< 2^30: int32-safe), then element offset.
    let amp = fixed;
    for (let j = 0; j < free.length; j++) if ((c >> j) & 1) amp |= 1 << free[j]!;
    const base = 2 * amp;
    for (let s = 0, d = 0; s < segOff.length; s++, d += seg) {
      const src = base + segOff[s]!;
      // Long segments copy faster natively (measured ~30 % at 1 KiB); short ones avoid the view objects.
      if (seg >= 32) buf.set(a.subarray(src, src + seg), d);
      else for (let x = 0; x < seg; x++) buf[d + x] = a[src + x]!;
    }
    kApplyOps(buf, dimK, stage.ops, scratch.w);
    for (let s = 0, d = 0; s < segOff.length; s++, d += seg) {
      const dst = base + segOff[s]!;
      if (seg >= 32) a.set(buf.subarray(d, d + seg), dst);
      else for (let x = 0; x < seg; x++) a[dst + x] = buf[d + x]!;
    }
  }
}

/**
 * What the main thread sends a worker: the state's shared buffer (a typed-array view would lose
 * its length above 4 GiB in the structured clone), its precision, the stages and the control words.
 */
export interface RunMessage {
  readonly buffer: SharedArrayBuffer;
  readonly single: boolean;
  readonly n: number;
  readonly stages: readonly Stage[];
  readonly ctrl: Int32Array;
  /** The SIMD kernel module (null where WebAssembly SIMD is unavailable or disabled). */
  readonly wasm: WasmModule | null;
}

/** Chunks taken per grab of a stage with `total` chunks: small enough to balance, large enough to amortise the atomic. */
export function kGrab(total: number): number {
  return Math.max(1, Math.floor(total / 32));
}

/** A worker thread's loop (see parallel.ts for the protocol; control words as there). */
export function kWorkerMain(port: { on(ev: 'message', f: (m: RunMessage) => void): void }): void {
  let scratch: Scratch | null = null;
  let scratchModule: WasmModule | null = null;
  port.on('message', (msg: RunMessage) => {
    const { n, stages, ctrl } = msg;
    const data = msg.single ? new Float32Array(msg.buffer) : new Float64Array(msg.buffer);
    if (msg.wasm !== scratchModule) {
      scratch = null;
      scratchModule = msg.wasm;
    }
    for (let s = 0; s < stages.length; s++) {
      for (let v = Atomics.load(ctrl, 0); v < s; v = Atomics.load(ctrl, 0)) Atomics.wait(ctrl, 0, v, 50);
      const stage = stages[s]!;
      const K = stage.local.length;
      if (K === n) continue;
      if (Atomics.compareExchange(ctrl, 2 + 3 * s, 0, 1) !== 0) continue;
      try {
        scratch = kMakeScratch(K, scratchModule, scratch, msg.single);
        const total = kStageChunks(n, stage), grab = kGrab(total);
        for (;;) {
          const c = Atomics.add(ctrl, 1 + 3 * s, grab);
          if (c >= total) break;
          kRunStage(data, n, stage, scratch, c, Math.min(total, c + grab));
        }
        Atomics.store(ctrl, 3 + 3 * s, 1);
      } catch (e) {
        // Tell the main thread (it is blocked waiting) instead of leaving it waiting forever.
        console.error(e);
        Atomics.store(ctrl, 3 + 3 * s, 2);
      }
      Atomics.notify(ctrl, 3 + 3 * s);
    }
  });
}
