/**
 * Random legal play for property tests: a whole game over a {@link Table}, every seat
 * acting through its own device class and its own filtered view only, every choice
 * drawn from a seeded random source (never `Math.random`), so a seed replays the same
 * game. Every action the driver makes must be accepted by the referee (it advances the
 * server's state id); an action the referee refuses fails the run as an illegal move.
 *
 * The driver also records, for the property checks, every secret a device holds (each
 * key store's contents, plus the SMS hop keys and content keys derived from them), who
 * may lawfully hold each one, and the payload text of every message as sent.
 */
import {
  contentKeyOf,
  fromHex,
  hopKeyOf,
  type MessagePayload,
  type RandomSource,
  seededRandom,
  toHex,
} from '../../src/crypto/index.ts';
import type { SenderDevice } from '../../src/device/index.ts';
import {
  DOCUMENTS,
  type DocumentType,
  type GameState,
  type LegalDocument,
  meetsThreshold,
  type Outcome,
  type PlanCard,
  type Role,
  type ScenarioId,
  type ScenarioOptions,
  type SeatView,
} from '../../src/game/index.ts';
import { DEFAULT_SEATS, Table } from './table.ts';

/** Uniform choices over a seeded byte stream. */
export class Rng {
  readonly #random: RandomSource;

  constructor(random: RandomSource) {
    this.#random = random;
  }

  #u32(): number {
    const b = this.#random(4);
    return (((b[0] as number) << 24) | ((b[1] as number) << 16) | ((b[2] as number) << 8) | (b[3] as number)) >>> 0;
  }

  /** A uniform integer in [0, n). */
  int(n: number): number {
    const limit = 2 ** 32 - (2 ** 32 % n);
    for (;;) {
      const x = this.#u32();
      if (x < limit) return x % n;
    }
  }

  /** True with probability p. */
  chance(p: number): boolean {
    return this.#u32() < p * 2 ** 32;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('pick from nothing');
    return items[this.int(items.length)] as T;
  }

  shuffle<T>(items: readonly T[]): T[] {
    const out = [...items];
    for (let i = out.length - 1; i > 0; i--) {
      const j = this.int(i + 1);
      [out[i], out[j]] = [out[j] as T, out[i] as T];
    }
    return out;
  }

  /** Random hex of `bytes` bytes (for unique message notes). */
  hex(bytes: number): string {
    return toHex(this.#random(bytes));
  }
}

/** A secret some device holds, and the seats that may lawfully hold it. */
export interface Secret {
  readonly what: string;
  readonly holders: ReadonlySet<string>;
}

/** A message or SMS as its sender's client composed it. */
export interface Sent {
  readonly seat: string;
  readonly kind: 'message' | 'sms';
  readonly id: string;
  readonly day: number;
  readonly text: string;
  readonly plan: boolean;
}

/** One action the driver made. */
export interface Step {
  readonly seat: string;
  readonly move: string;
  readonly day: number;
}

const PHRASES = [
  'see you soon',
  'call me after work',
  'all quiet on this side',
  'bring the blue bag',
  'running late again',
  'did you get my last one',
];

/** The four named scenarios. */
export const NAMED_SCENARIOS: readonly ScenarioId[] = [
  'san-jose-2013',
  'green-bubbles',
  'ghost-protocol-2018',
  'transparency-2024',
];

/** A whole game of random legal play. */
export class RandomPlay {
  readonly table: Table;
  readonly rng: Rng;
  readonly sent: Sent[] = [];
  readonly steps: Step[] = [];
  /** Called after every action the driver makes, once the referee has applied it. */
  onStep: (step: Step) => void = () => {};
  readonly #proved = new Set<string>();
  readonly #filed = new Set<string>();
  readonly #reported = new Set<string>();
  readonly #inventory = new Map<string, { what: string; holders: Set<string> }>();
  readonly #hopKeys = new Map<string, string>();

  constructor(table: Table, random: RandomSource) {
    this.table = table;
    this.rng = new Rng(random);
  }

  /** A new game of a scenario: the table and the driver both seeded from `seed`. */
  static of(
    scenario: ScenarioId,
    seed: string,
    seats: Role[] = DEFAULT_SEATS,
    options?: Partial<ScenarioOptions>,
  ): RandomPlay {
    const setup = { scenario, seats, ...(options ? { options } : {}) };
    return new RandomPlay(new Table(setup, seed), seededRandom(`${seed}/driver`));
  }

  /** The referee's state (assertions and bookkeeping only; seats act on their views). */
  state() {
    return this.table.server();
  }

  /** The plan card, from the referee's state (dealt when day 1 begins). */
  plan(): PlanCard | undefined {
    return this.state().G.secret.plan;
  }

  over(): boolean {
    return this.state().ctx.gameover !== undefined;
  }

  /** The seat ids, in order. */
  seats(): string[] {
    return this.table.setup.seats.map((_, i) => String(i));
  }

  role(seat: string): Role {
    return this.table.setup.seats[Number(seat)] as Role;
  }

  /** Plays setup and every day until the game is over; returns the outcome. */
  run(): Outcome {
    this.runSetup();
    const days = this.state().G.options.days;
    while (!this.over()) {
      const day = this.state().G.day;
      if (day > days) throw new Error(`day ${day} of ${days} and the game is not over`);
      this.#playDay();
      if (!this.over() && this.state().G.day === day) throw new Error(`day ${day} did not end`);
    }
    return this.state().ctx.gameover as Outcome;
  }

  /** Makes a move as a seat; the referee must accept it. */
  act(seat: string, move: string, args: unknown = {}): void {
    const before = this.state()._stateID;
    this.table.act(seat, move, args);
    if (this.state()._stateID === before) {
      throw new Error(`illegal move by the driver: seat ${seat} (${this.role(seat)}) ${move}`);
    }
    const step = { seat, move, day: this.state().G.day };
    this.steps.push(step);
    this.secrets();
    this.onStep(step);
  }

  // -- setup ------------------------------------------------------------------------------

  /** Runs the setup phase the way the seats' clients do (every key made on its device). */
  runSetup(): void {
    const t = this.table;
    for (const [seat, device] of t.senders) this.act(seat, 'registerDevice', { record: device.registration(0) });
    this.act(t.seat('investigator'), 'registerWorkstation', { record: t.workstation.registration(0) });
    this.act(t.seat('judge'), 'publishCourtKey', t.court.publication());
    this.act(t.seat('relay'), 'publishLogKey', t.relay.publication());
    for (const p of t.carrier.provisions(t.view(t.seat('carrier')))) this.act(t.seat('carrier'), 'provisionSim', p);
    for (const e of t.relay.escrows(t.view(t.seat('relay')))) this.act(t.seat('relay'), 'escrowBackupKey', e);
    if (this.state().ctx.phase !== 'day') throw new Error('setup did not complete');
  }

  // -- a day ------------------------------------------------------------------------------

  #playDay(): void {
    const rounds = 2 + this.rng.int(2);
    for (let r = 0; r < rounds; r++) {
      for (const seat of this.rng.shuffle(this.seats())) {
        if (this.over()) return;
        this.#turn(seat);
      }
    }
    if (!this.over()) this.#closeDay();
  }

  #turn(seat: string): void {
    const turns: Record<Role, (seat: string) => void> = {
      sender: (s) => this.#senderTurn(s),
      carrier: (s) => this.#carrierTurn(s),
      relay: (s) => this.#relayTurn(s),
      investigator: (s) => this.#investigatorTurn(s),
      judge: (s) => this.#judgeTurn(s),
    };
    turns[this.role(seat)](seat);
  }

  /** End of day: the switch forwards, the relay escrows and signs, phones back up; every seat presses End day. */
  #closeDay(): void {
    const t = this.table;
    const day = this.state().G.day;
    this.#forwardAll(t.seat('carrier'));
    const relay = t.seat('relay');
    for (const e of t.relay.escrows(t.view(relay))) this.act(relay, 'escrowBackupKey', e);
    if (t.view(relay).options.keyTransparency) this.act(relay, 'signLogHead', t.relay.signHead(t.view(relay)));
    for (const [seat, device] of t.senders) {
      if (this.over()) return;
      this.#chores(seat, device);
      const v = t.view(seat);
      if (this.#seized(v, device) || v.backupMode[seat] === 'off' || !this.rng.chance(0.7)) continue;
      const backup = device.backup(v);
      if (backup) this.act(seat, 'uploadBackup', backup);
    }
    const judgeEnds = this.rng.chance(0.15);
    for (const seat of this.rng.shuffle(this.seats())) {
      if (this.over() || this.state().G.day !== day) return;
      if (judgeEnds && this.role(seat) === 'judge') this.act(seat, 'endDayForTable');
      else this.act(seat, 'endDay');
    }
  }

  // -- senders ----------------------------------------------------------------------------

  #device(seat: string): SenderDevice {
    const device = this.table.senders.get(seat);
    if (!device) throw new Error(`seat ${seat} has no phone`);
    return device;
  }

  #seized(v: SeatView, device: SenderDevice): boolean {
    const mine = toHex(device.phone.deviceId);
    return v.devices.some((d) => d.deviceId === mine && d.status === 'seized');
  }

  /** What the phone does by itself: hand over a seized, unlocked phone's keys; audit the log; answer safety-code checks. */
  #chores(seat: string, device: SenderDevice): void {
    let v = this.table.view(seat);
    const surrender = device.surrender(v);
    if (surrender) this.act(seat, 'surrenderDevice', surrender);
    for (const deviceId of device.audit(this.table.view(seat))) {
      if (this.#reported.has(`${seat}/${deviceId}`) || this.over()) continue;
      this.#reported.add(`${seat}/${deviceId}`);
      this.act(seat, 'reportUnknownDevice', { deviceId });
    }
    v = this.table.view(seat);
    for (const check of v.verifications.filter((c) => c.of === seat && c.codeOwn === undefined)) {
      if (this.over()) return;
      this.act(seat, 'answerVerification', { id: check.id, code: device.codeOwn() });
    }
  }

  #senderTurn(seat: string): void {
    const device = this.#device(seat);
    this.#chores(seat, device);
    if (this.over() || this.#seized(this.table.view(seat), device)) return;
    const actions = this.rng.int(3);
    for (let i = 0; i < actions && !this.over(); i++) {
      const v = this.table.view(seat);
      const choice = this.rng.pick(['send', 'send', 'send', 'prove', 'prove', 'verify', 'backup-mode']);
      if (choice === 'send') this.#send(seat, device, v);
      else if (choice === 'prove') this.#prove(seat, device, v);
      else if (choice === 'verify') this.#requestCheck(seat, device, v);
      else if (this.rng.chance(0.2)) this.#backupMode(seat, v);
    }
  }

  #crew(v: SeatView) {
    return Object.values(v.seats).filter((s) => s.role === 'sender');
  }

  #payload(seat: string, device: SenderDevice, v: SeatView, names: string): MessagePayload {
    const me = v.seats[seat];
    const note = `${me?.name} to ${names}, day ${v.day}, note ${this.rng.hex(6)}`;
    const phrase = this.rng.pick(PHRASES);
    let plan = v.plan;
    if (!plan) {
      // Forward the plan as read: only a member who received it can.
      const read = device.inbox(v).find((i) => i.payload.plan);
      plan = read?.payload.plan;
    }
    if (!plan || !this.rng.chance(0.5)) return { text: `${note}: ${phrase}` };
    return this.rng.chance(0.5)
      ? { text: `${note}: the plan`, plan }
      : { text: `${note}: meet at ${plan.place}, ${plan.time}` };
  }

  #send(seat: string, device: SenderDevice, v: SeatView): void {
    if (v.sentToday >= v.options.messagesPerDay) return;
    const me = v.seats[seat];
    const others = this.#crew(v).filter((s) => s.id !== seat);
    const to = this.rng.pick(others);
    const everyone = others.every((o) => o.hasMessenger) && others.length > 1 && this.rng.chance(0.25);
    const recipients = everyone ? others : [to];
    // The client can encrypt only to devices it will wrap to: a recipient with none (a seized
    // phone; with key transparency, only unlogged devices) cannot be reached on the messenger.
    const targets = device.wrapTargets(
      v,
      recipients.map((r) => String(r.account)),
    );
    const reachable = recipients.every((r) => targets.some((d) => d.account === r.account));
    const secure =
      me?.hasMessenger === true && recipients.every((r) => r.hasMessenger) && reachable && this.rng.chance(0.7);
    if (secure) {
      const payload = this.#payload(seat, device, v, recipients.map((r) => r.name).join(' and '));
      const args = device.composeSecure(
        v,
        recipients.map((r) => String(r.account)),
        payload,
      );
      this.sent.push({
        seat,
        kind: 'message',
        id: args.envelope.id,
        day: v.day,
        text: payload.text,
        plan: !!payload.plan,
      });
      this.act(seat, 'sendSecure', args);
    } else {
      if (!v.sims.some((p) => p.line === device.account)) return;
      const payload = this.#payload(seat, device, v, to.name);
      const args = device.composeSms(v, String(to.account), payload);
      this.sent.push({ seat, kind: 'sms', id: args.uplink.id, day: v.day, text: payload.text, plan: !!payload.plan });
      this.act(seat, 'sendSms', args);
    }
  }

  #prove(seat: string, device: SenderDevice, v: SeatView): void {
    const fresh = device.inbox(v).filter((i) => !this.#proved.has(`${seat}/${i.id}`));
    if (fresh.length === 0) return;
    const withPlan = fresh.filter((i) => i.payload.plan);
    const item = withPlan.length > 0 && this.rng.chance(0.7) ? this.rng.pick(withPlan) : this.rng.pick(fresh);
    this.#proved.add(`${seat}/${item.id}`);
    this.act(seat, 'proveReceipt', device.receiptProof(item));
  }

  #requestCheck(seat: string, device: SenderDevice, v: SeatView): void {
    if (!v.options.contactVerification) return;
    const other = this.rng.pick(this.#crew(v).filter((s) => s.id !== seat));
    this.act(seat, 'requestVerification', { of: other.id, code: device.codeSeen(v, String(other.account)) });
  }

  #backupMode(seat: string, v: SeatView): void {
    // A member without the secure messenger has no account at the relay, so no cloud backup.
    if (!v.seats[seat]?.hasMessenger) return;
    const modes = ['off', 'escrowed', ...(v.options.deviceHeldBackups ? ['device'] : [])];
    const mode = this.rng.pick(modes.filter((m) => m !== v.backupMode[seat]));
    this.act(seat, 'setBackupMode', { mode });
  }

  // -- carrier and relay ------------------------------------------------------------------

  #forwardAll(carrier: string): void {
    for (const f of this.table.carrier.forwards(this.table.view(carrier))) {
      if (this.over()) return;
      this.act(carrier, 'forwardSms', f);
    }
  }

  /** Documents served on a provider it may answer now: new ones, and sometimes one it declined. */
  #toAnswer(v: SeatView, provider: 'carrier' | 'relay'): LegalDocument[] {
    return v.documents.filter(
      (d) => d.provider === provider && (d.status === 'granted' || (d.status === 'declined' && this.rng.chance(0.2))),
    );
  }

  /** Comply (55 %), decline (25 %) or wait. */
  #decide(): 'comply' | 'decline' | 'wait' {
    const x = this.rng.int(20);
    return x < 11 ? 'comply' : x < 16 ? 'decline' : 'wait';
  }

  #carrierTurn(seat: string): void {
    this.#forwardAll(seat);
    for (const doc of this.#toAnswer(this.table.view(seat), 'carrier')) {
      if (this.over()) return;
      const choice = this.#decide();
      if (choice === 'wait' || (choice === 'decline' && doc.status === 'declined')) continue;
      this.act(seat, 'respond', this.table.carrier.response(this.table.view(seat), doc, choice === 'comply'));
    }
  }

  #relayTurn(seat: string): void {
    const t = this.table;
    for (const e of t.relay.escrows(t.view(seat))) this.act(seat, 'escrowBackupKey', e);
    for (const doc of this.#toAnswer(t.view(seat), 'relay')) {
      if (this.over()) return;
      const v = t.view(seat);
      if (doc.type === 'technical-assistance' && !doc.informal && doc.status === 'granted' && this.rng.chance(0.25)) {
        this.act(seat, 'contest', { documentId: doc.id });
        continue;
      }
      const choice = this.#decide();
      if (choice === 'wait' || (choice === 'decline' && doc.status === 'declined')) continue;
      const target = Object.values(v.seats).find((s) => s.account === doc.target);
      const escrowed = target !== undefined && v.backupMode[target.id] === 'escrowed';
      // A backup warrant on an escrowed account needs the key the relay holds; without it, it can only decline.
      const comply =
        choice === 'comply' && !(doc.type === 'warrant-backup' && escrowed && !t.relay.escrowedKey(doc.target));
      if (!comply && doc.status === 'declined') continue;
      const ghost = {
        hide: v.options.ghostHiding && this.rng.chance(0.5),
        log: !v.options.keyTransparency || this.rng.chance(0.5),
      };
      this.act(seat, 'respond', t.relay.response(v, doc, comply, ghost));
    }
  }

  // -- investigator and judge -------------------------------------------------------------

  #investigatorTurn(seat: string): void {
    const actions = 1 + this.rng.int(3);
    for (let i = 0; i < actions && !this.over(); i++) {
      const v = this.table.view(seat);
      const choice = this.rng.pick(['apply', 'apply', 'apply', 'apply', 'ask', 'file', 'file', 'file']);
      if (choice === 'apply') this.#apply(seat, v, false);
      else if (choice === 'ask') this.#apply(seat, v, true);
      else this.#file(seat, v);
    }
  }

  #apply(seat: string, v: SeatView, informal: boolean): void {
    const types = (Object.keys(DOCUMENTS) as DocumentType[]).filter(
      (type) =>
        (type !== 'technical-assistance' || v.options.ghostOrders) &&
        (!informal || DOCUMENTS[type].providers.some((p) => p !== 'investigator')),
    );
    // Mostly what the leads support, and then mostly the strongest of it; sometimes anything.
    const need = (type: DocumentType) => DOCUMENTS[type].leads(v.options);
    const reachable = types.filter((type) => (v.leads ?? 0) >= need(type));
    const strongest = reachable.filter((type) => need(type) === Math.max(...reachable.map(need)));
    const type =
      informal || reachable.length === 0 || this.rng.chance(0.3)
        ? this.rng.pick(types)
        : this.rng.pick(this.rng.chance(0.5) ? strongest : reachable);
    const target = String(this.rng.pick(this.#crew(v)).account);
    const providers = DOCUMENTS[type].providers.filter((p) => !informal || p !== 'investigator');
    const application = {
      type,
      target,
      provider: this.rng.pick(providers),
      ...(type === 'technical-assistance' ? { ghost: this.table.workstation.ghostFor(target, v.day) } : {}),
    };
    this.act(seat, informal ? 'askInformally' : 'apply', application);
  }

  #file(seat: string, v: SeatView): void {
    const fresh = this.table.workstation
      .readable(v)
      .filter((r) => !this.#filed.has(`${r.proof.item.kind}/${r.proof.item.id}/${r.proof.keyKind}`));
    if (fresh.length === 0) return;
    const item = this.rng.pick(fresh);
    this.#filed.add(`${item.proof.item.kind}/${item.proof.item.id}/${item.proof.keyKind}`);
    this.act(seat, 'fileEvidence', item.proof);
  }

  #judgeTurn(seat: string): void {
    for (const doc of this.table.view(seat).documents.filter((d) => d.status === 'pending')) {
      if (this.over()) return;
      if (!this.rng.chance(0.8)) continue;
      const v = this.table.view(seat);
      const lawful = meetsThreshold(doc, v.options);
      const grant = this.rng.chance(0.1) ? !lawful : lawful;
      this.act(seat, 'rule', this.table.court.ruling(v, doc, grant));
    }
  }

  // -- what the devices hold ----------------------------------------------------------------

  /**
   * Every secret any device has held so far (hex), with the seats that may lawfully hold
   * it: the store's own seat, and whoever it was sealed or handed over to. The inventory
   * only grows (a replaced key stays in it), and is taken after every action.
   */
  secrets(): ReadonlyMap<string, Secret> {
    const G: GameState = this.state().G;
    const t = this.table;
    const out = this.#inventory;
    const add = (hex: string, what: string, holders: Iterable<string | undefined>) => {
      const entry = out.get(hex) ?? { what, holders: new Set<string>() };
      for (const h of holders) if (h !== undefined) entry.holders.add(h);
      out.set(hex, entry);
    };
    const investigator = t.seat('investigator');
    const carrier = t.seat('carrier');
    const relay = t.seat('relay');
    const ownerOf = (account: string) => Object.values(G.seats).find((s) => s.account === account)?.id;
    const handedOver = (kind: string, subject: string) =>
      G.handovers.some((h) => h.handover.kind === kind && h.handover.subject === subject);
    const simHolders = (line: string) => [
      carrier,
      ownerOf(line),
      ...(handedOver('sim-key', line) ? [investigator] : []),
    ];
    // Devices whose keys the investigator holds: its ghosts, and phones whose keys were handed over.
    const investigatorDevices = new Set(
      G.devices
        .filter((d) => d.controller === investigator || handedOver('device-key', d.deviceId))
        .map((d) => d.deviceId),
    );
    for (const [seat, store] of t.stores) {
      const role = this.role(seat);
      for (const name of store.names()) {
        const value = store.get(name);
        if (!value) continue;
        const hex = toHex(value);
        const what = `${role} seat ${seat}: ${name}`;
        if (role === 'sender') {
          const device = this.#device(seat);
          if (name === 'phone/hpke') {
            add(hex, what, [seat, ...(handedOver('device-key', toHex(device.phone.deviceId)) ? [investigator] : [])]);
          } else if (name === 'sim') {
            add(hex, what, simHolders(device.account));
          } else if (name.startsWith('root/')) {
            const id = name.slice('root/'.length);
            const m = G.messages.find((x) => x.envelope.id === id);
            const holders = [
              seat,
              ...(m?.envelope.recipients.map(ownerOf) ?? []),
              ...(m?.envelope.wraps.some((w) => investigatorDevices.has(w.device)) ? [investigator] : []),
            ];
            add(hex, what, holders);
            add(toHex(contentKeyOf(value, fromHex(id, 16))), `${what} (content key)`, holders);
          } else {
            add(hex, what, [seat]);
          }
        } else if (role === 'carrier' && name.startsWith('sim/')) {
          add(hex, what, simHolders(name.slice('sim/'.length)));
        } else if (role === 'carrier' && name.startsWith('sim-pending/')) {
          // sim-pending/<line>/<phone>: a SIM key made for a phone, accepted or not.
          add(hex, what, simHolders(name.split('/')[1] ?? ''));
        } else if (role === 'relay' && name.startsWith('backup/')) {
          const account = name.slice('backup/'.length);
          add(hex, what, [relay, ownerOf(account), ...(handedOver('backup-key', account) ? [investigator] : [])]);
        } else {
          add(hex, what, [seat]);
        }
      }
    }
    const carrierStore = t.stores.get(carrier);
    for (const s of G.sms) {
      const id = fromHex(s.id, 16);
      for (const [line, direction] of [
        [s.fromLine, 'up'],
        [s.toLine, 'down'],
      ] as const) {
        // Derived once, from the SIM the line had when the SMS was sent (the driver takes stock after every action).
        const hop = `${s.id}/${direction}`;
        const sim = carrierStore?.get(`sim/${line}`);
        const hex = this.#hopKeys.get(hop) ?? (sim ? toHex(hopKeyOf(sim, id, direction)) : undefined);
        if (!hex) continue;
        this.#hopKeys.set(hop, hex);
        add(hex, `${direction}link hop key of SMS ${s.id}`, simHolders(line));
      }
    }
    return out;
  }
}
