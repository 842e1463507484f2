/**
 * Aggregates simulated games into the simulator's report: outcomes with 95 % Wilson
 * confidence intervals, win paths, days, messages per channel, ghosts, orders.
 * @module
 */
import type { GameSummary, KeySource } from './simulate.ts';

/** A count with its share and 95 % Wilson score interval. */
export interface Share {
  readonly n: number;
  readonly rate: number;
  readonly low: number;
  readonly high: number;
}

/** The aggregated report. */
export interface Report {
  readonly games: number;
  readonly outcomes: { crew: number; investigator: number; draw: number; stalled: number };
  readonly shares: { crew: Share; investigator: Share; draw: Share };
  readonly winPaths: Partial<Record<KeySource, number>>;
  readonly meanDays: number;
  readonly messages: { secure: number; sms: number };
  readonly ghostAdded: number;
  readonly ghostDetected: number;
  readonly orders: Record<string, Record<string, number>>;
  readonly invariantViolations: number;
}

/** Wilson score interval for k successes in n trials at 95 %. */
export function wilson(k: number, n: number): Share {
  if (n === 0) return { n: k, rate: 0, low: 0, high: 0 };
  const z = 1.959964;
  const p = k / n;
  const denom = 1 + (z * z) / n;
  const centre = (p + (z * z) / (2 * n)) / denom;
  const half = (z * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n))) / denom;
  return { n: k, rate: p, low: Math.max(0, centre - half), high: Math.min(1, centre + half) };
}

/** Aggregates game summaries. */
export function aggregate(games: readonly GameSummary[]): Report {
  const outcomes = { crew: 0, investigator: 0, draw: 0, stalled: 0 };
  const winPaths: Partial<Record<KeySource, number>> = {};
  const orders: Record<string, Record<string, number>> = {};
  let days = 0;
  let secure = 0;
  let sms = 0;
  let ghostAdded = 0;
  let ghostDetected = 0;
  let invariantViolations = 0;
  for (const g of games) {
    outcomes[g.outcome]++;
    if (g.winPath) winPaths[g.winPath] = (winPaths[g.winPath] ?? 0) + 1;
    days += g.days;
    secure += g.messages.secure;
    sms += g.messages.sms;
    ghostAdded += g.ghostAdded;
    ghostDetected += g.ghostDetected;
    invariantViolations += g.invariantViolations;
    for (const [type, byStatus] of Object.entries(g.orders)) {
      const into = orders[type] ?? {};
      for (const [status, n] of Object.entries(byStatus)) into[status] = (into[status] ?? 0) + n;
      orders[type] = into;
    }
  }
  const n = games.length;
  return {
    games: n,
    outcomes,
    shares: {
      crew: wilson(outcomes.crew, n),
      investigator: wilson(outcomes.investigator, n),
      draw: wilson(outcomes.draw, n),
    },
    winPaths,
    meanDays: n ? days / n : 0,
    messages: { secure, sms },
    ghostAdded,
    ghostDetected,
    orders,
    invariantViolations,
  };
}

const pct = (x: number) => `${(100 * x).toFixed(1)} %`;

/** The report as a Markdown table for people. */
export function formatReport(r: Report, header: string, gamesPerSecond: number): string {
  const lines = [header, '', '| outcome | games | share | 95 % CI |', '| --- | ---: | ---: | --- |'];
  for (const k of ['crew', 'investigator', 'draw'] as const) {
    const s = r.shares[k];
    lines.push(`| ${k} | ${s.n} | ${pct(s.rate)} | ${pct(s.low)} – ${pct(s.high)} |`);
  }
  if (r.outcomes.stalled) lines.push(`| stalled | ${r.outcomes.stalled} | | |`);
  lines.push('', '| investigator win path | games |', '| --- | ---: |');
  for (const path of ['sim-wiretap', 'backup-warrant', 'seized-device', 'ghost-device'] as const) {
    lines.push(`| ${path} | ${r.winPaths[path] ?? 0} |`);
  }
  lines.push(
    '',
    `Mean days: ${r.meanDays.toFixed(2)} · messages: ${r.messages.secure} secure, ${r.messages.sms} SMS · ghost devices added ${r.ghostAdded}, detected ${r.ghostDetected} · invariant violations ${r.invariantViolations} · ${gamesPerSecond.toFixed(1)} games/s`,
    '',
    '| document | outcomes |',
    '| --- | --- |',
  );
  for (const [type, byStatus] of Object.entries(r.orders).sort()) {
    lines.push(
      `| ${type} | ${Object.entries(byStatus)
        .map(([s, n]) => `${s} ${n}`)
        .join(', ')} |`,
    );
  }
  return lines.join('\n');
}
