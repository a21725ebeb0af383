/**
 * Replacing runs of an instruction list: each run's members are dropped and its replacement is
 * written where the run's last member stood. Flags and slots live in typed arrays indexed by
 * position: the block and run passes replace hundreds of thousands of runs on a large circuit,
 * where hashed sets of positions cost more than the rewriting itself.
 */
import type { Instruction } from '../../compiler/circuit/index.js';

export class Splice {
  private readonly dropped: Uint8Array;
  /** Replacement index + 1 at a run's last position (0: none). */
  private readonly at: Int32Array;
  private readonly replacements: Instruction[][] = [];

  constructor(private readonly length: number) {
    this.dropped = new Uint8Array(length);
    this.at = new Int32Array(length);
  }

  /** Drop the instructions at `members` (ascending) and write `by` in place of the last one. */
  replace(members: readonly number[], by: Instruction[]): void {
    for (const k of members) this.dropped[k] = 1;
    this.replacements.push(by);
    this.at[members[members.length - 1]!] = this.replacements.length;
  }

  /** The list with every replacement made. */
  apply(instructions: readonly Instruction[]): Instruction[] {
    if (instructions.length !== this.length) throw new Error(`Splice: built for ${this.length} instructions, applied to ${instructions.length}`);
    // Sized exactly up front: growing a list of a million by push costs more than filling it.
    let size = 0;
    for (let k = 0; k < instructions.length; k++) if (this.dropped[k] === 0) size++;
    for (const r of this.replacements) size += r.length;
    const out = new Array<Instruction>(size);
    let j = 0;
    for (let k = 0; k < instructions.length; k++) {
      const r = this.at[k]!;
      if (r > 0) for (const i of this.replacements[r - 1]!) out[j++] = i;
      else if (this.dropped[k] === 0) out[j++] = instructions[k]!;
    }
    return out;
  }
}
