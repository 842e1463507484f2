/**
 * What a bot is: an ordinary client of one seat. It reads only that seat's filtered
 * view, holds that seat's device (and so its keys), and proposes at most one move per
 * state. A refused move is reported back so the bot does not propose it again.
 * @module
 */
import type { Role, SeatView } from '../game/index.ts';

/** A move a bot wants to make. */
export interface BotAction {
  readonly move: string;
  readonly args: unknown;
}

/** The personalities of each role (game.md §10). */
export interface Personalities {
  sender: 'careful' | 'careless';
  carrier: 'diligent' | 'sloppy';
  relay: 'compliant' | 'defiant';
  investigator: 'cautious' | 'aggressive';
  judge: 'strict' | 'lenient';
}

/** A personality of any role. */
export type Personality = Personalities[Role];

/** One seat's bot. */
export interface Bot {
  readonly role: Role;
  readonly personality: Personality;
  /**
   * The bot's next move in this state, or undefined when it has nothing to do.
   * @param view - the seat's filtered view
   * @param phase - the boardgame.io phase ("setup", "day", "night")
   */
  next(view: SeatView, phase: string): BotAction | undefined;
  /** The referee refused the move proposed last: do not propose it again. */
  refused(action: BotAction): void;
}

/** The default personality of each role. */
export const DEFAULT_PERSONALITIES: Personalities = {
  sender: 'careless',
  carrier: 'diligent',
  relay: 'compliant',
  investigator: 'cautious',
  judge: 'strict',
};

/** A stable key for an action, to remember refusals. */
export function actionKey(action: BotAction): string {
  return `${action.move}:${JSON.stringify(action.args).slice(0, 200)}`;
}

/** Shared bookkeeping: refused actions and the day the seat last ended. */
export class Memory {
  readonly #refused = new Set<string>();
  readonly #done = new Set<string>();
  /** The rule (and scope) that chose each recent action, so a late refusal blocks the right rule. */
  readonly #ruleOf = new Map<string, string>();

  /**
   * Remembers a refusal: neither the action nor the rule that chose it is tried again in
   * this scope. End day is never blocked: it is always allowed, and a refusal reported
   * for it can only be a transport that answered late.
   */
  refuse(action: BotAction): void {
    if (action.move === 'endDay') return;
    const key = actionKey(action);
    this.#refused.add(key);
    const rule = this.#ruleOf.get(key);
    if (rule) this.#refused.add(rule);
  }

  allowed(action: BotAction): boolean {
    return !this.#refused.has(actionKey(action));
  }

  /** Marks a one-off task (e.g. "sent plan to Bob") as done; false if it was already. */
  once(task: string): boolean {
    if (this.#done.has(task)) return false;
    this.#done.add(task);
    return true;
  }

  has(task: string): boolean {
    return this.#done.has(task);
  }

  /**
   * Runs the candidate rules in order (lazily: a rule may compose a message) and
   * returns the first action not refused before. A rule whose action was refused is
   * skipped for the rest of `scope` (e.g. the day).
   */
  pick(scope: string, ...rules: (() => BotAction | undefined)[]): BotAction | undefined {
    for (const [i, rule] of rules.entries()) {
      const ruleKey = `rule ${scope} ${i}`;
      if (this.#refused.has(ruleKey)) continue;
      let action: BotAction | undefined;
      try {
        action = rule();
      } catch {
        // The device could not do it now (e.g. no device left to encrypt to): try the next rule.
        continue;
      }
      if (action && this.allowed(action)) {
        if (this.#ruleOf.size > 256) this.#ruleOf.clear();
        this.#ruleOf.set(actionKey(action), ruleKey);
        return action;
      }
    }
    return undefined;
  }
}

/**
 * The scope of the setup phase's rules: it changes whenever setup makes progress (a
 * device registered, a SIM provisioned, a key escrowed or published). Over a socket a
 * slow answer looks like a refusal; scoping by progress means such a false refusal
 * blocks a rule only until the next step of setup, never for the whole phase.
 */
export function setupScope(view: SeatView): string {
  return `setup ${view.devices.length}/${view.sims.length}/${view.escrow.length}/${view.courtPub ? 1 : 0}/${view.relayLogPub ? 1 : 0}`;
}

/** The End day action, once per day. */
export function endDayIfNotEnded(view: SeatView): BotAction | undefined {
  return view.you !== null && !view.ended[view.you] ? { move: 'endDay', args: {} } : undefined;
}
