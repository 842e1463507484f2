/**
 * The plan card: dealt on the server when day 1 begins (never in `setup()`, which
 * boardgame.io sends unfiltered to every client), and recognised in plaintext by
 * the referee (game.md §6–7).
 * @module
 */
import { type Entropy, uniformInt } from './entropy.ts';
import { PLACES, TIMES } from './scenarios.ts';
import type { PlanCard } from './types.ts';

/** Deals one of the 12 × 8 plan cards from the entropy source. */
export function dealPlan(entropy: Entropy): PlanCard {
  return {
    place: PLACES[uniformInt(entropy, PLACES.length)] as string,
    time: TIMES[uniformInt(entropy, TIMES.length)] as string,
  };
}

/** What a plaintext reveals of the plan: its place and/or its time, case-insensitively. */
export function reveals(plaintext: string, plan: PlanCard): { place: boolean; time: boolean } {
  const text = plaintext.toLowerCase();
  return { place: text.includes(plan.place.toLowerCase()), time: text.includes(plan.time.toLowerCase()) };
}

/** The text a payload shows: its free text and its plan fields. */
export function payloadText(payload: { text: string; plan?: { place: string; time: string } }): string {
  return payload.plan ? `${payload.text}\n${payload.plan.place}\n${payload.plan.time}` : payload.text;
}
