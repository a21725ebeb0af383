/**
 * Example: optimise a circuit and lower it for real devices — IBM Heron (ibm_torino) and IonQ Aria.
 *
 * What it shows: `transpile(circuit, getTarget(name))` runs the -O2 optimisation, picks a layout
 * on the device's directed coupling map, routes with SABRE (inserting swaps where two qubits are
 * not neighbours), translates to the device's native gates (cz/rz/sx/x on Heron; gpi/gpi2/ms on
 * Aria, phases in turns only at the JSON boundary) and then checks every predicate of the target.
 * `verify` lists violations (none, always, after transpile). The layout says where each logical
 * qubit starts; the final permutation says where it ends after routing, which is how to read results.
 *
 * Input: phase read-out on 3 qubits. Hadamards and phase gates prepare the Fourier state
 * Σ_k e^{2πi·5k/8}|k⟩/√8, and the inverse quantum Fourier transform turns it into |101⟩ = 5, so a
 * correct program measures 101 every time. The three qubits all interact and heavy-hex has no
 * triangles, so routing must add a swap on IBM; IonQ's ions are all-to-all.
 *
 * Run: npm run build && node dist/examples/optimize-for-device.js
 */
import { pathToFileURL } from 'node:url';
import { CircuitBuilder, Qft, circuitStats, getTarget, printQasm, toIonqCircuit, transpile, verify, type Circuit } from '../index.js';

export interface ExampleIo {
  log(line: string): void;
}

/** The phase 5/8 read out by an inverse QFT: measures c = 101 with certainty. */
export function phaseReadoutCircuit(value = 5): Circuit {
  const b = new CircuitBuilder();
  const q = b.addQreg('q', 3);
  const c = b.addCreg('c', 3);
  // e^{2πi·value·k/8} = Π_j e^{2πi·value·2^j·k_j/8}: one phase gate per qubit j of k.
  for (let j = 0; j < 3; j++) b.h(q[j]!).p((2 * Math.PI * value * 2 ** j) / 8, q[j]!);
  b.compose(new Qft({ numQubits: 3, inverse: true }).circuit(), q);
  for (let j = 0; j < 3; j++) b.measure(q[j]!, c[j]!);
  return b.build();
}

const describe = (c: Circuit): string => {
  const s = circuitStats(c);
  return `${s.size} gates (${s.twoQubit} two-qubit), depth ${s.depth}, gates: ${Object.entries(s.counts).map(([g, k]) => `${g} ${k}`).join(', ')}`;
};

export async function main(io: ExampleIo = { log: (line) => console.log(line) }): Promise<void> {
  const circuit = phaseReadoutCircuit();
  io.log(`input: ${describe(circuit)}`);

  for (const name of ['ibm_torino', 'ionq_aria']) {
    const target = getTarget(name);
    // level 2 is the default; the seed makes layout and routing reproducible.
    const lowered = transpile(circuit, target, { level: 2, seed: 1 });
    const violations = verify(lowered.circuit, target);
    io.log('');
    io.log(`== ${name} (${target.numQubits} qubits, basis ${[...(target.basisGates ?? [])].join(', ')})`);
    io.log(`lowered: ${describe(lowered.circuit)}`);
    io.log(`target predicates: ${target.predicates.map((p) => p.name).join(', ')}; violations: ${violations.length}`);
    io.log(`layout (logical → physical at the start): ${lowered.layout.map((p, l) => `${l}→${p}`).join(', ')}`);
    io.log(`final permutation (logical → physical at the end): ${lowered.finalPermutation.map((p, l) => `${l}→${p}`).join(', ')}`);

    if (name.startsWith('ibm_')) {
      // IBM's dialect: physical qubits $k, basis gates only, `c[i] = measure $k;`.
      io.log('OpenQASM 3 (IBM dialect):');
      for (const line of printQasm(lowered.circuit, { dialect: 'ibm' }).trimEnd().split('\n')) io.log(`  ${line}`);
    } else {
      // IonQ's ionq.circuit.v1 input: native gates, phases and angles in turns (θ/2π).
      const json = toIonqCircuit(lowered.circuit, 'qpu.aria-1');
      io.log(`IonQ JSON (gateset ${json.gateset}, ${json.circuit.length} gates):`);
      io.log(`  {"qubits": ${json.qubits}, "gateset": "${json.gateset}", "circuit": [`);
      json.circuit.forEach((g, i) => io.log(`    ${JSON.stringify(g)}${i + 1 < json.circuit.length ? ',' : ''}`));
      io.log('  ]}');
    }
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
