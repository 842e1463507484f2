/**
 * The carrier bot. Diligent: complies only with documents its client finds lawful.
 * Sloppy: complies with whatever arrives, informal requests included.
 * @module
 */
import type { CarrierSwitch } from '../device/index.ts';
import type { SeatView } from '../game/index.ts';
import { type Bot, type BotAction, endDayIfNotEnded, Memory, type Personalities, setupScope } from './types.ts';

/** The carrier's bot. */
export class CarrierBot implements Bot {
  readonly role = 'carrier' as const;
  readonly personality: Personalities['carrier'];
  readonly #switch: CarrierSwitch;
  readonly #memory = new Memory();

  constructor(device: CarrierSwitch, personality: Personalities['carrier']) {
    this.#switch = device;
    this.personality = personality;
  }

  refused(action: BotAction): void {
    this.#memory.refuse(action);
  }

  next(view: SeatView, phase: string): BotAction | undefined {
    const provision = () => {
      const p = this.#switch.provisions(view)[0];
      return p ? { move: 'provisionSim', args: p } : undefined;
    };
    if (phase === 'setup') return this.#memory.pick(setupScope(view), provision);
    if (phase !== 'day') return undefined;
    return this.#memory.pick(
      `${phase} ${view.day}`,
      provision,
      () => {
        const f = this.#switch.forwards(view)[0];
        return f ? { move: 'forwardSms', args: f } : undefined;
      },
      () => this.#answer(view),
      () => endDayIfNotEnded(view),
    );
  }

  #answer(view: SeatView): BotAction | undefined {
    const doc = view.documents.find(
      (d) => d.provider === 'carrier' && d.status === 'granted' && this.#memory.once(`answer ${d.id} ${view.day}`),
    );
    if (!doc) return undefined;
    const comply = this.personality === 'sloppy' || this.#switch.check(view, doc).lawful;
    return { move: 'respond', args: this.#switch.response(view, doc, comply) };
  }
}
