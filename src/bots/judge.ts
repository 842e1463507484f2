/**
 * The judge bot. Strict: grants exactly what the statute's threshold allows
 * (src/game/legal.ts). Lenient: grants with one lead fewer than the threshold.
 * @module
 */
import type { CourtSigner } from '../device/index.ts';
import { DOCUMENTS, type SeatView } from '../game/index.ts';
import { type Bot, type BotAction, endDayIfNotEnded, Memory, type Personalities } from './types.ts';

/** The judge's bot. */
export class JudgeBot implements Bot {
  readonly role = 'judge' as const;
  readonly personality: Personalities['judge'];
  readonly #court: CourtSigner;
  readonly #memory = new Memory();

  constructor(device: CourtSigner, personality: Personalities['judge']) {
    this.#court = device;
    this.personality = personality;
  }

  refused(action: BotAction): void {
    this.#memory.refuse(action);
  }

  next(view: SeatView, phase: string): BotAction | undefined {
    if (phase === 'setup') {
      return this.#memory.pick(`${phase} ${view.day}`, () =>
        view.courtPub ? undefined : { move: 'publishCourtKey', args: this.#court.publication() },
      );
    }
    if (phase !== 'day') return undefined;
    return this.#memory.pick(
      `${phase} ${view.day}`,
      () => {
        const doc = view.documents.find((d) => d.status === 'pending');
        if (!doc) return undefined;
        const needed = DOCUMENTS[doc.type].leads(view.options) - (this.personality === 'lenient' ? 1 : 0);
        const grant = doc.leads >= needed;
        return {
          move: 'rule',
          args: this.#court.ruling(view, doc, grant, grant ? undefined : `needs ${needed} leads, has ${doc.leads}`),
        };
      },
      () => endDayIfNotEnded(view),
    );
  }
}
