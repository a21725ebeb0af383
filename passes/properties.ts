/**
 * The one vocabulary of circuit properties, shared by passes (what each requires, guarantees and
 * invalidates; checked when a pipeline is built, as tket's predicates) and targets (the properties
 * a finished circuit must have, checked by `verify`), and the typed property set through which
 * passes hand facts (layout, permutations) to later passes.
 */

/** A property a circuit may have. */
export type Property =
  /** No gate acts on three or more qubits. */
  | 'no-multi-controlled'
  /** The circuit fits the device's qubit count. */
  | 'qubit-count'
  /** Qubits are the device's physical qubits (a layout was applied). */
  | 'layout'
  /** Every two-qubit gate acts on a coupled pair (either direction). */
  | 'coupled'
  /** Every two-qubit gate acts on a coupling edge in its direction. */
  | 'connectivity'
  /** Every gate is in the target's basis and every operation is supported. */
  | 'basis'
  /** IonQ ms angles lie in [0, π/2]. */
  | 'ms-angle'
  /** No classically conditioned gates. */
  | 'no-conditions'
  /** Only Clifford+T gates. */
  | 'clifford-t'
  /** IBM runtime rules lowering cannot fix: no faulty qubit or edge, rzz in range, measurements present. */
  | 'ibm-runtime';

/**
 * Facts passes hand to later passes. Another module adds a fact by declaration merging:
 * `declare module './properties.js' { interface PropertyValues { myFact: T } }`.
 */
export interface PropertyValues {
  /** layout[i] = physical qubit logical qubit i starts on. */
  layout: readonly number[];
  /** finalPermutation[i] = physical qubit holding logical qubit i at the end. */
  finalPermutation: readonly number[];
  /** Where each physical qubit's initial content ends (ancillas included). */
  physicalPermutation: readonly number[];
  /** The layout puts every two-qubit gate on a coupler (no swaps needed). */
  perfectLayout: boolean;
}

/** A typed map of facts: each key has its own value type. */
export class PropertySet {
  private readonly values = new Map<keyof PropertyValues, unknown>();

  get<K extends keyof PropertyValues>(key: K): PropertyValues[K] | undefined {
    return this.values.get(key) as PropertyValues[K] | undefined;
  }

  set<K extends keyof PropertyValues>(key: K, value: PropertyValues[K]): void {
    this.values.set(key, value);
  }

  has(key: keyof PropertyValues): boolean {
    return this.values.has(key);
  }

  delete(key: keyof PropertyValues): boolean {
    return this.values.delete(key);
  }
}
