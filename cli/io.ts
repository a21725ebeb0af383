/** Where CLI commands write: real streams in the binary, buffers in tests. */
export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  /** True when stderr is a terminal (progress bars are drawn only then). */
  readonly interactive: boolean;
  /** Width of the terminal stdout writes to, when it is one (drawings fold there). */
  readonly columns?: number;
  /** Environment variables (credentials, QNTK_HOME, endpoints). */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** How long a run goes before its progress bar appears (default one second; tests use 0). */
  readonly progressDelayMs?: number;
}

export const processIo: CliIo = {
  stdout: (t) => void process.stdout.write(t),
  stderr: (t) => void process.stderr.write(t),
  interactive: Boolean(process.stderr.isTTY),
  ...(process.stdout.isTTY && process.stdout.columns > 0 ? { columns: process.stdout.columns } : {}),
  env: process.env,
};

/** Print exactly one JSON object followed by a newline. */
export function printJson(io: CliIo, value: unknown): void {
  io.stdout(`${JSON.stringify(value, null, 2)}\n`);
}
