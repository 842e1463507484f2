/**
 * The lobby's JSON API on the game port: create a table, solo, join by code, table
 * info, health. Bodies are size-limited and validated (zod); every refusal is a 4xx
 * with `{ error }`. boardgame.io's own lobby routes (`/games/…`) are closed: tables are
 * made only here, so every seat gets credentials.
 * @module
 */
import type Router from '@koa/router';
import parse from 'co-body';
import type { Context, Next } from 'koa';
import type { z } from 'zod';
import { CreateTable, explain, Join, Solo } from './schemas.ts';
import { TableError, type Tables } from './tables.ts';

/** A fixed-window rate limit per client address. */
export class RateLimit {
  readonly #hits = new Map<string, { start: number; count: number }>();
  constructor(
    readonly perMinute: number,
    readonly now: () => number = Date.now,
  ) {}

  allow(key: string): boolean {
    const t = this.now();
    const entry = this.#hits.get(key);
    if (!entry || t - entry.start >= 60_000) {
      this.#hits.set(key, { start: t, count: 1 });
      return true;
    }
    entry.count++;
    return entry.count <= this.perMinute;
  }
}

/** Answers with a 4xx status and `{ error }`. */
export function fail(ctx: Context, status: number, error: string): void {
  ctx.status = status;
  ctx.body = { error };
}

/** Reads and validates a JSON body (size-limited); on failure answers 400/413 and returns undefined. */
export async function body<S extends z.ZodType>(
  ctx: Context,
  schema: S,
  limit: number,
): Promise<z.infer<S> | undefined> {
  let raw: unknown;
  try {
    raw = await parse.json(ctx.req, { limit, strict: true });
  } catch (e) {
    const err = e as { status?: number; type?: string };
    if (err.status === 413 || err.type === 'entity.too.large')
      fail(ctx, 413, `the request body is larger than ${limit} bytes`);
    else fail(ctx, 400, 'the request body must be JSON');
    return undefined;
  }
  const result = schema.safeParse(raw);
  if (!result.success) {
    fail(ctx, 400, explain(result.error));
    return undefined;
  }
  return result.data;
}

async function answer(ctx: Context, run: () => Promise<unknown>, status = 200): Promise<void> {
  try {
    ctx.body = await run();
    ctx.status = status;
  } catch (e) {
    if (e instanceof TableError) fail(ctx, e.status, e.message);
    else throw e;
  }
}

/**
 * Adds the API routes.
 * @param router - boardgame.io's router (mounted on the game port)
 * @param tables - the table service
 * @param options - body size limit, table-creation rate limit, and the store in use (for /api/health)
 */
export function addApiRoutes(
  router: Router,
  tables: Tables,
  options: { maxBodyBytes: number; createPerMinute: number; databaseUrl?: string | undefined },
): void {
  const limit = new RateLimit(options.createPerMinute);
  const limited = async (ctx: Context, next: Next) => {
    if (!limit.allow(ctx.ip)) return fail(ctx, 429, 'too many tables created from this address; wait a minute');
    await next();
  };
  router.get('/api/health', (ctx) => {
    ctx.body = { ok: true, storage: options.databaseUrl ? 'postgresql' : 'sqlite' };
  });
  router.post('/api/tables', limited, async (ctx) => {
    const request = await body(ctx, CreateTable, options.maxBodyBytes);
    if (request) await answer(ctx, () => tables.create(request), 201);
  });
  router.post('/api/solo', limited, async (ctx) => {
    const request = await body(ctx, Solo, options.maxBodyBytes);
    if (request) await answer(ctx, () => tables.solo(request), 201);
  });
  router.post('/api/join', async (ctx) => {
    const request = await body(ctx, Join, options.maxBodyBytes);
    if (request) await answer(ctx, () => tables.join(request));
  });
  router.get('/api/tables/:code', async (ctx) => {
    await answer(ctx, () => tables.info(String(ctx.params.code)));
  });
}

/** Koa middleware closing boardgame.io's built-in lobby routes. */
export async function closeBuiltInLobby(ctx: Context, next: Next): Promise<void> {
  if (ctx.path === '/games' || ctx.path.startsWith('/games/'))
    return fail(ctx, 404, 'use /api to create and join tables');
  await next();
}
