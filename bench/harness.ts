/**
 * A small benchmark harness. After a warm-up, it runs `rounds` rounds; in each round
 * every candidate times one batch of `batch` calls, one candidate right after the
 * other. A candidate's figure is the median of its per-call times over the rounds,
 * and a comparison between two candidates is the median of their per-round ratios,
 * so that a burst of noise on a shared machine lands on one round, not on one side.
 */

/** One implementation of an operation under test. */
export interface Candidate {
  readonly name: string;
  readonly run: () => unknown;
}

/** Per-candidate samples (ms per call, one per round) and their medians. */
export interface Measurement {
  readonly median: Record<string, number>;
  readonly samples: Record<string, number[]>;
}

/** The median of a list of numbers. */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

async function timeBatch(candidate: Candidate, calls: number): Promise<number> {
  const start = performance.now();
  for (let i = 0; i < calls; i++) await candidate.run();
  return (performance.now() - start) / calls;
}

/**
 * Measures candidates side by side.
 * @param candidates - implementations of the same operation
 * @param options - rounds (at least 5), calls per batch, warm-up calls per candidate
 */
export async function measure(
  candidates: readonly Candidate[],
  options: { rounds?: number; batch?: number; warmup?: number } = {},
): Promise<Measurement> {
  const rounds = Math.max(5, options.rounds ?? 25);
  const batch = options.batch ?? 10;
  const warmup = options.warmup ?? 30;
  for (const c of candidates) for (let i = 0; i < warmup; i++) await c.run();
  const samples: Record<string, number[]> = Object.fromEntries(candidates.map((c) => [c.name, []]));
  for (let r = 0; r < rounds; r++) {
    // Alternate the order each round so neither side always runs first.
    const order = r % 2 ? [...candidates].reverse() : candidates;
    for (const c of order) samples[c.name]?.push(await timeBatch(c, batch));
  }
  return {
    samples,
    median: Object.fromEntries(Object.entries(samples).map(([name, values]) => [name, median(values)])),
  };
}

/**
 * The median over rounds of `a`'s time divided by `b`'s time in the same round.
 * @param m - a measurement holding both candidates
 * @param a - numerator candidate
 * @param b - denominator candidate
 */
export function pairedRatio(m: Measurement, a: string, b: string): number | undefined {
  const as = m.samples[a];
  const bs = m.samples[b];
  if (!as || !bs) return undefined;
  return median(as.map((x, i) => x / (bs[i] as number)));
}
