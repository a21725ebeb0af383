/**
 * The lowering stages as passes: decomposition to two-qubit gates, the layout and routing slots
 * (any pass with the declared properties fits a slot), consolidation after routing, basis
 * translation, clean-up in the basis, and the pass that records the placement in the circuit's
 * metadata. transpile.ts assembles them from the preset's data.
 */
import { withInstructions } from '../compiler/circuit/index.js';
import { ValidationError } from '../compiler/errors.js';
import { definePass, type Pass } from './pass.js';
import type { Property } from './properties.js';
import { chooseLayout, type LayoutMethod } from './layout.js';
import { refineLayoutSabre, routeSabre, routedCircuit, type RouteResult } from './route-sabre.js';

const identity = (n: number): number[] => Array.from({ length: n }, (_, q) => q);

/** What a pass must declare to fill a slot. */
export const SLOT_CONTRACT: Readonly<Record<'layout' | 'routing', { readonly mayRequire: readonly Property[]; readonly mustGuarantee: readonly Property[] }>> = {
  /** Analysis: writes the 'layout' fact, changes no gate. */
  layout: { mayRequire: ['no-multi-controlled'], mustGuarantee: [] },
  /** Puts the circuit on physical qubits with every two-qubit gate on a coupler; writes the permutations. */
  routing: { mayRequire: ['no-multi-controlled'], mustGuarantee: ['coupled', 'layout'] },
};

/** Throws ValidationError when `pass` does not declare what the slot needs. */
export function checkSlot(slot: 'layout' | 'routing', pass: Pass): Pass {
  const c = SLOT_CONTRACT[slot];
  const extra = pass.meta.requires.filter((r) => !c.mayRequire.includes(r));
  const missing = c.mustGuarantee.filter((g) => !pass.meta.guarantees.includes(g));
  if (extra.length > 0 || missing.length > 0) {
    throw new ValidationError(`pass '${pass.meta.name}' cannot fill the ${slot} slot: ${extra.length > 0 ? `it requires ${extra.join(', ')}` : `it does not guarantee ${missing.join(', ')}`}`);
  }
  return pass;
}

/** Initial layout by a heuristic, refined by SABRE's forward–backward passes. */
export function heuristicLayout(method: LayoutMethod, refineRounds: number): Pass {
  return definePass({ name: `layout-${method}`, requires: ['no-multi-controlled'], guarantees: [] }, (circuit, ctx) => {
    let layout = chooseLayout(circuit, ctx.target, method);
    if (refineRounds > 0 && ctx.target.coupling !== null) layout = refineLayoutSabre(circuit, ctx.target, layout, { seed: ctx.seed, rounds: refineRounds });
    ctx.propertySet.set('layout', layout);
    return circuit;
  });
}

/** SABRE routing from the 'layout' fact, best of `trials` seeds (fewest swaps). */
export function sabreRouting(trials: number): Pass {
  return definePass({ name: 'routing-sabre', requires: ['no-multi-controlled'], guarantees: ['coupled', 'layout'] }, (circuit, ctx) => {
    const t = ctx.target;
    const layout = ctx.propertySet.get('layout') ?? identity(circuit.numQubits);
    if (t.coupling === null) {
      ctx.propertySet.set('finalPermutation', layout);
      ctx.propertySet.set('physicalPermutation', identity(circuit.numQubits));
      return circuit;
    }
    let best: RouteResult | undefined;
    for (let k = 0; k < Math.max(1, trials); k++) {
      const r = routeSabre(circuit, t, layout, { seed: ctx.seed + k });
      if (!best || r.swaps < best.swaps) best = r;
    }
    ctx.propertySet.set('finalPermutation', best!.finalLayout);
    ctx.propertySet.set('physicalPermutation', best!.physicalPermutation);
    if (best!.swaps > 0) ctx.logger(`routing: ${best!.swaps} swaps`);
    return routedCircuit(circuit, t, layout, best!);
  });
}

/** Writes the target, layout and final permutation (identity when nothing was placed) into the metadata. */
export const recordPlacement: Pass = definePass({ name: 'record-placement', requires: [], guarantees: [] }, (circuit, ctx) => {
  const n = circuit.numQubits;
  const layout = ctx.propertySet.get('layout') ?? identity(n);
  const finalPermutation = ctx.propertySet.get('finalPermutation') ?? layout;
  if (!ctx.propertySet.has('layout')) ctx.propertySet.set('layout', layout);
  if (!ctx.propertySet.has('finalPermutation')) ctx.propertySet.set('finalPermutation', finalPermutation);
  if (!ctx.propertySet.has('physicalPermutation')) ctx.propertySet.set('physicalPermutation', identity(n));
  return withInstructions(circuit, circuit.instructions, { ...circuit.metadata, target: ctx.target.name, layout: [...layout], finalPermutation: [...finalPermutation] });
});
