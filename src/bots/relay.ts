/**
 * The relay operator bot. Compliant: complies with every lawful document, hiding a
 * ghost where the scenario lets it. Defiant: contests every technical-assistance order
 * and declines what it lawfully can; it still obeys an upheld order rather than pay
 * every night.
 * @module
 */
import type { RelayDesk } from '../device/index.ts';
import type { SeatView } from '../game/index.ts';
import { type Bot, type BotAction, endDayIfNotEnded, Memory, type Personalities, setupScope } from './types.ts';

/** The relay operator's bot. */
export class RelayBot implements Bot {
  readonly role = 'relay' as const;
  readonly personality: Personalities['relay'];
  readonly #desk: RelayDesk;
  readonly #memory = new Memory();

  constructor(device: RelayDesk, personality: Personalities['relay']) {
    this.#desk = device;
    this.personality = personality;
  }

  refused(action: BotAction): void {
    this.#memory.refuse(action);
  }

  next(view: SeatView, phase: string): BotAction | undefined {
    const escrow = () => {
      const e = this.#desk.escrows(view)[0];
      return e ? { move: 'escrowBackupKey', args: e } : undefined;
    };
    if (phase === 'setup') {
      return this.#memory.pick(
        setupScope(view),
        () => (view.relayLogPub ? undefined : { move: 'publishLogKey', args: this.#desk.publication() }),
        escrow,
      );
    }
    if (phase !== 'day') return undefined;
    return this.#memory.pick(
      `${phase} ${view.day}`,
      escrow,
      () => this.#answer(view),
      () =>
        view.options.keyTransparency && this.#memory.once(`head ${view.day}`)
          ? { move: 'signLogHead', args: this.#desk.signHead(view) }
          : undefined,
      () => endDayIfNotEnded(view),
    );
  }

  #answer(view: SeatView): BotAction | undefined {
    const doc = view.documents.find(
      (d) => d.provider === 'relay' && d.status === 'granted' && this.#memory.once(`answer ${d.id} ${view.day}`),
    );
    if (!doc) return undefined;
    const lawful = this.#desk.check(view, doc).lawful;
    if (this.personality === 'defiant' && doc.type === 'technical-assistance' && lawful && !doc.upheld) {
      return { move: 'contest', args: { documentId: doc.id } };
    }
    const ghost = { hide: view.options.ghostHiding, log: true };
    return { move: 'respond', args: this.#desk.response(view, doc, lawful, ghost) };
  }
}
