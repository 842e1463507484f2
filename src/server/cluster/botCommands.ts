/**
 * A teacher's controls of hosted bots, for several processes: a bot runs in one process
 * (the host of its seat), but the teacher's request may reach any. The process that gets
 * the request applies the control to its own bots and sends it on a shared channel to every
 * process, which applies it to the bots it hosts (applying one twice does nothing more:
 * pausing a paused match, stopping a stopped bot). A move is sent only if no bot of that
 * seat runs here.
 * @module
 */
import type { GenericPubSub } from 'boardgame.io/server';

/** The channel the commands go out on. */
export const BOT_CHANNEL = 'BOTS';

/** One control of hosted bots. */
export type BotCommand =
  | { readonly op: 'pause' | 'resume'; readonly matchID: string }
  | { readonly op: 'stop'; readonly matchID: string; readonly seat: string }
  | {
      readonly op: 'move';
      readonly matchID: string;
      readonly seat: string;
      readonly name: string;
      readonly args: unknown;
    };

/** What a process does with a command: its own bots only. */
export interface LocalBots {
  pause(matchID: string): void;
  resume(matchID: string): Promise<void>;
  stop(matchID: string, seat: string): void;
  /** False when this process does not run that seat's bot. */
  move(matchID: string, seat: string, name: string, args: unknown): boolean;
}

/** Applies a command to this process's bots. */
export async function applyCommand(bots: LocalBots, command: BotCommand): Promise<void> {
  switch (command.op) {
    case 'pause':
      return bots.pause(command.matchID);
    case 'resume':
      return bots.resume(command.matchID);
    case 'stop':
      return bots.stop(command.matchID, command.seat);
    case 'move':
      bots.move(command.matchID, command.seat, command.name, command.args);
      return;
  }
}

/** Whether a message on the channel is a command (another deployment may share the broker). */
function isCommand(value: unknown): value is BotCommand {
  const c = value as Partial<Record<string, unknown>> | null;
  return (
    typeof c === 'object' &&
    c !== null &&
    typeof c.matchID === 'string' &&
    (c.op === 'pause' || c.op === 'resume' || (typeof c.seat === 'string' && (c.op === 'stop' || c.op === 'move')))
  );
}

/**
 * Listens for other processes' commands and returns how to send one to them (this process
 * applies its own controls directly, and hears its own commands again, which changes nothing).
 */
export function botCommands(pubSub: GenericPubSub<BotCommand>, bots: LocalBots): (command: BotCommand) => void {
  pubSub.subscribe(BOT_CHANNEL, (message) => {
    if (!isCommand(message)) return;
    applyCommand(bots, message).catch((e) => console.error(`bot command ${message.op}: ${(e as Error).message}`));
  });
  return (command) => pubSub.publish(BOT_CHANNEL, command);
}
