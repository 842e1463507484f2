/**
 * Guards on the game's socket.io namespace (boardgameio-notes.md, "Server"):
 * - a browser connection must come from an allowed Origin (WebSockets ignore CORS);
 * - a `sync` for a match that does not exist is dropped — boardgame.io would create it;
 * - an `update` whose action names another seat than the one it authenticates as is
 *   dropped — boardgame.io checks the credentials of one seat and runs the move as the
 *   seat named in the payload;
 * - anything else but sync, update, chat is dropped.
 * Client-sent game events are refused by the game itself (src/game/guard.ts).
 * @module
 */
import type { IncomingMessage } from 'node:http';

/** The parts of socket.io's namespace and socket the guard uses. */
interface Namespace {
  use(fn: (socket: GuardedSocket, next: (err?: Error) => void) => void): unknown;
}
interface GuardedSocket {
  use(fn: (packet: unknown[], next: (err?: Error) => void) => void): unknown;
}

/**
 * socket.io's `allowRequest`: a request with an Origin header must carry an allowed one.
 * Non-browser clients (the hosted bots) send none.
 * @param origins - allowed origins
 */
export function originCheck(origins: readonly string[]) {
  return (req: IncomingMessage, callback: (err: string | null | undefined, success: boolean) => void) => {
    const origin = req.headers.origin;
    // A page this server served, at whatever address the browser used (a classroom laptop's
    // network address, say): its origin is the very host it asks. Another site's page is not.
    const host = req.headers.host;
    const sameOrigin = host !== undefined && (origin === `http://${host}` || origin === `https://${host}`);
    callback(null, origin === undefined || sameOrigin || origins.includes(origin));
  };
}

/**
 * Installs the packet guards on the game namespace.
 * @param nsp - the namespace boardgame.io created for the game
 * @param matchExists - whether a match id is stored
 * @param onDrop - told about each dropped packet (for logs and tests)
 * @param isPaused - whether a match is paused by its class's teacher (its moves are dropped)
 */
export function guardNamespace(
  nsp: Namespace,
  matchExists: (matchID: string) => Promise<boolean>,
  onDrop: (reason: string) => void = () => {},
  isPaused: (matchID: string) => boolean = () => false,
): void {
  nsp.use((socket, next) => {
    socket.use((packet, proceed) => {
      const [event, ...args] = packet;
      if (event === 'update') {
        const [action, , , playerID] = args as [
          { payload?: { playerID?: unknown } } | undefined,
          unknown,
          unknown,
          unknown,
        ];
        if (typeof action !== 'object' || action === null || action.payload?.playerID !== playerID) {
          onDrop('update for another seat than the one it authenticates as');
          return;
        }
        const matchID = args[2];
        if (typeof matchID === 'string' && isPaused(matchID)) {
          onDrop(`move in paused match ${matchID.slice(0, 32)}`);
          return;
        }
        proceed();
      } else if (event === 'sync') {
        const matchID = args[0];
        if (typeof matchID !== 'string') return onDrop('sync without a match id');
        matchExists(matchID).then(
          (exists) => (exists ? proceed() : onDrop(`sync for unknown match ${matchID.slice(0, 32)}`)),
          () => onDrop('sync check failed'),
        );
      } else if (event === 'chat') {
        proceed();
      } else {
        onDrop(`unknown event ${String(event).slice(0, 32)}`);
      }
    });
    next();
  });
}
