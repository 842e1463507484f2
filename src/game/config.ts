/**
 * Table configuration through boardgame.io's `setupData` (public through the lobby
 * API, so it holds nothing secret): a scenario, optional overrides, and the role of
 * every seat. `validateSetupData` explains every refusal in a sentence.
 * @module
 */
import { SCENARIOS, type ScenarioId, type ScenarioOptions } from './scenarios.ts';
import type { Role, Seat, SeatId } from './types.ts';

/** What the host chooses when creating a table. */
export interface SetupData {
  readonly scenario: ScenarioId;
  /** Overrides of the scenario's options (any scenario; all of them for "custom"). */
  readonly options?: Partial<ScenarioOptions>;
  /** The role of each seat, by player id order. */
  readonly seats: readonly Role[];
  /** Display names, by seat (defaults: Alice, Bob, Carol, Carrier, …). */
  readonly names?: readonly string[];
  /**
   * The table's day timer in seconds (game.md §4: optional). The game keeps no clock: a
   * hosted judge bot ends the day when it runs out; the number is public so every
   * screen can show it.
   */
  readonly dayTimerSeconds?: number;
}

const ROLES: readonly Role[] = ['sender', 'carrier', 'relay', 'investigator', 'judge'];
const CREW_NAMES = ['Alice', 'Bob', 'Carol'];
const ROLE_NAMES: Record<Exclude<Role, 'sender'>, string> = {
  carrier: 'Carrier',
  relay: 'Relay operator',
  investigator: 'Investigator',
  judge: 'Judge',
};
const NAME = /^[\x20-\x7e]{1,32}$/;

type Check = readonly [ok: boolean, message: string];
const INT_OPTIONS: Record<string, [number, number]> = {
  days: [1, 10],
  messagesPerDay: [1, 10],
  ghostLeads: [0, 10],
  tipLeads: [0, 10],
};
const CHANCE_OPTIONS = ['forensicUnlockChance', 'contestUpheldChance'];
const BOOL_OPTIONS = ['deviceHeldBackups', 'keyTransparency', 'contactVerification', 'ghostOrders', 'ghostHiding'];

function optionChecks(options: Record<string, unknown>, crew: number): Check[] {
  const checks: Check[] = [];
  for (const [key, value] of Object.entries(options)) {
    if (Object.hasOwn(INT_OPTIONS, key)) {
      const [lo, hi] = INT_OPTIONS[key] as [number, number];
      checks.push([
        Number.isInteger(value) && (value as number) >= lo && (value as number) <= hi,
        `options.${key} must be a whole number from ${lo} to ${hi}`,
      ]);
    } else if (CHANCE_OPTIONS.includes(key)) {
      checks.push([
        typeof value === 'number' && value >= 0 && value <= 1,
        `options.${key} must be a probability from 0 to 1`,
      ]);
    } else if (BOOL_OPTIONS.includes(key)) {
      checks.push([typeof value === 'boolean', `options.${key} must be true or false`]);
    } else if (key === 'backupDefault') {
      checks.push([value === 'off' || value === 'escrowed', 'options.backupDefault must be "off" or "escrowed"']);
    } else if (key === 'withoutMessenger') {
      checks.push([
        Array.isArray(value) && value.every((i) => Number.isInteger(i) && i >= 1 && i < crew),
        'options.withoutMessenger lists crew positions 1 … crew size − 1 (the planner always has the messenger)',
      ]);
    } else {
      checks.push([false, `options.${key} is not an option`]);
    }
  }
  return checks;
}

/**
 * boardgame.io's `validateSetupData`: returns a message for the first problem, or
 * undefined when the table can be created.
 * @param data - the host's setup data
 * @param numPlayers - the match's number of seats
 */
export function validateSetupData(data: SetupData | undefined, numPlayers: number): string | undefined {
  if (typeof data !== 'object' || data === null) return 'setupData is required: { scenario, seats }';
  if (!(typeof data.scenario === 'string' && data.scenario in SCENARIOS)) {
    return `unknown scenario "${String(data.scenario)}"; choose one of ${Object.keys(SCENARIOS).join(', ')}`;
  }
  if (!Array.isArray(data.seats)) return 'seats must list the role of every seat';
  if (data.seats.length !== numPlayers)
    return `seats lists ${data.seats.length} roles but the table has ${numPlayers} seats`;
  const bad = data.seats.find((r) => !ROLES.includes(r));
  if (bad !== undefined) return `unknown role "${String(bad)}"; roles are ${ROLES.join(', ')}`;
  const count = (role: Role) => data.seats.filter((r) => r === role).length;
  const crew = count('sender');
  if (crew < 2 || crew > 3) return `a table needs 2 or 3 senders (the crew), not ${crew}`;
  for (const role of ['carrier', 'relay', 'investigator', 'judge'] as const) {
    if (count(role) !== 1) return `a table needs exactly one ${role} seat (a bot can play it), not ${count(role)}`;
  }
  if (data.names !== undefined) {
    if (!Array.isArray(data.names) || data.names.length !== numPlayers) return 'names, if given, must name every seat';
    if (!data.names.every((n) => typeof n === 'string' && NAME.test(n)))
      return 'each name must be 1–32 printable characters';
  }
  if (data.dayTimerSeconds !== undefined) {
    const t = data.dayTimerSeconds;
    if (!Number.isInteger(t) || t < 30 || t > 3600) return 'dayTimerSeconds must be a whole number from 30 to 3600';
  }
  if (data.options !== undefined) {
    if (typeof data.options !== 'object' || data.options === null) return 'options must be an object';
    const failed = optionChecks(data.options as Record<string, unknown>, crew).find(([ok]) => !ok);
    if (failed) return failed[1];
  }
  return undefined;
}

/** The options in force: the scenario's, overridden by the host's. */
export function resolveOptions(data: SetupData): ScenarioOptions {
  return { ...SCENARIOS[data.scenario].options, ...data.options };
}

/** The phone number (account and SIM line) of the crew member at position `i`. */
export function phoneNumber(i: number): string {
  return `+1408555010${i + 1}`;
}

/** Builds the seats from the setup data. */
export function buildSeats(data: SetupData, options: ScenarioOptions): Record<SeatId, Seat> {
  const seats: Record<SeatId, Seat> = {};
  let crewIndex = 0;
  data.seats.forEach((role, i) => {
    const id = String(i);
    const given = data.names?.[i];
    if (role === 'sender') {
      const position = crewIndex++;
      seats[id] = {
        id,
        role,
        name: given ?? CREW_NAMES[position] ?? `Crew ${position + 1}`,
        account: phoneNumber(position),
        planner: position === 0,
        hasMessenger: !options.withoutMessenger.includes(position),
      };
    } else {
      seats[id] = { id, role, name: given ?? ROLE_NAMES[role] };
    }
  });
  return seats;
}
