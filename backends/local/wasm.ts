/**
 * WebAssembly SIMD kernels for the hottest loops: the dense 2×2 gate (plain and singly controlled), (C)X and 1–2-bit phases. Dense 2×2: one amplitude is
 * one f64x2 (re, im), and m·x = Re(m)·x + (−Im m, Im m)·swap(x), so each amplitude pair costs two
 * lane swaps and eight vector multiply-adds; measured 2–2.5× faster than the scalar JS loop in L2.
 * X moves one v128 per amplitude; a phase on one or two bits is one complex multiply per amplitude.
 * The module is assembled here from its opcodes (no toolchain, nothing generated checked in). It
 * owns its memory: the cache-blocked chunk buffer lives there, gathered from and scattered to the
 * state by the JS stage loop (kernels.ts), so the state itself stays an ordinary (shared) Float64Array.
 * @see WebAssembly SIMD proposal (fixed-width 128-bit SIMD), https://github.com/WebAssembly/simd
 */

import { F64, I32, section, uleb, V128 } from '../../compiler/linalg/wasm-encoding.js';

const leb = (n: number): number[] => {
  const out: number[] = [];
  uleb(n, out);
  return out;
};
const str = (s: string): number[] => [...leb(s.length), ...Array.from(s, (ch) => ch.charCodeAt(0))];
const vec = (items: number[][]): number[] => [...leb(items.length), ...items.flat()];

const simd = (op: number): number[] => [0xfd, ...leb(op)];
const get = (i: number): number[] => [0x20, i];
const set = (i: number): number[] => [0x21, i];
const tee = (i: number): number[] => [0x22, i];
const I32_CONST_16 = [0x41, 16];
const I32_ADD = [0x6a], I32_SHL = [0x74], I32_LT_U = [0x49], I32_GE_U = [0x4f], F64_NEG = [0x9a];
const LOAD = [...simd(0x00), 4, 0], STORE = [...simd(0x0b), 4, 0];
const SPLAT = simd(0x14), ADD = simd(0xf0), MUL = simd(0xf2), REPLACE_LANE0 = [...simd(0x22), 0];
const SWAP = [...simd(0x0d), 8, 9, 10, 11, 12, 13, 14, 15, 0, 1, 2, 3, 4, 5, 6, 7];

/**
 * dense1(ptr, dim, t, ar, ai, br, bi, cr, ci, dr, di): [[a, b], [c, d]] on qubit t of the dim
 * amplitudes at byte offset ptr. Locals: 11 p, 12 q, 13 end, 14 runEnd, 15 stride; 16–23 the
 * matrix as vectors (re splat, (−im, im)); 24 x, 25 y, 26 swap(x), 27 swap(y).
 */
function dense1Body(): number[] {
  const b: number[] = [];
  const emit = (...xs: number[][]): void => { for (const x of xs) b.push(...x); };
  for (let k = 0; k < 4; k++) {
    emit(get(3 + 2 * k), SPLAT, set(16 + 2 * k));
    emit(get(4 + 2 * k), SPLAT, get(4 + 2 * k), F64_NEG, REPLACE_LANE0, set(17 + 2 * k));
  }
  emit(I32_CONST_16, get(2), I32_SHL, set(15)); // stride = 16 << t bytes
  emit(get(0), get(1), [0x41, 4], I32_SHL, I32_ADD, set(13)); // end = ptr + 16·dim
  emit(get(0), set(11));
  emit([0x02, 0x40], [0x03, 0x40]); // block { loop {
  emit(get(11), get(13), I32_GE_U, [0x0d, 1]); // if p ≥ end: break
  emit(get(11), get(15), I32_ADD, set(14)); // runEnd = p + stride
  emit([0x03, 0x40]); // loop {
  emit(get(11), get(15), I32_ADD, set(12)); // q = p + stride
  emit(get(11), LOAD, tee(24), get(24), SWAP, set(26), get(12), LOAD, tee(25), get(25), SWAP, set(27));
  emit(get(11), get(16), get(24), MUL, get(17), get(26), MUL, ADD, get(18), get(25), MUL, ADD, get(19), get(27), MUL, ADD, STORE);
  emit(get(12), get(20), get(24), MUL, get(21), get(26), MUL, ADD, get(22), get(25), MUL, ADD, get(23), get(27), MUL, ADD, STORE);
  emit(get(11), I32_CONST_16, I32_ADD, tee(11), get(14), I32_LT_U, [0x0d, 0]); // p += 16; continue while p < runEnd
  emit([0x0b]); // }
  emit(get(11), get(15), I32_ADD, set(11), [0x0c, 0]); // p += stride (skip the partner run); continue
  emit([0x0b], [0x0b], [0x0b]); // } } end
  return [...vec([[5, I32], [12, V128]]), ...b];
}

/**
 * The loop nest shared by mcx1 and phase1: for every amplitude index with the bits of `set` (one or
 * two bits, the "hi" and "lo" positions) fixed, run `inner` with p = its byte address. Parameters
 * 0–7 are (ptr, dim, set, off, hiStep, hiRun, loStep, loRun) in bytes, computed by the caller:
 * blocks of the higher bit, blocks of the lower bit inside, runs below it. Locals from L on:
 * b, end, m, mEnd, p, pEnd (i32).
 */
function bitLoops(L: number, inner: number[]): number[] {
  const [B, END, M, MEND, P, PEND] = [L, L + 1, L + 2, L + 3, L + 4, L + 5];
  const b: number[] = [];
  const emit = (...xs: number[][]): void => { for (const x of xs) b.push(...x); };
  emit(get(0), get(1), [0x41, 4], I32_SHL, I32_ADD, set(END), get(0), set(B)); // end = ptr + 16·dim; b = ptr
  emit([0x02, 0x40], [0x03, 0x40]); // block { loop {
  emit(get(B), get(END), I32_GE_U, [0x0d, 1]);
  emit(get(B), set(M), get(B), get(5), I32_ADD, set(MEND)); // m = b; mEnd = b + hiRun
  emit([0x02, 0x40], [0x03, 0x40]); //   block { loop {
  emit(get(M), get(MEND), I32_GE_U, [0x0d, 1]);
  emit(get(M), get(2), I32_ADD, tee(P), get(7), I32_ADD, set(PEND)); // p = m + set; pEnd = p + loRun
  emit([0x03, 0x40], inner); //     loop { inner
  emit(get(P), I32_CONST_16, I32_ADD, tee(P), get(PEND), I32_LT_U, [0x0d, 0]); //     p += 16 } while p < pEnd
  emit([0x0b]);
  emit(get(M), get(6), I32_ADD, set(M), [0x0c, 0], [0x0b], [0x0b]); //   m += loStep } }
  emit(get(B), get(4), I32_ADD, set(B), [0x0c, 0], [0x0b], [0x0b]); // b += hiStep } }
  emit([0x0b]);
  return b;
}

/** mcx1(ptr, dim, set, off, hiStep, hiRun, loStep, loRun): swap each amplitude with the one `off` bytes on. */
function mcx1Body(): number[] {
  // Locals 8–13 loop variables, 14 q, 15 x.
  const inner = [...get(12), ...get(3), ...I32_ADD, ...set(14), ...get(12), ...LOAD, ...set(15), ...get(12), ...get(14), ...LOAD, ...STORE, ...get(14), ...get(15), ...STORE];
  return [...vec([[7, I32], [1, V128]]), ...bitLoops(8, inner)];
}

/** phase1(ptr, dim, set, _, hiStep, hiRun, loStep, loRun, re, im): multiply each amplitude by re + i·im. */
function phase1Body(): number[] {
  // Locals 10–15 loop variables, 16 x, 17 splat(re), 18 (−im, im).
  const inner = [...get(14), ...get(17), ...get(14), ...LOAD, ...tee(16), ...MUL, ...get(18), ...get(16), ...get(16), ...SWAP, ...MUL, ...ADD, ...STORE];
  const prologue = [...get(8), ...SPLAT, ...set(17), ...get(9), ...SPLAT, ...get(9), ...F64_NEG, ...REPLACE_LANE0, ...set(18)];
  return [...vec([[6, I32], [3, V128]]), ...prologue, ...bitLoops(10, inner)];
}

/**
 * cdense1(ptr, dim, set, off, hiStep, hiRun, loStep, loRun, ar, ai, br, bi, cr, ci, dr, di): the dense
 * 2×2 on the pairs (p, p + off) where the control bit is set (one control; mcx1's loop nest).
 * Locals 16–21 loop variables, 22 q, 23–30 the matrix as vectors, 31 x, 32 y, 33 swap(x), 34 swap(y).
 */
function cdense1Body(): number[] {
  const pro: number[] = [];
  for (let k = 0; k < 4; k++) {
    pro.push(...get(8 + 2 * k), ...SPLAT, ...set(23 + 2 * k));
    pro.push(...get(9 + 2 * k), ...SPLAT, ...get(9 + 2 * k), ...F64_NEG, ...REPLACE_LANE0, ...set(24 + 2 * k));
  }
  const inner = [
    ...get(20), ...get(3), ...I32_ADD, ...set(22),
    ...get(20), ...LOAD, ...tee(31), ...get(31), ...SWAP, ...set(33), ...get(22), ...LOAD, ...tee(32), ...get(32), ...SWAP, ...set(34),
    ...get(20), ...get(23), ...get(31), ...MUL, ...get(24), ...get(33), ...MUL, ...ADD, ...get(25), ...get(32), ...MUL, ...ADD, ...get(26), ...get(34), ...MUL, ...ADD, ...STORE,
    ...get(22), ...get(27), ...get(31), ...MUL, ...get(28), ...get(33), ...MUL, ...ADD, ...get(29), ...get(32), ...MUL, ...ADD, ...get(30), ...get(34), ...MUL, ...ADD, ...STORE,
  ];
  return [...vec([[7, I32], [12, V128]]), ...pro, ...bitLoops(16, inner)];
}

/** The module's bytes: exports `mem` (its own memory), `dense1`, `mcx1`, `phase1` and `cdense1`. */
export function wasmKernelBytes(): Uint8Array {
  const bodies = [dense1Body(), mcx1Body(), phase1Body(), cdense1Body()];
  const types = [
    [I32, I32, I32, F64, F64, F64, F64, F64, F64, F64, F64],
    [I32, I32, I32, I32, I32, I32, I32, I32],
    [I32, I32, I32, I32, I32, I32, I32, I32, F64, F64],
    [I32, I32, I32, I32, I32, I32, I32, I32, F64, F64, F64, F64, F64, F64, F64, F64],
  ].map((ps) => [0x60, ...vec(ps.map((t) => [t])), 0]);
  return Uint8Array.from([
    0x00, 0x61, 0x73, 0x6d, 1, 0, 0, 0,
    ...section(1, vec(types)),
    ...section(3, vec([[0], [1], [2], [3]])),
    ...section(5, vec([[0x00, 1]])),
    ...section(7, vec([[...str('mem'), 0x02, 0], [...str('dense1'), 0x00, 0], [...str('mcx1'), 0x00, 1], [...str('phase1'), 0x00, 2], [...str('cdense1'), 0x00, 3]])),
    ...section(10, vec(bodies.map((body) => [...leb(body.length), ...body]))),
  ]);
}
