/**
 * How every move of this game is declared: long-form, `redact: true` (arguments are
 * hidden from other seats in the log), `ignoreStaleStateID: true` (seats act at the
 * same time; boardgame.io would otherwise drop all but the first move per state),
 * and `client: false` (the referee alone runs moves: they read server-only state,
 * draw chance, verify keys, or end the day).
 * @module
 */
import type { Ctx, LongFormMove } from 'boardgame.io';
import type { GameState, SeatId } from '../types.ts';

/** boardgame.io's marker for a refused move (the value of `INVALID_MOVE` in boardgame.io/core). */
export const INVALID_MOVE = 'INVALID_MOVE' as const;

/** What a move function receives. */
export interface MoveContext {
  readonly G: GameState;
  readonly ctx: Ctx;
  readonly playerID: SeatId;
}

/** What a move body returns: INVALID_MOVE for malformed input, anything else for success. */
export type Outcome = typeof INVALID_MOVE | undefined;

/** A move body. */
export type MoveBody<A> = (context: MoveContext, args: A) => unknown;

/**
 * Declares a move taking one argument object.
 * @param body - the move
 */
export function move<A>(body: MoveBody<A>): LongFormMove<GameState> {
  return {
    move: ({ G, ctx, playerID }, args: A) =>
      body({ G, ctx, playerID }, args) === INVALID_MOVE ? INVALID_MOVE : undefined,
    redact: true,
    ignoreStaleStateID: true,
    client: false,
  };
}

/** True when `value` is a plain object (a move argument must be one). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
