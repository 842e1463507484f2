/**
 * A small hash router: the server serves one page, and the part after `#` picks the
 * screen. Unknown paths fall back to home.
 * @module
 */
import { useSyncExternalStore } from 'react';

/** The screens and their parameters. */
export type Route =
  | { readonly name: 'home' }
  | { readonly name: 'lesson' }
  | { readonly name: 'solo' }
  | { readonly name: 'create' }
  | { readonly name: 'join'; readonly code?: string }
  | { readonly name: 'table'; readonly matchID: string; readonly playerID: string }
  | { readonly name: 'glossary' }
  | { readonly name: 'class-new' }
  | { readonly name: 'class-join'; readonly code: string }
  | { readonly name: 'class-dashboard'; readonly code: string }
  | { readonly name: 'class-projector'; readonly code: string }
  | { readonly name: 'class-debrief'; readonly code: string }
  | { readonly name: 'class-docket'; readonly code: string }
  /** A seat handed to another browser: the seat's credentials travel in the hash, never to the server. */
  | {
      readonly name: 'seat';
      readonly matchID: string;
      readonly playerID: string;
      readonly credentials: string;
      readonly player: string;
    }
  | { readonly name: 'not-found'; readonly path: string };

function decode(part: string): string | undefined {
  try {
    return decodeURIComponent(part);
  } catch {
    return undefined;
  }
}

/** Reads a route from a hash such as `#/join/ABCD`; a second `#` marks a place on the page (`#/glossary#calea`). */
export function parseHash(hash: string): Route {
  const path = (hash.replace(/^#/, '').split('#')[0] ?? '').replace(/^\/+/, '').replace(/\/+$/, '');
  const parts = path === '' ? [] : path.split('/').map(decode);
  if (parts.some((p) => p === undefined || p === '')) return { name: 'not-found', path };
  const [head, ...rest] = parts as string[];
  if (head === undefined) return { name: 'home' };
  if (rest.length === 0 && (head === 'lesson' || head === 'solo' || head === 'create' || head === 'glossary')) {
    return { name: head };
  }
  if (head === 'class') {
    const [code, screen] = rest;
    if (rest.length === 1 && code === 'new') return { name: 'class-new' };
    if (rest.length === 1 && code) return { name: 'class-join', code };
    if (rest.length === 2 && code && screen === 'dashboard') return { name: 'class-dashboard', code };
    if (rest.length === 2 && code && screen === 'projector') return { name: 'class-projector', code };
    if (rest.length === 2 && code && screen === 'debrief') return { name: 'class-debrief', code };
    if (rest.length === 2 && code && screen === 'docket') return { name: 'class-docket', code };
  }
  if (head === 'seat' && rest.length === 4) {
    const [matchID, playerID, credentials, player] = rest as [string, string, string, string];
    return { name: 'seat', matchID, playerID, credentials, player };
  }
  if (head === 'join' && rest.length <= 1) return rest[0] ? { name: 'join', code: rest[0] } : { name: 'join' };
  if (head === 'table' && rest.length === 2) {
    const [matchID, playerID] = rest as [string, string];
    return { name: 'table', matchID, playerID };
  }
  return { name: 'not-found', path };
}

/** The hash (with `#`) that shows a route. */
export function href(route: Route): string {
  switch (route.name) {
    case 'home':
      return '#/';
    case 'join':
      return route.code ? `#/join/${encodeURIComponent(route.code)}` : '#/join';
    case 'table':
      return `#/table/${encodeURIComponent(route.matchID)}/${encodeURIComponent(route.playerID)}`;
    case 'class-new':
      return '#/class/new';
    case 'class-join':
      return `#/class/${encodeURIComponent(route.code)}`;
    case 'class-dashboard':
      return `#/class/${encodeURIComponent(route.code)}/dashboard`;
    case 'class-projector':
      return `#/class/${encodeURIComponent(route.code)}/projector`;
    case 'class-debrief':
      return `#/class/${encodeURIComponent(route.code)}/debrief`;
    case 'class-docket':
      return `#/class/${encodeURIComponent(route.code)}/docket`;
    case 'seat':
      return `#/seat/${[route.matchID, route.playerID, route.credentials, route.player].map(encodeURIComponent).join('/')}`;
    case 'not-found':
      return `#/${route.path}`;
    default:
      return `#/${route.name}`;
  }
}

/** Shows a route (adds a history entry, so Back works). */
export function navigate(route: Route): void {
  window.location.hash = href(route);
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

/** The current hash; re-renders when it changes. */
export function useHash(): string {
  return useSyncExternalStore(
    subscribe,
    () => window.location.hash,
    () => window.location.hash,
  );
}
