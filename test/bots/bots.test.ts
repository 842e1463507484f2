import { Client } from 'boardgame.io/client';
import { createMatch, ProcessGameConfig } from 'boardgame.io/internal';
import { Local } from 'boardgame.io/multiplayer';
import { describe, expect, it } from 'vitest';
import { createBot, PERSONALITIES, runBot } from '../../src/bots/index.ts';
import { playGame } from '../../src/bots/simulate.ts';
import type { Personalities } from '../../src/bots/types.ts';
import { seededRandom } from '../../src/crypto/index.ts';
import { createGame, phoneNumber, type Role, SCENARIOS, type ScenarioId } from '../../src/game/index.ts';

const SEATS: Role[] = ['sender', 'sender', 'sender', 'carrier', 'relay', 'investigator', 'judge'];

function personalities(which: 0 | 1): Personalities {
  return {
    sender: PERSONALITIES.sender[which] as Personalities['sender'],
    carrier: PERSONALITIES.carrier[which] as Personalities['carrier'],
    relay: PERSONALITIES.relay[which] as Personalities['relay'],
    investigator: PERSONALITIES.investigator[which] as Personalities['investigator'],
    judge: PERSONALITIES.judge[which] as Personalities['judge'],
  };
}

describe('bots play whole games', () => {
  const scenarios = Object.keys(SCENARIOS) as ScenarioId[];
  it.each(scenarios.flatMap((s) => [0, 1].map((w) => [s, w as 0 | 1] as const)))(
    'in %s with every role’s personality #%i',
    (scenario, which) => {
      const summary = playGame({
        setup: { scenario, seats: SEATS },
        seed: `bots/${scenario}/${which}`,
        personalities: personalities(which),
      });
      expect(summary.outcome).not.toBe('stalled');
      expect(['crew', 'investigator', 'draw']).toContain(summary.outcome);
      if (summary.outcome === 'investigator') expect(summary.winPath).toBeDefined();
    },
  );

  it('the same seed gives the same game', () => {
    const setup = { scenario: 'san-jose-2013' as const, seats: SEATS };
    expect(playGame({ setup, seed: 'same' })).toEqual(playGame({ setup, seed: 'same' }));
  });

  it('as ordinary boardgame.io clients over Local(), each seeing only its own view', async () => {
    const setup = { scenario: 'san-jose-2013' as const, seats: SEATS.slice(1) };
    const game = createGame({ entropy: seededRandom('local/entropy') });
    const clientGame = createGame();
    const multiplayer = Local();
    const clients = setup.seats.map((_, i) =>
      Client({
        game: clientGame,
        numPlayers: setup.seats.length,
        playerID: String(i),
        multiplayer,
        matchID: 'bots',
        debug: false,
      }),
    );
    const master = (
      clients[0] as unknown as {
        transport: { master: { game: unknown; storageAPI: { createMatch: (id: string, m: object) => void } } };
      }
    ).transport.master;
    master.game = ProcessGameConfig(game);
    const match = createMatch({ game, numPlayers: setup.seats.length, setupData: setup, unlisted: true });
    if ('setupDataError' in match) throw new Error('bad setup');
    master.storageAPI.createMatch('bots', match);
    let crew = 0;
    const stops = clients.map((client, i) => {
      const role = setup.seats[i] as Role;
      const account = role === 'sender' ? phoneNumber(crew++) : undefined;
      const bot = createBot({ role, ...(account ? { account } : {}), random: seededRandom(`local/${i}`) });
      client.start();
      return runBot(client as never, bot);
    });
    const over = await new Promise<unknown>((resolve) => {
      const check = setInterval(() => {
        const gameover = clients[0]?.getState()?.ctx.gameover;
        if (gameover !== undefined) {
          clearInterval(check);
          resolve(gameover);
        }
      }, 20);
    });
    for (const stop of stops) stop();
    for (const c of clients) c.stop();
    expect(over).toMatchObject({ winner: expect.stringMatching(/crew|investigator|draw/) });
  }, 60_000);
});
