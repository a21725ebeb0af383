/**
 * WebAssembly SIMD versions of the masked-run kernels of kernels.ts (kU2, kPerm, kPhase) for the
 * cache-blocked chunk buffer, in double and single precision.
 *
 * A complex amplitude is (re, im); m·x = Re(m)·x + (−Im m, Im m)·swap(x), so a 2×2 gate costs two
 * lane swaps and eight vector multiply-adds per amplitude pair. In double precision one v128 holds
 * one amplitude (f64x2); in single precision it holds two (f32x4), which halves the instruction
 * count wherever runs have at least two amplitudes (the lowest involved qubit is not qubit 0).
 * Runs of one single-precision amplitude use 8-byte loads into a half-filled vector.
 * Every kernel takes byte quantities (dim, mask, set, off, run), computed by the caller from the
 * amplitude-unit masks (× 16 or × 8), and walks b ← ((b | mask) + run) & ~mask from 0 to dim.
 *
 * The module is assembled here from its opcodes (no toolchain, nothing generated checked in). It
 * owns its memory: the chunk buffer lives there at byte offset 0, gathered from and scattered to
 * the state by the stage runner (kernels.ts), so the state stays an ordinary (shared) typed array and
 * WebAssembly never addresses more than one chunk.
 * @see WebAssembly SIMD proposal (fixed-width 128-bit SIMD), https://github.com/WebAssembly/simd
 */

import { F64, I32, section, sleb, uleb, V128 } from '../../compiler/linalg/wasm-encoding.js';

const I64 = 0x7e;
const leb = (n: number): number[] => {
  const out: number[] = [];
  uleb(n, out);
  return out;
};
const str = (s: string): number[] => [...leb(s.length), ...Array.from(s, (ch) => ch.charCodeAt(0))];
const vec = (items: number[][]): number[] => [...leb(items.length), ...items.flat()];
const simd = (op: number, ...imm: number[]): number[] => [0xfd, ...leb(op), ...imm];

const get = (i: number): number[] => [0x20, ...leb(i)];
const set = (i: number): number[] => [0x21, ...leb(i)];
const tee = (i: number): number[] => [0x22, ...leb(i)];
const i32c = (v: number): number[] => {
  const out = [0x41];
  sleb(v, out);
  return out;
};
const I32_ADD = [0x6a], I32_AND = [0x71], I32_OR = [0x72], I32_XOR = [0x73], I32_LT_U = [0x49], I32_GE_U = [0x4f];
const BLOCK = [0x02, 0x40], LOOP = [0x03, 0x40], END = [0x0b], BR = (d: number): number[] => [0x0c, d], BR_IF = (d: number): number[] => [0x0d, d];

/** How one precision and vector width loads, stores and multiplies amplitudes. */
interface Lanes {
  /** Bytes advanced per inner step (one v128 of amplitudes, or one single-precision amplitude). */
  readonly unit: number;
  readonly load: number[];
  readonly store: number[];
  /** The i8x16.shuffle that swaps re and im of every complex lane pair. */
  readonly swap: number[];
  readonly add: number[];
  readonly mul: number[];
  /** Code turning the f64 parameter p into the splat vector and into (−v, v, …). */
  splat(p: number): number[];
  signed(p: number): number[];
}

const SWAP64 = simd(0x0d, 8, 9, 10, 11, 12, 13, 14, 15, 0, 1, 2, 3, 4, 5, 6, 7);
const SWAP32 = simd(0x0d, 4, 5, 6, 7, 0, 1, 2, 3, 12, 13, 14, 15, 8, 9, 10, 11);

const F64X2: Lanes = {
  unit: 16, load: simd(0x00, 4, 0), store: simd(0x0b, 4, 0), swap: SWAP64, add: simd(0xf0), mul: simd(0xf2),
  splat: (p) => [...get(p), ...simd(0x14)],
  // f64x2.replace_lane 0 with −p.
  signed: (p) => [...get(p), ...simd(0x14), ...get(p), 0x9a, ...simd(0x22, 0)],
};

const demote = (p: number): number[] => [...get(p), 0xb6];
const f32Signed = (p: number): number[] => [...demote(p), ...simd(0x13), ...demote(p), 0x8c, ...simd(0x20, 0), ...demote(p), 0x8c, ...simd(0x20, 2)];

/** Two single-precision amplitudes per v128. */
const F32X4: Lanes = {
  unit: 16, load: simd(0x00, 4, 0), store: simd(0x0b, 4, 0), swap: SWAP32, add: simd(0xe4), mul: simd(0xe6),
  splat: (p) => [...demote(p), ...simd(0x13)], signed: f32Signed,
};

/** One single-precision amplitude per step: v128.load64_zero / v128.store64_lane 0. */
const F32X2: Lanes = { ...F32X4, unit: 8, load: simd(0x5d, 3, 0), store: simd(0x5b, 3, 0, 0) };

/** A function body under construction: parameters first, then locals allocated by type. */
class Body {
  readonly code: number[] = [];
  private readonly locals: number[] = [];
  constructor(readonly params: readonly number[]) {}
  local(type: number): number {
    this.locals.push(type);
    return this.params.length + this.locals.length - 1;
  }
  emit(...parts: number[][]): void {
    for (const p of parts) this.code.push(...p);
  }
  bytes(): number[] {
    const groups: number[][] = [];
    for (const t of this.locals) {
      const last = groups[groups.length - 1];
      if (last !== undefined && last[1] === t) last[0]!++;
      else groups.push([1, t]);
    }
    const body = [...vec(groups.map(([count, t]) => [...leb(count!), t!])), ...this.code, ...END];
    return [...leb(body.length), ...body];
  }
}

/**
 * The masked-run loop nest: params 0–4 are (dim, mask, set, off, run) in bytes. `inner(p, q)` is
 * emitted once per step with p the amplitude's byte address and q = p + off.
 */
function maskedRuns(f: Body, unit: number, inner: (p: number, q: number) => void): void {
  const [DIM, MASK, SET, OFF, RUN] = [0, 1, 2, 3, 4];
  const b = f.local(I32), p = f.local(I32), pEnd = f.local(I32), q = f.local(I32), nmask = f.local(I32);
  f.emit(get(MASK), i32c(-1), I32_XOR, set(nmask));
  f.emit(BLOCK, LOOP, get(b), get(DIM), I32_GE_U, BR_IF(1));
  f.emit(get(b), get(SET), I32_ADD, tee(p), get(RUN), I32_ADD, set(pEnd));
  f.emit(LOOP, get(p), get(OFF), I32_ADD, set(q));
  inner(p, q);
  f.emit(get(p), i32c(unit), I32_ADD, tee(p), get(pEnd), I32_LT_U, BR_IF(0), END);
  f.emit(get(b), get(MASK), I32_OR, get(RUN), I32_ADD, get(nmask), I32_AND, set(b), BR(0), END, END);
}

/** u2(dim, mask, set, off, run, ar, ai, br, bi, cr, ci, dr, di): [[a, b], [c, d]] on the pairs (p, p + off). */
function u2(l: Lanes): Body {
  const f = new Body([I32, I32, I32, I32, I32, F64, F64, F64, F64, F64, F64, F64, F64]);
  const re: number[] = [], im: number[] = [];
  for (let k = 0; k < 4; k++) {
    re.push(f.local(V128));
    im.push(f.local(V128));
    f.emit(l.splat(5 + 2 * k), set(re[k]!), l.signed(6 + 2 * k), set(im[k]!));
  }
  const x = f.local(V128), y = f.local(V128), sx = f.local(V128), sy = f.local(V128);
  maskedRuns(f, l.unit, (p, q) => {
    f.emit(get(p), l.load, tee(x), get(x), l.swap, set(sx), get(q), l.load, tee(y), get(y), l.swap, set(sy));
    const row = (k: number): number[] => [
      ...get(re[k]!), ...get(x), ...l.mul, ...get(im[k]!), ...get(sx), ...l.mul, ...l.add,
      ...get(re[k + 1]!), ...get(y), ...l.mul, ...l.add, ...get(im[k + 1]!), ...get(sy), ...l.mul, ...l.add,
    ];
    f.emit(get(p), row(0), l.store, get(q), row(2), l.store);
  });
  return f;
}

/** phase(dim, mask, set, off, run, re, im): multiply every visited amplitude by re + i·im. */
function phase(l: Lanes): Body {
  const f = new Body([I32, I32, I32, I32, I32, F64, F64]);
  const re = f.local(V128), im = f.local(V128), x = f.local(V128);
  f.emit(l.splat(5), set(re), l.signed(6), set(im));
  maskedRuns(f, l.unit, (p) => {
    f.emit(get(p), get(re), get(p), l.load, tee(x), l.mul, get(im), get(x), get(x), l.swap, l.mul, l.add, l.store);
  });
  return f;
}

/** perm(dim, mask, set, off, run): swap the amplitude at p with the one at p + off (16- or 8-byte units). */
function perm(unit: 16 | 8): Body {
  const f = new Body([I32, I32, I32, I32, I32]);
  const [type, load, store] = unit === 16 ? [V128, simd(0x00, 4, 0), simd(0x0b, 4, 0)] : [I64, [0x29, 3, 0], [0x37, 3, 0]];
  const x = f.local(type);
  maskedRuns(f, unit, (p, q) => f.emit(get(p), load, set(x), get(p), get(q), load, store, get(q), get(x), store));
  return f;
}

/** The exported kernels: name and body, in export order. */
const KERNELS: ReadonlyArray<readonly [string, () => Body]> = [
  ['u2d', () => u2(F64X2)], ['u2s', () => u2(F32X4)], ['u2s1', () => u2(F32X2)],
  ['phd', () => phase(F64X2)], ['phs', () => phase(F32X4)], ['phs1', () => phase(F32X2)],
  ['perm16', () => perm(16)], ['perm8', () => perm(8)],
];

/** The names the module exports besides its memory `mem`. */
export const WASM_KERNEL_NAMES: readonly string[] = KERNELS.map(([name]) => name);

/** The module's bytes: exports `mem` (its own memory) and the kernels of KERNELS. */
export function wasmKernelBytes(): Uint8Array {
  const bodies = KERNELS.map(([, make]) => make());
  const sigs: string[] = [];
  const typeOf = bodies.map((b) => {
    const sig = b.params.join(',');
    if (!sigs.includes(sig)) sigs.push(sig);
    return sigs.indexOf(sig);
  });
  const types = sigs.map((s) => [0x60, ...vec(s.split(',').map((t) => [Number(t)])), 0]);
  return Uint8Array.from([
    0x00, 0x61, 0x73, 0x6d, 1, 0, 0, 0,
    ...section(1, vec(types)),
    ...section(3, vec(typeOf.map((t) => leb(t)))),
    ...section(5, vec([[0x00, 1]])),
    ...section(7, vec([[...str('mem'), 0x02, 0], ...KERNELS.map(([name], i) => [...str(name), 0x00, ...leb(i)])])),
    ...section(10, vec(bodies.map((b) => b.bytes()))),
  ]);
}
