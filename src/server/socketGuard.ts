/**
 * Guards on the game's socket.io namespace (boardgameio-notes.md, "Server"):
 * - a browser connection must come from an allowed Origin (WebSockets ignore CORS);
 * - a `sync` for a match that does not exist is dropped — boardgame.io would create it;
 * - an `update` whose action names another seat than the one it authenticates as is
 *   dropped — boardgame.io checks the credentials of one seat and runs the move as the
 *   seat named in the payload;
 * - an `update` must be a move the game has, with plain arguments, for a match this
 *   socket has synced; raw state actions (UPDATE, PATCH, RESET…) and events are dropped;
 * - anything else but sync and update is dropped (the game has no chat).
 * Client-sent game events are also refused by the game itself (src/game/guard.ts).
 * @module
 */
import type { IncomingMessage } from 'node:http';
import { syncProblem, updateProblem } from './packets.ts';

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
 * Installs the packet guards on the game namespace (the checks are in `packets.ts`).
 * @param nsp - the namespace boardgame.io created for the game
 * @param matchExists - whether a match id is stored
 * @param onDrop - told about each dropped packet (for logs and tests)
 * @param isPaused - whether a match is paused by its class's teacher (its moves are dropped)
 * @param moves - the names of the game's moves (an update naming anything else is dropped)
 */
export function guardNamespace(
  nsp: Namespace,
  matchExists: (matchID: string) => Promise<boolean>,
  onDrop: (reason: string) => void = () => {},
  isPaused: (matchID: string) => Promise<boolean> = async () => false,
  moves: ReadonlySet<string> = new Set(),
): void {
  nsp.use((socket, next) => {
    // The matches this socket has synced: updates for any other are dropped (boardgame.io
    // would keep a queue for every match id it is sent).
    const synced = new Set<string>();
    // The pause check is asynchronous (the class store may be PostgreSQL): a socket's
    // updates wait for it one after the other, so they reach the match in the order sent.
    let updates: Promise<void> = Promise.resolve();
    socket.use((packet, proceed) => {
      const [event, ...args] = packet;
      if (event === 'update') {
        const problem = updateProblem(args, moves, synced);
        if (problem) return onDrop(problem);
        const matchID = args[2] as string;
        updates = updates.then(() =>
          isPaused(matchID).then(
            (paused) => (paused ? onDrop(`move in paused match ${matchID.slice(0, 32)}`) : proceed()),
            () => onDrop('pause check failed'),
          ),
        );
      } else if (event === 'sync') {
        const problem = syncProblem(args);
        if (problem) return onDrop(problem);
        const matchID = args[0] as string;
        matchExists(matchID).then(
          (exists) => {
            if (!exists) return onDrop(`sync for unknown match ${matchID.slice(0, 32)}`);
            if (synced.size < 16) synced.add(matchID);
            proceed();
          },
          () => onDrop('sync check failed'),
        );
      } else {
        // Chat included: the game has none.
        onDrop(`unknown event ${String(event).slice(0, 32)}`);
      }
    });
    next();
  });
}
