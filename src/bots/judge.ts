/**
 * The judge bot. Strict: grants exactly what the statute's threshold allows
 * (src/game/legal.ts). Lenient: grants with one lead fewer than the threshold. Like
 * the court of game.md §4 it rules at night: at dusk, once every other seat has ended the day.
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
        // The court sits at dusk (game.md §4: the judge bot rules at night): once every other
        // seat has ended the day, it rules on everything pending, then ends the day itself.
        const othersDone = Object.keys(view.seats).every((id) => id === view.you || view.ended[id]);
        const doc = othersDone ? view.documents.find((d) => d.status === 'pending') : undefined;
        if (!doc) return undefined;
        const needed = DOCUMENTS[doc.type].leads(view.options) - (this.personality === 'lenient' ? 1 : 0);
        const grant = doc.leads >= needed;
        return {
          move: 'rule',
          args: this.#court.ruling(view, doc, grant, grant ? undefined : `needs ${needed} leads, has ${doc.leads}`),
        };
      },
      () =>
        Object.keys(view.seats).every((id) => id === view.you || view.ended[id]) ? endDayIfNotEnded(view) : undefined,
    );
  }
}
