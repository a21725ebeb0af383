/**
 * The bits of the WebAssembly binary format shared by qntk's hand-assembled SIMD kernels
 * (simulator gates, Gram tiles, convolutional-NTK planes): LEB128 integers, sections, value types.
 * @see WebAssembly Core Specification §5 (binary format)
 */

export const I32 = 0x7f, F64 = 0x7c, V128 = 0x7b;

/** Append n as unsigned LEB128. */
export function uleb(n: number, out: number[]): void {
  do {
    let b = n & 0x7f;
    n >>>= 7;
    if (n !== 0) b |= 0x80;
    out.push(b);
  } while (n !== 0);
}

/** Append n as signed LEB128. */
export function sleb(n: number, out: number[]): void {
  for (;;) {
    const b = n & 0x7f;
    n >>= 7;
    if ((n === 0 && (b & 0x40) === 0) || (n === -1 && (b & 0x40) !== 0)) {
      out.push(b);
      return;
    }
    out.push(b | 0x80);
  }
}

/** A section: its id, its size in bytes, its body. */
export function section(id: number, body: number[]): number[] {
  const out = [id];
  uleb(body.length, out);
  return out.concat(body);
}
