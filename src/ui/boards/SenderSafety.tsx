/**
 * Two of the sender's choices about what else can reach their messages (game.md §5
 * Sender): the cloud-backup setting — off, on with the key escrowed by the relay (the
 * 2013 default, the real iCloud loophole), or on with a device-held key (Advanced Data
 * Protection, when the scenario has it) — with uploading a backup; and contact
 * verification: comparing a crew member's safety code as the directory serves it with
 * the code that member's own phone computes. Answering a request is done by the device
 * on its own (useSeatDevice.ts).
 * @module
 */
import { useId, useState } from 'react';
import { toHex } from '../../crypto/index.ts';
import type { SenderDevice } from '../../device/index.ts';
import type { ContactCheck, Seat } from '../../game/index.ts';
import { type BoardProps, Explain, Lock, Term } from './kit.tsx';
import { crewOthers } from './senderChatModel.ts';

type Mode = 'off' | 'escrowed' | 'device';

const MODES: readonly { mode: Mode; title: string; lock: string }[] = [
  { mode: 'off', title: 'Off', lock: 'nothing leaves your phone' },
  {
    mode: 'escrowed',
    title: 'On, key held by the relay',
    lock: 'the relay keeps a copy of the key: a search warrant for backups opens them',
  },
  {
    mode: 'device',
    title: 'On, key only on my devices',
    lock: 'only your devices hold the key: a warrant yields ciphertext',
  },
];

/** The backup setting and today's upload. */
export function SenderBackups(props: BoardProps<SenderDevice> & { me: Seat; active: boolean }) {
  const { view, device, move, me, active } = props;
  const headId = useId();
  const name = useId();
  const [status, setStatus] = useState<string | undefined>();
  const current: Mode = view.backupMode[me.id] ?? 'off';
  const mine = toHex(device.phone.deviceId);
  const uploads = view.backups.filter((b) => b.owner === me.id);
  const today = uploads.some((b) => b.backup.day === view.day);
  const escrowHere = view.escrow.some((h) => h.handover.toDevice === mine);
  const cannotUpload = !active
    ? 'this browser is not a registered device yet'
    : current === 'escrowed' && !escrowHere
      ? 'this device has no copy of the escrowed key yet (the relay seals it to your devices when escrow is turned on)'
      : undefined;
  if (!me.hasMessenger) {
    return (
      <section className="panel sd-backups" aria-labelledby={headId}>
        <h2 id={headId}>
          <span aria-hidden="true">☁️ </span>Cloud backup
        </h2>
        <p>
          <Lock open={false} reason="no messenger, no backup" /> You have no secure messenger, so there is no cloud
          backup at the relay: your SMS stay on your phone and pass through the carrier.
        </p>
      </section>
    );
  }
  return (
    <section className="panel sd-backups" aria-labelledby={headId}>
      <h2 id={headId}>
        <span aria-hidden="true">☁️ </span>Cloud backup
      </h2>
      <fieldset>
        <legend>Back up your message history</legend>
        {MODES.map((m) => {
          const unavailable = m.mode === 'device' && !view.options.deviceHeldBackups;
          return (
            <label key={m.mode} className={`check sd-mode${unavailable ? ' sd-unavailable' : ''}`}>
              <input
                type="radio"
                name={name}
                value={m.mode}
                checked={current === m.mode}
                disabled={unavailable}
                onChange={() => {
                  setStatus(`Asked for “${m.title}”…`);
                  move('setBackupMode', { mode: m.mode });
                }}
              />
              <span>
                {m.title}{' '}
                {unavailable ? (
                  <span className="hint">— not in this scenario: Advanced Data Protection came in December 2022</span>
                ) : (
                  <span className="hint">— {m.lock}</span>
                )}
              </span>
            </label>
          );
        })}
      </fieldset>
      <Explain>
        iCloud kept backups with Apple’s key until <Term id="adp">Advanced Data Protection</Term> (2022) let the key
        stay on your devices; a backup holds every message your phone has opened.
      </Explain>
      {current !== 'off' && (
        <>
          <p>
            <Lock
              open={false}
              reason={
                current === 'escrowed'
                  ? 'the relay holds a copy of the backup key'
                  : 'the backup key is only on your devices'
              }
            />
            <br />
            {uploads.length === 0
              ? 'No backup uploaded yet.'
              : `${uploads.length} ${uploads.length === 1 ? 'backup' : 'backups'} at the relay, the last from day ${uploads.at(-1)?.backup.day}${today ? ' (today ✓)' : ''}.`}
          </p>
          <button
            type="button"
            disabled={!!cannotUpload}
            onClick={() => {
              const args = device.backup(view);
              if (!args) {
                setStatus('Your phone has no backup key to seal it with.');
                return;
              }
              move('uploadBackup', args);
              setStatus('Sealed on this phone and uploaded to the relay.');
            }}
          >
            Upload a backup now
          </button>
          {cannotUpload && <p className="sd-blocked">Not possible: {cannotUpload}.</p>}
          <Explain>
            Like a nightly iCloud backup: your phone backs up by itself once a day, sealing what it has opened under the
            backup key; this button uploads one now.
            {current === 'escrowed' ? ' With the key escrowed, a warrant for backups reads them.' : ''}
          </Explain>
        </>
      )}
      <p role="status" className="hint">
        {status}
      </p>
    </section>
  );
}

function verdict(check: ContactCheck | undefined): { text: string; cls: string } {
  if (!check) return { text: 'not compared yet', cls: 'hint' };
  if (check.match === undefined) return { text: `asked on day ${check.day}: waiting for their phone`, cls: 'hint' };
  return check.match
    ? { text: `✓ codes match (day ${check.day})`, cls: 'sd-yes' }
    : {
        text: `✗ codes DO NOT match (day ${check.day}): a device on the account was not added by its owner`,
        cls: 'sd-no',
      };
}

/** Contact verification: the codes this phone sees, and the comparisons' results. */
export function SenderVerify(props: BoardProps<SenderDevice> & { me: Seat; active: boolean }) {
  const { view, device, move, me, active } = props;
  const headId = useId();
  const [asked, setAsked] = useState<Set<string>>(new Set());
  const others = crewOthers(view, me);
  const ofMe = view.verifications.filter((v) => v.of === me.id);
  return (
    <section className="panel sd-verify" aria-labelledby={headId}>
      <h2 id={headId}>
        <span aria-hidden="true">🔢 </span>Verify a contact
      </h2>
      <p className="hint">
        Your own code, from the devices this browser knows: <code className="sd-code">{device.codeOwn()}</code>
      </p>
      <ul className="sd-verify-list">
        {others.map((s) => {
          const code = device.codeSeen(view, s.account as string);
          const checks = view.verifications.filter((v) => v.by === me.id && v.of === s.id);
          const last = checks.at(-1);
          const v = verdict(last);
          // Asked from here and not yet recorded, or recorded and not yet answered by their phone.
          const askKey = `${s.id}/${checks.length}`;
          const waiting = asked.has(askKey) || (last !== undefined && last.match === undefined);
          return (
            <li key={s.id} className="card">
              <p>
                <strong>{s.name}</strong>: the code your phone computes from the devices the directory lists for them
              </p>
              <p>
                <code className="sd-code">{code}</code>
              </p>
              {last && last.codeOwn !== undefined && (
                <p>
                  {s.name}’s phone computes: <code className="sd-code">{last.codeOwn}</code>
                </p>
              )}
              <p className={v.cls}>{v.text}</p>
              <button
                type="button"
                disabled={!active || waiting}
                onClick={() => {
                  setAsked(new Set([...asked, askKey]));
                  move('requestVerification', { of: s.id, code });
                }}
              >
                Compare codes with {s.name}
              </button>
            </li>
          );
        })}
      </ul>
      {ofMe.map((v) => (
        <p key={v.id} className={verdict(v).cls}>
          {view.seats[v.by]?.name} compared codes with you: {verdict(v).text}
        </p>
      ))}
      <Explain>
        Like comparing WhatsApp security codes or Signal safety numbers in person: a{' '}
        <Term id="safety-code">safety code</Term> that differs means someone’s device list was changed.
      </Explain>
    </section>
  );
}
