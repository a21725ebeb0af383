/**
 * The multi-controlled X and phase decompositions of mcx.ts as components: each names the
 * construction it uses, and its call graph is that construction's recursion (a V-chain of
 * Toffolis, two half-size chains borrowing each other's qubits, an AND computed with
 * relative-phase Toffolis, or the ancilla-free phase recursion), so gate counts for any k follow
 * without building anything.
 * @see arXiv:quant-ph/9503016 (Barenco et al., Lemmas 7.2, 7.3, 7.5)
 * @see arXiv:1508.03273 (Maslov, relative-phase Toffoli gates)
 */
import { CircuitBuilder, type Circuit, type Instruction } from '../circuit/index.js';
import { ValidationError } from '../errors.js';
import { ComponentBase, layoutRegisters, registerQubits, type CallGraph, type Component, type QubitRegister } from './component.js';
import { mcxKey } from './cost.js';
import { mcpNoAncilla, mcxDirtyChain, mcxNoAncilla, mcxOneCleanAncilla, mcxOneDirtyAncilla, relativePhaseToffoli } from './mcx.js';
import { adjoint } from './primitives.js';

/**
 * Which ancillas the decomposition uses: 'none'; 'clean' (one qubit in |0⟩, returned to |0⟩);
 * 'dirty' (one qubit in any state, restored); 'dirty-chain' (k − 2 borrowed qubits, Barenco's V-chain).
 */
export type McxConstruction = 'none' | 'clean' | 'dirty' | 'dirty-chain';

function circuitOf(numQubits: number, insts: readonly Instruction[]): Circuit {
  const b = new CircuitBuilder(numQubits);
  for (const i of insts) b.add(i);
  return b.build();
}

/** The Toffoli up to a diagonal phase on (a, b, t): 3 CNOTs, 4 T (it appears in compute/uncompute pairs). */
class RelativePhaseToffoli extends ComponentBase {
  readonly name = 'relative-phase-toffoli';
  readonly numQubits = 3;
  readonly registers = layoutRegisters([['controls', 2], ['target', 1]]);

  callGraph(): CallGraph {
    return relativePhaseToffoli(0, 1, 2).reduce<[string, number][]>((acc, i) => {
      const e = acc.find(([g]) => g === i.gate);
      if (e) e[1]++;
      else acc.push([i.gate, 1]);
      return acc;
    }, []);
  }

  protected build(): Circuit {
    return circuitOf(3, relativePhaseToffoli(0, 1, 2));
  }
}

const RPT = new RelativePhaseToffoli();

/** The AND of k controls XORed into a target up to a diagonal phase (the V-chain of relative-phase Toffolis). */
class AndUpToPhase extends ComponentBase {
  readonly name = 'and-up-to-phase';
  readonly controls: number;
  readonly numQubits: number;
  readonly registers: readonly QubitRegister[];

  constructor(controls: number, dirty: number) {
    super();
    this.controls = controls;
    this.registers = layoutRegisters([['controls', controls], ['target', 1], ['dirty', dirty]]);
    this.numQubits = controls + 1 + dirty;
  }

  override get label(): string {
    return `and-up-to-phase (${this.controls} controls)`;
  }

  callGraph(): CallGraph {
    const k = this.controls;
    return k === 1 ? [['cx', 1]] : [[RPT, k === 2 ? 1 : 4 * (k - 2)]];
  }

  protected build(): Circuit {
    const c = registerQubits(this, 'controls'), t = registerQubits(this, 'target')[0]!, d = registerQubits(this, 'dirty');
    if (c.length === 1) return circuitOf(this.numQubits, [{ gate: 'cx', qubits: [c[0]!, t], params: [] }]);
    return circuitOf(this.numQubits, mcxDirtyChain(c, t, d).flatMap((i) => (i.gate === 'ccx' ? relativePhaseToffoli(i.qubits[0]!, i.qubits[1]!, i.qubits[2]!) : [i])));
  }
}

/** C^k X on controls + target with the ancillas of `ancillas` (layout: controls, target, ancillas). */
export class MultiControlledX extends ComponentBase {
  readonly name = 'mcx';
  readonly controls: number;
  readonly ancillas: McxConstruction;
  readonly numQubits: number;
  readonly registers: readonly QubitRegister[];

  constructor(o: { readonly controls: number; readonly ancillas?: McxConstruction }) {
    super();
    if (!Number.isInteger(o.controls) || o.controls < 0) throw new ValidationError(`mcx: ${o.controls} controls must be a non-negative integer`);
    this.controls = o.controls;
    this.ancillas = o.ancillas ?? 'none';
    const extra = o.controls <= 2 || this.ancillas === 'none' ? 0 : this.ancillas === 'dirty-chain' ? o.controls - 2 : 1;
    this.registers = layoutRegisters([['controls', o.controls], ['target', 1], ['ancillas', extra]]);
    this.numQubits = o.controls + 1 + extra;
  }

  override get label(): string {
    return `mcx (${this.controls} controls, ${this.ancillas === 'none' ? 'no' : this.ancillas} ancilla${this.ancillas === 'dirty-chain' ? 's' : ''})`;
  }

  callGraph(): CallGraph {
    const k = this.controls;
    if (k <= 2) return [[mcxKey(k), 1]];
    const m1 = Math.ceil(k / 2);
    const chain = (j: number): Component => new MultiControlledX({ controls: j, ancillas: 'dirty-chain' });
    switch (this.ancillas) {
      case 'dirty-chain':
        return [['ccx', 4 * (k - 2)]];
      case 'dirty':
        return [[chain(m1), 2], [chain(k - m1 + 1), 2]];
      case 'clean': {
        const and = new AndUpToPhase(m1, k - m1);
        return [[and, 1], [chain(k - m1 + 1), 1], [adjoint(and), 1]];
      }
      case 'none':
        return [['h', 2], [new MultiControlledPhase(k), 1]];
    }
  }

  protected build(): Circuit {
    const c = registerQubits(this, 'controls'), t = registerQubits(this, 'target')[0]!, a = registerQubits(this, 'ancillas');
    const k = this.controls;
    const insts = k <= 2 || this.ancillas === 'none' ? mcxNoAncilla(c, t)
      : this.ancillas === 'dirty-chain' ? mcxDirtyChain(c, t, a)
        : this.ancillas === 'clean' ? mcxOneCleanAncilla(c, t, a[0]!) : mcxOneDirtyAncilla(c, t, a[0]!);
    return circuitOf(this.numQubits, insts);
  }
}

/** C^k P(λ) without ancillas (symmetric in its k + 1 qubits): the phase recursion of mcpNoAncilla. */
export class MultiControlledPhase extends ComponentBase {
  readonly name = 'mcp';
  readonly controls: number;
  readonly lambda: number;
  readonly numQubits: number;
  readonly registers: readonly QubitRegister[];

  constructor(controls: number, lambda = Math.PI) {
    super();
    if (!Number.isInteger(controls) || controls < 0) throw new ValidationError(`mcp: ${controls} controls must be a non-negative integer`);
    this.controls = controls;
    this.lambda = lambda;
    this.numQubits = controls + 1;
    this.registers = layoutRegisters([['controls', controls], ['target', 1]]);
  }

  override get label(): string {
    return `mcp (${this.controls} controls, no ancilla)`;
  }

  callGraph(): CallGraph {
    const k = this.controls;
    if (k === 0) return [['p', 1]];
    if (k === 1) return [['cp', 1]];
    const flip = k - 1 <= 2 ? mcxKey(k - 1) : new MultiControlledX({ controls: k - 1, ancillas: 'dirty' });
    return [['cp', 2], [flip, 2], [new MultiControlledPhase(k - 1, this.lambda / 2), 1]];
  }

  protected build(): Circuit {
    return circuitOf(this.numQubits, mcpNoAncilla(this.lambda, registerQubits(this, 'controls'), registerQubits(this, 'target')[0]!));
  }
}

export const multiControlledExamples = (): (MultiControlledX | MultiControlledPhase)[] => [
  new MultiControlledX({ controls: 2 }),
  new MultiControlledX({ controls: 3 }),
  new MultiControlledX({ controls: 5 }),
  new MultiControlledX({ controls: 4, ancillas: 'dirty-chain' }),
  new MultiControlledX({ controls: 5, ancillas: 'dirty' }),
  new MultiControlledX({ controls: 6, ancillas: 'clean' }),
  new MultiControlledX({ controls: 3, ancillas: 'clean' }),
  new MultiControlledPhase(4, 0.7),
];
