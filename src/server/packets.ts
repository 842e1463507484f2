/**
 * What a client may send on the game socket, checked before boardgame.io reads it
 * (boardgameio-notes.md, "Server"; found by test/server/fuzz.test.ts). boardgame.io's
 * master trusts its packets: it runs any action type a client names (UPDATE, PATCH and
 * RESET replace the state), finds a move by `name in moves` (so `toString` is a move),
 * formats refused arguments into a string (an object with its own `toString` throws),
 * and keeps a queue per match id it is sent. So only these pass:
 * - `sync(matchID, playerID?, credentials?, numPlayers?)` with short strings;
 * - `update(action, stateID, matchID, playerID)` for a match this socket has synced, where
 *   the action is a MAKE_MOVE of a move the game has, for the seat the packet names, with
 *   plain, shallow arguments.
 * @module
 */

/** The longest match id, seat id or credentials string a client may send. */
const MAX_ID = 128;
/** How deep and how big a move's argument may be (the largest real one, an envelope, is far smaller). */
const MAX_DEPTH = 12;
const MAX_NODES = 20_000;
/** Keys that would reach an object's prototype or change how it turns into a string. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype', 'toString', 'valueOf', 'toJSON']);

function shortString(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0 && value.length <= MAX_ID;
}

function plainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** Whether a value is JSON-like data: strings, finite numbers, booleans, null, arrays and plain objects, bounded. */
export function plainData(value: unknown): boolean {
  let nodes = 0;
  const visit = (v: unknown, depth: number): boolean => {
    if (++nodes > MAX_NODES || depth > MAX_DEPTH) return false;
    if (v === null || typeof v === 'string' || typeof v === 'boolean') return true;
    if (typeof v === 'number') return Number.isFinite(v);
    if (Array.isArray(v)) return v.every((x) => visit(x, depth + 1));
    if (!plainObject(v)) return false;
    for (const key of Object.keys(v)) {
      if (FORBIDDEN_KEYS.has(key) || !visit(v[key], depth + 1)) return false;
    }
    return true;
  };
  return visit(value, 0);
}

/** Why a sync packet is refused; undefined when it may pass. */
export function syncProblem(args: readonly unknown[]): string | undefined {
  const [matchID, playerID, credentials, numPlayers] = args;
  if (!shortString(matchID)) return 'sync without a match id';
  if (playerID !== undefined && playerID !== null && !shortString(playerID)) return 'sync with a malformed seat';
  if (credentials !== undefined && credentials !== null && !shortString(credentials)) {
    return 'sync with malformed credentials';
  }
  if (numPlayers !== undefined && !(Number.isInteger(numPlayers) && (numPlayers as number) > 0)) {
    return 'sync with a malformed player count';
  }
  return undefined;
}

/**
 * Why an update packet is refused; undefined when it may pass.
 * @param args - the packet after its event name: action, stateID, matchID, playerID
 * @param moves - the names of the game's moves
 * @param synced - the matches this socket has synced
 */
export function updateProblem(
  args: readonly unknown[],
  moves: ReadonlySet<string>,
  synced: ReadonlySet<string>,
): string | undefined {
  const [action, stateID, matchID, playerID] = args;
  if (!shortString(matchID) || !synced.has(matchID)) return 'update for a match this socket has not synced';
  if (!shortString(playerID)) return 'update without a seat';
  if (!(Number.isInteger(stateID) && (stateID as number) >= 0)) return 'update with a malformed state id';
  if (!plainObject(action) || action.type !== 'MAKE_MOVE') return 'update that is not a move';
  const payload = action.payload;
  if (!plainObject(payload)) return 'move without a payload';
  if (payload.playerID !== playerID) return 'update for another seat than the one it authenticates as';
  if (typeof payload.type !== 'string' || !moves.has(payload.type)) return 'move the game does not have';
  if (payload.credentials !== undefined && !shortString(payload.credentials)) return 'move with malformed credentials';
  const moveArgs = payload.args;
  if (moveArgs !== undefined && moveArgs !== null && !(Array.isArray(moveArgs) && moveArgs.length <= 1)) {
    return 'move with malformed arguments';
  }
  if (!plainData(moveArgs ?? null)) return 'move with arguments that are not plain data';
  return undefined;
}

/** The names of every move of a game, in every phase and stage (own properties only). */
export function moveNamesOf(game: {
  moves?: object;
  phases?: Record<string, { moves?: object; turn?: { stages?: Record<string, { moves?: object }> } }>;
}): Set<string> {
  const names = new Set<string>();
  const add = (moves: object | undefined) => {
    for (const name of Object.keys(moves ?? {})) names.add(name);
  };
  add(game.moves);
  for (const phase of Object.values(game.phases ?? {})) {
    add(phase.moves);
    for (const stage of Object.values(phase.turn?.stages ?? {})) add(stage.moves);
  }
  return names;
}
