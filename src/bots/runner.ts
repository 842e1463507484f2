/**
 * Drives one boardgame.io client (local or over a socket) with a bot: on every new
 * state (guarded by `_stateID`, so at most one move per state) the bot reads the
 * seat's filtered view and proposes a move. A move the referee refused leaves the
 * state unchanged; the runner then tells the bot and asks again.
 * @module
 */
import type { SeatView } from '../game/index.ts';
import type { Bot } from './types.ts';

/** The parts of a boardgame.io client a bot uses. */
export interface BotClient {
  readonly moves: Record<string, ((args: unknown) => void) | undefined>;
  getState(): { G: unknown; ctx: { phase: string; gameover?: unknown }; _stateID: number } | null;
  subscribe(fn: (state: unknown) => void): () => void;
}

/**
 * Attaches a bot to a client; returns a function that detaches it.
 * @param client - a started boardgame.io client for the bot's seat
 * @param bot - the seat's bot
 * @param schedule - how to defer a move out of the subscription callback
 * @param tickMs - if set, the bot is also asked every `tickMs` while nothing changes (a clock-driven bot: a day timer)
 */
export function runBot(
  client: BotClient,
  bot: Bot,
  schedule: (fn: () => void) => void = (fn) => setTimeout(fn, 0),
  tickMs?: number,
): () => void {
  let last = -1;
  let stopped = false;
  const step = () => {
    if (stopped) return;
    const state = client.getState();
    if (!state || state.ctx.gameover !== undefined || state._stateID === last) return;
    last = state._stateID;
    const action = bot.next(state.G as SeatView, state.ctx.phase);
    if (!action) return;
    client.moves[action.move]?.(action.args);
    schedule(() => {
      if (stopped) return;
      // Unchanged state after our move: the referee refused it.
      const after = client.getState();
      if (after && after._stateID === last && after.ctx.gameover === undefined) {
        bot.refused(action);
        last = -1;
        step();
      }
    });
  };
  const unsubscribe = client.subscribe(() => schedule(step));
  schedule(step);
  const ticker =
    tickMs === undefined
      ? undefined
      : setInterval(() => {
          last = -1;
          step();
        }, tickMs);
  return () => {
    stopped = true;
    if (ticker) clearInterval(ticker);
    unsubscribe();
  };
}
