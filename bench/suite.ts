/** One benchmark suite: prints lines as it goes and returns its figures for bench/results. */
export interface BenchSuite {
  readonly name: string;
  readonly describe: string;
  run(log: (line: string) => void): Promise<Record<string, unknown>>;
}
