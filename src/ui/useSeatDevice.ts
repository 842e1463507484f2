/**
 * The seat's own device in this browser. In setup it makes the seat's keys and registers
 * only their public halves (a phone's key pairs, the carrier's SIMs, the relay's log key
 * and escrow, the court's key, the investigator's workstation) — the game's first lesson,
 * done by the device, not the server. During the day it does what a real device does on
 * its own: the carrier's switch forwards SMS, the relay signs its log head, a seized and
 * unlocked phone gives up its keys. Everything a person decides stays on the board.
 * @module
 */
import { useEffect, useMemo, useRef } from 'react';
import { type Bot, createBot } from '../bots/index.ts';
import { secureRandom } from '../crypto/index.ts';
import { CarrierSwitch, RelayDesk, SenderDevice } from '../device/index.ts';
import type { SeatView } from '../game/index.ts';
import { BrowserKeyStore } from './browserKeyStore.ts';

/** The devices a board may use directly. */
export interface SeatDevice {
  readonly sender?: SenderDevice;
}

interface Devices {
  readonly setup: Bot;
  readonly sender?: SenderDevice;
  readonly carrier?: CarrierSwitch;
  readonly relay?: RelayDesk;
}

/** What a device does by itself during the day; undefined when there is nothing to do. */
function duty(d: Devices, view: SeatView): { move: string; args: unknown } | undefined {
  if (d.sender) {
    const surrender = d.sender.surrender(view);
    if (surrender) return { move: 'surrenderDevice', args: surrender };
    const check = view.verifications.find((v) => v.of === view.you && v.codeOwn === undefined);
    if (check) return { move: 'answerVerification', args: { id: check.id, code: d.sender.codeOwn() } };
  }
  if (d.carrier) {
    const forward = d.carrier.forwards(view)[0];
    if (forward) return { move: 'forwardSms', args: forward };
  }
  if (d.relay) {
    const escrow = d.relay.escrows(view)[0];
    if (escrow) return { move: 'escrowBackupKey', args: escrow };
    const signed = view.kt.heads.some((h) => h.day === view.day);
    if (view.options.keyTransparency && !signed) return { move: 'signLogHead', args: d.relay.signHead(view) };
  }
  return undefined;
}

/**
 * Runs the seat's device.
 * @param matchID - the match
 * @param view - the seat's view (undefined until the first sync)
 * @param phase - the current phase
 * @param move - sends a move
 */
export function useSeatDevice(
  matchID: string,
  view: SeatView | undefined,
  phase: string | undefined,
  move: (name: string, args: unknown) => void,
): SeatDevice {
  const you = view?.you ?? null;
  const role = view?.role ?? null;
  const account = you !== null ? view?.seats[you]?.account : undefined;
  const devices = useMemo<Devices | undefined>(() => {
    if (you === null || role === null) return undefined;
    const store = new BrowserKeyStore(matchID, you);
    const setup = createBot({ role, ...(account ? { account } : {}), store, random: secureRandom });
    if (role === 'sender' && account) return { setup, sender: new SenderDevice(account, store, secureRandom) };
    if (role === 'carrier') return { setup, carrier: new CarrierSwitch(store, secureRandom) };
    if (role === 'relay') return { setup, relay: new RelayDesk(store, secureRandom) };
    return { setup };
  }, [matchID, you, role, account]);
  const last = useRef<string>('');
  useEffect(() => {
    if (!devices || !view || (phase !== 'setup' && phase !== 'day')) return;
    const action = phase === 'setup' ? devices.setup.next(view, 'setup') : duty(devices, view);
    if (!action) return;
    const key = `${action.move}:${view.events.length}:${view.devices.length}:${view.sims.length}:${view.sms.length}`;
    if (last.current === key) return; // one attempt per state
    last.current = key;
    move(action.move, action.args);
  }, [devices, view, phase, move]);
  return devices?.sender ? { sender: devices.sender } : {};
}
