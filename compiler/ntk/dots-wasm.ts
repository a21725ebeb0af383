/**
 * The Gram inner-product micro-kernel in WebAssembly SIMD: a 4×2 tile of row dot products over a
 * k-slice, two doubles per f64x2 lane pair, eight v128 accumulators (the register tile of a
 * GotoBLAS kernel). Assembled here byte by byte; no toolchain, no dependency.
 * @see WebAssembly fixed-width SIMD binary encoding (f64x2.mul 0xf2, f64x2.add 0xf0)
 */

function uleb(n: number, out: number[]): void {
  do {
    let b = n & 0x7f;
    n >>>= 7;
    if (n !== 0) b |= 0x80;
    out.push(b);
  } while (n !== 0);
}

function section(id: number, body: number[]): number[] {
  const out = [id];
  uleb(body.length, out);
  return out.concat(body);
}

const I32 = 0x7f, V128 = 0x7b;
const GET = 0x20, SET = 0x21;

/** Bytes of the first address the kernel's callers may use for data (0…63 hold the 8 results). */
export const WASM_DATA_START = 64;

/**
 * Module bytes. Exports `memory` and `tile(a0, a1, a2, a3, b0, b1, bytes)`: for byte addresses of
 * four A rows and two B rows (each at the same k offset) and a length in bytes (a multiple of 16),
 * stores the eight sums Σ a_r[k]·b_c[k] at addresses 8·(2r + c).
 */
export function dotsWasmBytes(): Uint8Array {
  const code: number[] = [];
  const op = (...b: number[]): void => void code.push(...b);
  const get = (i: number): void => { op(GET); uleb(i, code); };
  const set = (i: number): void => { op(SET); uleb(i, code); };
  const simd = (o: number, ...imm: number[]): void => { op(0xfd); uleb(o, code); op(...imm); };
  // params 0..6: a0 a1 a2 a3 b0 b1 bytes; locals: k (7), acc 8..15, x 16, y0 17, y1 18
  const K = 7, ACC = 8, X = 16, Y0 = 17, Y1 = 18;
  op(0x02, 0x40, 0x03, 0x40); // block loop
  get(K); get(6); op(0x4f, 0x0d, 1); // k >= bytes → br_if 1
  get(4); get(K); op(0x6a); simd(0x00, 3, 0); set(Y0); // y0 = v128.load(b0 + k)
  get(5); get(K); op(0x6a); simd(0x00, 3, 0); set(Y1);
  for (let r = 0; r < 4; r++) {
    get(r); get(K); op(0x6a); simd(0x00, 3, 0); set(X);
    for (let c = 0; c < 2; c++) {
      get(ACC + 2 * r + c); get(X); get(c === 0 ? Y0 : Y1); simd(0xf2); simd(0xf0); set(ACC + 2 * r + c);
    }
  }
  get(K); op(0x41, 16, 0x6a); set(K); // k += 16
  op(0x0c, 0, 0x0b, 0x0b); // br 0; end loop; end block
  for (let t = 0; t < 8; t++) {
    op(0x41, 0); // address 0
    get(ACC + t); simd(0x21, 0); get(ACC + t); simd(0x21, 1); op(0xa0); // lane0 + lane1
    op(0x39, 3); uleb(8 * t, code); // f64.store offset 8t
  }
  const body = [2, 1, I32, 11, V128, ...code, 0x0b]; // locals: 1 i32, 11 v128
  const sizedBody: number[] = [];
  uleb(body.length, sizedBody);
  const bytes = [
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    ...section(1, [1, 0x60, 7, I32, I32, I32, I32, I32, I32, I32, 0]), // type: (i32×7) → ()
    ...section(3, [1, 0]), // one function of type 0
    ...section(5, [1, 0x00, 1]), // memory: min 1 page
    ...section(7, [2, 4, ...Buffer.from('tile'), 0x00, 0, 6, ...Buffer.from('memory'), 0x02, 0]),
    ...section(10, [1, ...sizedBody, ...body]),
  ];
  return Uint8Array.from(bytes);
}
