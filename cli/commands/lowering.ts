/** Lowering a circuit for a backend's target before submission (the passes' entry point, once available). */
import type { Circuit } from '../../compiler/circuit/index.js';
import type { Target } from '../../passes/targets/target.js';

/** Lower `circuit` for `target`. Until the passes' lowering lands, circuits must already fit the target. */
export function lowerForTarget(circuit: Circuit, _target: Target): Circuit {
  return circuit;
}
