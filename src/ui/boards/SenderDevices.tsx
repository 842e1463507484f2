/**
 * The devices on a crew member's account (game.md §5 Sender: add, remove, replace a
 * device; ui.md: device cards with kind, fingerprint and the day added). This browser's
 * own device is marked; with key transparency the phone's daily audit of the public log
 * raises an alert for a device on the account the member never added (a ghost), which
 * the member can report. When this browser is not (or no longer) a device of the
 * account, a panel says so plainly: it made new keys, the old keys stay where they were
 * made, and old messages do not open here.
 * @module
 */
import { useId, useState } from 'react';
import { toHex } from '../../crypto/index.ts';
import type { SenderDevice } from '../../device/index.ts';
import type { Seat, SeatView } from '../../game/index.ts';
import { type BoardProps, Explain, groupHex, Lock, Term } from './kit.tsx';

type DeviceView = SeatView['devices'][number];

/** Where this browser's device stands in the directory. */
export type BrowserStatus = 'active' | 'new' | 'removed' | 'seized';

/** This browser's device id and its standing on the account. */
export function browserDevice(view: SeatView, device: SenderDevice): { id: string; status: BrowserStatus } {
  const id = device.knownDevices()[0] ?? toHex(device.phone.deviceId);
  const entry = view.devices.find((d) => d.deviceId === id && d.account === device.account);
  return { id, status: entry ? entry.status : 'new' };
}

/**
 * What this browser registers as. A line has one SIM, and the carrier provisions it only
 * to a phone when the line's current SIM is in no active phone (CarrierSwitch.provisions;
 * sendSms needs the phone holding the latest SIM). So while the account still has an
 * active phone, a new browser joins as a laptop (messenger only, like signing in on a
 * computer); with no active phone left, it is the replacement phone and gets a new SIM.
 */
export function newDeviceKind(view: SeatView, account: string): 'phone' | 'laptop' {
  const phone = view.devices.some((d) => d.account === account && d.kind === 'phone' && d.status === 'active');
  return phone ? 'laptop' : 'phone';
}

/**
 * Devices the phone's audit of the key-transparency log found on this account and the
 * member never added. The audit knows only this browser's own device, so devices the
 * member registered from another of their browsers are taken out: the directory marks
 * those as the member's own.
 */
export function unknownDevices(view: SeatView, device: SenderDevice): string[] {
  const own = new Set(view.devices.filter((d) => d.controller === view.you).map((d) => d.deviceId));
  return [...new Set(device.audit(view))].filter((id) => !own.has(id));
}

/** Ids reported from this browser (a hidden device never shows in the list, so remember it here). */
const reported = new WeakMap<SenderDevice, Set<string>>();

function reportedBy(device: SenderDevice): Set<string> {
  let s = reported.get(device);
  if (!s) {
    s = new Set();
    reported.set(device, s);
  }
  return s;
}

const KIND_ICON: Record<string, string> = { phone: '📱', laptop: '💻', workstation: '🖥️' };

function Fingerprint({ id }: { id: string }) {
  return (
    <span className="sd-fingerprint">
      <span className="sr-only">fingerprint </span>
      <code>{groupHex(id)}</code>
    </span>
  );
}

const STATUS_WORD: Record<DeviceView['status'], string> = {
  active: 'active',
  removed: 'removed',
  seized: 'seized by the police',
};

/** The panel shown when this browser is not an active device of the account. */
export function NewDevicePanel(props: BoardProps<SenderDevice> & { me: Seat; status: BrowserStatus }) {
  const { view, device, move, me, status } = props;
  const [asked, setAsked] = useState(false);
  const id = useId();
  const kind = newDeviceKind(view, device.account);
  const oldPhone = view.devices.find(
    (d) => d.account === device.account && d.kind === 'phone' && d.status === 'active',
  );
  if (status === 'removed' || status === 'seized') {
    return (
      <section className="panel sd-new-device" aria-labelledby={id}>
        <h2 id={id}>
          <span aria-hidden="true">⚠️ </span>
          {status === 'seized' ? 'The police hold this device' : 'This browser was removed from your account'}
        </h2>
        <p>
          {status === 'seized'
            ? 'This browser is the phone seized under a search warrant. It can no longer send or receive.'
            : `This browser’s device was removed from ${me.name}’s account: nobody encrypts to it any more, and it cannot send.`}{' '}
          Its keys cannot be registered again. To carry on, open the game in another browser (or a private window): it
          makes new keys there and you can register it as a new device.
        </p>
      </section>
    );
  }
  const useless = kind === 'laptop' && !me.hasMessenger;
  return (
    <section className="panel sd-new-device" aria-labelledby={id}>
      <h2 id={id}>
        <span aria-hidden="true">🆕 </span>This browser is a new device
      </h2>
      <p>
        This browser is a new device for {me.name}’s account: it made new keys; the old keys stay in the browser that
        made them. Messages sent before now cannot be opened here.
      </p>
      {kind === 'laptop' ? (
        <p>
          It will join as your <strong>💻 laptop</strong>: your account still has an active phone
          {oldPhone ? ` (added ${oldPhone.day === 0 ? 'at setup' : `on day ${oldPhone.day}`})` : ''}, and a number has
          one SIM, in that phone. A laptop gets secure messages but sends no SMS. Lost that phone? Remove it in the list
          below first: then this browser registers as your new phone.
        </p>
      ) : (
        <p>
          It will join as your <strong>📱 new phone</strong>: your account has no active phone left. SMS needs a SIM:
          the carrier’s systems provision a new SIM to a new phone on their own, as a shop does when you replace a
          phone.
        </p>
      )}
      {useless ? (
        <p className="sd-blocked">
          You have no secure messenger, so a laptop could do nothing for you. Remove the old phone first if it is lost.
        </p>
      ) : (
        <>
          <button
            type="button"
            className="primary"
            disabled={asked}
            onClick={() => {
              setAsked(true);
              move('registerDevice', { record: device.registration(view.day, kind) });
            }}
          >
            Register this browser as a new device
          </button>
          <Explain>
            Like signing in to WhatsApp or iMessage on a new device: it makes its own keys and only the public half goes
            to the directory. <Term id="e2e">End-to-end</Term> messages sent from now on are wrapped to it too.
          </Explain>
        </>
      )}
    </section>
  );
}

/** The account's device list, the audit's alerts, and remove / report buttons. */
export function SenderDevices(props: BoardProps<SenderDevice> & { me: Seat; browserId: string }) {
  const { view, device, move, me, browserId } = props;
  const headId = useId();
  const [pending, setPending] = useState<Set<string>>(new Set());
  const mine = view.devices
    .filter((d) => d.account === me.account)
    .sort((a, b) => Number(b.status === 'active') - Number(a.status === 'active') || a.day - b.day);
  const kt = view.options.keyTransparency;
  const done = reportedBy(device);
  const unknown = unknownDevices(view, device);
  const act = (name: string, deviceId: string) => {
    setPending(new Set([...pending, deviceId]));
    move(name, { deviceId });
  };
  return (
    <section className="panel sd-devices" aria-labelledby={headId}>
      <h2 id={headId}>
        <span aria-hidden="true">📱 </span>Your devices
      </h2>
      <p className="hint">
        The devices the relay’s directory lists on your account ({me.account}). Everyone who writes to you encrypts to
        each of them.
      </p>
      {unknown.map((id) => {
        const entry = view.kt.log.find((e) => e.deviceId === id && e.op === 'add');
        const listed = view.devices.find((d) => d.deviceId === id);
        const isReported = done.has(id) || listed?.discoveredDay !== undefined;
        return (
          <div key={id} className="sd-alert" role="alert">
            <p>
              <span aria-hidden="true">🚨 </span>
              <strong>Alert: a device you did not add.</strong> The public log shows a device added to your account
              {entry ? ` on day ${entry.day}` : ''} that you never registered: <Fingerprint id={id} />.
              {listed ? '' : ' The relay hides it from your device list.'}
            </p>
            {isReported ? (
              <p className="sd-yes">
                <span aria-hidden="true">✓ </span>Reported: the crew’s phones no longer encrypt to it.
              </p>
            ) : (
              <>
                <button
                  type="button"
                  className="primary"
                  onClick={() => {
                    done.add(id);
                    act('reportUnknownDevice', id);
                  }}
                >
                  Report this device
                </button>
                <Explain>
                  Like Apple’s Contact Key Verification alert: a <Term id="ghost">ghost</Term> added by the relay shows
                  up in the public log, so your phone can prove it is not yours.
                </Explain>
              </>
            )}
          </div>
        );
      })}
      <ul className="sd-device-list">
        {mine.map((d) => {
          const here = d.deviceId === browserId;
          return (
            <li key={d.deviceId} className={`card sd-device sd-device-${d.status}${here ? ' sd-here' : ''}`}>
              <p className="sd-device-head">
                <span aria-hidden="true">{KIND_ICON[d.kind] ?? '📟'} </span>
                <strong>{d.kind}</strong>{' '}
                <span className="hint">added {d.day === 0 ? 'at setup' : `on day ${d.day}`}</span>
                {here && <span className="tag sd-here-tag">this browser</span>}
                {d.status !== 'active' && <span className="tag">{STATUS_WORD[d.status]}</span>}
              </p>
              <p>
                <Fingerprint id={d.deviceId} />
              </p>
              {d.discoveredDay !== undefined && (
                <p className="sd-no">
                  <span aria-hidden="true">⚠️ </span>Exposed on day {d.discoveredDay}: no one in the crew added it.
                </p>
              )}
              {d.status === 'active' && !here && (
                <>
                  <button
                    type="button"
                    disabled={pending.has(d.deviceId)}
                    onClick={() => act('dropDevice', d.deviceId)}
                  >
                    Remove this {d.kind}
                  </button>
                  <Explain>
                    Like “Remove from account” in your Apple ID device list: messages sent from now on are not wrapped
                    to it{d.kind === 'phone' ? '; its SIM stops working and a new phone gets a new one' : ''}.
                  </Explain>
                </>
              )}
            </li>
          );
        })}
      </ul>
      {kt ? (
        <p className="sd-kt">
          <Lock open reason="your phone checks the public log" /> Each day your phone audits the public log (
          <Term id="key-transparency">key transparency</Term>) for devices on your account that you did not add, and
          your phone refuses to encrypt to devices missing from it.
        </p>
      ) : (
        <Explain>
          Your phone trusts the list the relay serves it. In 2018 GCHQ officials proposed a silent{' '}
          <Term id="ghost">ghost</Term> device; here the relay may add one under a court order
          {view.options.ghostHiding ? ', and even hide it from this list' : ''}.
        </Explain>
      )}
    </section>
  );
}
