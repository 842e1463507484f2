/**
 * The headless simulator: plays whole games with a bot in every seat, driving the
 * game reducer directly (no transport, no storage) — each bot still reads only its own
 * seat's `playerView` and holds only its own keys. The same seed gives the same game.
 * @module
 */
import type { State } from 'boardgame.io';
import { CreateGameReducer, InitializeGame, ProcessGameConfig } from 'boardgame.io/internal';
import { seededRandom, toHex } from '../crypto/index.ts';
import { MemoryKeyStore } from '../device/index.ts';
import { createGame, type GameState, phoneNumber, playerView, type Role, type SetupData } from '../game/index.ts';
/** Where the investigator's winning key came from. */
import { type KeySource, keySource } from '../game/winPath.ts';
import { createBot } from './index.ts';
import { leaks, unlawfulWin } from './invariants.ts';
import type { Bot, Personalities } from './types.ts';

export type { KeySource };

/** One evidence item of a game. */
export interface EvidenceSummary {
  readonly item: string;
  readonly keySource: KeySource | 'other';
  readonly order?: string;
  readonly admissible: boolean;
}

/** One simulated game. */
export interface GameSummary {
  readonly seed: string;
  readonly outcome: 'crew' | 'investigator' | 'draw' | 'stalled';
  readonly days: number;
  readonly evidence: EvidenceSummary[];
  readonly winPath?: KeySource;
  readonly messages: { secure: number; sms: number };
  readonly ghostAdded: number;
  readonly ghostDetected: number;
  readonly orders: Record<string, Record<string, number>>;
  readonly actions: number;
  invariantViolations: number;
}

/** Options of one simulated game. */
export interface GameOptions {
  readonly setup: SetupData;
  readonly seed: string;
  readonly personalities?: Partial<Personalities>;
  /** Check the invariants (no secret in any view; no unlawful win) after every action and at the end. */
  readonly checkInvariants?: boolean;
  /** Safety stop. */
  readonly maxActions?: number;
  /** Receives the final state (tests and debugging). */
  readonly onFinish?: (state: State<GameState>) => void;
}

function summarise(
  state: State<GameState>,
  seed: string,
  actions: number,
  violations: number,
  stalled: boolean,
): GameSummary {
  const G = state.G;
  const evidence = G.proofs
    .filter((p) => p.purpose === 'evidence')
    .map((p) => {
      const { source, order } = keySource(G, p);
      return {
        item: `${p.item.kind}:${p.item.id}`,
        keySource: source,
        ...(order ? { order } : {}),
        admissible: p.accepted,
      };
    });
  const winning = G.outcome?.winner === 'investigator' ? evidence.filter((e) => e.admissible).at(-1) : undefined;
  const orders: Record<string, Record<string, number>> = {};
  for (const d of G.documents) {
    const key = d.informal ? `${d.type} (informal)` : d.type;
    const byStatus = orders[key] ?? {};
    byStatus[d.status] = (byStatus[d.status] ?? 0) + 1;
    orders[key] = byStatus;
  }
  const ghosts = G.devices.filter((d) => d.addedBy === 'relay');
  return {
    seed,
    outcome: stalled || !G.outcome ? 'stalled' : G.outcome.winner,
    days: G.day,
    evidence,
    ...(winning && winning.keySource !== 'other' ? { winPath: winning.keySource } : {}),
    messages: { secure: G.messages.length, sms: G.sms.length },
    ghostAdded: ghosts.length,
    ghostDetected: ghosts.filter((d) => d.discoveredDay !== undefined).length,
    orders,
    actions,
    invariantViolations: violations,
  };
}

/**
 * Plays one whole game.
 * @param options - table, seed, personalities, invariant checks
 */
export function playGame(options: GameOptions): GameSummary {
  const { setup, seed } = options;
  const game = ProcessGameConfig(createGame({ entropy: seededRandom(`${seed}/entropy`) }));
  const reducer = CreateGameReducer({ game, isClient: false });
  let state = InitializeGame({ game, numPlayers: setup.seats.length, setupData: setup }) as State<GameState>;
  let crew = 0;
  const bots = new Map<string, Bot>();
  const stores: MemoryKeyStore[] = [];
  setup.seats.forEach((role: Role, i) => {
    const id = String(i);
    const account = role === 'sender' ? phoneNumber(crew++) : undefined;
    // Unless chosen, each crew member is careful or careless by a fair, seeded coin: a real crew is mixed.
    const coin = (seededRandom(`${seed}/personality/${id}`)(1)[0] as number) < 128;
    const personality =
      options.personalities?.[role] ?? (role === 'sender' ? (coin ? 'careful' : 'careless') : undefined);
    const store = new MemoryKeyStore();
    stores.push(store);
    bots.set(
      id,
      createBot({
        role,
        ...(account ? { account } : {}),
        ...(personality ? { personality } : {}),
        store,
        random: seededRandom(`${seed}/${id}`),
      }),
    );
  });
  const check = (): number => {
    const secrets = new Set(stores.flatMap((s) => s.names().map((n) => toHex(s.get(n) as Uint8Array))));
    const ids: (string | null)[] = [...bots.keys(), null, '99'];
    const views = new Map(ids.map((id) => [String(id), playerView({ G: state.G, ctx: state.ctx, playerID: id })]));
    return leaks(views, state.G, secrets);
  };
  const maxActions = options.maxActions ?? 5000;
  let actions = 0;
  let violations = 0;
  let stalled = false;
  while (state.ctx.gameover === undefined && actions < maxActions) {
    let progressed = false;
    for (const [id, bot] of bots) {
      // A refused move teaches the bot; it may then propose something else in the same state.
      for (let attempt = 0; attempt < 25 && state.ctx.gameover === undefined; attempt++) {
        const view = playerView({ G: state.G, ctx: state.ctx, playerID: id });
        const action = bot.next(view, String(state.ctx.phase));
        if (!action) break;
        const next = reducer(state, {
          type: 'MAKE_MOVE',
          payload: { type: action.move, args: [action.args], playerID: id },
        } as never) as State<GameState>;
        if (next._stateID === state._stateID) {
          bot.refused(action);
          continue;
        }
        state = next;
        progressed = true;
        actions++;
        if (options.checkInvariants) violations += check();
        break;
      }
    }
    if (!progressed) {
      stalled = true;
      break;
    }
  }
  if (options.checkInvariants) violations += check() + unlawfulWin(state.G);
  options.onFinish?.(state);
  return summarise(state, seed, actions, violations, stalled || state.ctx.gameover === undefined);
}
