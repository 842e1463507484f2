/**
 * The game server's JSON API (same origin) and the seats this browser holds. Every
 * error comes back as `{ error }` with a 4xx status; network failures and non-JSON
 * answers are turned into an {@link ApiError} with a sentence a player can act on.
 * @module
 */
import type { Role } from '../game/index.ts';

/** A seat as the create and lookup answers list it. */
export interface TableSeat {
  readonly seat: string;
  readonly role: Role;
  readonly bot: boolean;
  readonly taken?: boolean;
  readonly name?: string;
}

/** What a player needs to sit at a match: kept in this browser only. */
export interface SeatCredentials {
  readonly matchID: string;
  readonly playerID: string;
  readonly credentials: string;
}

export interface SoloRequest {
  readonly scenario: string;
  readonly role: Role;
  readonly name: string;
}

export interface SoloResponse extends SeatCredentials {
  readonly code: string;
}

export interface TableRequest {
  readonly scenario: string;
  readonly seats: readonly { readonly role: Role; readonly bot: boolean; readonly personality?: string }[];
  readonly dayTimerSeconds?: number;
}

export interface TableResponse {
  readonly matchID: string;
  readonly code: string;
  readonly seats: readonly TableSeat[];
}

export interface JoinRequest {
  readonly code: string;
  readonly name: string;
  readonly role?: Role;
}

export interface TableInfo {
  readonly matchID: string;
  readonly code: string;
  readonly scenario: string;
  readonly seats: readonly TableSeat[];
}

/** An API refusal or a failed request, with the HTTP status (0 when the server was unreachable). */
export class ApiError extends Error {
  readonly status: number;
  constructor(status: number, message: string) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
  }
}

/** What a request may carry besides its method and path. */
export interface RequestOptions {
  /** A JSON body. */
  readonly body?: unknown;
  readonly signal?: AbortSignal;
  /** A teacher key or a student token, sent as `Authorization: Bearer …` (never in the URL). */
  readonly bearer?: string;
}

/**
 * Calls the game server's JSON API (same origin). A refusal becomes an {@link ApiError}
 * with the server's own sentence; a network failure one a player can act on.
 */
export async function apiRequest<T>(
  method: 'GET' | 'POST' | 'PATCH',
  path: string,
  { body, signal, bearer }: RequestOptions = {},
): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers: {
        accept: 'application/json',
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        // RFC 6750 §2.1: a bearer credential travels in the Authorization header only.
        ...(bearer ? { authorization: `Bearer ${bearer}` } : {}),
      },
      // Live answers (a dashboard polled every few seconds) must never come from a cache.
      cache: 'no-store',
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      ...(signal ? { signal } : {}),
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError(0, 'Could not reach the game server. Check your connection and try again.');
  }
  let data: unknown;
  try {
    data = await response.json();
  } catch {
    data = undefined;
  }
  if (!response.ok) {
    const message =
      typeof data === 'object' && data !== null && typeof (data as { error?: unknown }).error === 'string'
        ? (data as { error: string }).error
        : `The server answered ${response.status} ${response.statusText}.`;
    throw new ApiError(response.status, message);
  }
  if (data === undefined) throw new ApiError(response.status, 'The server sent an answer this page cannot read.');
  return data as T;
}

function request<T>(method: 'GET' | 'POST', path: string, body?: unknown, signal?: AbortSignal): Promise<T> {
  return apiRequest<T>(method, path, { body, ...(signal ? { signal } : {}) });
}

/** Starts a solo game: this browser takes one seat, bots take the rest. */
export function createSolo(body: SoloRequest): Promise<SoloResponse> {
  return request('POST', '/api/solo', body);
}

/** Creates a table with human and bot seats; players then join with the code. */
export function createTable(body: TableRequest): Promise<TableResponse> {
  return request('POST', '/api/tables', body);
}

/** Takes a free seat at a table. */
export function joinTable(body: JoinRequest): Promise<SeatCredentials> {
  return request('POST', '/api/join', body);
}

/** Looks a table up by its join code. */
export function lookupTable(code: string, signal?: AbortSignal): Promise<TableInfo> {
  return request('GET', `/api/tables/${encodeURIComponent(code)}`, undefined, signal);
}

/** A join code as typed (lowercase, spaces, dashes) in the form the server issues. */
export function normalizeCode(input: string): string {
  return input.replace(/[\s_\-\u2010-\u2015]+/g, '').toUpperCase();
}

/** A join code in groups that are easy to read aloud: "K7QM 2XPA", "ABC DEF". */
export function groupCode(code: string): string {
  const size = code.length % 4 !== 0 && code.length % 3 === 0 ? 3 : 4;
  return code.length <= size ? code : (code.match(new RegExp(`.{1,${size}}`, 'g')) ?? [code]).join(' ');
}

/** The link that opens the join form with this code filled in. */
export function joinLink(code: string): string {
  const { origin, pathname } = window.location;
  return `${origin}${pathname}#/join/${encodeURIComponent(code)}`;
}

/* ── Seats held by this browser (localStorage, one key per match) ───────────────── */

/** A seat this browser holds, with the name the player chose. */
export interface StoredSeat extends SeatCredentials {
  readonly name: string;
}

const PREFIX = 'going-dark/seat/';

function isStoredSeat(value: unknown): value is StoredSeat {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return ['matchID', 'playerID', 'credentials', 'name'].every((k) => typeof v[k] === 'string');
}

/** Remembers a seat (replacing any other seat of the same match in this browser). */
export function saveSeat(seat: StoredSeat): void {
  const { matchID, playerID, credentials, name } = seat;
  try {
    localStorage.setItem(PREFIX + matchID, JSON.stringify({ matchID, playerID, credentials, name }));
  } catch {
    // Storage full or disabled: the seat works for this visit only.
  }
}

/** The seat this browser holds at a match, if any. */
export function loadSeat(matchID: string): StoredSeat | undefined {
  try {
    const raw = localStorage.getItem(PREFIX + matchID);
    const value: unknown = raw ? JSON.parse(raw) : undefined;
    return isStoredSeat(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

/** Every seat this browser holds. */
export function listSeats(): StoredSeat[] {
  const seats: StoredSeat[] = [];
  try {
    for (let i = 0; i < localStorage.length; i++) {
      const key = localStorage.key(i);
      if (key?.startsWith(PREFIX)) {
        const seat = loadSeat(key.slice(PREFIX.length));
        if (seat) seats.push(seat);
      }
    }
  } catch {
    // Storage disabled: nothing remembered.
  }
  return seats;
}

/** Forgets the seat this browser holds at a match. */
export function forgetSeat(matchID: string): void {
  try {
    localStorage.removeItem(PREFIX + matchID);
  } catch {
    // Nothing to do.
  }
}
