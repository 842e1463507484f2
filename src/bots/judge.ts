/**
 * The judge bot. Strict: grants exactly what the statute's threshold allows
 * (src/game/legal.ts). Lenient: grants with one lead fewer than the threshold. Like
 * the court of game.md §4 it rules at night: at dusk, once every other seat has ended the day.
 * @module
 */
import type { CourtSigner } from '../device/index.ts';
import { DOCUMENTS, type SeatView } from '../game/index.ts';
import { type Bot, type BotAction, endDayIfNotEnded, Memory, type Personalities, setupScope } from './types.ts';

/** A table's day timer and the clock that measures it (the bot's host's, never the game's). */
export interface DayTimer {
  readonly seconds: number;
  readonly now: () => number;
}

/** The judge's bot. */
export class JudgeBot implements Bot {
  readonly role = 'judge' as const;
  readonly personality: Personalities['judge'];
  readonly #court: CourtSigner;
  readonly #memory = new Memory();
  readonly #timer?: DayTimer;
  /** When this bot first saw each day begin (by its own clock: the game itself has none). */
  readonly #dayStarted = new Map<number, number>();

  /**
   * @param device - the court signer
   * @param personality - strict or lenient
   * @param timer - the table's day timer, which the judge enforces by ending the day
   */
  constructor(device: CourtSigner, personality: Personalities['judge'], timer?: DayTimer) {
    this.#court = device;
    this.personality = personality;
    if (timer) this.#timer = timer;
  }

  /** Whether the table's day timer has run out today (game.md §4), by this bot's clock. */
  #timeUp(view: SeatView): boolean {
    if (!this.#timer) return false;
    const started = this.#dayStarted.get(view.day) ?? this.#timer.now();
    this.#dayStarted.set(view.day, started);
    return this.#timer.now() - started >= this.#timer.seconds * 1000;
  }

  refused(action: BotAction): void {
    this.#memory.refuse(action);
  }

  next(view: SeatView, phase: string): BotAction | undefined {
    if (phase === 'setup') {
      return this.#memory.pick(setupScope(view), () =>
        view.courtPub ? undefined : { move: 'publishCourtKey', args: this.#court.publication() },
      );
    }
    if (phase !== 'day') return undefined;
    // The court sits at dusk (game.md §4: the judge bot rules at night): once every other seat
    // has ended the day, or the day timer has run out, it rules on everything pending, then
    // ends the day — for the table when the timer forced it.
    const timeUp = this.#timeUp(view);
    const dusk = timeUp || Object.keys(view.seats).every((id) => id === view.you || view.ended[id]);
    return this.#memory.pick(
      `${phase} ${view.day}`,
      () => {
        const doc = dusk ? view.documents.find((d) => d.status === 'pending') : undefined;
        if (!doc) return undefined;
        const needed = DOCUMENTS[doc.type].leads(view.options) - (this.personality === 'lenient' ? 1 : 0);
        const grant = doc.leads >= needed;
        return {
          move: 'rule',
          args: this.#court.ruling(view, doc, grant, grant ? undefined : `needs ${needed} leads, has ${doc.leads}`),
        };
      },
      () => (timeUp && this.#memory.once(`time up ${view.day}`) ? { move: 'endDayForTable', args: {} } : undefined),
      () => (dusk ? endDayIfNotEnded(view) : undefined),
    );
  }
}
