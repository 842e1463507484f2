/**
 * Bots for every role: ordinary clients with their own devices and filtered views.
 * @module
 */
import type { RandomSource } from '../crypto/index.ts';
import {
  CarrierSwitch,
  CourtSigner,
  type KeyStore,
  MemoryKeyStore,
  RelayDesk,
  SenderDevice,
  Workstation,
} from '../device/index.ts';
import type { Role } from '../game/index.ts';
import { CarrierBot } from './carrier.ts';
import { InvestigatorBot } from './investigator.ts';
import { type DayTimer, JudgeBot } from './judge.ts';
import { RelayBot } from './relay.ts';
import { SenderBot } from './sender.ts';
import { type Bot, DEFAULT_PERSONALITIES, type Personalities, type Personality } from './types.ts';

export { type BotClient, runBot } from './runner.ts';
export { type Bot, type BotAction, DEFAULT_PERSONALITIES, type Personalities, type Personality } from './types.ts';

/** The personalities a role may take. */
export const PERSONALITIES: { readonly [R in Role]: readonly Personalities[R][] } = {
  sender: ['careless', 'careful'],
  carrier: ['diligent', 'sloppy'],
  relay: ['compliant', 'defiant'],
  investigator: ['cautious', 'aggressive'],
  judge: ['strict', 'lenient'],
};

/** What a bot needs to be built. */
export interface BotSeat {
  readonly role: Role;
  /** Crew seats: the member's phone number. */
  readonly account?: string;
  readonly personality?: Personality;
  /** The seat's key store (default: in memory). */
  readonly store?: KeyStore;
  readonly random: RandomSource;
  /** The judge bot: the table's day timer, enforced by ending the day. */
  readonly dayTimer?: DayTimer;
}

/**
 * Builds a seat's device and its bot.
 * @param seat - role, account, personality, key store, randomness
 */
export function createBot(seat: BotSeat): Bot {
  const store = seat.store ?? new MemoryKeyStore();
  const p = seat.personality;
  switch (seat.role) {
    case 'sender': {
      if (!seat.account) throw new Error('a crew bot needs its phone number');
      const device = new SenderDevice(seat.account, store, seat.random);
      return new SenderBot(device, (p as Personalities['sender']) ?? DEFAULT_PERSONALITIES.sender, seat.random);
    }
    case 'carrier':
      return new CarrierBot(
        new CarrierSwitch(store, seat.random),
        (p as Personalities['carrier']) ?? DEFAULT_PERSONALITIES.carrier,
      );
    case 'relay':
      return new RelayBot(
        new RelayDesk(store, seat.random),
        (p as Personalities['relay']) ?? DEFAULT_PERSONALITIES.relay,
      );
    case 'investigator':
      return new InvestigatorBot(
        new Workstation(store, seat.random),
        (p as Personalities['investigator']) ?? DEFAULT_PERSONALITIES.investigator,
        seat.random,
      );
    case 'judge':
      return new JudgeBot(
        new CourtSigner(store, seat.random),
        (p as Personalities['judge']) ?? DEFAULT_PERSONALITIES.judge,
      );
  }
}
