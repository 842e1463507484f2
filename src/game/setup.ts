/**
 * The initial state. boardgame.io sends it unfiltered to every client on sync, so it
 * holds nothing secret: the plan is dealt later, on the server (`phases.ts`).
 * @module
 */
import { buildSeats, resolveOptions, type SetupData } from './config.ts';
import type { GameState } from './types.ts';

/**
 * Builds the state of a new table.
 * @param data - the host's (validated) setup data
 */
export function initialState(data: SetupData): GameState {
  const options = resolveOptions(data);
  const seats = buildSeats(data, options);
  const ids = Object.keys(seats);
  const crew = ids.filter((id) => seats[id]?.role === 'sender');
  return {
    scenario: data.scenario,
    options,
    ...(data.dayTimerSeconds !== undefined ? { dayTimerSeconds: data.dayTimerSeconds } : {}),
    seats,
    day: 0,
    night: 0,
    ended: {},
    judgeEndedDay: false,
    devices: [],
    sims: [],
    messages: [],
    sms: [],
    backups: [],
    // A member without the secure messenger has no account at the relay, so no cloud backup there.
    backupMode: Object.fromEntries(crew.map((id) => [id, seats[id]?.hasMessenger ? options.backupDefault : 'off'])),
    escrow: [],
    kt: { log: [], heads: [] },
    documents: [],
    handovers: [],
    verifications: [],
    proofs: [],
    leadSources: [],
    leads: options.tipLeads,
    scores: Object.fromEntries(ids.map((id) => [id, 0])),
    sent: {},
    events: [{ seq: 0, day: 0, text: 'The table is set. Every device is about to make its own keys.' }],
    nextSeq: 1,
    secret: {},
  };
}
