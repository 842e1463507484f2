/**
 * `going-dark simulate --scenario <id> --games <n> --seed <s> [--bots role=personality,…]
 * [--crew 2|3] [--check-invariants] [--json]` — plays whole games headless with bots in
 * every seat and reports the balance. Game i uses seed `<s>/<i>`, so the same seed gives
 * the same games.
 * @module
 */
import { parseArgs } from 'node:util';
import { type Role, SCENARIOS, type ScenarioId } from '../game/index.ts';
import { PERSONALITIES } from './index.ts';
import { aggregate, formatReport } from './report.ts';
import { type GameSummary, playGame } from './simulate.ts';
import type { Personalities } from './types.ts';

const USAGE = `usage: going-dark simulate --scenario <${Object.keys(SCENARIOS).join('|')}> --games <n> --seed <s>
       [--bots role=personality,...] [--crew 2|3] [--check-invariants] [--json]
personalities: ${Object.entries(PERSONALITIES)
  .map(([role, list]) => `${role}=${list.join('|')}`)
  .join(', ')}`;

function fail(message: string): never {
  process.stderr.write(`going-dark: ${message}\n${USAGE}\n`);
  process.exit(2);
}

function parseBots(spec: string | undefined): Partial<Personalities> {
  const out: Record<string, string> = {};
  for (const pair of (spec ?? '').split(',').filter(Boolean)) {
    const [role, personality] = pair.split('=');
    const allowed = PERSONALITIES[role as Role] as readonly string[] | undefined;
    if (!allowed) fail(`unknown role "${role}" in --bots`);
    if (!personality || !allowed.includes(personality)) fail(`"${personality}" is not a ${role} personality`);
    out[role as string] = personality;
  }
  return out as Partial<Personalities>;
}

/** Runs the CLI with the given arguments (without node and the script). */
export function main(argv: string[]): void {
  const [command, ...rest] = argv;
  if (command !== 'simulate') fail(command ? `unknown command "${command}"` : 'a command is required');
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: rest,
      options: {
        scenario: { type: 'string', default: 'san-jose-2013' },
        games: { type: 'string', default: '100' },
        seed: { type: 'string', default: '1' },
        bots: { type: 'string' },
        crew: { type: 'string', default: '2' },
        'check-invariants': { type: 'boolean', default: false },
        json: { type: 'boolean', default: false },
      },
      strict: true,
    }));
  } catch (e) {
    fail((e as Error).message);
  }
  const scenario = String(values.scenario) as ScenarioId;
  if (!(scenario in SCENARIOS)) fail(`unknown scenario "${scenario}"`);
  const games = Number(values.games);
  if (!Number.isInteger(games) || games < 1 || games > 100_000) fail('--games must be a whole number from 1 to 100000');
  const crew = Number(values.crew);
  if (crew !== 2 && crew !== 3) fail('--crew must be 2 or 3');
  const seed = String(values.seed);
  const personalities = parseBots(values.bots as string | undefined);
  const seats: Role[] = [...Array<Role>(crew).fill('sender'), 'carrier', 'relay', 'investigator', 'judge'];
  const checkInvariants = values['check-invariants'] === true;

  // boardgame.io reports every refused move on the console; a bot's refusal is routine here.
  let refusedMoves = 0;
  console.error = () => {
    refusedMoves++;
  };
  const start = performance.now();
  const perGame: GameSummary[] = [];
  for (let i = 0; i < games; i++) {
    perGame.push(playGame({ setup: { scenario, seats }, seed: `${seed}/${i}`, personalities, checkInvariants }));
    if (!values.json && process.stderr.isTTY) process.stderr.write(`\r${i + 1}/${games} games`);
  }
  const elapsedMs = performance.now() - start;
  const gamesPerSecond = (1000 * games) / elapsedMs;
  const report = aggregate(perGame);
  if (values.json) {
    const { crew: c, investigator, draw } = report.outcomes;
    const out = {
      scenario,
      seed,
      games,
      bots: personalities,
      elapsedMs: Math.round(elapsedMs),
      gamesPerSecond: Number(gamesPerSecond.toFixed(2)),
      outcomes: { crew: c, investigator, draw },
      winPaths: report.winPaths,
      perGame: perGame.map((g) => ({
        seed: g.seed,
        outcome: g.outcome,
        days: g.days,
        evidence: g.evidence,
        messages: g.messages,
        ghostAdded: g.ghostAdded,
        ghostDetected: g.ghostDetected,
        invariantViolations: g.invariantViolations,
      })),
    };
    process.stdout.write(`${JSON.stringify(out)}\n`);
  } else {
    if (process.stderr.isTTY) process.stderr.write('\n');
    const header = `${SCENARIOS[scenario].title} — ${games} games, seed ${seed}, bots ${JSON.stringify(personalities)}`;
    process.stdout.write(
      `${formatReport(report, header, gamesPerSecond)}\n\nMoves refused by the referee: ${refusedMoves}\n`,
    );
  }
  if ((checkInvariants && report.invariantViolations > 0) || report.outcomes.stalled > 0) process.exitCode = 1;
}
