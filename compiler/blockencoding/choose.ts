/**
 * `--encoding auto`: build the applicable encodings and pick the one that minimises the CNOTs of
 * the whole algorithm, queries(α) × CNOTs(U). Every inversion (QSVT degree, HHL/QPE queries)
 * needs a number of queries that grows with κ_eff = α/min|λ|, so α counts as much as gate count.
 * The default queries(α) = α (proportional model); the QSVT pipeline passes its degree formula.
 * FABLE is considered up to 64×64 (4^n rotations) and LCU up to 256×256 (Pauli terms found by a
 * fast Walsh transform; on the n = 256 NTK it gives 249k gates where the sparse encoding needs 3.7M).
 */
import { ValidationError } from '../errors.js';
import type { CsrMatrix } from '../linalg/csr.js';
import { cnotCount } from '../synthesis/cost.js';
import type { BlockEncoding } from './block-encoding.js';
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
  blockEncoding(): BlockEncoding;
}

export interface ChooseOptions {
  /** Absolute error budget ‖A − α·block‖ for lossy encodings (FABLE compression, LCU truncation); default 0. */
  readonly epsilon?: number;
  /** Encodings to consider (default: all applicable). */
  readonly kinds?: readonly EncodingKind[];
  /** Queries of U the algorithm needs at subnormalisation α (default α). */
  readonly queries?: (alpha: number) => number;
}

/** Every applicable encoding with its α, cost and score. */
export function encodingCandidates(matrix: CsrMatrix, options: ChooseOptions = {}): EncodingCandidate[] {
  const kinds = options.kinds ?? ['sparse', 'fable', 'lcu'];
  const eps = options.epsilon ?? 0;
  const queries = options.queries ?? ((a: number) => a);
  const n = padMatrix(matrix).qubits;
  const explicit = options.kinds !== undefined;
  const out: EncodingCandidate[] = [];
  const add = (kind: EncodingKind, enc: SparseEncoding | FableEncoding | LcuEncoding): void => {
    const cnots = cnotCount(enc.cost());
    out.push({ kind, alpha: enc.alpha, cnots, qubits: enc.numQubits, score: queries(enc.alpha) * cnots, epsilon: enc.epsilon, blockEncoding: () => enc.blockEncoding() });
  };
  if (kinds.includes('sparse')) add('sparse', new SparseEncoding({ matrix }));
  if (kinds.includes('fable') && (explicit || n <= 6)) add('fable', new FableEncoding({ matrix, ...(eps > 0 ? { epsilon: eps } : {}) }));
  if (kinds.includes('lcu') && (explicit || n <= 8)) add('lcu', new LcuEncoding({ matrix, epsilon: eps }));
  if (out.length === 0) throw new ValidationError('encoding: no encoding applies; choose sparse, fable or lcu');
  return out;
}

/** The candidate with the smallest score, and all candidates (for reports). */
export function chooseEncoding(matrix: CsrMatrix, options: ChooseOptions = {}): { chosen: EncodingCandidate; candidates: EncodingCandidate[] } {
  const candidates = encodingCandidates(matrix, options);
  let chosen = candidates[0]!;
  for (const c of candidates) if (c.score < chosen.score) chosen = c;
  return { chosen, candidates };
}
