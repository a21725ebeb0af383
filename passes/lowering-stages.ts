/**
 * The lowering stages as passes: decomposition to two-qubit gates, the layout and routing slots
 * (any pass with the declared properties fits a slot; layout-routing.ts has the built-in ones),
 * consolidation after routing, basis
 * translation, clean-up in the basis, and the pass that records the placement in the circuit's
 * metadata. transpile.ts assembles them from the preset's data.
 */
import { withInstructions } from '../compiler/circuit/index.js';
import { ValidationError } from '../compiler/errors.js';
import { definePass, type Pass } from './pass.js';
import type { Property } from './properties.js';

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

/** Writes the target, layout and final permutation (identity when nothing was placed) into the metadata. */
export const recordPlacement: Pass = definePass({ name: 'record-placement', requires: [], guarantees: [], symbolic: 'supported' }, (circuit, ctx) => {
  const n = circuit.numQubits;
  const layout = ctx.propertySet.get('layout') ?? identity(n);
  const finalPermutation = ctx.propertySet.get('finalPermutation') ?? layout;
  if (!ctx.propertySet.has('layout')) ctx.propertySet.set('layout', layout);
  if (!ctx.propertySet.has('finalPermutation')) ctx.propertySet.set('finalPermutation', finalPermutation);
  if (!ctx.propertySet.has('physicalPermutation')) ctx.propertySet.set('physicalPermutation', identity(n));
  return withInstructions(circuit, circuit.instructions, { ...circuit.metadata, target: ctx.target.name, layout: [...layout], finalPermutation: [...finalPermutation] });
});
