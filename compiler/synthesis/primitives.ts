/**
 * The small components others are made of: a layer of one gate on disjoint qubits, a data-access
 * oracle (the QRAM model's unit of cost), the adjoint of a component, a component repeated, and a
 * built circuit wrapped as a component (for hand-made circuits).
 */
import { CircuitBuilder, gateInverse, gateSpec, inverseCircuit, type Circuit, type GateName } from '../circuit/index.js';
import { ValidationError } from '../errors.js';
import { ComponentBase, layoutRegisters, range, type CallGraph, type Component, type QubitRegister } from './component.js';
import { circuitCost } from './cost.js';

/**
 * `width` copies of one gate on disjoint qubits, depth 1. Gate k acts on qubit k of each of the
 * gate's operand registers ('a', 'b', 'c' for its first, second, third qubit).
 */
export class Layer extends ComponentBase {
  readonly name = 'layer';
  readonly gate: GateName;
  readonly width: number;
  readonly arity: number;
  readonly numQubits: number;
  readonly registers: readonly QubitRegister[];
  readonly depth: number;

  constructor(gate: GateName, width: number) {
    super();
    const spec = gateSpec(gate);
    if (!spec || spec.variadic || spec.params > 0) throw new ValidationError(`layer: '${gate}' is not a fixed-size gate without parameters`);
    if (!Number.isInteger(width) || width < 0) throw new ValidationError(`layer: width ${width} must be a non-negative integer`);
    this.gate = gate;
    this.width = width;
    this.arity = spec.qubits;
    this.numQubits = width * spec.qubits;
    this.registers = layoutRegisters(range(0, spec.qubits).map((k) => [String.fromCharCode(97 + k), width] as const));
    this.depth = width > 0 ? 1 : 0;
  }

  override get label(): string {
    return `${this.gate} ×${this.width} (layer)`;
  }

  callGraph(): CallGraph {
    return [[this.gate, this.width]];
  }

  protected build(): Circuit {
    const b = new CircuitBuilder(this.numQubits);
    for (let k = 0; k < this.width; k++) b.gate(this.gate, this.registers.map((r) => r.qubits[k]!));
    return b.build();
  }
}

/**
 * A data-access oracle of the QRAM model (a row lookup, an entry rotation, a state loading): one
 * query of depth 1 whose gates are not counted. It has no circuit.
 */
export class Oracle extends ComponentBase {
  readonly name: string;
  readonly numQubits: number;
  readonly registers: readonly QubitRegister[];
  readonly depth = 1;

  constructor(name: string, numQubits: number) {
    super();
    this.name = `${name}-oracle`;
    this.numQubits = numQubits;
    this.registers = [{ name: 'q', qubits: range(0, numQubits) }];
  }

  callGraph(): CallGraph {
    return [];
  }

  protected build(): Circuit {
    throw new ValidationError(`${this.name}: an oracle stands for data access and has no circuit; build the explicit (QROM) form instead`);
  }
}

/** The inverse of a gate's cost key ('t' → 'tdg', 'mcx:4' → 'mcx:4'). */
export function inverseGateKey(key: string): string {
  const [g, k] = key.split(':');
  const spec = gateSpec(g!);
  if (!spec) return key;
  const inv = gateInverse(g!, new Array<number>(spec.params).fill(0)).gate;
  return k === undefined ? inv : `${inv}:${k}`;
}

/** U†: the same registers, the callees' adjoints in the call graph, the inverse circuit. */
export class Adjoint extends ComponentBase {
  readonly name: string;
  readonly inner: Component;
  readonly numQubits: number;
  readonly registers: readonly QubitRegister[];
  readonly depth: number | undefined;

  constructor(inner: Component) {
    super();
    this.inner = inner;
    this.name = `${inner.name}†`;
    this.numQubits = inner.numQubits;
    this.registers = inner.registers;
    this.depth = inner.depth;
  }

  override get label(): string {
    return `${this.inner.label}†`;
  }

  callGraph(): CallGraph {
    return this.inner.callGraph().map(([c, k]) => [typeof c === 'string' ? inverseGateKey(c) : adjoint(c), k] as const);
  }

  protected build(): Circuit {
    return inverseCircuit(this.inner.circuit());
  }
}

const adjoints = new WeakMap<Component, Component>();

/** The adjoint of `c`, one object per component (so call counts add up); adjoint(adjoint(c)) = c. */
export function adjoint(c: Component): Component {
  if (c instanceof Adjoint) return c.inner;
  let a = adjoints.get(c);
  if (!a) {
    a = new Adjoint(c);
    adjoints.set(c, a);
  }
  return a;
}

/** `c` applied `times` times in a row (a controlled power U^{2^k}, for instance). */
export class Repeated extends ComponentBase {
  readonly name = 'repeated';
  readonly inner: Component;
  readonly times: number;
  readonly numQubits: number;
  readonly registers: readonly QubitRegister[];

  constructor(inner: Component, times: number) {
    super();
    if (!Number.isInteger(times) || times < 0) throw new ValidationError(`repetition count ${times} must be a non-negative integer`);
    this.inner = inner;
    this.times = times;
    this.numQubits = inner.numQubits;
    this.registers = inner.registers;
  }

  override get label(): string {
    return `${this.inner.label} ×${this.times}`;
  }

  callGraph(): CallGraph {
    return [[this.inner, this.times]];
  }

  protected build(): Circuit {
    const b = new CircuitBuilder(this.numQubits);
    const c = this.inner.circuit();
    for (let r = 0; r < this.times; r++) b.compose(c);
    return b.build();
  }
}

/**
 * A built circuit as a component: its call graph is its gate counts and its depth the ASAP depth.
 * For circuits made by hand (a test's block encoding, a user's unitary for phase estimation).
 */
export class CircuitComponent extends ComponentBase {
  readonly name: string;
  readonly numQubits: number;
  readonly registers: readonly QubitRegister[];
  readonly depth: number;
  private readonly source: Circuit;

  constructor(name: string, circuit: Circuit, registers?: readonly QubitRegister[]) {
    super();
    this.name = name;
    this.source = circuit;
    this.numQubits = circuit.numQubits;
    this.registers = registers ?? [{ name: 'q', qubits: range(0, circuit.numQubits) }];
    this.depth = circuitCost(circuit).depth;
  }

  callGraph(): CallGraph {
    return Object.entries(circuitCost(this.source).gates);
  }

  protected build(): Circuit {
    return this.source;
  }
}

/** The callees' summed cost keys, for components whose gates come from an emission counter. */
export function gateCalls(gates: Readonly<Record<string, number>>): CallGraph {
  return Object.entries(gates).filter(([, k]) => k !== 0);
}
