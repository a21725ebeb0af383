/**
 * Register-tiled, cache-blocked inner products between the rows of two row-major matrices: the
 * x·x′ products that dominate an NTK Gram matrix. A 4×2 tile of accumulators stays in registers;
 * the k dimension is cut into 256-wide slices (a 4-row A panel stays in L1) and the B rows into
 * 128-row blocks (one B block stays in L2) — the GotoBLAS blocking, in scalar JavaScript.
 * Self-contained on purpose (no imports, no closures): gram workers receive its source text.
 */

/**
 * out[i·ldc + j] = Σ_k a[i·d + k]·b[j·d + k] for i ∈ [i0, i1) and j ∈ [0, jCount), or only j ≤ i
 * when `lower` is true (a and b are then the same matrix; entries j ∈ (i, i+3] may also be written,
 * the caller mirrors the lower triangle afterwards). `out` is overwritten, not accumulated into.
 */
export function rowDots(a: Float64Array, b: Float64Array, d: number, out: Float64Array, ldc: number, i0: number, i1: number, jCount: number, lower: boolean): void {
  const KC = 256;
  const JB = 128;
  for (let i = i0; i < i1; i++) {
    const jEnd = lower ? Math.min(jCount, i + 4) : jCount;
    for (let j = 0; j < jEnd; j++) out[i * ldc + j] = 0;
  }
  for (let k0 = 0; k0 < d; k0 += KC) {
    const k1 = Math.min(d, k0 + KC);
    for (let jb = 0; jb < jCount; jb += JB) {
      const jbEnd = Math.min(jCount, jb + JB);
      // rows whose tile touches this j block: lower needs i + 3 ≥ jb
      let iStart = i0;
      if (lower && iStart < jb - 3) iStart = jb - 3;
      // keep the 4-row tiling aligned to i0 so each entry is computed by the same tile in every slice
      iStart = i0 + Math.floor((iStart - i0) / 4) * 4;
      let i = iStart;
      for (; i + 4 <= i1; i += 4) {
        const a0 = i * d, a1 = a0 + d, a2 = a1 + d, a3 = a2 + d;
        const jLim = lower ? Math.min(jbEnd, i + 4) : jbEnd;
        let j = jb;
        for (; j + 2 <= jLim; j += 2) {
          const b0 = j * d, b1 = b0 + d;
          let c00 = 0, c01 = 0, c10 = 0, c11 = 0, c20 = 0, c21 = 0, c30 = 0, c31 = 0;
          for (let k = k0; k < k1; k++) {
            const y0 = b[b0 + k]!, y1 = b[b1 + k]!;
            let x = a[a0 + k]!;
            c00 += x * y0; c01 += x * y1;
            x = a[a1 + k]!;
            c10 += x * y0; c11 += x * y1;
            x = a[a2 + k]!;
            c20 += x * y0; c21 += x * y1;
            x = a[a3 + k]!;
            c30 += x * y0; c31 += x * y1;
          }
          const r0 = i * ldc + j, r1 = r0 + ldc, r2 = r1 + ldc, r3 = r2 + ldc;
          out[r0] = out[r0]! + c00; out[r0 + 1] = out[r0 + 1]! + c01;
          out[r1] = out[r1]! + c10; out[r1 + 1] = out[r1 + 1]! + c11;
          out[r2] = out[r2]! + c20; out[r2 + 1] = out[r2 + 1]! + c21;
          out[r3] = out[r3]! + c30; out[r3 + 1] = out[r3 + 1]! + c31;
        }
        for (; j < jLim; j++) {
          const b0 = j * d;
          let c0 = 0, c1 = 0, c2 = 0, c3 = 0;
          for (let k = k0; k < k1; k++) {
            const y = b[b0 + k]!;
            c0 += a[a0 + k]! * y; c1 += a[a1 + k]! * y; c2 += a[a2 + k]! * y; c3 += a[a3 + k]! * y;
          }
          const r0 = i * ldc + j;
          out[r0] = out[r0]! + c0; out[r0 + ldc] = out[r0 + ldc]! + c1;
          out[r0 + 2 * ldc] = out[r0 + 2 * ldc]! + c2; out[r0 + 3 * ldc] = out[r0 + 3 * ldc]! + c3;
        }
      }
      for (; i < i1; i++) {
        const a0 = i * d;
        const jLim = lower ? Math.min(jbEnd, i + 1) : jbEnd;
        for (let j = jb; j < jLim; j++) {
          const b0 = j * d;
          let c = 0;
          for (let k = k0; k < k1; k++) c += a[a0 + k]! * b[b0 + k]!;
          out[i * ldc + j] = out[i * ldc + j]! + c;
        }
      }
    }
  }
}

/** The exports of the dots-wasm.ts module. */
export interface WasmTileExports {
  tile(a0: number, a1: number, a2: number, a3: number, b0: number, b1: number, bytes: number): void;
  readonly memory: { readonly buffer: ArrayBuffer; grow(pages: number): number };
}

/**
 * rowDots with its 4×4 register blocks computed as two 2×4 WebAssembly SIMD tiles (dots-wasm.ts).
 * Copies a (and b when it is a different matrix) into the instance's memory once, then returns a
 * function with rowDots' signature (its a and b arguments are ignored). Self-contained: workers
 * receive its source text.
 */
export function wasmRowDots(wasm: WasmTileExports, a: Float64Array, b: Float64Array, d: number): typeof rowDots {
  const start = 64;
  const sameB = a === b;
  const need = start + (a.length + (sameB ? 0 : b.length)) * 8;
  const have = wasm.memory.buffer.byteLength;
  if (need > have) wasm.memory.grow(Math.ceil((need - have) / 65536));
  const mem = new Float64Array(wasm.memory.buffer);
  const aOff = start / 8;
  const bOff = sameB ? aOff : aOff + a.length;
  mem.set(a, aOff);
  if (!sameB) mem.set(b, bOff);
  const tile = wasm.tile;
  // Edge entries are summed exactly as the SIMD tile sums them (even and odd k in two lanes,
  // lanes added, then the odd leftover), so every entry is bit-identical however rows are chunked.
  const pairDot = (x: number, y: number, k0: number, kEven: number, k1: number): number => {
    let s0 = 0, s1 = 0;
    for (let k = k0; k < kEven; k += 2) {
      s0 += mem[x + k]! * mem[y + k]!;
      s1 += mem[x + k + 1]! * mem[y + k + 1]!;
    }
    let c = s0 + s1;
    for (let k = kEven; k < k1; k++) c += mem[x + k]! * mem[y + k]!;
    return c;
  };
  return (_a, _b, dd, out, ldc, i0, i1, jCount, lower) => {
    const KC = 256;
    const JB = 128;
    for (let i = i0; i < i1; i++) {
      const jEnd = lower ? Math.min(jCount, i + 4) : jCount;
      for (let j = 0; j < jEnd; j++) out[i * ldc + j] = 0;
    }
    for (let k0 = 0; k0 < dd; k0 += KC) {
      const k1 = Math.min(dd, k0 + KC);
      const kEven = k0 + ((k1 - k0) & ~1);
      const bytes = (kEven - k0) * 8;
      for (let jb = 0; jb < jCount; jb += JB) {
        const jbEnd = Math.min(jCount, jb + JB);
        let iStart = i0;
        if (lower && iStart < jb - 3) iStart = jb - 3;
        iStart = i0 + Math.floor((iStart - i0) / 4) * 4;
        let i = iStart;
        for (; i + 4 <= i1; i += 4) {
          const a0 = aOff + i * dd, a1 = a0 + dd, a2 = a1 + dd, a3 = a2 + dd;
          const jLim = lower ? Math.min(jbEnd, i + 4) : jbEnd;
          let j = jb;
          for (; j + 4 <= jLim; j += 4) {
            const b0 = bOff + j * dd, b1 = b0 + dd, b2 = b1 + dd, b3 = b2 + dd;
            // two 2×4 SIMD tiles: rows (a0, a1) then (a2, a3) against columns j … j+3
            for (let half = 0; half < 2; half++) {
              const x0 = half === 0 ? a0 : a2, x1 = x0 + dd;
              tile((x0 + k0) * 8, (x1 + k0) * 8, (b0 + k0) * 8, (b1 + k0) * 8, (b2 + k0) * 8, (b3 + k0) * 8, bytes);
              for (let r = 0; r < 2; r++) {
                const xr = r === 0 ? x0 : x1;
                const row = (i + 2 * half + r) * ldc + j;
                for (let c = 0; c < 4; c++) {
                  const y = b0 + c * dd;
                  let s = mem[4 * r + c]!;
                  for (let k = kEven; k < k1; k++) s += mem[xr + k]! * mem[y + k]!;
                  out[row + c] = out[row + c]! + s;
                }
              }
            }
          }
          for (; j < jLim; j++) {
            const b0 = bOff + j * dd;
            const r0 = i * ldc + j;
            out[r0] = out[r0]! + pairDot(a0, b0, k0, kEven, k1);
            out[r0 + ldc] = out[r0 + ldc]! + pairDot(a1, b0, k0, kEven, k1);
            out[r0 + 2 * ldc] = out[r0 + 2 * ldc]! + pairDot(a2, b0, k0, kEven, k1);
            out[r0 + 3 * ldc] = out[r0 + 3 * ldc]! + pairDot(a3, b0, k0, kEven, k1);
          }
        }
        for (; i < i1; i++) {
          const a0 = aOff + i * dd;
          const jLim = lower ? Math.min(jbEnd, i + 1) : jbEnd;
          for (let j = jb; j < jLim; j++) {
            out[i * ldc + j] = out[i * ldc + j]! + pairDot(a0, bOff + j * dd, k0, kEven, k1);
          }
        }
      }
    }
  };
}
