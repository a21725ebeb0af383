/**
 * Example: build the exact job requests for IBM Quantum and IonQ without sending anything.
 *
 * What it shows: `openBackend` configured from an environment object (credentials, endpoints),
 * `prepareSubmission` lowering and checking a circuit for each device's built-in target, and the
 * backends' `preview` — the dry run
 * behind `qntk submit --dry-run`: method, URL, headers with the secrets redacted, and the body
 * (IBM: a Sampler V2 job whose pub is the OpenQASM 3 program in IBM's dialect; IonQ: an
 * ionq.circuit.v1 job in native gates). No request leaves the machine and no job is recorded.
 *
 * The credentials below are fake on purpose. To run for real, use `qntk submit FILE --backend …`
 * with QNTK_IBM_TOKEN / QNTK_IBM_INSTANCE or IONQ_API_KEY set in your shell, never in code.
 *
 * Run: npm run build && node dist/examples/submit-dry-run.js
 * @see docs/backends.md (request formats)
 */
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  CircuitBuilder, JobStore, openBackend, parseBackendSpec, prepareSubmission, verify,
  type Circuit, type RequestPreview,
} from '../index.js';

export interface ExampleIo {
  log(line: string): void;
}

/** Obviously fake credentials: the dry run needs values to show where they go (and that they are redacted). */
export const FAKE_ENV: Readonly<Record<string, string>> = {
  QNTK_IBM_TOKEN: 'FAKE-ibm-api-key-0000',
  QNTK_IBM_INSTANCE: 'crn:v1:bluemix:public:quantum-computing:us-east:a/fake-account:fake-instance::',
  IONQ_API_KEY: 'FAKE-ionq-api-key-0000',
  // A job store nobody uses: preview never records a job, but the backends are built over one.
  QNTK_HOME: join(tmpdir(), 'qntk-example-dry-run'),
};

/** A Bell pair, both qubits measured. */
function bellCircuit(): Circuit {
  const b = new CircuitBuilder();
  const q = b.addQreg('q', 2);
  const c = b.addCreg('c', 2);
  b.h(q[0]!).cx(q[0]!, q[1]!);
  b.measure(q[0]!, c[0]!).measure(q[1]!, c[1]!);
  return b.build();
}

function printRequest(io: ExampleIo, req: RequestPreview): void {
  io.log(`${req.method} ${req.url}`);
  for (const [k, v] of Object.entries(req.headers)) io.log(`${k}: ${v}`);
  io.log('');
  for (const line of JSON.stringify(req.body, null, 2).split('\n')) io.log(line);
}

/** The OpenQASM 3 text inside an IBM Sampler body (params.pubs[0][0]), for reading without JSON escapes. */
function ibmProgram(body: unknown): string | undefined {
  const pubs = (body as { params?: { pubs?: unknown[][] } }).params?.pubs;
  const program = pubs?.[0]?.[0];
  return typeof program === 'string' ? program : undefined;
}

export async function main(io: ExampleIo = { log: (line) => console.log(line) }): Promise<void> {
  const env = FAKE_ENV;
  const store = JobStore.fromEnv(env);
  const circuit = bellCircuit();

  for (const spec of ['ibm:ibm_fez', 'ionq:qpu.aria-1']) {
    const backend = openBackend(parseBackendSpec(spec), { env, store, requireCredentials: false });
    // live: false uses the built-in device data, as a dry run does; nothing leaves the machine.
    const prepared = await prepareSubmission(backend, circuit, { shots: 1000 }, { transpile: true, live: false, seed: 1 });
    const target = prepared.target!;
    io.log(`== ${spec}: lowered for ${target.name}, ${verify(prepared.circuit, target).length} target violations; dry run, nothing sent`);
    const req = backend.preview(prepared.circuit, { shots: 1000 });
    if (req === null) continue;
    printRequest(io, req);
    const program = ibmProgram(req.body);
    if (program !== undefined) {
      io.log('the pub\'s program, unescaped:');
      for (const line of program.trimEnd().split('\n')) io.log(`  ${line}`);
    }
    io.log('');
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
