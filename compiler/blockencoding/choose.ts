/**
 * Automatic choice of the block encoding: build the applicable encodings (lazily: no circuit is
 * built) and pick the one that minimises the CNOTs of the whole algorithm, queries(α) × CNOTs(U).
 * Every inversion (QSVT degree, HHL/QPE queries) needs a number of queries that grows with
 * κ_eff = α/min|λ|, so α counts as much as gate count. The default queries(α) = α (proportional
 * model); the QSVT pipeline passes its degree formula. Only encodings the inversions can use
 * compete: QSVT and the qubitization walk reflect about the encoding's ancillas, so an encoding
 * without one (the LCU of a single Pauli term, A = c·P) is listed but never chosen.
 * FABLE is considered up to 64×64 (4^n rotations) and LCU up to 256×256 (Pauli terms found by a
 * fast Walsh transform; on the n = 256 NTK it gives 249k gates where the sparse encoding needs 3.7M).
 */
import { ValidationError } from '../errors.js';
import type { CsrMatrix } from '../linalg/csr.js';
import { cnotCount } from '../synthesis/cost.js';
import { signalAncillas, type BlockEncoding } from './block-encoding.js';
import { FableEncoding } from './fable.js';
import { LcuEncoding } from './lcu.js';
import { padMatrix } from './padding.js';
import { SparseEncoding } from './sparse.js';

export type EncodingKind = 'sparse' | 'fable' | 'lcu';

export interface EncodingCandidate {
  readonly kind: EncodingKind;
  readonly alpha: number;
  /** CNOTs of one application of U (multi-controlled gates priced by synthesis/cost). */
  readonly cnots: number;
  readonly qubits: number;
  /** queries(α) × cnots: the figure auto minimises. */
  readonly score: number;
  readonly epsilon: number;
  /** False when the encoding has no ancilla to reflect about (QSVT and the walk cannot use it). */
  readonly usable: boolean;
  readonly encoding: BlockEncoding;
}

export interface ChooseOptions {
  /** Absolute error budget ‖A − α·block‖ for lossy encodings (FABLE compression, LCU truncation); default 0. */
  readonly epsilon?: number;
  /** Encodings to consider (default: all applicable). */
  readonly kinds?: readonly EncodingKind[];
  /** Queries of U the algorithm needs at subnormalisation α (default α). */
  readonly queries?: (alpha: number) => number;
  /** 'score' (default): the smallest score; 'first': the first usable kind in the order sparse, FABLE, LCU. */
  readonly strategy?: 'score' | 'first';
}

/** Every applicable encoding with its α, cost and score (usable or not). */
export function encodingCandidates(matrix: CsrMatrix, options: ChooseOptions = {}): EncodingCandidate[] {
  const kinds = options.kinds ?? ['sparse', 'fable', 'lcu'];
  const eps = options.epsilon ?? 0;
  const queries = options.queries ?? ((a: number) => a);
  const n = padMatrix(matrix).qubits;
  const explicit = options.kinds !== undefined;
  const out: EncodingCandidate[] = [];
  const add = (kind: EncodingKind, enc: BlockEncoding): void => {
    const cnots = cnotCount(enc.cost());
    const usable = signalAncillas(enc).length > 0;
    out.push({ kind, alpha: enc.alpha, cnots, qubits: enc.numQubits, score: queries(enc.alpha) * cnots, epsilon: enc.epsilon, usable, encoding: enc });
  };
  if (kinds.includes('sparse')) add('sparse', new SparseEncoding({ matrix }));
  if (kinds.includes('fable') && (explicit || n <= 6)) add('fable', new FableEncoding({ matrix, ...(eps > 0 ? { epsilon: eps } : {}) }));
  if (kinds.includes('lcu') && (explicit || n <= 8)) add('lcu', new LcuEncoding({ matrix, epsilon: eps }));
  if (out.length === 0) throw new ValidationError('encoding: no encoding applies; choose sparse, fable or lcu', { parameter: 'encoding' });
  return out;
}

/** The usable candidate with the smallest score, and all candidates (for reports). */
export function chooseEncoding(matrix: CsrMatrix, options: ChooseOptions = {}): { chosen: EncodingCandidate; candidates: EncodingCandidate[] } {
  const candidates = encodingCandidates(matrix, options);
  let chosen: EncodingCandidate | undefined;
  const first = options.strategy === 'first';
  for (const c of candidates) if (c.usable && (chosen === undefined || (!first && c.score < chosen.score))) chosen = c;
  if (chosen === undefined) {
    const c = candidates[0]!;
    throw new ValidationError(`encoding ${c.kind}: this matrix is a single Pauli term (A = c·P), so the ${c.kind.toUpperCase()} encoding has no ancilla for the inversion to reflect about; choose the sparse or FABLE encoding`, { parameter: 'encoding' });
  }
  return { chosen, candidates };
}
