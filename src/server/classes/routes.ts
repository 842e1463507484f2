/**
 * The class API (same port as the game). Teacher endpoints need the class's teacher key
 * as `Authorization: Bearer <key>`; a student's own endpoint needs their token the same
 * way. Every refusal is a 4xx with `{ error }`.
 *
 * | route | who | does |
 * | --- | --- | --- |
 * | POST /api/classes | anyone (rate-limited) | create a class → `{ code, teacherKey }` |
 * | GET /api/classes/:code | anyone | `{ code, scenario, locked, students }` |
 * | GET /api/classes/:code/nickname | anyone | a suggested nickname |
 * | POST /api/classes/:code/students | anyone | join → `{ id, token, nickname }` |
 * | GET /api/classes/:code/me | student | own nickname and seat this round |
 * | GET /api/classes/:code/dashboard | teacher | tables, seats, students |
 * | GET /api/classes/:code/projector | teacher | status and public feed only |
 * | GET /api/classes/:code/debrief | teacher | every table's outcome and win path, round totals, questions |
 * | POST /api/classes/:code/rounds | teacher | start a round (rotated roles; `{ placements? }` places students) |
 * | POST /api/classes/:code/lock | teacher | lock or open the class |
 * | PATCH /api/classes/:code/students/:id | teacher | rename, remove, bring back |
 * | POST /api/classes/:code/pause | teacher | pause (moves dropped, bots wait) or resume |
 * | POST /api/classes/:code/end-day | teacher | end the day at one table or all (through the judge bots) |
 * | POST /api/classes/:code/students/:id/stand-in | teacher | a stand-in bot plays an absent student's seat, or hands it back |
 * | GET /api/matches/:matchID/status | anyone | `{ paused }`: whether the table's class is paused |
 * @module
 */
import type Router from '@koa/router';
import type { Context, Next } from 'koa';
import { body, fail, RateLimit } from '../api.ts';
import { normaliseCode } from '../storage/codes.ts';
import {
  CreateClass,
  EndDay,
  JoinClass,
  LockClass,
  PauseClass,
  StandIn,
  StartRound,
  UpdateStudent,
} from './schemas.ts';
import { ClassError, type Classes } from './service.ts';

function bearer(ctx: Context): string | undefined {
  const header = ctx.get('authorization');
  const match = /^Bearer\s+([0-9a-f]{16,128})$/i.exec(header);
  return match?.[1]?.toLowerCase();
}

async function answer(ctx: Context, run: () => unknown, status = 200): Promise<void> {
  try {
    const result = await run();
    ctx.body = result ?? { ok: true };
    ctx.status = status;
  } catch (e) {
    if (e instanceof ClassError) fail(ctx, e.status, e.message);
    else throw e;
  }
}

/** The class code in the path, canonical; answers 404 when it cannot be a code. */
function codeOf(ctx: Context): string | undefined {
  const code = normaliseCode(String(ctx.params.code ?? ''));
  if (!code) fail(ctx, 404, 'that is not a class code');
  return code;
}

/**
 * Adds the class routes.
 * @param router - the game server's router
 * @param classes - the class service
 * @param options - body size limit and creation rate limit
 */
export function addClassRoutes(
  router: Router,
  classes: Classes,
  options: { maxBodyBytes: number; createPerMinute: number },
): void {
  const limit = new RateLimit(options.createPerMinute);
  const limited = async (ctx: Context, next: Next) => {
    if (!limit.allow(ctx.ip)) return fail(ctx, 429, 'too many classes created from this address; wait a minute');
    await next();
  };
  router.post('/api/classes', limited, async (ctx) => {
    const request = await body(ctx, CreateClass, options.maxBodyBytes);
    if (request) await answer(ctx, () => classes.create(request), 201);
  });
  router.get('/api/classes/:code', async (ctx) => {
    const code = codeOf(ctx);
    if (code) await answer(ctx, () => classes.info(code));
  });
  router.get('/api/classes/:code/nickname', async (ctx) => {
    await answer(ctx, () => ({ nickname: classes.suggestion() }));
  });
  router.post('/api/classes/:code/students', async (ctx) => {
    const code = codeOf(ctx);
    const request = code && (await body(ctx, JoinClass, options.maxBodyBytes));
    if (code && request) await answer(ctx, () => classes.join(code, request.nickname), 201);
  });
  router.get('/api/classes/:code/me', async (ctx) => {
    const code = codeOf(ctx);
    if (code) await answer(ctx, () => classes.me(code, bearer(ctx)));
  });
  router.get('/api/classes/:code/dashboard', async (ctx) => {
    const code = codeOf(ctx);
    if (code) await answer(ctx, () => classes.dashboard(code, bearer(ctx)));
  });
  router.get('/api/classes/:code/projector', async (ctx) => {
    const code = codeOf(ctx);
    if (code) await answer(ctx, () => classes.projector(code, bearer(ctx)));
  });
  router.get('/api/classes/:code/debrief', async (ctx) => {
    const code = codeOf(ctx);
    if (code) await answer(ctx, () => classes.debrief(code, bearer(ctx)));
  });
  router.post('/api/classes/:code/rounds', async (ctx) => {
    const code = codeOf(ctx);
    const request = code && (await body(ctx, StartRound, options.maxBodyBytes));
    if (code && request) {
      await answer(ctx, () => classes.startRound(code, bearer(ctx), request.placements ?? []), 201);
    }
  });
  router.post('/api/classes/:code/lock', async (ctx) => {
    const code = codeOf(ctx);
    const request = code && (await body(ctx, LockClass, options.maxBodyBytes));
    if (code && request) await answer(ctx, () => classes.lock(code, bearer(ctx), request.locked));
  });
  router.patch('/api/classes/:code/students/:id', async (ctx) => {
    const code = codeOf(ctx);
    const request = code && (await body(ctx, UpdateStudent, options.maxBodyBytes));
    if (code && request) {
      const change = {
        ...(request.nickname !== undefined ? { nickname: request.nickname } : {}),
        ...(request.removed !== undefined ? { removed: request.removed } : {}),
      };
      await answer(ctx, () => classes.updateStudent(code, bearer(ctx), String(ctx.params.id), change));
    }
  });
  router.post('/api/classes/:code/pause', async (ctx) => {
    const code = codeOf(ctx);
    const request = code && (await body(ctx, PauseClass, options.maxBodyBytes));
    if (code && request) await answer(ctx, () => classes.pause(code, bearer(ctx), request.paused));
  });
  router.post('/api/classes/:code/end-day', async (ctx) => {
    const code = codeOf(ctx);
    const request = code && (await body(ctx, EndDay, options.maxBodyBytes));
    if (code && request) await answer(ctx, () => classes.endDay(code, bearer(ctx), request.table));
  });
  router.post('/api/classes/:code/students/:id/stand-in', async (ctx) => {
    const code = codeOf(ctx);
    const request = code && (await body(ctx, StandIn, options.maxBodyBytes));
    if (code && request) await answer(ctx, () => classes.standIn(code, bearer(ctx), String(ctx.params.id), request.on));
  });
  router.get('/api/matches/:matchID/status', async (ctx) => {
    await answer(ctx, async () => ({ paused: await classes.isMatchPaused(String(ctx.params.matchID).slice(0, 64)) }));
  });
}
