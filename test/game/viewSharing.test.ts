/**
 * The player view makes each record's view once per seat (src/game/view.ts, `viewOf`):
 * views of a state share every item they have in common, which the server's patches
 * skip without walking; a record changed (a new object, as immer makes) gets a new view;
 * and one seat's view of a record is never served to another seat.
 */
import * as nodeCrypto from 'node:crypto';
import type { Ctx, State } from 'boardgame.io';
import { beforeAll, describe, expect, it } from 'vitest';
import { playGame } from '../../src/bots/simulate.ts';
import { installNativeCrypto } from '../../src/crypto/nodeBackend.ts';
import { type GameState, playerView, type Role } from '../../src/game/index.ts';

const seats: Role[] = ['sender', 'sender', 'carrier', 'relay', 'investigator', 'judge'];
let G: GameState;
let ctx: Ctx;

beforeAll(() => {
  installNativeCrypto(nodeCrypto);
  let final: State<GameState> | undefined;
  playGame({
    setup: { scenario: 'san-jose-2013', seats },
    seed: 'bench/3',
    onFinish: (state) => {
      final = state as State<GameState>;
    },
  });
  if (!final) throw new Error('no game');
  G = final.G;
  // The views during play (after the game every seat sees the whole record as it is).
  ctx = { ...final.ctx, gameover: undefined };
});

const view = (g: GameState, playerID: string | null) => playerView({ G: g, ctx, playerID });

describe('views share what they have in common', () => {
  it('two views of a state for one seat are made of the same item objects', () => {
    expect(G.messages.length).toBeGreaterThan(3);
    for (const id of ['0', '2', '3', null]) {
      const [a, b] = [view(G, id), view(G, id)];
      for (const key of ['devices', 'messages', 'sms', 'proofs', 'events', 'documents'] as const) {
        expect(b[key]).toHaveLength(a[key].length);
        a[key].forEach((item, i) => {
          expect(b[key][i]).toBe(item);
        });
      }
    }
  });

  it('a list no move changed is the very same array in the next view', () => {
    const before = view(G, '4');
    const m = G.messages[0] as GameState['messages'][number];
    const after = view({ ...G, messages: [...G.messages.slice(1), m] }, '4');
    for (const key of ['devices', 'sms', 'proofs', 'events', 'documents', 'backups', 'escrow'] as const) {
      expect(after[key]).toBe(before[key]);
    }
    expect(after.messages).not.toBe(before.messages);
  });

  it('a changed record gets a new view; the others stay shared', () => {
    const before = view(G, '0');
    const i = G.messages.findIndex((m) => m.full.includes('0'));
    expect(i).toBeGreaterThanOrEqual(0);
    const m = G.messages[i] as GameState['messages'][number];
    // The message as immer would change it: a new object, here no longer readable by seat 0.
    const changed = { ...m, full: m.full.filter((s) => s !== '0'), meta: [...m.meta, '0'] };
    const after = view({ ...G, messages: G.messages.map((x, j) => (j === i ? changed : x)) }, '0');
    const was = before.messages.find((v) => v.seq === m.seq);
    const now = after.messages.find((v) => v.seq === m.seq);
    expect(was?.envelope).toBeDefined();
    expect(now?.envelope).toBeUndefined();
    expect(now?.recipients).toEqual(m.envelope.recipients);
    for (const v of after.messages) if (v.seq !== m.seq) expect(before.messages).toContain(v);
  });

  it('each seat gets its own view of a record, whichever seat asked first', () => {
    const m = G.messages.find((x) => x.full.includes('0') && !x.full.includes('2')) as GameState['messages'][number];
    expect(m).toBeDefined();
    const fresh = { ...G, messages: [{ ...m }] };
    // The carrier first, then a sender who can read it, then the carrier again.
    expect(view(fresh, '2').messages[0]).toEqual({
      seq: m.seq,
      day: m.day,
      size: m.size,
      dataFrom: m.envelope.fromAccount,
    });
    expect(view(fresh, '0').messages[0]?.envelope).toEqual(m.envelope);
    expect(view(fresh, '2').messages[0]?.envelope).toBeUndefined();
    expect(view(fresh, null).messages).toEqual([]);
  });
});
