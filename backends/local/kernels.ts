/**
 * Statevector kernels on interleaved amplitudes (a[2i] = Re ψ_i, a[2i+1] = Im ψ_i; qubit q is bit q
 * of i). Interleaved storage measured faster than split re/im arrays at n ≥ 24 (one stream per side).
 *
 * This file is deliberately self-contained (no imports, no module-level state): worker threads
 * rebuild these functions from their source text (parallel.ts), so each function may reference only
 * its parameters, its locals and the other functions listed in KERNEL_FUNCTIONS. That is also why
 * it is longer than our other files: the stage runner and worker loop must live beside the kernels.
 * Inside a cache-blocked chunk the hottest ops (dense 2×2, CX, singly controlled 2×2, 1–2-bit phases) run as
 * WebAssembly SIMD (wasm.ts); the JS kernels here are the fallback and handle everything else.
 */

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
  /** General diagonal on qubits (d interleaved, entry index bit j ↔ qubits[j]): rzz, zz, crz. */
  | { readonly kind: 'diag'; readonly qubits: readonly number[]; readonly d: Float64Array }
  /** Swap qubits q0 and q1 where every bit of cmask is 1 (swap, cswap). */
  | { readonly kind: 'swap'; readonly q0: number; readonly q1: number; readonly cmask: number }
  /** Dense 2^k × 2^k matrix (row-major, interleaved) on qubits (matrix index bit j ↔ qubits[j]). */
  | { readonly kind: 'dense'; readonly qubits: readonly number[]; readonly m: Float64Array }
  /** Multiply every amplitude by (re + i·im): global phase. */
  | { readonly kind: 'scale'; readonly re: number; readonly im: number };

/** The WebAssembly SIMD dense 2×2 kernel (wasm.ts): (byteOffset, dim, t, ar, ai, br, bi, cr, ci, dr, di). */
export type WasmDense1 = (ptr: number, dim: number, t: number, ar: number, ai: number, br: number, bi: number, cr: number, ci: number, dr: number, di: number) => void;

/** An opaque compiled WebAssembly module (the project's TypeScript lib has no WebAssembly declarations). */
export interface WasmModule {
  readonly __brand?: 'WebAssembly.Module';
}

/** The part of the WebAssembly API used here. */
export interface WasmApi {
  Module: new (bytes: Uint8Array) => WasmModule;
  Instance: new (module: WasmModule, imports: object) => { readonly exports: unknown };
}

/** The WebAssembly X kernel with at most one control (wasm.ts): (ptr, dim, set, off, hiStep, hiRun, loStep, loRun) in bytes. */
export type WasmMcx1 = (ptr: number, dim: number, set: number, off: number, hiStep: number, hiRun: number, loStep: number, loRun: number) => void;

/** The WebAssembly phase kernel on one or two bits (wasm.ts): mcx1's loop arguments, then re, im. */
export type WasmPhase1 = (ptr: number, dim: number, set: number, off: number, hiStep: number, hiRun: number, loStep: number, loRun: number, re: number, im: number) => void;

/** The WebAssembly singly controlled 2×2 (wasm.ts): mcx1's loop arguments, then the matrix as in WasmDense1. */
export type WasmCdense1 = (ptr: number, dim: number, set: number, off: number, hiStep: number, hiRun: number, loStep: number, loRun: number,
  ar: number, ai: number, br: number, bi: number, cr: number, ci: number, dr: number, di: number) => void;

/** The kernels of one WebAssembly instance, working on its memory from byte offset 0. */
export interface WasmKernels {
  readonly dense1: WasmDense1;
  readonly mcx1: WasmMcx1;
  readonly phase1: WasmPhase1;
  readonly cdense1: WasmCdense1;
}

/** A thread's chunk buffer: in WebAssembly memory (at byte offset 0) with its SIMD kernels, or plain JS memory. */
export interface Scratch {
  readonly buf: Float64Array;
  readonly w: WasmKernels | null;
}

/**
 * A cache-blocked stage: `ops` (written for a 2^local.length buffer, qubit j = local[j]) applied to
 * each chunk of amplitudes that shares its values of the non-local bits.
 */
export interface Stage {
  readonly local: readonly number[];
  readonly ops: readonly Op[];
}

/** Dense 2×2 on qubit t over dim amplitudes. Targets 0 and 1 have their own loops (short strides). */
export function kDense1(a: Float64Array, dim: number, t: number, m: Float64Array): void {
  const ar = m[0]!, ai = m[1]!, br = m[2]!, bi = m[3]!, cr = m[4]!, ci = m[5]!, dr = m[6]!, di = m[7]!;
  const end = 2 * dim;
  if (t === 0) {
    for (let p = 0; p < end; p += 4) {
      const xr = a[p]!, xi = a[p + 1]!, yr = a[p + 2]!, yi = a[p + 3]!;
      a[p] = ar * xr - ai * xi + br * yr - bi * yi;
      a[p + 1] = ar * xi + ai * xr + br * yi + bi * yr;
      a[p + 2] = cr * xr - ci * xi + dr * yr - di * yi;
      a[p + 3] = cr * xi + ci * xr + dr * yi + di * yr;
    }
    return;
  }
  if (t === 1) {
    for (let p = 0; p < end; p += 8) {
      let xr = a[p]!, xi = a[p + 1]!, yr = a[p + 4]!, yi = a[p + 5]!;
      a[p] = ar * xr - ai * xi + br * yr - bi * yi;
      a[p + 1] = ar * xi + ai * xr + br * yi + bi * yr;
      a[p + 4] = cr * xr - ci * xi + dr * yr - di * yi;
      a[p + 5] = cr * xi + ci * xr + dr * yi + di * yr;
      xr = a[p + 2]!; xi = a[p + 3]!; yr = a[p + 6]!; yi = a[p + 7]!;
      a[p + 2] = ar * xr - ai * xi + br * yr - bi * yi;
      a[p + 3] = ar * xi + ai * xr + br * yi + bi * yr;
      a[p + 6] = cr * xr - ci * xi + dr * yr - di * yi;
      a[p + 7] = cr * xi + ci * xr + dr * yi + di * yr;
    }
    return;
  }
  const s = 2 << t;
  for (let b = 0; b < end; b += 2 * s) {
    const stop = b + s;
    for (let p = b; p < stop; p += 2) {
      const q = p + s;
      const xr = a[p]!, xi = a[p + 1]!, yr = a[q]!, yi = a[q + 1]!;
      a[p] = ar * xr - ai * xi + br * yr - bi * yi;
      a[p + 1] = ar * xi + ai * xr + br * yi + bi * yr;
      a[q] = cr * xr - ci * xi + dr * yr - di * yi;
      a[q + 1] = cr * xi + ci * xr + dr * yi + di * yr;
    }
  }
}

/** Insert a zero bit at each position of `pos` (ascending) into k: enumerates a subspace. */
export function kSpread(k: number, pos: Int32Array): number {
  let i = k;
  for (let j = 0; j < pos.length; j++) {
    const p = pos[j]!;
    i = ((i >> p) << (p + 1)) | (i & ((1 << p) - 1));
  }
  return i;
}

/** The set bit positions of mask, ascending. */
export function kBits(mask: number): Int32Array {
  const out: number[] = [];
  for (let p = 0; p < 31; p++) if ((mask >> p) & 1) out.push(p);
  return Int32Array.from(out);
}

/** X on t where every bit of cmask is set: swaps runs of amplitudes that no control or target splits. */
export function kMcx(a: Float64Array, dim: number, cmask: number, t: number): void {
  const off = 2 << t;
  if ((cmask & (cmask - 1)) === 0) {
    // No control or one control c: three plain loops (hi blocks, lo blocks, runs below lo), no bit spreading.
    const c = cmask === 0 ? t : 31 - Math.clz32(cmask);
    const lo = Math.min(c, t), hi = Math.max(c, t);
    const hiStep = 2 << hi, hiRun = 1 << hi, loStep = 2 << lo, loRun = 2 << lo;
    const end = 2 * dim, set = 2 * cmask;
    for (let b = 0; b < end; b += 2 * hiStep) {
      for (let m = b; m < b + 2 * hiRun; m += 2 * loStep) {
        const start = m + set;
        for (let p = start, e = start + loRun; p < e; p += 2) {
          const q = p + off;
          const xr = a[p]!, xi = a[p + 1]!;
          a[p] = a[q]!; a[p + 1] = a[q + 1]!;
          a[q] = xr; a[q + 1] = xi;
        }
      }
    }
    return;
  }
  const pos = kBits(cmask | (1 << t));
  // Indices that differ only below the lowest involved bit form runs of 2^low consecutive amplitudes.
  const low = pos[0]!;
  const run = 1 << low;
  const hi = new Int32Array(pos.length);
  for (let j = 0; j < pos.length; j++) hi[j] = pos[j]! - low;
  const count = dim >> (pos.length + low);
  for (let k = 0; k < count; k++) {
    const i0 = ((kSpread(k, hi) << low) | cmask) * 2;
    for (let p = i0, e = i0 + 2 * run; p < e; p += 2) {
      const q = p + off;
      const xr = a[p]!, xi = a[p + 1]!;
      a[p] = a[q]!; a[p + 1] = a[q + 1]!;
      a[q] = xr; a[q + 1] = xi;
    }
  }
}

/** Dense 2×2 on t on the subspace where every bit of cmask is set. */
export function kCdense1(a: Float64Array, dim: number, cmask: number, t: number, m: Float64Array): void {
  const ar = m[0]!, ai = m[1]!, br = m[2]!, bi = m[3]!, cr = m[4]!, ci = m[5]!, dr = m[6]!, di = m[7]!;
  const pos = kBits(cmask | (1 << t));
  const low = pos[0]!;
  const run = 1 << low;
  const hi = new Int32Array(pos.length);
  for (let j = 0; j < pos.length; j++) hi[j] = pos[j]! - low;
  const count = dim >> (pos.length + low);
  const off = 2 << t;
  for (let k = 0; k < count; k++) {
    const i0 = ((kSpread(k, hi) << low) | cmask) * 2;
    for (let p = i0, e = i0 + 2 * run; p < e; p += 2) {
      const q = p + off;
      const xr = a[p]!, xi = a[p + 1]!, yr = a[q]!, yi = a[q + 1]!;
      a[p] = ar * xr - ai * xi + br * yr - bi * yi;
      a[p + 1] = ar * xi + ai * xr + br * yi + bi * yr;
      a[q] = cr * xr - ci * xi + dr * yr - di * yi;
      a[q + 1] = cr * xi + ci * xr + dr * yi + di * yr;
    }
  }
}

/** Multiply the amplitudes whose index contains every bit of mask by (re + i·im). */
export function kPhase(a: Float64Array, dim: number, mask: number, re: number, im: number): void {
  const pos = kBits(mask);
  const low = pos.length > 0 ? pos[0]! : 0;
  const run = pos.length > 0 ? 1 << low : dim;
  const hi = new Int32Array(pos.length);
  for (let j = 0; j < pos.length; j++) hi[j] = pos[j]! - low;
  const count = pos.length > 0 ? dim >> (pos.length + low) : 1;
  for (let k = 0; k < count; k++) {
    const i0 = ((kSpread(k, hi) << low) | mask) * 2;
    for (let p = i0, e = i0 + 2 * run; p < e; p += 2) {
      const xr = a[p]!, xi = a[p + 1]!;
      a[p] = xr * re - xi * im;
      a[p + 1] = xr * im + xi * re;
    }
  }
}

/** General diagonal: amplitude i is multiplied by d[index of i's bits at qubits]. */
export function kDiag(a: Float64Array, dim: number, qubits: readonly number[], d: Float64Array): void {
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

/** Swap bits q0 and q1 of the index where every bit of cmask is set. */
export function kSwap(a: Float64Array, dim: number, q0: number, q1: number, cmask: number): void {
  const pos = kBits(cmask | (1 << q0) | (1 << q1));
  const count = dim >> pos.length;
  const set = cmask | (1 << q0);
  const delta = ((1 << q1) - (1 << q0)) * 2;
  for (let k = 0; k < count; k++) {
    const p = (kSpread(k, pos) | set) * 2, q = p + delta;
    const xr = a[p]!, xi = a[p + 1]!;
    a[p] = a[q]!; a[p + 1] = a[q + 1]!;
    a[q] = xr; a[q + 1] = xi;
  }
}

/** Generic dense 2^k × 2^k matrix on the given qubits. */
export function kDense(a: Float64Array, dim: number, qubits: readonly number[], m: Float64Array): void {
  const k = qubits.length;
  const dk = 1 << k;
  let mask = 0;
  for (const q of qubits) mask |= 1 << q;
  const pos = kBits(mask);
  const offs = new Int32Array(dk);
  for (let s = 0; s < dk; s++) {
    let o = 0;
    for (let j = 0; j < k; j++) if ((s >> j) & 1) o |= 1 << qubits[j]!;
    offs[s] = 2 * o;
  }
  const tr = new Float64Array(dk), ti = new Float64Array(dk);
  const count = dim >> k;
  for (let c = 0; c < count; c++) {
    const base = kSpread(c, pos) * 2;
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

/**
 * Apply a list of ops to a buffer of dim amplitudes. w, when given, holds the SIMD kernels of the
 * WebAssembly memory that `a` views from byte offset 0.
 */
export function kApplyOps(a: Float64Array, dim: number, ops: readonly Op[], w: WasmKernels | null): void {
  for (const op of ops) {
    switch (op.kind) {
      case 'dense1': {
        const m = op.m;
        if (w !== null) w.dense1(0, dim, op.t, m[0]!, m[1]!, m[2]!, m[3]!, m[4]!, m[5]!, m[6]!, m[7]!);
        else kDense1(a, dim, op.t, m);
        break;
      }
      case 'mcx': {
        const cm = op.cmask, t = op.t;
        if (w !== null && (cm & (cm - 1)) === 0) {
          // Same loop bounds as kMcx's one-control path, in bytes (16 per amplitude).
          const c = cm === 0 ? t : 31 - Math.clz32(cm);
          const lo = Math.min(c, t), hi = Math.max(c, t);
          w.mcx1(0, dim, 16 * cm, 16 << t, 32 << hi, 16 << hi, 32 << lo, 16 << lo);
        } else {
          kMcx(a, dim, cm, t);
        }
        break;
      }
      case 'cdense1': {
        const cm = op.cmask, t = op.t, m = op.m;
        if (w !== null && (cm & (cm - 1)) === 0) {
          const c = 31 - Math.clz32(cm);
          const lo = Math.min(c, t), hi = Math.max(c, t);
          w.cdense1(0, dim, 16 * cm, 16 << t, 32 << hi, 16 << hi, 32 << lo, 16 << lo, m[0]!, m[1]!, m[2]!, m[3]!, m[4]!, m[5]!, m[6]!, m[7]!);
        } else {
          kCdense1(a, dim, cm, t, m);
        }
        break;
      }
      case 'phase': {
        const mk = op.mask;
        const rest = mk & (mk - 1);
        if (w !== null && mk !== 0 && (rest & (rest - 1)) === 0) {
          // One or two bits: lo/hi are the lowest and highest set bits.
          const lo = 31 - Math.clz32(mk & -mk), hi = 31 - Math.clz32(mk);
          w.phase1(0, dim, 16 * mk, 0, 32 << hi, 16 << hi, 32 << lo, 16 << lo, op.re, op.im);
        } else {
          kPhase(a, dim, mk, op.re, op.im);
        }
        break;
      }
      case 'diag': kDiag(a, dim, op.qubits, op.d); break;
      case 'swap': kSwap(a, dim, op.q0, op.q1, op.cmask); break;
      case 'dense': kDense(a, dim, op.qubits, op.m); break;
      case 'scale': kPhase(a, dim, 0, op.re, op.im); break;
    }
  }
}

/** A scratch of at least 2^K amplitudes: `prev` if big enough, else new (WebAssembly memory when `mod` is given). */
export function kMakeScratch(K: number, mod: WasmModule | null, prev: Scratch | null): Scratch {
  if (prev !== null && prev.buf.length >= 2 << K) return prev;
  if (mod !== null) {
    try {
      const wa = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;
      const ex = new wa.Instance(mod, {}).exports as { mem: { buffer: ArrayBuffer; grow(pages: number): number }; dense1: WasmDense1; mcx1: WasmMcx1; phase1: WasmPhase1; cdense1: WasmCdense1 };
      const need = 16 << K, have = ex.mem.buffer.byteLength;
      if (need > have) ex.mem.grow(Math.ceil((need - have) / 65536));
      return { buf: new Float64Array(ex.mem.buffer, 0, 2 << K), w: { dense1: ex.dense1, mcx1: ex.mcx1, phase1: ex.phase1, cdense1: ex.cdense1 } };
    } catch {
      // No WebAssembly SIMD here: the JS kernels do the work.
    }
  }
  return { buf: new Float64Array(2 << K), w: null };
}

/**
 * Run a stage on chunks [c0, c1) of the state a (2^n amplitudes): gather each chunk into buf
 * (2^K amplitudes, K = stage.local.length), apply the stage's ops there (in cache), scatter back.
 */
export function kRunStage(a: Float64Array, n: number, stage: Stage, scratch: Scratch, c0: number, c1: number): void {
  const buf = scratch.buf;
  const local = stage.local;
  const K = local.length;
  let lmask = 0;
  for (const q of local) lmask |= 1 << q;
  const nonLocal = kBits(((1 << n) - 1) & ~lmask);
  // The lowest run of local positions 0..r-1 gives contiguous segments of 2^r amplitudes.
  let r = 0;
  while (r < K && local[r] === r) r++;
  const seg = 2 << r; // doubles per segment
  const upper = new Int32Array(K - r);
  for (let j = r; j < K; j++) upper[j - r] = local[j]!;
  const segOff = new Int32Array(1 << (K - r));
  for (let s = 0; s < segOff.length; s++) {
    let o = 0;
    for (let j = 0; j < upper.length; j++) if ((s >> j) & 1) o |= 1 << upper[j]!;
    segOff[s] = 2 * o;
  }
  const dimK = 1 << K;
  for (let c = c0; c < c1; c++) {
    // Deposit the chunk number into the non-local bit positions.
    let base = 0;
    for (let j = 0; j < nonLocal.length; j++) if ((c >> j) & 1) base |= 1 << nonLocal[j]!;
    base *= 2;
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

/** What the main thread sends a worker: the shared state, the stages and the shared control words. */
export interface RunMessage {
  readonly data: Float64Array;
  readonly n: number;
  readonly stages: readonly Stage[];
  readonly ctrl: Int32Array;
  readonly grab: number;
  /** The SIMD kernel module (null where WebAssembly SIMD is unavailable or disabled). */
  readonly wasm: WasmModule | null;
}

/** A worker thread's loop (see parallel.ts for the protocol; control words as there). */
export function kWorkerMain(port: { on(ev: 'message', f: (m: RunMessage) => void): void }): void {
  let scratch: Scratch | null = null;
  let scratchModule: WasmModule | null = null;
  port.on('message', (msg: RunMessage) => {
    const { data, n, stages, ctrl, grab } = msg;
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
        scratch = kMakeScratch(K, scratchModule, scratch);
        const total = 1 << (n - K);
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

/** Every function a worker needs, in dependency-free order (see parallel.ts). */
export const KERNEL_FUNCTIONS: readonly ((...args: never[]) => unknown)[] = [
  kDense1, kSpread, kBits, kMcx, kCdense1, kPhase, kDiag, kSwap, kDense, kApplyOps, kMakeScratch, kRunStage, kWorkerMain,
];
