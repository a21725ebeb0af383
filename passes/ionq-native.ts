/**
 * IonQ native lowering helpers: Pauli rotations rxx/ryy/rzz straight onto the device's entangler
 * (ms on Aria, zz on Forte) and merging of one-qubit runs into the fewest gpi/gpi2 gates with a
 * virtual-Z frame per qubit. Angles are radians (the IR convention); turns only at the IonQ boundary.
 *
 * One-qubit synthesis, up to global phase (σ(φ) = cos φ·X + sin φ·Y, gpi(φ) = σ(φ),
 * gpi2(φ) = (I − iσ(φ))/√2 = Rz(φ)·Rx(π/2)·Rz(−φ)):
 * - before an entangler, U = Rz(a)·W with W ∈ {I, gpi(0), gpi2(φ), gpi2(p)·gpi2(q)}; Rz(a) stays virtual.
 *   From U = Rz(φ)Ry(θ)Rz(λ) = Rz(φ+π)·SX·Rz(θ+π)·SX·Rz(λ): with A = φ+π, B = θ+π, C = λ,
 *   U = Rz(A+B+C)·gpi2(−(B+C))·gpi2(−C) (push each Rz left through the SX gates).
 * - at the end of an unmeasured wire, U itself in at most 3 gates: with gpi(φ) = Rz(2φ)·X and
 *   X·gpi2(φ) = gpi2(−φ)·X, gpi2(φ1)·gpi(φ2)·gpi2(φ3) = Rz(φ1)·SX·Rz(2φ2−φ1−φ3)·SX·Rz(φ3)·X, so writing
 *   V = U·X = Rz(A)·SX·Rz(B)·SX·Rz(C) gives U = gpi2(A)·gpi((A+B+C)/2)·gpi2(C).
 * - an anti-diagonal U = Rz(a)·X is gpi(a/2) exactly, so it never leaves a frame.
 * - before an ms, the rotation about that qubit's ms axis commutes with the ms and moves into the next
 *   run, so what is left costs at most one gpi2 (see axisRotation).
 * @see docs/backends.md §B5; IonQ "getting started with native gates"
 */
import { eulerAngles, gateMatrix, instruction, type GateName, type Instruction, type OperationName } from '../compiler/circuit/index.js';
import { CMatrix } from '../compiler/linalg/complex.js';

const PI = Math.PI;
const EPS = 1e-10;
const g1 = (gate: GateName, q: number, params: number[] = []): Instruction => instruction(gate, [q], params);
const g2 = (gate: GateName, a: number, b: number, params: number[] = []): Instruction => instruction(gate, [a, b], params);
const arg = (m: CMatrix, i: number, j: number): number => Math.atan2(m.im[i * 2 + j]!, m.re[i * 2 + j]!);
const abs = (m: CMatrix, i: number, j: number): number => Math.hypot(m.re[i * 2 + j]!, m.im[i * 2 + j]!);
/** Reduce to (−π, π]. */
const wrap = (x: number): number => {
  const y = x - 2 * PI * Math.floor((x + PI) / (2 * PI));
  return y <= -PI ? y + 2 * PI : y;
};

/**
 * rxx/ryy/rzz (and zz) as the native entangler plus one-qubit gates, or null for other gates.
 * Aria's ms angle must lie in [0, π/2]: θ is folded with rpp(θ) ∝ (P⊗P)·rpp(θ ∓ π) and a negative
 * angle flips σ(φ0) → σ(φ0 + π) = −σ(φ0).
 */
export function lowerPauliRotation(inst: Instruction, entangler: 'ms' | 'zz'): Instruction[] | null {
  const pauli = ({ rxx: 'x', ryy: 'y', rzz: 'z', zz: 'z' } as const satisfies Partial<Record<OperationName, 'x' | 'y' | 'z'>>)[inst.gate as 'rxx' | 'ryy' | 'rzz' | 'zz'] as 'x' | 'y' | 'z' | undefined;
  if (pauli === undefined || inst.qubits.length !== 2) return null;
  const [a, b] = [inst.qubits[0]!, inst.qubits[1]!];
  let th = wrap(inst.params[0]!);
  if (Math.abs(th) < 1e-12) return [];
  if (entangler === 'zz') {
    // P⊗P = C·(Z⊗Z)·C† with C = H (X) or S·H (Y): time order C†, zz, C.
    const pre: GateName[] = pauli === 'x' ? ['h'] : pauli === 'y' ? ['sdg', 'h'] : [];
    const post = [...pre].reverse().map((g) => (g === 'sdg' ? 's' : g));
    return [...pre.flatMap((g) => [g1(g, a), g1(g, b)]), g2('zz', a, b, [th]), ...post.flatMap((g) => [g1(g, a), g1(g, b)])];
  }
  const out: Instruction[] = [];
  // Z⊗Z = (H⊗H)(X⊗X)(H⊗H); X and Y are σ(0) and σ(π/2).
  const phase = pauli === 'y' ? PI / 2 : 0;
  const fix = pauli === 'y' ? 'y' : 'x';
  if (th > PI / 2) { th -= PI; out.push(g1(fix, a), g1(fix, b)); }
  else if (th < -PI / 2) { th += PI; out.push(g1(fix, a), g1(fix, b)); }
  const ms = g2('ms', a, b, [th < 0 ? phase + PI : phase, phase, Math.abs(th)]);
  if (pauli !== 'z') return [...out, ms];
  return [g1('h', a), g1('h', b), ...out, ms, g1('h', a), g1('h', b)];
}

/** U = Rz(a)·W with W the fewest gpi/gpi2 gates (time order). */
function splitFrame(u: CMatrix, q: number): { gates: Instruction[]; frame: number } {
  if (abs(u, 0, 1) < EPS) return { gates: [], frame: wrap(arg(u, 1, 1) - arg(u, 0, 0)) };
  if (abs(u, 0, 0) < EPS) return { gates: [g1('gpi', q, [wrap((arg(u, 1, 0) - arg(u, 0, 1)) / 2)])], frame: 0 };
  if (Math.abs(abs(u, 0, 0) ** 2 - 0.5) < EPS) {
    const a = wrap(arg(u, 1, 1) - arg(u, 0, 0));
    return { gates: [g1('gpi2', q, [wrap(arg(u, 1, 0) - arg(u, 0, 0) + PI / 2 - a)])], frame: a };
  }
  const z = eulerAngles(u);
  const [A, B, C] = [z.phi + PI, z.theta + PI, z.lambda];
  return { gates: [g1('gpi2', q, [wrap(-C)]), g1('gpi2', q, [wrap(-(B + C))])], frame: wrap(A + B + C) };
}

/**
 * R = exp(−iα/2·σ(φ)) such that R†·U is diagonal (0 gates) or has |entry₀₀|² = 1/2 (one gpi2), or null
 * when α = 0 already does that. With u = (U₀₀, e^{−iφ}U₁₀), |(R†U)₀₀|² = 1/2 + p·cos α + r·sin α,
 * p = (|u₀|² − |u₁|²)/2, r = −Im(ū₀u₁); its range [1/2 − ρ, 1/2 + ρ] (ρ = √(p²+r²) ≤ 1/2) always holds 1/2.
 */
function axisRotation(u: CMatrix, phi: number): CMatrix | null {
  const [u0r, u0i] = [u.re[0]!, u.im[0]!];
  const [c, s] = [Math.cos(phi), Math.sin(phi)];
  const [u1r, u1i] = [c * u.re[2]! + s * u.im[2]!, c * u.im[2]! - s * u.re[2]!];
  const p = (u0r * u0r + u0i * u0i - u1r * u1r - u1i * u1i) / 2;
  const r = -(u0r * u1i - u0i * u1r);
  const rho = Math.hypot(p, r);
  if (Math.abs(0.5 + p - 1) < EPS || Math.abs(p) < EPS && Math.abs(r) < EPS) return null;
  let alpha: number;
  if (Math.abs(rho - 0.5) < EPS) alpha = Math.atan2(r, p);
  else {
    if (Math.abs(p) < EPS) return null;
    const x = Math.atan2(-p, r);
    alpha = Math.abs(wrap(x)) <= Math.abs(wrap(x + PI)) ? wrap(x) : wrap(x + PI);
  }
  if (Math.abs(alpha) < 1e-12) return null;
  const sig = gateMatrix('gpi', [phi]);
  return CMatrix.identity(2).scale(Math.cos(alpha / 2)).add(sig.scale({ re: 0, im: -Math.sin(alpha / 2) }));
}

/** U exactly (up to global phase) in at most 3 gpi/gpi2 gates, for the end of a wire. */
function exactGates(u: CMatrix, q: number): Instruction[] {
  const s = splitFrame(u, q);
  if (Math.abs(Math.sin(s.frame / 2)) < 1e-12) return s.gates;
  if (s.gates.length === 0) return [g1('gpi', q, [0]), g1('gpi', q, [s.frame / 2])];
  const v = u.mul(gateMatrix('x', []));
  const z = eulerAngles(v);
  const [A, B, C] = [z.phi + PI, z.theta + PI, z.lambda];
  return [g1('gpi2', q, [wrap(C)]), g1('gpi', q, [wrap((A + B + C) / 2)]), g1('gpi2', q, [wrap(A)])];
}

/**
 * Merge one-qubit gates into gpi/gpi2 runs with virtual-Z frames around ms/zz. Every one-qubit
 * unitary gate is accepted; a run costs ≤ 2 gates before an entangler or measurement and ≤ 3 at the
 * end of a wire. The Rz frame commutes through zz, shifts later ms phases (ms·(Rz(β)⊗I) =
 * (Rz(β)⊗I)·ms(φ0 − β, φ1, θ)) and is dropped before measure/reset (a diagonal there acts as a phase).
 */
export function mergeIonqNative(instructions: readonly Instruction[], numQubits: number): Instruction[] {
  const pending: (CMatrix | null)[] = new Array<CMatrix | null>(numQubits).fill(null);
  const frame = new Float64Array(numQubits);
  const out: Instruction[] = [];
  const flush = (q: number): void => {
    const u = pending[q];
    if (u === null || u === undefined) return;
    const s = splitFrame(u, q);
    out.push(...s.gates);
    frame[q] = s.frame;
    pending[q] = null;
  };
  const current = (q: number): CMatrix => pending[q] ?? gateMatrix('rz', [frame[q]!]);
  const flushExact = (q: number): void => {
    const u = current(q);
    out.push(...exactGates(u, q));
    pending[q] = null;
    frame[q] = 0;
  };
  for (const inst of instructions) {
    const qs = inst.qubits;
    if (qs.length === 1 && !inst.condition && !['measure', 'reset', 'barrier', 'delay'].includes(inst.gate)) {
      if (inst.gate === 'id') continue;
      const q = qs[0]!;
      pending[q] = gateMatrix(inst.gate, inst.params).mul(current(q));
      continue;
    }
    if (inst.gate === 'zz') {
      flush(qs[0]!); flush(qs[1]!);
      out.push(inst);
      continue;
    }
    if (inst.gate === 'ms') {
      const [a, b] = [qs[0]!, qs[1]!];
      // ms commutes with a rotation about its own axis on each qubit: move the part of the run that
      // costs gates past it (into the next run), keeping the cheapest remainder before it.
      const carry = [a, b].map((q, k) => {
        const u = pending[q];
        if (u === null || u === undefined) return null;
        const r = axisRotation(u, inst.params[k]!);
        if (r === null) return null;
        pending[q] = r.adjoint().mul(u);
        return r;
      });
      flush(a); flush(b);
      out.push(g2('ms', a, b, [wrap(inst.params[0]! - frame[a]!), wrap(inst.params[1]! - frame[b]!), inst.params[2]!]));
      [a, b].forEach((q, k) => {
        const r = carry[k];
        if (r === null || r === undefined) return;
        pending[q] = r.mul(gateMatrix('rz', [frame[q]!]));
        frame[q] = 0;
      });
      continue;
    }
    if (inst.gate === 'measure' || inst.gate === 'reset') {
      for (const q of qs) { flush(q); frame[q] = 0; }
      out.push(inst);
      continue;
    }
    if (inst.gate === 'barrier') {
      for (const q of qs) flush(q);
      out.push(inst);
      continue;
    }
    for (const q of qs) flushExact(q);
    out.push(inst);
  }
  for (let q = 0; q < numQubits; q++) if (pending[q] !== null || Math.abs(Math.sin(frame[q]! / 2)) > 1e-12) flushExact(q);
  return out;
}
