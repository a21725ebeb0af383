/**
 * The convolutional NTK's inner loop (all conv+ReLU layers of one displacement plane) as a
 * WebAssembly SIMD function, assembled here byte by byte (no toolchain, no dependency). Two pixel
 * pairs per f64x2 lane pair; acos is evaluated branch-free with the fdlibm rational approximation
 * (asin(x) = x + x·R(x²) on |x| ≤ ½, acos(x) = 2·asin(√((1−|x|)/2)) beyond), ≤ 1 ulp from Math.acos.
 * @see WebAssembly SIMD (fixed-width) binary encoding; Sun fdlibm e_acos.c for the approximation
 */

import { F64, I32, sleb, uleb, V128 } from '../linalg/wasm-encoding.js';

/** A tiny structured emitter for one function body. */
class Body {
  readonly code: number[] = [];
  private readonly localTypes: number[] = [];
  constructor(private readonly params: number) {}
  local(type: number): number {
    this.localTypes.push(type);
    return this.params + this.localTypes.length - 1;
  }
  get(i: number): this { this.code.push(0x20); uleb(i, this.code); return this; }
  set(i: number): this { this.code.push(0x21); uleb(i, this.code); return this; }
  tee(i: number): this { this.code.push(0x22); uleb(i, this.code); return this; }
  i32(v: number): this { this.code.push(0x41); sleb(v, this.code); return this; }
  op(...bytes: number[]): this { this.code.push(...bytes); return this; }
  simd(op: number, ...imm: number[]): this { this.code.push(0xfd); uleb(op, this.code); this.code.push(...imm); return this; }
  splat(v: number): this {
    const b = new Uint8Array(new Float64Array([v, v]).buffer);
    return this.simd(0x0c, ...b); // v128.const
  }
  /** v128.load (align 8) with a constant byte offset folded into the instruction. */
  load(offset = 0): this { this.simd(0x00, 3); uleb(offset, this.code); return this; }
  store(offset = 0): this { this.simd(0x0b, 3); uleb(offset, this.code); return this; }
  /** for (v = 0; v < limit; v += step) body — limit and step are locals or constants via callbacks. */
  forLoop(v: number, limit: () => void, step: number, body: () => void): this {
    this.i32(0).set(v);
    this.op(0x02, 0x40, 0x03, 0x40); // block loop
    this.get(v); limit(); this.op(0x4e, 0x0d, 1); // i32.ge_s br_if 1
    body();
    this.get(v).i32(step).op(0x6a).set(v); // v += step
    this.op(0x0c, 0, 0x0b, 0x0b); // br 0 end end
    return this;
  }
  encode(): number[] {
    const out: number[] = [];
    uleb(this.localTypes.length, out);
    for (const t of this.localTypes) { out.push(1, t); }
    out.push(...this.code, 0x0b);
    return out;
  }
}

// SIMD opcodes (fixed-width SIMD, final numbering).
const F64X2_GT = 0x4a, V128_AND = 0x4e, BITSELECT = 0x52, F64X2_ABS = 0xec, F64X2_SQRT = 0xef;
const F64X2_ADD = 0xf0, F64X2_SUB = 0xf1, F64X2_MUL = 0xf2, F64X2_DIV = 0xf3, F64X2_PMIN = 0xf6, F64X2_PMAX = 0xf7;
const I32_ADD = 0x6a, I32_MUL = 0x6c;

// fdlibm asin/acos rational approximation R(z) = z·P(z)/Q(z).
const PS = [1.66666666666666657415e-1, -3.25565818622400915405e-1, 2.01212532134862925881e-1, -4.00555345006794114027e-2, 7.91534994289814532176e-4, 3.47933107596021167570e-5];
const QS = [-2.40339491173441421878, 2.02094576023350569471, -6.88283971605453293030e-1, 7.70381505559019352791e-2];

/**
 * Module bytes. Export `plane(S, T, h, w, convs, scale, pa, pb, ia, ib, rowStep, layerStep, tS, tT, Z)`
 * (ia, ib: the reciprocals 1/s at the same layout as pa, pb):
 * byte addresses into the imported memory `env.mem`; see CnnWorkspace for the layout contract
 * (planes followed by ≥ 2 slack doubles, tS/tT of (h + 1)·(w + 2) doubles, Z a zero row of n + 2).
 */
export function cnnWasmBytes(): Uint8Array {
  const b = new Body(15);
  const [S, T, H, W, CONVS, SCALE, PA, PB, IA, IB, ROWSTEP, LAYERSTEP, TS, TT, Z] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14];
  const l = b.local(I32), a = b.local(I32), x = b.local(I32), wEven = b.local(I32), stride8 = b.local(I32), w8 = b.local(I32);
  const src = b.local(I32), srcT = b.local(I32), up = b.local(I32), upT = b.local(I32), down = b.local(I32), downT = b.local(I32);
  const dst = b.local(I32), dstT = b.local(I32), pa = b.local(I32), pb = b.local(I32), ia = b.local(I32), ib = b.local(I32), off = b.local(I32);
  const vscale = b.local(V128), q = b.local(V128), nt = b.local(V128), ss = b.local(V128), r = b.local(V128);
  const z = b.local(V128), z2 = b.local(V128), big = b.local(V128), rr = b.local(V128), s = b.local(V128), pmt = b.local(V128);

  b.get(W).i32(1).op(I32_ADD).i32(-2).op(0x71).set(wEven); // (w + 1) & ~1
  b.get(W).i32(8).op(I32_MUL).set(w8);
  b.get(W).i32(2).op(I32_ADD).i32(8).op(I32_MUL).set(stride8);
  b.get(SCALE).simd(0x14).set(vscale); // f64x2.splat
  const v = (i: number): void => { b.get(i); };
  b.forLoop(l, () => v(CONVS), 1, () => {
    // Vertical 3-tap sums of rows a−1, a, a+1 (Z stands in for missing rows) into tS/tT at column 1.
    b.forLoop(a, () => v(H), 1, () => {
      b.get(S).get(a).get(w8).op(I32_MUL).op(I32_ADD).set(src);
      b.get(T).get(a).get(w8).op(I32_MUL).op(I32_ADD).set(srcT);
      // up = a > 0 ? src − w8 : Z
      b.get(src).get(w8).op(0x6b).get(Z).get(a).i32(0).op(0x4a).op(0x1b).set(up);
      b.get(srcT).get(w8).op(0x6b).get(Z).get(a).i32(0).op(0x4a).op(0x1b).set(upT);
      // down = a < h − 1 ? src + w8 : Z
      b.get(src).get(w8).op(I32_ADD).get(Z).get(a).get(H).i32(1).op(0x6b).op(0x48).op(0x1b).set(down);
      b.get(srcT).get(w8).op(I32_ADD).get(Z).get(a).get(H).i32(1).op(0x6b).op(0x48).op(0x1b).set(downT);
      b.get(TS).get(a).get(stride8).op(I32_MUL).op(I32_ADD).set(dst);
      b.get(TT).get(a).get(stride8).op(I32_MUL).op(I32_ADD).set(dstT);
      b.forLoop(x, () => v(wEven), 2, () => {
        b.get(x).i32(8).op(I32_MUL).set(off);
        b.get(dst).get(off).op(I32_ADD);
        b.get(up).get(off).op(I32_ADD).load().get(src).get(off).op(I32_ADD).load().simd(F64X2_ADD).get(down).get(off).op(I32_ADD).load().simd(F64X2_ADD);
        b.store(8);
        b.get(dstT).get(off).op(I32_ADD);
        b.get(upT).get(off).op(I32_ADD).load().get(srcT).get(off).op(I32_ADD).load().simd(F64X2_ADD).get(downT).get(off).op(I32_ADD).load().simd(F64X2_ADD);
        b.store(8);
      });
      // Zero pads at columns 0 and w + 1 (the even-width loop may have written column w + 1).
      for (const base of [dst, dstT]) {
        b.get(base).op(0x44, 0, 0, 0, 0, 0, 0, 0, 0).op(0x39, 3, 0); // f64.store 0.0
        b.get(base).get(w8).op(I32_ADD).i32(8).op(I32_ADD).op(0x44, 0, 0, 0, 0, 0, 0, 0, 0).op(0x39, 3, 0);
      }
    });
    // Horizontal 3-tap sums and the ReLU map, back into the plane.
    b.get(PA).get(l).get(LAYERSTEP).op(I32_MUL).op(I32_ADD).set(pa);
    b.get(PB).get(l).get(LAYERSTEP).op(I32_MUL).op(I32_ADD).set(pb);
    b.get(IA).get(l).get(LAYERSTEP).op(I32_MUL).op(I32_ADD).set(ia);
    b.get(IB).get(l).get(LAYERSTEP).op(I32_MUL).op(I32_ADD).set(ib);
    b.forLoop(a, () => v(H), 1, () => {
      b.get(TS).get(a).get(stride8).op(I32_MUL).op(I32_ADD).set(src);
      b.get(TT).get(a).get(stride8).op(I32_MUL).op(I32_ADD).set(srcT);
      b.get(S).get(a).get(w8).op(I32_MUL).op(I32_ADD).set(dst);
      b.get(T).get(a).get(w8).op(I32_MUL).op(I32_ADD).set(dstT);
      b.forLoop(x, () => v(wEven), 2, () => {
        b.get(x).i32(8).op(I32_MUL).set(off);
        const sum3 = (base: number): void => {
          b.get(base).get(off).op(I32_ADD).tee(up).load();
          b.get(up).load(8).simd(F64X2_ADD);
          b.get(up).load(16).simd(F64X2_ADD);
        };
        sum3(src); b.get(vscale).simd(F64X2_MUL).set(q);
        sum3(srcT); b.get(vscale).simd(F64X2_MUL).get(q).simd(F64X2_ADD).set(nt);
        b.get(pa).get(off).op(I32_ADD).load().get(pb).get(off).op(I32_ADD).load().simd(F64X2_MUL).set(ss);
        // r = clamp(q·(1/s_A)(1/s_B), −1, 1) (reciprocals precomputed: a division costs more than two
        // loads and a multiply) with the pseudo-min/max (one x64 instruction each; wasm's min/max
        // spend several on NaN and −0 rules that do not matter here: ss = 0 lanes are discarded below)
        b.splat(-1).splat(1).get(q).get(ia).get(off).op(I32_ADD).load().get(ib).get(off).op(I32_ADD).load().simd(F64X2_MUL).simd(F64X2_MUL).simd(F64X2_PMIN).simd(F64X2_PMAX).set(r);
        // big = |r| > ½; z = big ? (1 − |r|)/2 : r²; s = √((1 − |r|)/2)
        b.get(r).simd(F64X2_ABS).splat(0.5).simd(F64X2_GT).set(big);
        b.splat(1).get(r).simd(F64X2_ABS).simd(F64X2_SUB).splat(0.5).simd(F64X2_MUL).tee(s);
        b.get(r).get(r).simd(F64X2_MUL).get(big).simd(BITSELECT).set(z);
        b.get(s).simd(F64X2_SQRT).set(s);
        // rr = R(z) = z·P(z)/Q(z), Estrin's scheme (shorter dependency chains than Horner)
        b.get(z).get(z).simd(F64X2_MUL).set(z2);
        const lin = (c0: number, c1: number): void => { b.get(z).splat(c1).simd(F64X2_MUL).splat(c0).simd(F64X2_ADD); };
        lin(PS[0]!, PS[1]!);
        lin(PS[2]!, PS[3]!); lin(PS[4]!, PS[5]!); b.get(z2).simd(F64X2_MUL).simd(F64X2_ADD);
        b.get(z2).simd(F64X2_MUL).simd(F64X2_ADD).get(z).simd(F64X2_MUL); // z·P(z)
        lin(QS[0]!, QS[1]!); lin(QS[2]!, QS[3]!); b.get(z2).simd(F64X2_MUL).simd(F64X2_ADD);
        b.get(z).simd(F64X2_MUL).splat(1).simd(F64X2_ADD); // Q(z)
        b.simd(F64X2_DIV).set(rr);
        // π − acos r: small |r|: π/2 + (r + r·R); r > ½: π − 2(s + s·R); r < −½: 2(s + s·R)
        b.get(s).get(s).get(rr).simd(F64X2_MUL).simd(F64X2_ADD).splat(2).simd(F64X2_MUL).set(z); // z ← 2·asin(s)
        b.splat(Math.PI).get(z).simd(F64X2_SUB).get(z).get(r).splat(0).simd(F64X2_GT).simd(BITSELECT); // r > 0 ? π − z : z
        b.splat(Math.PI / 2).get(r).get(r).get(rr).simd(F64X2_MUL).simd(F64X2_ADD).simd(F64X2_ADD);
        b.get(big).simd(BITSELECT).splat(1 / (2 * Math.PI)).simd(F64X2_MUL).set(pmt); // pmt = Σ̇ = (π − θ)/(2π)
        // Θ ← Θ·Σ̇ (ss > 0) or Θ/2 (ss = 0)
        b.get(ss).splat(0).simd(F64X2_GT).set(big);
        b.get(dstT).get(off).op(I32_ADD);
        b.get(nt).get(pmt).simd(F64X2_MUL).get(nt).splat(0.5).simd(F64X2_MUL).get(big).simd(BITSELECT);
        b.store();
        // Σ ← ss·(√((1 − r)(1 + r))/(2π) + Σ̇·r) (ss > 0) or 0
        b.get(dst).get(off).op(I32_ADD);
        b.splat(1).get(r).simd(F64X2_SUB).splat(1).get(r).simd(F64X2_ADD).simd(F64X2_MUL).simd(F64X2_SQRT).splat(1 / (2 * Math.PI)).simd(F64X2_MUL);
        b.get(pmt).get(r).simd(F64X2_MUL).simd(F64X2_ADD).get(ss).simd(F64X2_MUL).get(big).simd(V128_AND);
        b.store();
      });
      b.get(pa).get(ROWSTEP).op(I32_ADD).set(pa);
      b.get(pb).get(ROWSTEP).op(I32_ADD).set(pb);
      b.get(ia).get(ROWSTEP).op(I32_ADD).set(ia);
      b.get(ib).get(ROWSTEP).op(I32_ADD).set(ib);
    });
  });

  const out: number[] = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00];
  const section = (id: number, content: number[]): void => { out.push(id); uleb(content.length, out); out.push(...content); };
  const params = [I32, I32, I32, I32, I32, F64, I32, I32, I32, I32, I32, I32, I32, I32, I32];
  section(1, [1, 0x60, params.length, ...params, 0]);
  const name = (s: string): number[] => [s.length, ...Array.from(s, (c) => c.charCodeAt(0))];
  section(2, [1, ...name('env'), ...name('mem'), 0x02, 0x00, 0x01]);
  section(3, [1, 0]);
  section(7, [1, ...name('plane'), 0x00, 0]);
  const body = b.encode();
  const entry: number[] = [];
  uleb(body.length, entry);
  section(10, [1, ...entry, ...body]);
  return Uint8Array.from(out);
}
