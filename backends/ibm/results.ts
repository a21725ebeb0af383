/**
 * Sampler V2 plain-JSON results (support_qiskit: false) → counts. Each classical register carries
 * one hex sample per shot (`hex(int)`, unpadded) with bit i = c[i], so c[0] is the least
 * significant bit; shot k of every register belongs to the same execution, which lets us join the
 * registers into whole-circuit bitstrings (later registers further left, c[0] rightmost). A pub
 * with K parameter value sets has shape (K,): each register then holds K arrays of samples.
 * @see docs/backends.md §A6
 */
import type { ParameterValues } from '../../compiler/circuit/index.js';
import { BackendError } from '../../compiler/errors.js';
import type { JobResult, RegisterInfo, SweepPoint } from '../backend.js';

interface RegisterData {
  samples?: unknown;
  num_bits?: unknown;
}

const bad = (why: string): BackendError => new BackendError(`IBM Quantum: unexpected result format: ${why}`);

/**
 * Decode `GET /v1/jobs/{id}/results` over the given registers: the first pub of the job; with more
 * than one parameter value set (`sets`), one result per set in `sweep`.
 */
export function decodeSamplerResult(body: unknown, cregs: readonly RegisterInfo[], sets: readonly ParameterValues[] = []): JobResult {
  return decodeSamplerPub(body, 0, cregs, sets);
}

/** Decode every pub of a job whose `pubs` circuits all have the given registers (and no inputs). */
export function decodeSamplerPubs(body: unknown, pubs: number, cregs: readonly RegisterInfo[]): JobResult[] {
  const results = (body as { results?: unknown })?.results;
  if (!Array.isArray(results) || results.length !== pubs) throw bad(`${Array.isArray(results) ? results.length : 'no'} results for ${pubs} pubs`);
  return Array.from({ length: pubs }, (_, i) => decodeSamplerPub(body, i, cregs));
}

function decodeSamplerPub(body: unknown, index: number, cregs: readonly RegisterInfo[], sets: readonly ParameterValues[] = []): JobResult {
  const results = (body as { results?: unknown })?.results;
  if (!Array.isArray(results) || results.length <= index) throw bad(`no results[${index}]`);
  const data = (results[index] as { data?: unknown }).data;
  if (typeof data !== 'object' || data === null) throw bad(`results[${index}].data is missing`);
  if ('__type__' in (data as object)) throw bad('Qiskit-typed payload (the job was not sent with support_qiskit=false)');
  const regs = data as Record<string, RegisterData>;
  if (sets.length <= 1) return decodeData(regs, cregs, (reg) => reg.samples);
  const sweep: SweepPoint[] = sets.map((values, i) => ({
    values,
    ...decodeData(regs, cregs, (reg, name) => {
      if (!Array.isArray(reg.samples) || reg.samples.length !== sets.length || !Array.isArray(reg.samples[i])) {
        throw bad(`register '${name}' does not hold ${sets.length} arrays of samples, one per parameter value set`);
      }
      return reg.samples[i] as unknown;
    }),
  }));
  const { values: _first, ...first } = sweep[0]!;
  return { ...first, sweep };
}

/** One point's registers: `samplesOf` picks its sample array out of each register's data. */
function decodeData(data: Record<string, RegisterData>, cregs: readonly RegisterInfo[], samplesOf: (reg: RegisterData, name: string) => unknown): JobResult {
  const entries = Object.entries(data);
  // Registers in clbit order; registers the server added but the circuit lacks go last.
  const order = new Map(cregs.map((r, i) => [r.name, i]));
  entries.sort((a, b) => (order.get(a[0]) ?? 1e9) - (order.get(b[0]) ?? 1e9));
  const perReg: { name: string; bits: string[] }[] = [];
  let shots = -1;
  for (const [name, reg] of entries) {
    const samples = samplesOf(reg, name);
    if (!Array.isArray(samples)) throw bad(`register '${name}' has no samples array`);
    const numBits = typeof reg.num_bits === 'number' ? reg.num_bits : cregs.find((r) => r.name === name)?.size;
    if (numBits === undefined || !Number.isInteger(numBits) || numBits < 0) throw bad(`register '${name}' has no num_bits`);
    const bits = samples.map((s) => hexToBits(s, numBits, name));
    if (shots >= 0 && bits.length !== shots) throw bad(`register '${name}' has ${bits.length} samples, others ${shots}`);
    shots = bits.length;
    perReg.push({ name, bits });
  }
  if (perReg.length === 0) throw bad('no classical registers in the data of a result (did the circuit measure?)');
  const registers: Record<string, Record<string, number>> = {};
  for (const r of perReg) registers[r.name] = tally(r.bits);
  const joined: string[] = [];
  for (let k = 0; k < shots; k++) {
    let s = '';
    for (const r of perReg) s = r.bits[k]! + s;
    joined.push(s);
  }
  return { counts: tally(joined), shots, registers };
}

function hexToBits(sample: unknown, numBits: number, reg: string): string {
  if (typeof sample !== 'string' || !/^0x[0-9a-fA-F]+$/.test(sample)) {
    throw new BackendError(`IBM Quantum: unexpected result format: sample ${JSON.stringify(sample)} of register '${reg}' is not a hex string`);
  }
  const b = BigInt(sample).toString(2);
  if (b.length > numBits && BigInt(sample) >> BigInt(numBits) !== 0n) {
    throw new BackendError(`IBM Quantum: unexpected result format: sample ${sample} does not fit register '${reg}' of ${numBits} bits`);
  }
  return numBits === 0 ? '' : b.padStart(numBits, '0').slice(-numBits);
}

function tally(items: readonly string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const s of items) out[s] = (out[s] ?? 0) + 1;
  return sortKeys(out);
}

/** Counts ordered by bitstring, so JSON output is stable. */
export function sortKeys<T>(rec: Record<string, T>): Record<string, T> {
  const out: Record<string, T> = {};
  for (const k of Object.keys(rec).sort()) out[k] = rec[k]!;
  return out;
}
