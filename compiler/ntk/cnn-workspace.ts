/**
 * Buffers of the convolutional NTK kernel (cnn-kernel.ts) for one network plan: the displacement
 * planes of Σ and Θ per (size, radius), row temporaries and per-layer variance scales, all carved
 * from one buffer — the WebAssembly memory when the SIMD kernel (cnn-wasm.ts) is used.
 * @see arXiv:2107.09200; cnn-kernel.ts for the algorithm
 */
import type { CnnPlan } from './cnn-plan.js';

/** Σ and Θ of one image pair on the pixel pairs (p, p + Δ), |Δ| ≤ radius per axis, one plane per Δ. */
export interface PlaneSet {
  readonly size: number;
  readonly radius: number;
  /** Start of plane (dy, dx) at index (dy + R)(2R + 1) + (dx + R); one past the end at the last index. */
  readonly offsets: Int32Array;
  readonly sigma: Float64Array;
  readonly theta: Float64Array;
}

/** A compiled WebAssembly module (opaque: the project's lib settings carry no WebAssembly types). */
export type CnnWasmModule = object;

/** The few members of the WebAssembly JS API used here. */
export interface WasmJsApi {
  Module: new (bytes: Uint8Array) => CnnWasmModule;
  Instance: new (module: CnnWasmModule, imports: object) => { readonly exports: Record<string, unknown> };
  Memory: new (descriptor: { initial: number }) => { readonly buffer: ArrayBuffer };
}

/** The exported SIMD plane kernel of cnn-wasm.ts (byte addresses into the workspace memory). */
type WasmPlane = (S: number, T: number, h: number, w: number, convs: number, scale: number, pa: number, pb: number,
  ia: number, ib: number, rowStep: number, layerStep: number, tS: number, tT: number, z: number) => void;

/**
 * Reusable buffers for one plan (one per thread; not safe for concurrent calls). Everything lives
 * in one buffer: the WebAssembly memory when a SIMD module is given, else a plain ArrayBuffer.
 * Planes are followed by 2 slack doubles and the temporaries are padded, because the SIMD loop
 * handles rows two entries at a time and may touch one entry past a row's end.
 */
export class CnnWorkspace {
  readonly plan: CnnPlan;
  private readonly sets = new Map<string, PlaneSet>();
  readonly rowSigma: Float64Array;
  readonly rowTheta: Float64Array;
  /** √c per layer and pixel of image A (then B) of a stage: [convs × size²]. */
  readonly scaleA: Float64Array;
  readonly scaleB: Float64Array;
  /** 1/√c at the same layout (0 where c = 0). */
  readonly inverseA: Float64Array;
  readonly inverseB: Float64Array;
  readonly boxTmp: Float64Array;
  readonly zeroRow: Float64Array;
  readonly wasmPlane: WasmPlane | undefined;

  constructor(plan: CnnPlan, wasm?: CnnWasmModule) {
    this.plan = plan;
    let maxTmp = 1, maxSeq = 1, maxImage = 1;
    const layouts: [number, number, Int32Array][] = [];
    const layout = (size: number, radius: number): void => {
      if (layouts.some(([s, r]) => s === size && r === radius)) return;
      const side = 2 * radius + 1, offsets = new Int32Array(side * side + 1);
      let total = 0;
      for (let dy = -radius; dy <= radius; dy++) {
        for (let dx = -radius; dx <= radius; dx++) {
          offsets[(dy + radius) * side + (dx + radius)] = total;
          total += (size - Math.abs(dy)) * (size - Math.abs(dx)) + 2;
        }
      }
      offsets[side * side] = total;
      layouts.push([size, radius, offsets]);
    };
    for (const st of plan.stages) {
      maxTmp = Math.max(maxTmp, (st.size + 2) * (st.size + 2));
      maxSeq = Math.max(maxSeq, st.convs * st.size * st.size + 2);
      maxImage = Math.max(maxImage, st.size * st.size);
      layout(st.size, st.radius);
      for (const p of st.pools) layout(p.to, p.radiusTo);
    }
    const sizes = [maxTmp, maxTmp, maxSeq, maxSeq, maxSeq, maxSeq, 2 * maxImage, plan.inputSize + 4, ...layouts.flatMap(([, , o]) => [o[o.length - 1]!, o[o.length - 1]!])];
    const doubles = sizes.reduce((acc, n) => acc + n + (n & 1), 0);
    let buffer: ArrayBuffer;
    let instance: { readonly exports: Record<string, unknown> } | undefined;
    if (wasm !== undefined) {
      const api = (globalThis as unknown as { WebAssembly: WasmJsApi }).WebAssembly;
      const memory = new api.Memory({ initial: Math.ceil((doubles * 8) / 65536) + 1 });
      instance = new api.Instance(wasm, { env: { mem: memory } });
      buffer = memory.buffer;
    } else {
      buffer = new ArrayBuffer(doubles * 8);
    }
    let at = 0;
    const take = (n: number): Float64Array => {
      const view = new Float64Array(buffer, at * 8, n);
      at += n + (n & 1); // keep 16-byte alignment
      return view;
    };
    this.rowSigma = take(maxTmp);
    this.rowTheta = take(maxTmp);
    this.scaleA = take(maxSeq);
    this.scaleB = take(maxSeq);
    this.inverseA = take(maxSeq);
    this.inverseB = take(maxSeq);
    this.boxTmp = take(2 * maxImage);
    this.zeroRow = take(plan.inputSize + 4);
    for (const [size, radius, offsets] of layouts) {
      const total = offsets[offsets.length - 1]!;
      this.sets.set(`${size}:${radius}`, { size, radius, offsets, sigma: take(total), theta: take(total) });
    }
    this.wasmPlane = instance === undefined ? undefined : (instance.exports['plane'] as WasmPlane);
  }

  /** The plane set for (size, radius). */
  planes(size: number, radius: number): PlaneSet {
    const set = this.sets.get(`${size}:${radius}`);
    if (set === undefined) throw new RangeError(`cnn workspace: no planes for ${size}:${radius}`);
    return set;
  }
}
