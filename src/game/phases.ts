/**
 * Setup → day ↔ night → end (game.md §4). Every seat acts at once in a stage named
 * after its role; the day ends when every seat has pressed End day or the judge ends
 * it; the night is resolved at once by the referee.
 * @module
 */
import type { Ctx, PhaseConfig } from 'boardgame.io';
import type { Entropy } from './entropy.ts';
import { carrierMoves, provisionSim } from './moves/carrier.ts';
import { INVALID_MOVE, move } from './moves/define.ts';
import { investigatorMoves, registerWorkstation } from './moves/investigator.ts';
import { judgeMoves, publishCourtKey } from './moves/judge.ts';
import { escrowBackupKey, publishLogKey, relayMoves } from './moves/relay.ts';
import { registerDevice, senderMoves } from './moves/sender.ts';
import { resolveNight } from './night.ts';
import { dealPlan } from './plan.ts';
import { activeDevices, crewSeats, INVESTIGATOR_ACCOUNT, logEvent } from './state.ts';
import type { GameState, Role } from './types.ts';

/**
 * Press End day (any seat). Pressing it again is refused, not a new state: a new state
 * would wake every seat's client to look again, and clients that press again while their
 * first press is on its way would keep the table busy with presses.
 */
const endDay = move<Record<string, never>>(({ G, playerID }) => {
  if (G.ended[playerID]) return INVALID_MOVE;
  G.ended[playerID] = true;
});

/** Each seat's stage is its role. */
function stageMap(G: GameState): Record<string, Role> {
  return Object.fromEntries(Object.values(G.seats).map((s) => [s.id, s.role]));
}

const setActivePlayersByRole = ({ G, events }: { G: GameState; events: { setActivePlayers: (arg: object) => void } }) =>
  events.setActivePlayers({ value: stageMap(G) });

/** Setup is over when every key a day needs exists (game.md §2). */
export function setupComplete(G: GameState): boolean {
  const crew = crewSeats(G);
  const phones = crew.every((s) => activeDevices(G, String(s.account)).some((d) => d.kind === 'phone'));
  const sims = crew.every((s) => G.sims.some((p) => p.line === s.account));
  const escrow = crew.every((s) => G.backupMode[s.id] !== 'escrowed' || G.escrow.some((e) => e.to === s.id));
  const workstation = G.devices.some((d) => d.account === INVESTIGATOR_ACCOUNT);
  return phones && sims && escrow && workstation && !!G.courtPub && !!G.relayLogPub;
}

/**
 * The phases, with the entropy source the night and the deal draw from.
 * @param entropy - server CSPRNG (or a seeded source in tests)
 */
export function phases(entropy: Entropy): Record<string, PhaseConfig<GameState>> {
  return {
    setup: {
      start: true,
      next: 'day',
      turn: {
        onBegin: setActivePlayersByRole,
        stages: {
          sender: { moves: { registerDevice } },
          carrier: { moves: { provisionSim } },
          relay: { moves: { publishLogKey, escrowBackupKey } },
          investigator: { moves: { registerWorkstation } },
          judge: { moves: { publishCourtKey } },
        },
      },
      endIf: ({ G }) => setupComplete(G),
    },
    day: {
      next: 'night',
      onBegin: ({ G }) => {
        G.day += 1;
        G.sent = {};
        if (G.day === 1) {
          G.secret.plan = dealPlan(entropy);
          logEvent(G, 'Day 1. The planner has drawn the plan card.');
        } else {
          logEvent(G, `Day ${G.day}.`);
        }
      },
      turn: {
        onBegin: setActivePlayersByRole,
        stages: {
          sender: { moves: { ...senderMoves, endDay } },
          carrier: { moves: { ...carrierMoves, endDay } },
          relay: { moves: { ...relayMoves, endDay } },
          investigator: { moves: { ...investigatorMoves, endDay } },
          judge: { moves: { ...judgeMoves, endDay } },
        },
      },
      endIf: ({ G }: { G: GameState; ctx: Ctx }) =>
        G.outcome !== undefined || G.judgeEndedDay || Object.keys(G.seats).every((id) => G.ended[id]),
      // Reset here, not in the next day's onBegin: boardgame.io checks the next phase's
      // endIf before running its onBegin.
      onEnd: ({ G }) => {
        G.ended = {};
        G.judgeEndedDay = false;
      },
    },
    night: {
      next: 'day',
      onBegin: ({ G }) => {
        logEvent(G, `Night ${G.day}.`);
        resolveNight(G, entropy);
        G.night = G.day;
      },
      // Not `() => true`: boardgame.io would end the phase before running its onBegin.
      endIf: ({ G }) => G.night === G.day,
    },
  };
}
