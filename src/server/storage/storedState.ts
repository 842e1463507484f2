/**
 * The match state as it is stored. After a refused (invalid) move, boardgame.io 0.50.2's
 * reducer returns the state it was working on, whose plugins still carry their runtime
 * `api` objects (src/core/reducer.ts: `WithError(state, …)` after `plugins.Enhance`); a
 * valid move flushes them. They are not game state: they are dropped before a state is
 * stored, so the state written back after a refused move is the state that was read.
 * @module
 */
import type { State } from 'boardgame.io';

/** `state` without its plugins' runtime `api` objects (the same object if it has none). */
export function storedState(state: State): State {
  const plugins = state.plugins as Record<string, { data?: unknown; api?: unknown }> | undefined;
  if (!plugins || !Object.values(plugins).some((p) => p && 'api' in p)) return state;
  const stripped: Record<string, unknown> = {};
  for (const [name, plugin] of Object.entries(plugins)) {
    if (plugin && typeof plugin === 'object' && 'api' in plugin) {
      const { api: _api, ...rest } = plugin;
      stripped[name] = rest;
    } else {
      stripped[name] = plugin;
    }
  }
  return { ...state, plugins: stripped } as State;
}
