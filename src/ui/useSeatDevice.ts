/**
 * The seat's own device in this browser. In setup it makes the seat's keys and registers
 * only their public halves (a phone's key pairs, the carrier's SIMs, the relay's log key
 * and escrow, the court's key, the investigator's workstation) — the game's first lesson,
 * done by the device, not the server. During the day it does what a real device does on
 * its own: the carrier's switch forwards SMS and provisions SIMs, the relay signs its log
 * head and escrows backup keys, a phone backs up once a day when backup is on, answers a
 * safety-code check, and a seized, unlocked phone gives up its keys. Everything a person decides stays on the desk.
 *
 * The keys are in IndexedDB ({@link BrowserKeyStore}); opening them takes a moment, so
 * the hook reports where that stands. A browser that opens a seat mid-game with no keys
 * for it is a new device: the crew member's desk offers to register it; other roles'
 * keys cannot move, and the hook says so (`newDevice`).
 * @module
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { type Bot, createBot } from '../bots/index.ts';
import { secureRandom, toHex } from '../crypto/index.ts';
import { CarrierSwitch, CourtSigner, RelayDesk, SenderDevice, Workstation } from '../device/index.ts';
import type { SeatView } from '../game/index.ts';
import { type BrowserKeyStore, openBrowserKeyStore } from './browserKeyStore.ts';

/** The seat's device in this browser, by role: the one a desk uses for what a person decides. */
export interface SeatDevice {
  readonly sender?: SenderDevice;
  readonly carrier?: CarrierSwitch;
  readonly relay?: RelayDesk;
  readonly workstation?: Workstation;
  readonly court?: CourtSigner;
}

/** The device and the state of its key store. */
export interface SeatDeviceState {
  readonly devices: SeatDevice;
  /** "opening": reading IndexedDB; "ready"; "failed": this browser cannot keep keys (see `error`). */
  readonly keys: 'opening' | 'ready' | 'failed';
  readonly error?: string;
  /** This browser joined the seat mid-game holding none of its keys. */
  readonly newDevice: boolean;
}

interface Devices extends SeatDevice {
  readonly setup: Bot;
}

/** What a device does by itself during the day; undefined when there is nothing to do. */
function duty(d: Devices, view: SeatView): { move: string; args: unknown } | undefined {
  if (d.sender) {
    const surrender = d.sender.surrender(view);
    if (surrender) return { move: 'surrenderDevice', args: surrender };
    const check = view.verifications.find((v) => v.of === view.you && v.codeOwn === undefined);
    if (check) return { move: 'answerVerification', args: { id: check.id, code: d.sender.codeOwn() } };
    // Cloud backup runs by itself, once a day, as the bots' phones do (game.md §5: a backup
    // holds the device's history); the setting decides whether the relay holds its key.
    const mode = view.you !== null ? view.backupMode[view.you] : undefined;
    const mine = d.sender.phone.deviceId;
    const backedUp = view.backups.some((b) => b.owner === view.you && b.backup.day === view.day);
    if (mode !== undefined && mode !== 'off' && !backedUp && view.devices.some((x) => x.deviceId === toHex(mine))) {
      const backup = d.sender.backup(view);
      if (backup) return { move: 'uploadBackup', args: backup };
    }
  }
  if (d.carrier) {
    // A replacement phone needs a SIM: the carrier's systems provision it without asking.
    const provision = d.carrier.provisions(view)[0];
    if (provision) return { move: 'provisionSim', args: provision };
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

function useKeyStore(matchID: string, you: string | null) {
  const [state, setState] = useState<{ store?: BrowserKeyStore; error?: string; for?: string }>({});
  const id = you === null ? undefined : `${matchID}/${you}`;
  useEffect(() => {
    if (you === null) return;
    let live = true;
    openBrowserKeyStore(matchID, you).then(
      (store) => live && setState({ store, for: `${matchID}/${you}` }),
      (error: unknown) =>
        live &&
        setState({
          error: `This browser cannot keep the seat's keys (${error instanceof Error ? error.message : String(error)}). Private windows and some settings block IndexedDB.`,
          for: `${matchID}/${you}`,
        }),
    );
    return () => {
      live = false;
    };
  }, [matchID, you]);
  return state.for === id ? state : {};
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
): SeatDeviceState {
  const you = view?.you ?? null;
  const role = view?.role ?? null;
  const account = you !== null ? view?.seats[you]?.account : undefined;
  const { store, error } = useKeyStore(matchID, you);
  // Whether the store was empty when it opened, and the phase then: empty outside setup means a new device.
  const opened = useRef<{ store: BrowserKeyStore; empty: boolean; phase: string | undefined } | undefined>(undefined);
  if (store && opened.current?.store !== store && phase !== undefined) {
    opened.current = { store, empty: store.size === 0, phase };
  }
  const newDevice = opened.current?.empty === true && opened.current.phase !== 'setup';
  const devices = useMemo<Devices | undefined>(() => {
    if (!store || you === null || role === null) return undefined;
    const setup = createBot({ role, ...(account ? { account } : {}), store, random: secureRandom });
    if (role === 'sender' && account) return { setup, sender: new SenderDevice(account, store, secureRandom) };
    if (role === 'carrier') return { setup, carrier: new CarrierSwitch(store, secureRandom) };
    if (role === 'relay') return { setup, relay: new RelayDesk(store, secureRandom) };
    if (role === 'investigator') return { setup, workstation: new Workstation(store, secureRandom) };
    return { setup, court: new CourtSigner(store, secureRandom) };
  }, [store, you, role, account]);
  const last = useRef<string>('');
  // Another role's keys cannot move to a new browser: its device does nothing on its own there.
  const acts = devices !== undefined && (!newDevice || role === 'sender');
  useEffect(() => {
    if (!acts || !devices || !view || (phase !== 'setup' && phase !== 'day')) return;
    const action = phase === 'setup' ? devices.setup.next(view, 'setup') : duty(devices, view);
    if (!action) return;
    const key = `${action.move}:${view.events.length}:${view.devices.length}:${view.sims.length}:${view.sms.length}`;
    if (last.current === key) return; // one attempt per state
    last.current = key;
    move(action.move, action.args);
  }, [acts, devices, view, phase, move]);
  const seatDevice = useMemo<SeatDevice>(() => {
    if (!devices) return {};
    const { setup: _setup, ...rest } = devices;
    return rest;
  }, [devices]);
  return {
    devices: seatDevice,
    keys: error ? 'failed' : store ? 'ready' : 'opening',
    ...(error ? { error } : {}),
    newDevice,
  };
}
