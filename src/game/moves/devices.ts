/**
 * Directory changes shared by the setup and day moves: registering a device made by
 * its owner's client, removing one, and adding the investigator's ghost. With key
 * transparency each change is appended to the public hash-chained log (the relay's
 * client signs the head each day; the referee computes the entries, which are public).
 * @module
 */
import { appendKtEntry, type RegistrationRecord, verifyRegistration } from '../../crypto/index.ts';
import { deviceById, logEvent } from '../state.ts';
import type { DeviceEntry, GameState, SeatId } from '../types.ts';
import { INVALID_MOVE } from './define.ts';

const KINDS = ['phone', 'laptop', 'workstation'];

function appendLog(G: GameState, d: DeviceEntry, op: 'add' | 'remove'): void {
  if (!G.options.keyTransparency || !d.logged) return;
  const { account, deviceId, hpkePub, sigPub } = d;
  G.kt.log.push(appendKtEntry(G.kt.log, { day: G.day, account, op, deviceId, hpkePub, sigPub }));
}

/** Checks a registration record received in a move; false when it must be refused. */
export function validRegistration(G: GameState, record: unknown, account: string): record is RegistrationRecord {
  if (typeof record !== 'object' || record === null) return false;
  const r = record as RegistrationRecord;
  if (r.account !== account || !KINDS.includes(r.kind) || r.day !== G.day) return false;
  if (deviceById(G, r.deviceId)) return false;
  try {
    verifyRegistration(r);
    return true;
  } catch {
    return false;
  }
}

/**
 * Registers a device its owner's client made.
 * @param G - game state
 * @param owner - the owning seat (its client holds the keys)
 * @param account - the account the device joins
 * @param record - the self-signed registration
 */
export function addDevice(
  G: GameState,
  owner: SeatId,
  account: string,
  record: unknown,
): undefined | typeof INVALID_MOVE {
  if (!validRegistration(G, record, account)) return INVALID_MOVE;
  const entry: DeviceEntry = {
    ...record,
    owner,
    controller: owner,
    addedBy: 'owner',
    hiddenFromOwner: false,
    logged: true,
    status: 'active',
  };
  G.devices.push(entry);
  appendLog(G, entry, 'add');
  logEvent(G, `${G.seats[owner]?.name} registered a new ${record.kind} (its keys were made on the device).`);
}

/**
 * Adds the investigator's ghost device to a target account (technical assistance).
 * @param G - game state
 * @param target - the target's seat
 * @param investigator - the investigator's seat (holds the ghost's keys)
 * @param record - the ghost's registration, made by the investigator's client
 * @param hidden - hidden from the owner's own device list
 * @param logged - recorded in the key-transparency log
 */
export function addGhost(
  G: GameState,
  target: SeatId,
  investigator: SeatId,
  record: RegistrationRecord,
  hidden: boolean,
  logged: boolean,
): void {
  const entry: DeviceEntry = {
    ...record,
    day: G.day,
    owner: target,
    controller: investigator,
    addedBy: 'relay',
    hiddenFromOwner: hidden,
    logged,
    status: 'active',
  };
  G.devices.push(entry);
  appendLog(G, entry, 'add');
}

/** Removes one of the seat's own devices. */
export function removeDevice(G: GameState, owner: SeatId, deviceId: string): undefined | typeof INVALID_MOVE {
  const d = deviceById(G, deviceId);
  if (!d || d.owner !== owner || d.status !== 'active' || d.hiddenFromOwner) return INVALID_MOVE;
  d.status = 'removed';
  appendLog(G, d, 'remove');
  logEvent(G, `${G.seats[owner]?.name} removed a ${d.kind} from their account.`);
}
