/**
 * The lobby API's request bodies, validated with zod before anything else reads them.
 * @module
 */
import { z } from 'zod';
import { PERSONALITIES } from '../bots/index.ts';
import { SCENARIOS, type ScenarioId } from '../game/index.ts';

const scenario = z.enum(Object.keys(SCENARIOS) as [ScenarioId, ...ScenarioId[]]);
const role = z.enum(['sender', 'carrier', 'relay', 'investigator', 'judge']);
const personality = z.enum(Object.values(PERSONALITIES).flat() as [string, ...string[]]);
const name = z
  .string()
  .trim()
  .min(1, 'a name is required')
  .max(32, 'a name is at most 32 characters')
  .regex(/^[\x20-\x7e]+$/, 'a name uses printable ASCII characters');

/** POST /api/tables */
export const CreateTable = z.object({
  scenario,
  options: z.record(z.string(), z.unknown()).optional(),
  seats: z
    .array(z.object({ role, bot: z.boolean().default(false), personality: personality.optional() }))
    .min(6)
    .max(7),
  dayTimerSeconds: z.number().int().min(30).max(3600).optional(),
});

/** POST /api/solo */
export const Solo = z.object({ scenario: scenario.default('san-jose-2013'), role: role.default('sender'), name });

/** POST /api/join */
export const Join = z.object({ code: z.string().min(4).max(16), name, role: role.optional() });

/** The first problem of a failed validation, in one sentence. */
export function explain(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'invalid request';
  const path = issue.path.join('.');
  return path ? `${path}: ${issue.message}` : issue.message;
}
