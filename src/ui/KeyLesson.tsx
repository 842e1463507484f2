/**
 * The setup phase's first lesson, runnable before the game server exists: two
 * phones make their own keys in this browser, one seals a message to the other, and
 * the page shows what a relay would carry (ciphertext) beside what only the
 * recipient's key opens.
 */
import { useState } from 'react';
import {
  createDevice,
  type DeviceKeys,
  devicePublicKeys,
  type Envelope,
  openEnvelope,
  sealEnvelope,
  toHex,
} from '../crypto/index.ts';

interface Demo {
  readonly alice: DeviceKeys;
  readonly bob: DeviceKeys;
  readonly envelope: Envelope;
  readonly opened: string;
}

function groups(hex: string, max = 96): string {
  const shown = hex.length > max ? `${hex.slice(0, max)}…` : hex;
  return shown.replace(/(.{4})/g, '$1 ').trim();
}

function run(text: string): Demo {
  const alice = createDevice();
  const bob = createDevice();
  const { envelope } = sealEnvelope({
    day: 1,
    fromAccount: 'alice',
    device: alice,
    recipients: ['bob'],
    targets: [{ account: 'bob', ...devicePublicKeys(bob) }],
    payload: { text },
  });
  const opened = openEnvelope(envelope, { account: 'bob', device: bob }, alice.sig.publicKey).payload.text;
  return { alice, bob, envelope, opened };
}

/** A one-screen demonstration of end-to-end encryption with real keys. */
export function KeyLesson() {
  const [text, setText] = useState('Meet at the pier, Thursday 21:00.');
  const [demo, setDemo] = useState<Demo | null>(null);
  return (
    <div className="lesson">
      <h1 tabIndex={-1}>The key lesson</h1>
      <p>
        The game's first lesson, with its real cryptography: <strong>keys are made on the device</strong>, and whoever
        holds a key can read — nobody else can.
      </p>
      <p className="field">
        <label>
          Alice's message to Bob{' '}
          <input value={text} onChange={(e) => setText(e.target.value)} maxLength={500} className="wide" />
        </label>
      </p>
      <p>
        <button type="button" onClick={() => setDemo(run(text))}>
          Make both phones' keys and send
        </button>
      </p>
      {demo && (
        <section aria-live="polite">
          <h2>What the relay carries</h2>
          <p>
            Alice's phone: <span className="mono">{groups(toHex(demo.alice.deviceId))}</span> · Bob's phone:{' '}
            <span className="mono">{groups(toHex(demo.bob.deviceId))}</span>
          </p>
          <p>🔒 closed for the relay: it holds no key that opens this.</p>
          <p>
            <code className="cipher">{groups(demo.envelope.body)}</code>
          </p>
          <h2>What Bob's phone reads</h2>
          <p className="paper">
            <span className="paper-key">🔓 opened with Bob's phone key</span> “{demo.opened}”
          </p>
        </section>
      )}
    </div>
  );
}
