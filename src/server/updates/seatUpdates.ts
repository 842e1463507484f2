/**
 * Each socket gets a move's new state as a patch to the state it last received, not
 * as the whole state. boardgame.io's master sends every seat its whole player view on
 * every move ('update'); its own `deltaState` option sends a patch ('patch') instead but
 * computes it by running the player view twice and diffing the whole view with rfc6902,
 * which cost more than it saved here, and labels it with the state id the mover sent,
 * which is wrong for moves that ignore a stale state id (docs/performance.md).
 *
 * This remembers, per socket, the state it was last sent and patches from exactly that
 * (statePatch.ts), labelled with that state's id: the boardgame.io client applies a
 * 'patch' only to the state it names (client.ts, `receiveTransportData`), and a socket
 * delivers in order, so the client holds that state when the patch arrives. A socket
 * with nothing remembered — just connected, or re-synced (the transport forgets a
 * socket whenever it syncs or leaves) — gets the whole state, as does any change a patch
 * would not make smaller.
 * @module
 */
import type { LogEntry, State } from 'boardgame.io';
import { type PatchOperation, statePatch } from './statePatch.ts';

/** What boardgame.io's socket transport emits to one socket (master.ts, `TransportData`). */
export type SocketData =
  | { readonly type: 'update'; readonly args: [matchID: string, state: State, log: LogEntry[]] }
  | {
      readonly type: 'patch';
      readonly args: [matchID: string, prevStateID: number, stateID: number, patch: PatchOperation[], log: LogEntry[]];
    }
  | { readonly type: string; readonly args: unknown[] };

/** The state each socket was last sent. */
export class SeatUpdates {
  readonly #sent = new Map<string, State>();

  /**
   * What to emit to the socket instead of `data` (already filtered for its seat): a
   * patch where one applies, `data` itself where not, or nothing when the socket holds
   * this very state already and there is no log to add — boardgame.io's master
   * announces the unchanged state after every refused move (master.ts, onUpdate).
   */
  next(socketID: string, data: SocketData): SocketData | undefined {
    if (data.type !== 'update') return data;
    const [matchID, state, log] = data.args as [string, State, LogEntry[]];
    const sent = this.#sent.get(socketID);
    if (sent && sent._stateID === state._stateID && !log?.length) return undefined;
    // An older state than the socket holds is ignored by the client: keep what it holds.
    if (sent && sent._stateID > state._stateID) return data;
    this.#sent.set(socketID, state);
    if (!sent || sent._stateID === state._stateID) return data;
    const patch = statePatch(sent as unknown as Record<string, unknown>, state as unknown as Record<string, unknown>);
    return patch ? { type: 'patch', args: [matchID, sent._stateID, state._stateID, patch, log] } : data;
  }

  /** Forgets the socket: its next state is sent whole. */
  forget(socketID: string): void {
    this.#sent.delete(socketID);
  }

  /** How many sockets have a state remembered. */
  get size(): number {
    return this.#sent.size;
  }
}
