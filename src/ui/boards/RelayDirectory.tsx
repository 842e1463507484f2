/**
 * The relay's directory (RelayBoard.tsx): every registered device with its account, kind,
 * controller and whether it is logged, and the transparency log the relay publishes.
 * @module
 */
import { verifyKtHead } from '../../crypto/index.ts';
import { INVESTIGATOR_ACCOUNT, type SeatView } from '../../game/index.ts';
import { groupHex, Term, whoHas } from './kit.tsx';
import './provider.css';

/** An account's name on the relay's screens. */
export function accountName(view: SeatView, account: string): string {
  return account === INVESTIGATOR_ACCOUNT ? 'Investigator’s workstation' : whoHas(view, account);
}

/** A device as the directory serves it to the relay. */
type DeviceView = SeatView['devices'][number];

function yesNo(b: boolean | undefined): string {
  return b ? 'yes' : 'no';
}

/** One device in the directory. */
function DeviceRow({ view, d }: { view: SeatView; d: DeviceView }) {
  const ghost = d.addedBy === 'relay';
  const kt = view.options.keyTransparency;
  return (
    <li className={`pd-device ${ghost ? 'pd-ghost' : ''}`}>
      <p className="pd-item-head">
        <span aria-hidden="true">{d.kind === 'phone' ? '📱 ' : d.kind === 'workstation' ? '🖥️ ' : '💻 '}</span>
        <strong>{d.kind}</strong>
        {ghost && (
          <span className="pd-ghost-tag">
            <span aria-hidden="true">👻 </span>GHOST
          </span>
        )}
      </p>
      {ghost && (
        <p className="pd-ghost-note">
          Added by you under an order. Its keys are on the investigator’s workstation: it gets a copy of every new
          message to this account.
        </p>
      )}
      <dl className="pd-meta">
        <dt>Fingerprint</dt>
        <dd>
          <code className="hex">{groupHex(d.deviceId)}</code>
        </dd>
        <dt>Added</dt>
        <dd>
          day {d.day}, by {d.addedBy === 'relay' ? 'you (the relay)' : d.addedBy === 'owner' ? 'its owner' : 'unknown'}
        </dd>
        <dt>Hidden from owner</dt>
        <dd>{yesNo(d.hiddenFromOwner)}</dd>
        {kt && (
          <>
            <dt>In the public log</dt>
            <dd>{yesNo(d.logged)}</dd>
          </>
        )}
        <dt>Status</dt>
        <dd>
          {d.status}
          {d.discoveredDay !== undefined ? ` — ⚠ exposed by the crew on day ${d.discoveredDay} (−5 for you)` : ''}
        </dd>
      </dl>
    </li>
  );
}

/** The directory: accounts → devices → public keys. */
export function Directory({ view }: { view: SeatView }) {
  const accounts = [...new Set(view.devices.map((d) => d.account))];
  return (
    <section className="panel pd-directory" aria-labelledby="relay-directory-title">
      <h2 id="relay-directory-title">
        <span aria-hidden="true">📒 </span>Directory
      </h2>
      <p>
        Every account and its devices. Senders’ phones ask you for this list and encrypt to every device on it — so
        whoever you list here can read.
      </p>
      {accounts.map((account) => (
        <div key={account} className="pd-account">
          <h3>{accountName(view, account)}</h3>
          <ul className="plain pd-list">
            {view.devices
              .filter((d) => d.account === account)
              .map((d) => (
                <DeviceRow key={d.deviceId} view={view} d={d} />
              ))}
          </ul>
        </div>
      ))}
    </section>
  );
}

/** The key-transparency log and the heads signed each night. */
export function TransparencyLog({ view }: { view: SeatView }) {
  const { log, heads } = view.kt;
  return (
    <section className="panel pd-kt" aria-labelledby="relay-kt-title">
      <h2 id="relay-kt-title">
        <span aria-hidden="true">🔗 </span>
        <Term id="key-transparency">Key-transparency</Term> log
      </h2>
      <p>
        Every change to the directory is added to this public, hash-chained log. Each night your desk signs its head on
        its own. The crew’s phones audit it: a device they did not add raises an alarm.
      </p>
      <h3>Entries ({log.length})</h3>
      {log.length === 0 ? (
        <p className="hint">Empty.</p>
      ) : (
        <ol className="plain pd-list pd-kt-list">
          {log.map((e) => (
            <li key={e.seq}>
              #{e.seq} · day {e.day} · {e.op === 'add' ? '➕ add' : '➖ remove'} · {accountName(view, e.account)} ·{' '}
              <code className="pd-fp">{groupHex(e.deviceId, 16)}</code>{' '}
              <span className="hint">
                hash <code>{groupHex(e.hash, 8)}</code>
              </span>
            </li>
          ))}
        </ol>
      )}
      <h3>Signed heads ({heads.length})</h3>
      {heads.length === 0 ? (
        <p className="hint">None yet: the first is signed at the end of today.</p>
      ) : (
        <ul className="plain pd-list">
          {heads.map((h) => {
            const ok = view.relayLogPub !== undefined && verifyKtHead(h, view.relayLogPub, log).ok;
            return (
              <li key={`${h.day}-${h.size}`}>
                Day {h.day}: {h.size} entries, ending <code className="pd-fp">{groupHex(h.hash, 8)}</code> —{' '}
                <span className={ok ? 'pd-check-ok' : 'pd-check-bad'}>
                  {ok ? '✓ signature checks' : '✗ signature does not check'}
                </span>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
