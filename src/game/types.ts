/**
 * The game state `G` and its parts. Everything here is public to the referee; what
 * each seat sees is decided by `view.ts`. No private key, content root, SIM key or
 * backup key is ever stored here — they live on devices (architecture.md). The only
 * secret is `secret.plan`, dealt on the server when day 1 begins.
 * @module
 */
import type {
  Backup,
  CourtOrder,
  Envelope,
  Handover,
  Hex,
  KtEntry,
  KtHead,
  RegistrationRecord,
  SimProvision,
  SmsHop,
} from '../crypto/index.ts';
import type { ScenarioOptions } from './scenarios.ts';

/** A boardgame.io player id: "0", "1", … */
export type SeatId = string;

/** What a seat plays (game.md §1). The first sender is the planner. */
export type Role = 'sender' | 'carrier' | 'relay' | 'investigator' | 'judge';

/** The crew's plan: one place and one time (game.md §7). */
export interface PlanCard {
  readonly place: string;
  readonly time: string;
}

/** One seat at the table as everyone sees it. */
export interface Seat {
  readonly id: SeatId;
  readonly role: Role;
  readonly name: string;
  /** Crew only: the account on the relay and the SIM line at the carrier (one phone number). */
  readonly account?: string;
  readonly planner?: boolean;
  /** Crew only: this member has the secure messenger (Green bubbles: Bob does not). */
  readonly hasMessenger?: boolean;
}

/** A registered device in the relay's directory. */
export interface DeviceEntry extends RegistrationRecord {
  /** The seat whose account lists the device. */
  readonly owner: SeatId;
  /** The seat whose client holds the device's keys (the investigator, for a ghost). */
  readonly controller: SeatId;
  /** "owner": registered by the account owner's own client; "relay": added by the relay (a ghost). */
  readonly addedBy: 'owner' | 'relay';
  /** The relay hid it from the owner's own device list (game.md §5, relay). */
  readonly hiddenFromOwner: boolean;
  /** Whether the key-transparency log records it (always, unless the relay chose not to). */
  readonly logged: boolean;
  status: 'active' | 'removed' | 'seized';
  /** Day the owner's audit or a contact check exposed it (ghosts only). */
  discoveredDay?: number;
}

/** A secure message as the relay stores it, with who may see what. */
export interface MessageRecord {
  readonly seq: number;
  readonly day: number;
  readonly from: SeatId;
  readonly envelope: Envelope;
  readonly size: number;
  /** Seats that see the whole envelope (ciphertext, wraps). */
  readonly full: SeatId[];
  /** Seats that see only the records: who, when, how big. */
  readonly meta: SeatId[];
}

/** An SMS: the uplink the sender's phone posted, the downlink the carrier forwarded. */
export interface SmsRecord {
  readonly seq: number;
  readonly id: Hex;
  readonly day: number;
  readonly from: SeatId;
  readonly fromLine: string;
  readonly toLine: string;
  readonly uplink: SmsHop;
  downlink?: SmsHop;
  readonly size: number;
  /** Seats that see the hops' ciphertext (carrier, the ends, a wiretap). */
  readonly full: SeatId[];
  /** Seats that see only the records. */
  readonly meta: SeatId[];
}

/** A device backup stored by the relay. */
export interface BackupRecord {
  readonly seq: number;
  readonly owner: SeatId;
  readonly backup: Backup;
  readonly full: SeatId[];
}

/** The kinds of legal document (game.md §5, investigator). */
export type DocumentType =
  | 'subpoena'
  | 'records-2703d'
  | 'pen-register'
  | 'wiretap-sms'
  | 'wiretap-messenger'
  | 'warrant-backup'
  | 'warrant-device'
  | 'technical-assistance';

/** Who a document is served on. */
export type Provider = 'carrier' | 'relay' | 'investigator';

/** An application to the judge, or a subpoena, or an informal request. */
export interface LegalDocument {
  readonly id: string;
  readonly seq: number;
  readonly type: DocumentType;
  readonly provider: Provider;
  /** A line or account (both are the crew member's phone number). */
  readonly target: string;
  readonly day: number;
  /** Leads the investigator had when applying. */
  readonly leads: number;
  /** An informal request: no court, no order, anything obtained is inadmissible. */
  readonly informal: boolean;
  /** Technical assistance: the investigator's ghost device to add. */
  readonly ghost?: RegistrationRecord;
  status: 'pending' | 'granted' | 'refused' | 'complied' | 'declined' | 'contested' | 'quashed';
  order?: CourtOrder;
  /** Day the provider must comply by (end of the next day after service). */
  dueDay?: number;
  decidedDay?: number;
  /** Why the judge refused, or the provider declined. */
  reason?: string;
  /** The relay asked to hide the ghost / not to log it. */
  ghostHidden?: boolean;
  ghostLogged?: boolean;
  /** Whether compliance was lawful (checked by the referee when the provider complied). */
  lawful?: boolean;
  /** Device warrant: the device seized at night. */
  seizedDevice?: string;
  /** Seized device: forensic unlock succeeded on this day. */
  unlockedDay?: number;
  /** Days of non-compliance already charged. */
  chargedDays?: number;
  /** Technical assistance: the court upheld the order over the relay's contest (−2 a day until complied). */
  upheld?: boolean;
}

/** A secret handed over, sealed to a device, with what it answers. */
export interface HandoverRecord {
  readonly seq: number;
  readonly documentId: string;
  readonly from: SeatId;
  readonly to: SeatId;
  readonly handover: Handover;
}

/** What a proof was about and what the referee decided. */
export interface ProofRecord {
  readonly seq: number;
  readonly day: number;
  readonly by: SeatId;
  readonly purpose: 'receipt' | 'evidence';
  readonly item: { readonly kind: 'message' | 'sms' | 'backup'; readonly id: Hex };
  readonly keyKind: KeyKind;
  readonly accepted: boolean;
  readonly reason?: string;
  readonly revealsPlace: boolean;
  readonly revealsTime: boolean;
  /** The plaintext the key opened, once proved (public from then on). */
  readonly plaintext?: string;
}

/** Which kind of key a proof submits. */
export type KeyKind = 'content' | 'hop' | 'device' | 'sim' | 'backup';

/** One line of the public, human-readable event log. */
export interface GameEvent {
  readonly seq: number;
  readonly day: number;
  readonly text: string;
  /** Seats that see it; absent = everyone. */
  readonly audience?: SeatId[];
}

/** How the game ended. */
export interface Outcome {
  readonly winner: 'crew' | 'investigator' | 'draw';
  readonly day: number;
  readonly reason: string;
}

/** The whole game state. */
export interface GameState {
  readonly scenario: string;
  readonly options: ScenarioOptions;
  /** The table's day timer in seconds, if it has one (the clock is the judge bot's host's). */
  readonly dayTimerSeconds?: number;
  readonly seats: Record<SeatId, Seat>;
  day: number;
  /** The last night resolved (the night phase ends once it equals `day`). */
  night: number;
  /** Seats that pressed End day today. */
  ended: Record<SeatId, boolean>;
  judgeEndedDay: boolean;
  /** Public keys published in setup. */
  courtPub?: Hex;
  relayLogPub?: Hex;
  devices: DeviceEntry[];
  sims: SimProvision[];
  messages: MessageRecord[];
  sms: SmsRecord[];
  backups: BackupRecord[];
  /** Backup setting per crew seat. */
  backupMode: Record<SeatId, 'off' | 'escrowed' | 'device'>;
  /** Escrowed backup keys the relay sealed to each account's devices. */
  escrow: HandoverRecord[];
  kt: { log: KtEntry[]; heads: KtHead[] };
  documents: LegalDocument[];
  handovers: HandoverRecord[];
  verifications: ContactCheck[];
  proofs: ProofRecord[];
  /** Lead sources already counted (game.md §5: each source once). */
  leadSources: string[];
  leads: number;
  scores: Record<SeatId, number>;
  sent: Record<SeatId, number>;
  events: GameEvent[];
  outcome?: Outcome;
  /** Counter for sequence numbers of all records. */
  nextSeq: number;
  /** Server-only: never leaves the referee except through `playerView` to the planner. */
  secret: { plan?: PlanCard };
}

/** A contact verification: one crew member checks another's device list. */
export interface ContactCheck {
  readonly id: string;
  readonly by: SeatId;
  readonly of: SeatId;
  readonly day: number;
  readonly codeSeen: string;
  codeOwn?: string;
  match?: boolean;
}
