/**
 * What the server needs from its storage besides boardgame.io's match store, as
 * asynchronous interfaces that both backends implement: SQLite (one process, the
 * default) and PostgreSQL (DATABASE_URL, several processes).
 * @module
 */
import type { RandomSource } from '../../crypto/index.ts';
import type { KeyStore } from '../../device/keyStore.ts';
import type { SeatId } from '../../game/index.ts';
import type { BotSeat } from './botKeys.ts';

/** Join codes: one per match, unique among matches. */
export interface JoinCodes {
  /** The match's join code, made now if it has none. */
  createCode(matchID: string, random: RandomSource): Promise<string>;
  /** The match a code stands for (accepting lower case, spaces and dashes); undefined if unknown. */
  matchOf(code: string): Promise<string | undefined>;
  /** The match's join code, if it has one. */
  codeOf(matchID: string): Promise<string | undefined>;
}

/** One bot seat's key store, loaded into memory; writes go to the database in order. */
export interface SeatKeyStore extends KeyStore {
  /** Settles when every `set` made so far is in the database (rejects if one failed). */
  settled(): Promise<void>;
}

/**
 * The seats bots play on this deployment, with their keys. Each seat is hosted by one
 * process at a time: the process that saved it holds a lease it renews; a seat whose lease
 * ran out (its process died) is claimed by the next process that asks.
 */
export interface BotSeats {
  /** Loads one seat's keys. */
  openSeat(matchID: string, seat: SeatId): Promise<SeatKeyStore>;
  /** Records (or replaces) a bot seat, hosted by `host`. */
  saveSeat(seat: BotSeat, host: string): Promise<void>;
  /** Forgets a bot seat (a stand-in handed back); its keys stay until the match is wiped. */
  removeSeat(matchID: string, seat: SeatId): Promise<void>;
  /**
   * Renews `host`'s leases and claims the seats whose lease ran out (and `host`'s own,
   * after a restart): the seats `host` should now be running.
   */
  claimSeats(host: string): Promise<BotSeat[]>;
}
