/**
 * A whole table for tests: one boardgame.io client per seat over `Local()`
 * multiplayer (never `Local({ bots })`), one device per seat with its own key store,
 * and a master whose match was created with the table's setup data. Each seat sees
 * only its own filtered view.
 */
import type { State } from 'boardgame.io';
import { Client } from 'boardgame.io/client';
import { createMatch, ProcessGameConfig } from 'boardgame.io/internal';
import { Local } from 'boardgame.io/multiplayer';
import { type MessagePayload, type RandomSource, seededRandom } from '../../src/crypto/index.ts';
import {
  CarrierSwitch,
  CourtSigner,
  MemoryKeyStore,
  RelayDesk,
  SenderDevice,
  Workstation,
} from '../../src/device/index.ts';
import {
  createGame,
  type GameState,
  type ProofRecord,
  type Role,
  type SeatView,
  type SetupData,
} from '../../src/game/index.ts';

type AnyClient = ReturnType<typeof Client>;

/** The parts of boardgame.io's in-process master this harness touches. */
interface MasterLike {
  game: unknown;
  storageAPI: {
    fetch: (id: string, opts: object) => { state: State<GameState>; log?: State<GameState>['deltalog'] };
    createMatch: (id: string, match: object) => void;
  };
}

let tables = 0;

/** The default seats: Alice (planner), Bob, carrier, relay, investigator, judge. */
export const DEFAULT_SEATS: Role[] = ['sender', 'sender', 'carrier', 'relay', 'investigator', 'judge'];

/** A table of clients and devices. */
export class Table {
  readonly clients: AnyClient[];
  readonly setup: SetupData;
  readonly senders = new Map<string, SenderDevice>();
  readonly carrier: CarrierSwitch;
  readonly relay: RelayDesk;
  readonly workstation: Workstation;
  readonly court: CourtSigner;
  /** Each seat's key store, by seat id (for property tests that enumerate what devices hold). */
  readonly stores = new Map<string, MemoryKeyStore>();
  readonly #master: MasterLike;
  readonly #matchID: string;
  readonly #clientGame: ReturnType<typeof createGame>;
  readonly #multiplayer: ReturnType<typeof Local>;

  constructor(setup: SetupData, seed = 'table') {
    this.setup = setup;
    const game = createGame({ entropy: seededRandom(`${seed}/entropy`) });
    const clientGame = createGame();
    const multiplayer = Local();
    this.#clientGame = clientGame;
    this.#multiplayer = multiplayer;
    this.#matchID = `m${tables++}`;
    this.clients = setup.seats.map((_, i) =>
      Client({
        game: clientGame,
        numPlayers: setup.seats.length,
        playerID: String(i),
        multiplayer,
        matchID: this.#matchID,
        debug: false,
      }),
    );
    // Local() builds its master from the clients' game object, which has no entropy:
    // give the master the server's game (with entropy), as the real server has.
    this.#master = (this.clients[0] as unknown as { transport: { master: MasterLike } }).transport.master;
    this.#master.game = ProcessGameConfig(game);
    const match = createMatch({ game, numPlayers: setup.seats.length, setupData: setup, unlisted: true });
    if ('setupDataError' in match) throw new Error(String(match.setupDataError));
    this.#master.storageAPI.createMatch(this.#matchID, match);
    for (const c of this.clients) c.start();
    const random = (name: string): RandomSource => seededRandom(`${seed}/${name}`);
    const store = (seat: string): MemoryKeyStore => {
      const s = new MemoryKeyStore();
      this.stores.set(seat, s);
      return s;
    };
    const state = this.server();
    for (const seat of Object.values(state.G.seats)) {
      if (seat.account) this.senders.set(seat.id, new SenderDevice(seat.account, store(seat.id), random(seat.id)));
    }
    this.carrier = new CarrierSwitch(store(this.seat('carrier')), random('carrier'));
    this.relay = new RelayDesk(store(this.seat('relay')), random('relay'));
    this.workstation = new Workstation(store(this.seat('investigator')), random('investigator'));
    this.court = new CourtSigner(store(this.seat('judge')), random('court'));
  }

  /** The referee's whole action log, unredacted (for assertions only). */
  serverLog(): State<GameState>['deltalog'] & object {
    return this.#master.storageAPI.fetch(this.#matchID, { log: true }).log ?? [];
  }

  /**
   * A client with no seat, or with a seat id that is not at the table, on the same
   * master: what a spectator is sent.
   * @param playerID - undefined for a plain spectator, or an unknown id such as "99"
   */
  spectator(playerID?: string): AnyClient {
    const client = Client({
      game: this.#clientGame,
      numPlayers: this.setup.seats.length,
      ...(playerID !== undefined ? { playerID } : {}),
      multiplayer: this.#multiplayer,
      matchID: this.#matchID,
      debug: false,
    });
    client.start();
    return client;
  }

  /** The referee's state (for assertions only; seats never see it). */
  server(): State<GameState> {
    return this.#master.storageAPI.fetch(this.#matchID, { state: true }).state;
  }

  /** The seat of a role (the nth sender for senders). */
  seat(role: Role, n = 0): string {
    const ids = this.setup.seats.map((r, i) => [r, String(i)] as const).filter(([r]) => r === role);
    const found = ids[n];
    if (!found) throw new Error(`no ${role} #${n}`);
    return found[1];
  }

  /** What a seat sees. */
  view(seat: string): SeatView {
    return (this.clients[Number(seat)]?.getState()?.G as SeatView | undefined) ?? (undefined as never);
  }

  /** Makes a move as a seat. */
  act(seat: string, name: string, args: unknown = {}): void {
    const client = this.clients[Number(seat)];
    const fn = client?.moves[name];
    if (!fn) throw new Error(`seat ${seat} has no move ${name} now`);
    fn(args);
  }

  sender(n: number): { seat: string; device: SenderDevice } {
    const seat = this.seat('sender', n);
    return { seat, device: this.senders.get(seat) as SenderDevice };
  }

  /** Runs the setup phase the way the seats' clients do. */
  runSetup(): void {
    for (const [seat, device] of this.senders) this.act(seat, 'registerDevice', { record: device.registration(0) });
    this.act(this.seat('investigator'), 'registerWorkstation', { record: this.workstation.registration(0) });
    this.act(this.seat('judge'), 'publishCourtKey', this.court.publication());
    this.act(this.seat('relay'), 'publishLogKey', this.relay.publication());
    for (const p of this.carrier.provisions(this.view(this.seat('carrier'))))
      this.act(this.seat('carrier'), 'provisionSim', p);
    for (const e of this.relay.escrows(this.view(this.seat('relay'))))
      this.act(this.seat('relay'), 'escrowBackupKey', e);
  }

  /** The carrier's switch forwards everything waiting. */
  forward(): void {
    const carrier = this.seat('carrier');
    for (const f of this.carrier.forwards(this.view(carrier))) this.act(carrier, 'forwardSms', f);
  }

  /** Every seat presses End day (the relay signs the log head first where there is one). */
  endDay(): void {
    const relay = this.seat('relay');
    if (this.view(relay).options.keyTransparency) this.act(relay, 'signLogHead', this.relay.signHead(this.view(relay)));
    for (const [seat, device] of this.senders) {
      const v = this.view(seat);
      const backup = v.backupMode[seat] !== 'off' ? device.backup(v) : undefined;
      if (backup) this.act(seat, 'uploadBackup', backup);
    }
    for (let i = 0; i < this.setup.seats.length; i++) {
      if (this.server().ctx.gameover === undefined) this.act(String(i), 'endDay');
    }
  }

  /** The investigator applies; the judge grants it with a signed order; returns the document id. */
  obtain(type: string, target: string, extra: object = {}): string {
    const investigator = this.seat('investigator');
    this.act(investigator, 'apply', { type, target, ...extra });
    const doc = this.view(investigator).documents.at(-1);
    if (!doc) throw new Error('application not recorded');
    if (doc.status === 'pending') {
      const judge = this.seat('judge');
      this.act(judge, 'rule', this.court.ruling(this.view(judge), doc, true));
    }
    return doc.id;
  }

  /** The provider complies with a document served on it. */
  comply(documentId: string, ghost: { hide?: boolean; log?: boolean } = {}): void {
    const g = this.server().G;
    const doc = g.documents.find((d) => d.id === documentId);
    if (!doc) throw new Error('no such document');
    if (doc.provider === 'carrier') {
      const seat = this.seat('carrier');
      this.act(seat, 'respond', this.carrier.response(this.view(seat), doc, true));
    } else if (doc.provider === 'relay') {
      const seat = this.seat('relay');
      this.act(seat, 'respond', this.relay.response(this.view(seat), doc, true, ghost));
    }
  }

  /** The id of the investigator's latest document. */
  lastDocument(): string {
    const doc = this.view(this.seat('investigator')).documents.at(-1);
    if (!doc) throw new Error('no document yet');
    return doc.id;
  }

  /** The investigator asks a provider informally (no court); returns the document id. */
  ask(type: string, target: string, extra: object = {}): string {
    this.act(this.seat('investigator'), 'askInformally', { type, target, ...extra });
    return this.lastDocument();
  }

  /** The provider declines a document served on it. */
  decline(documentId: string, reason = 'declined'): void {
    const doc = this.server().G.documents.find((d) => d.id === documentId);
    if (!doc || doc.provider === 'investigator') throw new Error('no such document');
    this.act(this.seat(doc.provider), 'respond', { documentId, comply: false, reason });
  }

  /** Sender `from` sends a secure message to senders `to` (by crew position); returns its id. */
  sendSecure(from: number, to: number[], payload: MessagePayload): string {
    const { seat, device } = this.sender(from);
    const recipients = to.map((n) => this.sender(n).device.account);
    const args = device.composeSecure(this.view(seat), recipients, payload);
    this.act(seat, 'sendSecure', args);
    return args.envelope.id;
  }

  /** Sender `from` sends an SMS to sender `to`, and the switch forwards it; returns its id. */
  sendSms(from: number, to: number, payload: MessagePayload): string {
    const { seat, device } = this.sender(from);
    const args = device.composeSms(this.view(seat), this.sender(to).device.account, payload);
    this.act(seat, 'sendSms', args);
    this.forward();
    return args.uplink.id;
  }

  /** The investigator files evidence; returns the referee's proof record. */
  fileEvidence(proof: unknown): ProofRecord {
    const before = this.server().G.proofs.length;
    this.act(this.seat('investigator'), 'fileEvidence', proof);
    const proofs = this.server().G.proofs;
    if (proofs.length !== before + 1) throw new Error('evidence not recorded');
    return proofs.at(-1) as ProofRecord;
  }

  /** The plan, as the planner sees it. */
  plan(): { place: string; time: string } {
    const plan = this.view(this.seat('sender', 0)).plan;
    if (!plan) throw new Error('no plan yet');
    return plan;
  }
}
