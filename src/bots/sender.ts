/**
 * The crew member bot. Careless: the whole plan in one message, sometimes by SMS,
 * backups left escrowed, no checks. Careful: the plan split across two secure
 * messages, SMS only to a member without the messenger, device-held backups (or none),
 * audits of the key-transparency log, safety-code checks.
 * @module
 */
import type { RandomSource } from '../crypto/index.ts';
import type { SenderDevice } from '../device/index.ts';
import type { Seat, SeatView } from '../game/index.ts';
import { type Bot, type BotAction, endDayIfNotEnded, Memory, type Personalities, setupScope } from './types.ts';

const CHATTER = ['ok', 'on my way', 'call me later', 'did you see that?', 'fine'];

/** A crew member's bot. */
export class SenderBot implements Bot {
  readonly role = 'sender' as const;
  readonly personality: Personalities['sender'];
  readonly #device: SenderDevice;
  readonly #random: RandomSource;
  readonly #memory = new Memory();

  constructor(device: SenderDevice, personality: Personalities['sender'], random: RandomSource) {
    this.#device = device;
    this.personality = personality;
    this.#random = random;
  }

  refused(action: BotAction): void {
    this.#memory.refuse(action);
  }

  #coin(p: number): boolean {
    return (this.#random(1)[0] as number) < p * 256;
  }

  next(view: SeatView, phase: string): BotAction | undefined {
    const me = view.you ? view.seats[view.you] : undefined;
    if (!me?.account) return undefined;
    if (phase === 'setup') {
      const registered = view.devices.some((d) => d.account === me.account);
      return registered
        ? undefined
        : this.#memory.pick(setupScope(view), () => ({
            move: 'registerDevice',
            args: { record: this.#device.registration(0) },
          }));
    }
    if (phase !== 'day') return undefined;
    return this.#memory.pick(
      `${phase} ${view.day}`,
      () => this.#surrender(view),
      () => this.#answerChecks(view),
      () => this.#audit(view),
      () => this.#backupSetting(view, me),
      () => this.#prove(view),
      () => this.#sendPlan(view, me),
      () => this.#verify(view, me),
      () => this.#chatter(view, me),
      () => this.#backup(view),
      () => endDayIfNotEnded(view),
    );
  }

  #surrender(view: SeatView): BotAction | undefined {
    const args = this.#device.surrender(view);
    return args ? { move: 'surrenderDevice', args } : undefined;
  }

  #answerChecks(view: SeatView): BotAction | undefined {
    const check = view.verifications.find((v) => v.of === view.you && v.codeOwn === undefined);
    return check ? { move: 'answerVerification', args: { id: check.id, code: this.#device.codeOwn() } } : undefined;
  }

  #audit(view: SeatView): BotAction | undefined {
    if (this.personality !== 'careful') return undefined;
    const unknown = this.#device.audit(view).find((id) => !this.#memory.has(`reported ${id}`));
    if (!unknown) return undefined;
    this.#memory.once(`reported ${unknown}`);
    return { move: 'reportUnknownDevice', args: { deviceId: unknown } };
  }

  #backupSetting(view: SeatView, me: Seat): BotAction | undefined {
    if (this.personality !== 'careful' || !this.#memory.once('backup setting')) return undefined;
    const mode = view.options.deviceHeldBackups ? 'device' : 'off';
    return view.backupMode[me.id] === mode ? undefined : { move: 'setBackupMode', args: { mode } };
  }

  #prove(view: SeatView): BotAction | undefined {
    const proved = new Set(view.proofs.filter((p) => p.by === view.you).map((p) => p.item.id));
    const planners = new Set(
      Object.values(view.seats)
        .filter((s) => s.planner)
        .map((s) => s.account),
    );
    const item = this.#device.inbox(view).find((i) => planners.has(i.from) && !proved.has(i.id));
    return item ? { move: 'proveReceipt', args: this.#device.receiptProof(item) } : undefined;
  }

  #crew(view: SeatView, me: Seat): Seat[] {
    return Object.values(view.seats).filter((s) => s.role === 'sender' && s.id !== me.id);
  }

  #sendPlan(view: SeatView, me: Seat): BotAction | undefined {
    const plan = view.plan;
    if (!me.planner || !plan || view.sentToday >= view.options.messagesPerDay) return undefined;
    const parts =
      this.personality === 'careful'
        ? [
            { key: 'place', payload: { text: `Place: ${plan.place}` } },
            { key: 'time', payload: { text: `Time: ${plan.time}` } },
          ]
        : [{ key: 'plan', payload: { text: 'Here is the plan.', plan } }];
    // A careless planner also sends a reminder every later day ("don't forget"): more chances for a tap.
    const round = this.personality === 'careless' && view.day >= 2 ? `reminder ${view.day} ` : '';
    for (const other of this.#crew(view, me)) {
      for (const part of parts) {
        const task = `${round}plan ${part.key} to ${other.id}`;
        if (this.#memory.has(task)) continue;
        const bySms = !other.hasMessenger || (this.personality === 'careless' && this.#coin(0.4));
        this.#memory.once(task);
        return bySms
          ? { move: 'sendSms', args: this.#device.composeSms(view, String(other.account), part.payload) }
          : { move: 'sendSecure', args: this.#device.composeSecure(view, [String(other.account)], part.payload) };
      }
    }
    return undefined;
  }

  #verify(view: SeatView, me: Seat): BotAction | undefined {
    if (this.personality !== 'careful' || !view.options.contactVerification) return undefined;
    const other = this.#crew(view, me).find((s) => this.#memory.once(`verify ${s.id} day ${view.day}`));
    if (!other?.account) return undefined;
    return { move: 'requestVerification', args: { of: other.id, code: this.#device.codeSeen(view, other.account) } };
  }

  #chatter(view: SeatView, me: Seat): BotAction | undefined {
    if (view.sentToday >= view.options.messagesPerDay - 1 || !this.#memory.once(`chatter day ${view.day}`))
      return undefined;
    const crew = this.#crew(view, me);
    const other = crew[(this.#random(1)[0] as number) % crew.length];
    if (!other?.account) return undefined;
    const text = CHATTER[(this.#random(1)[0] as number) % CHATTER.length] as string;
    const bySms = !other.hasMessenger || !me.hasMessenger || (this.personality === 'careless' && this.#coin(0.5));
    return bySms
      ? { move: 'sendSms', args: this.#device.composeSms(view, other.account, { text }) }
      : { move: 'sendSecure', args: this.#device.composeSecure(view, [other.account], { text }) };
  }

  #backup(view: SeatView): BotAction | undefined {
    if (view.you === null || view.backupMode[view.you] === 'off' || view.backupMode[view.you] === undefined)
      return undefined;
    if (!this.#memory.once(`backup day ${view.day}`)) return undefined;
    const args = this.#device.backup(view);
    return args ? { move: 'uploadBackup', args } : undefined;
  }
}
