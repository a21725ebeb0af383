/**
 * The Gram inner-product micro-kernel in WebAssembly SIMD: an R×C tile (default 2×4, the fastest
 * shape measured on this machine's V8) of row dot products over a k-slice, two doubles per f64x2
 * lane pair, R·C v128 accumulators (the register tile of a GotoBLAS kernel). Assembled here byte
 * by byte; no toolchain, no dependency.
 * @see WebAssembly fixed-width SIMD binary encoding (f64x2.mul 0xf2, f64x2.add 0xf0)
 */

import { I32, section, uleb, V128 } from '../linalg/wasm-encoding.js';

const GET = 0x20, SET = 0x21;

/** Bytes of the first address the kernel's callers may use for data (0…63 hold the 8 results). */
export const WASM_DATA_START = 64;

/**
 * Module bytes. Exports `memory` and `tile(a_0 … a_{R−1}, b_0 … b_{C−1}, bytes)`: for byte
 * addresses of R A rows and C B rows (each at the same k offset) and a length in bytes (a multiple
 * of 16), stores the R·C sums Σ a_r[k]·b_c[k] (lane 0 + lane 1) at addresses 8·(C·r + c).
 */
export function dotsWasmBytes(R = 2, C = 4): Uint8Array {
  const code: number[] = [];
  const op = (...b: number[]): void => void code.push(...b);
  const get = (i: number): void => { op(GET); uleb(i, code); };
  const set = (i: number): void => { op(SET); uleb(i, code); };
  const simd = (o: number, ...imm: number[]): void => { op(0xfd); uleb(o, code); op(...imm); };
  // params: a rows 0..R−1, b rows R..R+C−1, bytes; locals: k, R·C accumulators, x, C y's
  const P = R + C + 1, BYTES = R + C, K = P, ACC = P + 1, X = ACC + R * C, Y = X + 1;
  op(0x02, 0x40, 0x03, 0x40); // block loop
  get(K); get(BYTES); op(0x4f, 0x0d, 1); // k >= bytes → br_if 1
  for (let c = 0; c < C; c++) { get(R + c); get(K); op(0x6a); simd(0x00, 3, 0); set(Y + c); } // y_c = v128.load(b_c + k)
  for (let r = 0; r < R; r++) {
    get(r); get(K); op(0x6a); simd(0x00, 3, 0); set(X);
    for (let c = 0; c < C; c++) {
      get(ACC + C * r + c); get(X); get(Y + c); simd(0xf2); simd(0xf0); set(ACC + C * r + c);
    }
  }
  get(K); op(0x41, 16, 0x6a); set(K); // k += 16
  op(0x0c, 0, 0x0b, 0x0b); // br 0; end loop; end block
  for (let t = 0; t < R * C; t++) {
    op(0x41, 0); // address 0
    get(ACC + t); simd(0x21, 0); get(ACC + t); simd(0x21, 1); op(0xa0); // lane0 + lane1
    op(0x39, 3); uleb(8 * t, code); // f64.store offset 8t
  }
  const body = [2, 1, I32, R * C + 1 + C, V128, ...code, 0x0b]; // locals: k, then the v128s
  const sizedBody: number[] = [];
  uleb(body.length, sizedBody);
  const bytes = [
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    ...section(1, [1, 0x60, P, ...new Array<number>(P).fill(I32), 0]), // type: (i32×P) → ()
    ...section(3, [1, 0]), // one function of type 0
    ...section(5, [1, 0x00, 1]), // memory: min 1 page
    ...section(7, [2, 4, ...Buffer.from('tile'), 0x00, 0, 6, ...Buffer.from('memory'), 0x02, 0]),
    ...section(10, [1, ...sizedBody, ...body]),
  ];
  return Uint8Array.from(bytes);
}
