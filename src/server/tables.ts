/**
 * Tables: creating a match with its seats (bots join at once, so credentials are always
 * required), join codes, joining by code, and table info. Every seat, bots included,
 * gets credentials here — the lobby is the only way into a match.
 * @module
 */
import type { Server } from 'boardgame.io';
import { createMatch } from 'boardgame.io/internal';
import type { z } from 'zod';
import { DEFAULT_PERSONALITIES, type Personality } from '../bots/index.ts';
import { type RandomSource, secureRandom, toHex } from '../crypto/index.ts';
import { createGame, phoneNumber, type Role, SCENARIOS, validateSetupData } from '../game/index.ts';
import type { CreateTable, Join, Solo } from './schemas.ts';

/** A refusal the API turns into a 4xx answer. */
export class TableError extends Error {
  constructor(
    readonly status: 400 | 404 | 409,
    message: string,
  ) {
    super(message);
  }
}

/** Where tables live: the match store, join codes and bot seats. */
export interface TableStorage {
  createMatch(matchID: string, opts: { initialState: unknown; metadata: Server.MatchData }): Promise<void>;
  fetch(matchID: string, opts: { metadata: true }): Promise<{ metadata?: Server.MatchData }>;
  setMetadata(matchID: string, metadata: Server.MatchData): Promise<void>;
  createCode(matchID: string, random: RandomSource): Promise<string>;
  matchOf(code: string): Promise<string | undefined>;
  codeOf(matchID: string): Promise<string | undefined>;
  saveBotSeat(seat: BotSeatRecord): Promise<void>;
  /**
   * Runs `fn` while no other process changes the match (several processes: the match
   * lock, which moves hold too); one process alone may just run it.
   */
  exclusive<T>(matchID: string, fn: () => Promise<T>): Promise<T>;
}

/** A bot seat as stored (its keys are in the bot key store). */
export interface BotSeatRecord {
  readonly matchID: string;
  readonly seat: string;
  readonly role: Role;
  readonly personality: Personality;
  readonly credentials: string;
}

/** Public information about a table. */
export interface TableInfo {
  readonly matchID: string;
  readonly code: string;
  readonly scenario: string;
  readonly title: string;
  readonly seats: { seat: string; role: Role; bot: boolean; taken: boolean; name?: string; joinPath?: string }[];
  readonly over: boolean;
}

interface SeatData {
  readonly role: Role;
  readonly bot: boolean;
  readonly personality?: string;
  readonly account?: string;
}

/** The lobby's table service. */
export class Tables {
  readonly #storage: TableStorage;
  readonly #random: RandomSource;
  readonly #onBot: (seat: BotSeatRecord) => void;
  #queue: Promise<unknown> = Promise.resolve();

  /**
   * @param storage - matches, codes, bot seats
   * @param onBot - starts a hosted bot for a bot seat
   * @param random - randomness for ids, codes and credentials
   */
  constructor(storage: TableStorage, onBot: (seat: BotSeatRecord) => void, random: RandomSource = secureRandom) {
    this.#storage = storage;
    this.#onBot = onBot;
    this.#random = random;
  }

  /** Runs table changes one at a time, so two joins never take the same seat. */
  #serial<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.#queue.then(fn, fn);
    this.#queue = run.catch(() => undefined);
    return run;
  }

  /** Creates a table; bot seats join at once. */
  create(request: z.infer<typeof CreateTable>): Promise<{ matchID: string; code: string; seats: TableInfo['seats'] }> {
    return this.#serial(async () => {
      const roles = request.seats.map((s) => s.role);
      const setupData = {
        scenario: request.scenario,
        seats: roles,
        ...(request.options ? { options: request.options } : {}),
        ...(request.dayTimerSeconds ? { dayTimerSeconds: request.dayTimerSeconds } : {}),
      };
      const problem = validateSetupData(setupData as never, roles.length);
      if (problem) throw new TableError(400, problem);
      const game = createGame();
      const match = createMatch({ game, numPlayers: roles.length, setupData, unlisted: true });
      if ('setupDataError' in match) throw new TableError(400, String(match.setupDataError));
      const matchID = toHex(this.#random(8));
      let crew = 0;
      const bots: BotSeatRecord[] = [];
      const metadata = match.metadata;
      request.seats.forEach((s, i) => {
        const account = s.role === 'sender' ? phoneNumber(crew++) : undefined;
        const data: SeatData = {
          role: s.role,
          bot: s.bot,
          ...(s.personality ? { personality: s.personality } : {}),
          ...(account ? { account } : {}),
        };
        const player = metadata.players[i] ?? { id: i };
        if (s.bot) {
          const credentials = toHex(this.#random(16));
          metadata.players[i] = { ...player, name: `${s.role} bot`, credentials, data };
          const personality = (s.personality ?? DEFAULT_PERSONALITIES[s.role]) as Personality;
          bots.push({ matchID, seat: String(i), role: s.role, credentials, personality });
        } else {
          metadata.players[i] = { ...player, data };
        }
      });
      metadata.setupData = setupData;
      await this.#storage.createMatch(matchID, { initialState: match.initialState, metadata });
      const code = await this.#storage.createCode(matchID, this.#random);
      for (const bot of bots) {
        await this.#storage.saveBotSeat(bot);
        this.#onBot(bot);
      }
      // Each seat a person can take gets its own link to the join page (the UI's hash route).
      const seats = seatsOf(metadata).map((s) => (s.bot ? s : { ...s, joinPath: `/#/join/${code}` }));
      return { matchID, code, seats };
    });
  }

  /** Joins a table by code, taking the preferred role if a seat of it is free. */
  join(request: z.infer<typeof Join>): Promise<{ matchID: string; playerID: string; credentials: string; role: Role }> {
    return this.#serial(async () => {
      const matchID = await this.#storage.matchOf(request.code);
      if (!matchID) throw new TableError(404, `no table has the code ${request.code}`);
      return this.#storage.exclusive(matchID, () => this.#takeSeat(matchID, request));
    });
  }

  /** Gives the request a free seat of the match (under the match's lock). */
  async #takeSeat(
    matchID: string,
    request: z.infer<typeof Join>,
  ): Promise<{ matchID: string; playerID: string; credentials: string; role: Role }> {
    const { metadata } = await this.#storage.fetch(matchID, { metadata: true });
    if (!metadata) throw new TableError(404, 'that table no longer exists');
    if (metadata.gameover !== undefined) throw new TableError(409, 'that game is over');
    const free = Object.values(metadata.players).filter((p) => !p.credentials && !(p.data as SeatData).bot);
    const seat =
      free.find((p) => !request.role || (p.data as SeatData).role === request.role) ??
      (request.role ? undefined : free[0]);
    if (!seat) {
      throw new TableError(409, request.role ? `no ${request.role} seat is free at this table` : 'every seat is taken');
    }
    const credentials = toHex(this.#random(16));
    metadata.players[seat.id] = { ...seat, name: request.name, credentials };
    await this.#storage.setMetadata(matchID, metadata);
    return { matchID, playerID: String(seat.id), credentials, role: (seat.data as SeatData).role };
  }

  /** Solo: a table with one human seat of the chosen role, bots elsewhere. */
  async solo(request: z.infer<typeof Solo>) {
    const roles: Role[] = ['sender', 'sender', 'carrier', 'relay', 'investigator', 'judge'];
    const human = roles.indexOf(request.role);
    const seats = roles.map((role, i) => ({ role, bot: i !== human }));
    const { matchID, code } = await this.create({ scenario: request.scenario, seats });
    const joined = await this.join({ code, name: request.name, role: request.role });
    return { ...joined, code, matchID };
  }

  /** Public information about a table. */
  async info(code: string): Promise<TableInfo> {
    const matchID = await this.#storage.matchOf(code);
    if (!matchID) throw new TableError(404, `no table has the code ${code}`);
    const { metadata } = await this.#storage.fetch(matchID, { metadata: true });
    if (!metadata) throw new TableError(404, 'that table no longer exists');
    const scenario = String((metadata.setupData as { scenario?: string } | undefined)?.scenario);
    return {
      matchID,
      code: (await this.#storage.codeOf(matchID)) ?? code,
      scenario,
      title: SCENARIOS[scenario as keyof typeof SCENARIOS]?.title ?? scenario,
      seats: seatsOf(metadata),
      over: metadata.gameover !== undefined,
    };
  }
}

function seatsOf(metadata: Server.MatchData): TableInfo['seats'] {
  return Object.values(metadata.players).map((p) => {
    const data = p.data as SeatData;
    return {
      seat: String(p.id),
      role: data.role,
      bot: data.bot,
      taken: !!p.credentials,
      ...(p.name ? { name: p.name } : {}),
    };
  });
}
