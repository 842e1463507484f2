/**
 * Seats receive moves as patches (src/server/updates/seatUpdates.ts) on the real server:
 * at a table of three hosted bots and three simulated people played to its end, each
 * person's client holds exactly its seat's view of the stored state, most updates after
 * the first arrive as patches, and they are less than half the size of whole states (a two-day game; late in a long game a view is 7–20 KB and a patch well under 1 KB). A
 * person who reconnects in the middle gets the whole state again and goes on.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { State } from 'boardgame.io';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type GameState, playerView } from '../../src/game/index.ts';
import { type RunningServer, startServer } from '../../src/server/app.ts';
import { readConfig } from '../../src/server/config.ts';
import { SeatUpdates, type SocketData } from '../../src/server/updates/seatUpdates.ts';
import { mixedTable } from '../support/mixedTable.ts';
import type { SeatPlayer } from '../support/seatPlayer.ts';

let server: RunningServer;

beforeAll(async () => {
  server = await startServer({
    ...readConfig({}),
    port: 0,
    dataDir: mkdtempSync(join(tmpdir(), 'gd-patches-')),
    createPerMinute: 1000,
  });
});

afterAll(async () => {
  await server?.stop();
});

/** What one seat's socket received: whole states and patches, with their JSON sizes. */
interface Received {
  updates: number;
  patches: number;
  updateBytes: number;
  patchBytes: number;
}

function listen(player: SeatPlayer): Received {
  const got: Received = { updates: 0, patches: 0, updateBytes: 0, patchBytes: 0 };
  const socket = (
    player.client as unknown as { transport: { socket: { on(e: string, f: (...a: unknown[]) => void): void } } }
  ).transport.socket;
  socket.on('update', (...args) => {
    got.updates++;
    got.updateBytes += JSON.stringify(args).length;
  });
  socket.on('patch', (...args) => {
    got.patches++;
    got.patchBytes += JSON.stringify(args).length;
  });
  return got;
}

/** The seat's view of the stored state, as JSON holds it. */
async function storedView(matchID: string, playerID: string): Promise<{ stateID: number; G: unknown }> {
  const { state } = (await server.store.fetch(matchID, { state: true })) as { state: State<GameState> };
  const G = playerView({ G: state.G, ctx: state.ctx, playerID });
  return { stateID: state._stateID, G: JSON.parse(JSON.stringify(G)) };
}

async function until(check: () => boolean, ms: number): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('moves sent as patches', () => {
  it('every person holds its seat view of the stored state at the end; most moves came as small patches', async () => {
    const { matchID, players } = await mixedTable(server, server, server.store, 'patches');
    const received = players.map(listen);
    try {
      // Mid-game, one person's connection drops and comes back: a new socket, sent the whole state.
      await until(() => (players[1]?.client.getState()?.ctx.phase ?? 'setup') !== 'setup', 60_000);
      const rejoining = players[1] as SeatPlayer;
      rejoining.client.stop();
      rejoining.client.start();
      const again = listen(rejoining);
      await until(() => players.every((p) => p.client.getState()?.ctx.gameover !== undefined), 120_000);
      // Let the last updates arrive.
      await new Promise((r) => setTimeout(r, 300));
      for (const player of players) {
        const state = player.client.getState();
        const playerID = player.client.playerID as string;
        const stored = await storedView(matchID, playerID);
        expect(state?._stateID).toBe(stored.stateID);
        expect(JSON.parse(JSON.stringify(state?.G))).toEqual(stored.G);
      }
      expect(again.updates + again.patches).toBeGreaterThan(0);
      // The sockets that lived through the game (the rejoining person's first socket saw only setup).
      for (const got of [received[0], received[2], again] as Received[]) {
        expect(got.patches).toBeGreaterThan(3 * got.updates);
        expect(got.patchBytes / got.patches).toBeLessThan(got.updateBytes / got.updates / 2);
      }
    } finally {
      for (const p of players) p.stop();
    }
  }, 150_000);
});

describe('what a socket is sent', () => {
  const state = (id: number, G: unknown) => ({ _stateID: id, G, ctx: {}, plugins: {} }) as unknown as State;
  const update = (s: State, log: unknown[] = []): SocketData => ({ type: 'update', args: ['m', s, log as never] });

  it('the whole state first, then patches from exactly the state it holds', () => {
    const updates = new SeatUpdates();
    const first = update(state(1, { a: [1] }));
    expect(updates.next('s', first)).toBe(first);
    expect(updates.next('s', update(state(2, { a: [1, 2] })))).toEqual({
      type: 'patch',
      args: [
        'm',
        1,
        2,
        [
          { op: 'add', path: '/_stateID', value: 2 },
          { op: 'add', path: '/G/a/-', value: 2 },
        ],
        [],
      ],
    });
    // Another socket has nothing yet: the whole state.
    expect(updates.next('t', update(state(2, {})))?.type).toBe('update');
  });

  it('nothing when the socket holds that very state (a refused move), unless there is a log to add', () => {
    const updates = new SeatUpdates();
    updates.next('s', update(state(3, { a: 1 })));
    expect(updates.next('s', update(state(3, { a: 1 })))).toBeUndefined();
    expect(updates.next('s', update(state(3, { a: 1 }), [{ _stateID: 3 }]))?.type).toBe('update');
  });

  it('an older state as it is (the client ignores it), and the socket keeps what it holds', () => {
    const updates = new SeatUpdates();
    updates.next('s', update(state(5, { a: 1 })));
    expect(updates.next('s', update(state(4, { a: 0 })))?.type).toBe('update');
    expect(updates.next('s', update(state(6, { a: 2 })))?.args.slice(1, 3)).toEqual([5, 6]);
  });

  it('the whole state again once the socket is forgotten (it synced or left)', () => {
    const updates = new SeatUpdates();
    updates.next('s', update(state(1, {})));
    updates.forget('s');
    expect(updates.size).toBe(0);
    expect(updates.next('s', update(state(2, {})))?.type).toBe('update');
  });

  it('other messages unchanged', () => {
    const chat: SocketData = { type: 'chat', args: ['m', { id: 'x' }] };
    expect(new SeatUpdates().next('s', chat)).toBe(chat);
  });
});
