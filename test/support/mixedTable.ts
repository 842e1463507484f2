/**
 * A table of three hosted bots and three simulated people (a sender, the relay and the
 * judge), as the scale-out tests play it: created through one server, joined through
 * another (or the same), the people playing at the hosted bots' pace.
 */
import type { StorageAPI } from 'boardgame.io';
import { postJson } from './nodeServer.ts';
import { type SeatPlayer, seatPlayer } from './seatPlayer.ts';

/** The seats: bots at 0, 2, 4; people at 1, 3, 5. */
const SEATS = [
  { role: 'sender', bot: true },
  { role: 'sender', bot: false },
  { role: 'carrier', bot: true },
  { role: 'relay', bot: false },
  { role: 'investigator', bot: true },
  { role: 'judge', bot: false },
] as const;

/**
 * Creates a two-day table through `maker` and seats three simulated people through `joiner`.
 * @param store - the match store (the people's clients read their phone numbers from it)
 * @param label - tells this table's people apart in their names
 */
export async function mixedTable(
  maker: { readonly url: string },
  joiner: { readonly url: string },
  store: Pick<StorageAPI.Async, 'fetch'>,
  label: string,
): Promise<{ matchID: string; players: SeatPlayer[] }> {
  const table = await postJson<{ matchID: string; code: string }>(maker.url, '/api/tables', {
    scenario: 'san-jose-2013',
    options: { days: 2 },
    seats: SEATS,
  });
  const players: SeatPlayer[] = [];
  for (const role of ['sender', 'relay', 'judge'] as const) {
    const ticket = await postJson<{ matchID: string; playerID: string; credentials: string }>(joiner.url, '/api/join', {
      code: table.code,
      name: `${role} ${label}`,
      role,
    });
    // The hosted bots' pace: a move not answered in 1.5 s counts as refused.
    players.push(await seatPlayer({ url: joiner.url, store }, { ...ticket, role }, { paceMs: 1500 }));
  }
  return { matchID: table.matchID, players };
}
