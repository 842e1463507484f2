/**
 * The class API's request bodies, validated with zod before anything else reads them.
 * @module
 */
import { z } from 'zod';
import { SCENARIOS, type ScenarioId } from '../../game/index.ts';

/** POST /api/classes */
export const CreateClass = z.object({
  scenario: z.enum(Object.keys(SCENARIOS) as [ScenarioId, ...ScenarioId[]]).default('san-jose-2013'),
  crew: z.union([z.literal(2), z.literal(3)]).default(3),
  judge: z.enum(['teacher', 'bot']).default('bot'),
  days: z.number().int().min(2).max(10).optional(),
  dayTimerSeconds: z.number().int().min(30).max(3600).optional(),
});

/** POST /api/classes/:code/students */
export const JoinClass = z.object({ nickname: z.string().max(64).optional() });

/** PATCH /api/classes/:code/students/:id */
export const UpdateStudent = z
  .object({ nickname: z.string().max(64).optional(), removed: z.boolean().optional() })
  .refine((v) => v.nickname !== undefined || v.removed !== undefined, 'give a nickname or removed');

/** POST /api/classes/:code/lock */
export const LockClass = z.object({ locked: z.boolean() });

/** POST /api/classes/:code/pause */
export const PauseClass = z.object({ paused: z.boolean() });

/** POST /api/classes/:code/end-day — one table (numbered from 0, as the dashboard numbers them) or all. */
export const EndDay = z.object({ table: z.number().int().min(0).max(999).optional() });

/** POST /api/classes/:code/students/:id/stand-in */
export const StandIn = z.object({ on: z.boolean() });

/** POST /api/classes/:code/rounds — optionally with the teacher's placements (tables numbered from 0). */
export const StartRound = z.object({
  placements: z
    .array(
      z.object({
        student: z.string().min(1).max(64),
        table: z.number().int().min(0).max(999),
        role: z.enum(['sender', 'carrier', 'relay', 'investigator']),
      }),
    )
    .max(500)
    .optional(),
});
