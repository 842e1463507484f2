import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { aggregate, wilson } from '../../src/bots/report.ts';
import type { GameSummary } from '../../src/bots/simulate.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');

describe('the simulator report', () => {
  it('gives the Wilson 95 % interval', () => {
    const s = wilson(50, 100);
    expect(s.rate).toBe(0.5);
    expect(s.low).toBeCloseTo(0.4038, 3);
    expect(s.high).toBeCloseTo(0.5962, 3);
    expect(wilson(0, 10).low).toBe(0);
    expect(wilson(10, 10).high).toBeCloseTo(1, 12);
  });

  it('aggregates outcomes, win paths and orders', () => {
    const game = (outcome: GameSummary['outcome'], winPath?: GameSummary['winPath']): GameSummary => ({
      seed: 's',
      outcome,
      days: 4,
      evidence: [],
      ...(winPath ? { winPath } : {}),
      messages: { secure: 2, sms: 1 },
      ghostAdded: 1,
      ghostDetected: 0,
      orders: { 'wiretap-sms': { complied: 1 } },
      actions: 10,
      invariantViolations: 0,
    });
    const r = aggregate([game('crew'), game('investigator', 'sim-wiretap'), game('draw')]);
    expect(r.outcomes).toEqual({ crew: 1, investigator: 1, draw: 1, stalled: 0 });
    expect(r.winPaths).toEqual({ 'sim-wiretap': 1 });
    expect(r.messages).toEqual({ secure: 6, sms: 3 });
    expect(r.orders).toEqual({ 'wiretap-sms': { complied: 3 } });
  });

  it('the CLI refuses bad arguments with a clear message and exit code 2', () => {
    const run = (...args: string[]) =>
      spawnSync(process.execPath, [join(root, 'bin/going-dark.mjs'), ...args], { cwd: root, encoding: 'utf8' });
    const bad = run('simulate', '--scenario', 'atlantis');
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('unknown scenario "atlantis"');
    expect(run('simulate', '--bots', 'judge=cruel').stderr).toContain('"cruel" is not a judge personality');
    expect(run('simulate', '--games', '0').status).toBe(2);
    expect(run('fly').status).toBe(2);
  });

  it('the CLI plays games and prints JSON in the documented shape', () => {
    const out = spawnSync(
      process.execPath,
      [join(root, 'bin/going-dark.mjs'), 'simulate', '--games', '2', '--seed', '7', '--check-invariants', '--json'],
      { cwd: root, encoding: 'utf8' },
    );
    expect(out.status).toBe(0);
    const report = JSON.parse(out.stdout);
    expect(Object.keys(report)).toEqual([
      'scenario',
      'seed',
      'games',
      'bots',
      'elapsedMs',
      'gamesPerSecond',
      'outcomes',
      'winPaths',
      'perGame',
    ]);
    expect(report.perGame).toHaveLength(2);
    expect(report.perGame[0].invariantViolations).toBe(0);
  }, 60_000);
});
