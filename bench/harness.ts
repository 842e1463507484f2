/**
 * A small benchmark harness: warm up, then time `runs` batches of `iterations` calls
 * and report the median time per call. Candidates of one row are measured
 * interleaved (A, B, C, A, B, C, …) so that machine noise hits them alike.
 */

/** One implementation of an operation under test. */
export interface Candidate {
  readonly name: string;
  readonly run: () => unknown;
}

/** Median milliseconds per call for each candidate. */
export type RowResult = Record<string, number>;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

async function timeBatch(candidate: Candidate, iterations: number): Promise<number> {
  const start = performance.now();
  for (let i = 0; i < iterations; i++) await candidate.run();
  return (performance.now() - start) / iterations;
}

/**
 * Measures candidates side by side.
 * @param candidates - implementations of the same operation
 * @param options - batches (≥ 5), calls per batch, warm-up calls
 */
export async function measure(
  candidates: readonly Candidate[],
  options: { runs?: number; iterations?: number; warmup?: number } = {},
): Promise<RowResult> {
  const runs = Math.max(5, options.runs ?? 7);
  const iterations = options.iterations ?? 50;
  const warmup = options.warmup ?? 20;
  for (const c of candidates) for (let i = 0; i < warmup; i++) await c.run();
  const samples = new Map<string, number[]>(candidates.map((c) => [c.name, []]));
  for (let r = 0; r < runs; r++) {
    for (const c of candidates) samples.get(c.name)?.push(await timeBatch(c, iterations));
  }
  return Object.fromEntries([...samples].map(([name, values]) => [name, median(values)]));
}
