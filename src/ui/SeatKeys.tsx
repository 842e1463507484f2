/**
 * The seat's keys as its owner sees them after setup: the public fingerprints this
 * browser registered, and one sentence — the private keys never leave this browser
 * (ui.md "First minutes: key setup").
 * @module
 */
import { toHex } from '../crypto/index.ts';
import type { SeatView } from '../game/index.ts';
import { groupHex } from './boards/kit.tsx';
import type { SeatDevice } from './useSeatDevice.ts';

interface Fingerprint {
  readonly label: string;
  readonly hex: string;
}

/** The public keys this seat's device published, by role. */
export function fingerprints(view: SeatView, devices: SeatDevice): Fingerprint[] {
  if (devices.sender) return [{ label: 'This browser’s device id', hex: toHex(devices.sender.phone.deviceId) }];
  if (devices.relay && view.relayLogPub) return [{ label: 'Log-signing key', hex: view.relayLogPub }];
  if (devices.court && view.courtPub) return [{ label: 'Court signing key', hex: view.courtPub }];
  if (devices.workstation) {
    const station = view.devices.find((d) => d.account === 'investigator');
    return station ? [{ label: 'Workstation device id', hex: station.deviceId }] : [];
  }
  return [];
}

/** The fingerprints and where the private halves are. */
export function SeatKeys({ view, devices }: { view: SeatView; devices: SeatDevice }) {
  const prints = fingerprints(view, devices);
  const sims = devices.carrier ? view.sims.length : 0;
  return (
    <div className="seat-keys">
      <h3>
        <span aria-hidden="true">🔑 </span>Your keys
      </h3>
      {prints.map((p) => (
        <p key={p.label}>
          {p.label}: <code className="fingerprint">{groupHex(p.hex, 16)}</code>
        </p>
      ))}
      {devices.carrier && (
        <p>
          SIM keys made: {sims}, each sealed to its phone. The carrier keeps a copy of every SIM key — that is how it
          reads SMS.
        </p>
      )}
      <p className="hint">
        The private keys were made in this browser and never leave it (they are kept in its IndexedDB). Only the public
        halves were registered.
      </p>
    </div>
  );
}
