/**
 * Euler angles of a one-qubit unitary: m = e^{iγ}·U(θ, φ, λ) (the OpenQASM 3 U gate), i.e. the
 * ZYZ decomposition m = e^{i(γ + (φ+λ)/2)}·Rz(φ)·Ry(θ)·Rz(λ).
 */
import type { CMatrix } from '../linalg/complex.js';

export interface EulerAngles {
  readonly theta: number;
  readonly phi: number;
  readonly lambda: number;
  /** Global phase γ. */
  readonly phase: number;
}

const arg = (re: number, im: number): number => Math.atan2(im, re);

/** Euler angles of a 2×2 unitary; exact up to rounding (the unitary is not checked). */
export function eulerAngles(m: CMatrix): EulerAngles {
  const [a, b, c, d] = [0, 1, 2, 3].map((k) => ({ re: m.re[k]!, im: m.im[k]! })) as [
    { re: number; im: number }, { re: number; im: number }, { re: number; im: number }, { re: number; im: number },
  ];
  const ca = Math.hypot(a.re, a.im);
  const sc = Math.hypot(c.re, c.im);
  const theta = 2 * Math.atan2(sc, ca);
  const eps = 1e-14;
  if (sc < eps) {
    const phase = arg(a.re, a.im);
    return { theta: 0, phi: 0, lambda: normalizeAngle(arg(d.re, d.im) - phase), phase };
  }
  if (ca < eps) {
    const phase = arg(-b.re, -b.im);
    return { theta, phi: normalizeAngle(arg(c.re, c.im) - phase), lambda: 0, phase };
  }
  const phase = arg(a.re, a.im);
  return {
    theta,
    phi: normalizeAngle(arg(c.re, c.im) - phase),
    lambda: normalizeAngle(arg(-b.re, -b.im) - phase),
    phase,
  };
}

/** The angle in (−π, π]. */
export function normalizeAngle(x: number): number {
  const t = 2 * Math.PI;
  let y = x % t;
  if (y <= -Math.PI) y += t;
  else if (y > Math.PI) y -= t;
  return y;
}
