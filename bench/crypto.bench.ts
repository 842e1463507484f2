/**
 * `npm run bench`: the cryptography's speed beside an independent HPKE library
 * (@hpke/core + @hpke/dhkem-x25519 + @hpke/chacha20poly1305) and Node's native
 * crypto (OpenSSL, the speed limit of the machine), and our own code again on the
 * native backend (src/crypto/nodeBackend.ts). Prints a Markdown table of medians
 * (≥ 5 batches after warm-up) and checks the targets of docs/performance.md, which
 * are about the default (noble) backend.
 */
import * as nodeCrypto from 'node:crypto';
import { cpus, totalmem } from 'node:os';
import { Chacha20Poly1305 } from '@hpke/chacha20poly1305';
import { CipherSuite, HkdfSha256 } from '@hpke/core';
import { DhkemX25519HkdfSha256 } from '@hpke/dhkem-x25519';
import { withCryptoBackend } from '../src/crypto/backend.ts';
import { equalBytes } from '../src/crypto/bytes.ts';
import { createDevice, type DeviceKeys, devicePublicKeys } from '../src/crypto/device.ts';
import { openEnvelope, sealEnvelope, type WrapTarget } from '../src/crypto/envelope.ts';
import { frame } from '../src/crypto/frame.ts';

import { open as hpkeOpen, seal as hpkeSeal } from '../src/crypto/hpke/index.ts';
import { createNodeBackend } from '../src/crypto/nodeBackend.ts';
import { secureRandom } from '../src/crypto/random.ts';
import { sign, verify } from '../src/crypto/signature.ts';
import { provisionSim, smsTranscrypt, smsUplink } from '../src/crypto/sms.ts';
import { type Candidate, type Measurement, measure, pairedRatio } from './harness.ts';
import {
  ed25519Public,
  nativeOpen,
  nativeSeal,
  nativeSign,
  nativeTranscrypt,
  nativeUplink,
  nativeVerify,
  x25519Private,
  x25519Public,
} from './nativeHpke.ts';

const OURS = 'ours';
const OURS_NATIVE = 'ours (native backend)';
const THEIRS = '@hpke (independent)';
const NATIVE = 'node:crypto (native)';

/** Our code on the node:crypto backend; `OURS` stays on the default (noble) backend. */
const nativeBackend = createNodeBackend(nodeCrypto);
const onNative =
  <T>(run: () => T) =>
  () =>
    withCryptoBackend(nativeBackend, run);

interface Row {
  readonly operation: string;
  readonly result: Measurement;
}

const ROUNDS = 31;
const rows: Row[] = [];
async function row(operation: string, candidates: Candidate[], batch = 10): Promise<Measurement> {
  const result = await measure(candidates, { rounds: ROUNDS, batch, warmup: 30 });
  rows.push({ operation, result });
  process.stderr.write(`measured ${operation}\n`);
  return result;
}

function check(condition: boolean, what: string): void {
  if (!condition) throw new Error(`benchmark inputs disagree: ${what}`);
}

// --- HPKE single-shot seal and open: a 32-byte root, as the envelope wraps it. ---
const recipient = createDevice();
const info = frame('going-dark/v1', 'wrap', secureRandom(16), 'alice', secureRandom(16), 'bob', recipient.deviceId);
const aad = secureRandom(32);
const root = secureRandom(32);
const suite = new CipherSuite({
  kem: new DhkemX25519HkdfSha256(),
  kdf: new HkdfSha256(),
  aead: new Chacha20Poly1305(),
});
const theirPub = await suite.kem.deserializePublicKey(recipient.hpke.publicKey.slice().buffer);
const theirKeyPair = {
  privateKey: await suite.kem.deserializePrivateKey(recipient.hpke.secretKey.slice().buffer),
  publicKey: theirPub,
};
const nativePub = x25519Public(recipient.hpke.publicKey);
const nativePriv = x25519Private(recipient.hpke.secretKey);

const ours = hpkeSeal(recipient.hpke.publicKey, info, aad, root);
const theirs = await suite.seal(
  { recipientPublicKey: theirPub, info: info.slice().buffer },
  root.slice().buffer,
  aad.slice().buffer,
);
const native = nativeSeal(recipient.hpke.publicKey, nativePub, info, aad, root);
// All three implement the same RFC 9180 operation: each opens the others' output.
check(
  equalBytes(hpkeOpen(recipient.hpke, new Uint8Array(theirs.enc), info, aad, new Uint8Array(theirs.ct)), root),
  'ours opens theirs',
);
check(equalBytes(hpkeOpen(recipient.hpke, native.enc, info, aad, native.ct), root), 'ours opens native');
check(
  equalBytes(nativeOpen(nativePriv, recipient.hpke.publicKey, ours.enc, info, aad, ours.ct), root),
  'native opens ours',
);
const theirOpened = await suite.open(
  { recipientKey: theirKeyPair, enc: ours.enc.slice().buffer, info: info.slice().buffer },
  ours.ct.slice().buffer,
  aad.slice().buffer,
);
check(equalBytes(new Uint8Array(theirOpened), root), 'theirs opens ours');
const oursOnNative = onNative(() => hpkeSeal(recipient.hpke.publicKey, info, aad, root))();
check(equalBytes(hpkeOpen(recipient.hpke, oursOnNative.enc, info, aad, oursOnNative.ct), root), 'noble opens native');
check(
  equalBytes(onNative(() => hpkeOpen(recipient.hpke, ours.enc, info, aad, ours.ct))(), root),
  'native backend opens noble',
);

const hpkeSealRow = await row('HPKE seal (32-byte key)', [
  { name: OURS, run: () => hpkeSeal(recipient.hpke.publicKey, info, aad, root) },
  { name: OURS_NATIVE, run: onNative(() => hpkeSeal(recipient.hpke.publicKey, info, aad, root)) },
  { name: THEIRS, run: () => suite.seal({ recipientPublicKey: theirPub, info: info.buffer }, root.buffer, aad.buffer) },
  { name: NATIVE, run: () => nativeSeal(recipient.hpke.publicKey, nativePub, info, aad, root) },
]);
const hpkeOpenRow = await row('HPKE open (32-byte key)', [
  { name: OURS, run: () => hpkeOpen(recipient.hpke, ours.enc, info, aad, ours.ct) },
  { name: OURS_NATIVE, run: onNative(() => hpkeOpen(recipient.hpke, ours.enc, info, aad, ours.ct)) },
  {
    name: THEIRS,
    run: () => suite.open({ recipientKey: theirKeyPair, enc: theirs.enc, info: info.buffer }, theirs.ct, aad.buffer),
  },
  { name: NATIVE, run: () => nativeOpen(nativePriv, recipient.hpke.publicKey, native.enc, info, aad, native.ct) },
]);

// --- Envelopes: seal to n devices (bob's and carol's phones, laptops…), open as one. ---
const sender = createDevice();
const senderNativeKey = await import('node:crypto').then(({ generateKeyPairSync }) => generateKeyPairSync('ed25519'));
const devices: DeviceKeys[] = Array.from({ length: 8 }, () => createDevice());
const targetsOf = (n: number): WrapTarget[] =>
  devices.slice(0, n).map((d, i) => ({ account: i % 2 ? 'carol' : 'bob', ...devicePublicKeys(d) }));
const payload = { text: 'Meet where we said.', plan: { place: 'Pier 39', time: 'Thursday 21:00' } };
const sealTo = (n: number) => () =>
  sealEnvelope({
    day: 1,
    fromAccount: 'alice',
    device: sender,
    recipients: ['bob', 'carol'],
    targets: targetsOf(n),
    payload,
  });
const nativeKeys = devices.map((d) => ({ raw: d.hpke.publicKey, key: x25519Public(d.hpke.publicKey) }));
const nativeSealTo = (n: number) => () => {
  const wrapsBytes = nativeKeys.slice(0, n).map((k) => nativeSeal(k.raw, k.key, info, aad, root));
  return nativeSign(Buffer.concat(wrapsBytes.flatMap((w) => [w.enc, w.ct])), senderNativeKey.privateKey);
};
let envelopeSeal4 = 0;
for (const n of [1, 4, 8]) {
  const r = await row(
    `envelope seal to ${n} device${n > 1 ? 's' : ''}`,
    [
      { name: OURS, run: sealTo(n) },
      { name: OURS_NATIVE, run: onNative(sealTo(n)) },
      { name: NATIVE, run: nativeSealTo(n) },
    ],
    3,
  );
  if (n === 4) envelopeSeal4 = r.median[OURS] as number;
}
const sealed = sealTo(4)().envelope;
const me = { account: 'bob', device: devices[0] as DeviceKeys };
const signedHeader = secureRandom(600);
const nativeSig = nativeSign(signedHeader, senderNativeKey.privateKey);
await row('envelope open (verify + unwrap + decrypt)', [
  { name: OURS, run: () => openEnvelope(sealed, me, sender.sig.publicKey) },
  { name: OURS_NATIVE, run: onNative(() => openEnvelope(sealed, me, sender.sig.publicKey)) },
  {
    name: NATIVE,
    run: () => {
      nativeVerify(nativeSig, signedHeader, senderNativeKey.publicKey);
      return nativeOpen(nativePriv, recipient.hpke.publicKey, native.enc, info, aad, native.ct);
    },
  },
]);

// --- Signatures. ---
const message = secureRandom(600);
const signature = sign(message, sender.sig.secretKey);
const senderNativePub = ed25519Public(sender.sig.publicKey);
check(nativeVerify(signature, message, senderNativePub), 'native verifies our signature');
check(onNative(() => verify(signature, message, sender.sig.publicKey))(), 'native backend verifies our signature');
await row('Ed25519 verify (600 bytes)', [
  { name: OURS, run: () => verify(signature, message, sender.sig.publicKey) },
  { name: OURS_NATIVE, run: onNative(() => verify(signature, message, sender.sig.publicKey)) },
  { name: NATIVE, run: () => nativeVerify(signature, message, senderNativePub) },
]);

// --- The carrier's switch: decrypt an uplink, re-encrypt the downlink. ---
const alicePhone = createDevice();
const bobPhone = createDevice();
const kiA = provisionSim('+14085550101', devicePublicKeys(alicePhone)).simKey;
const kiB = provisionSim('+14085550102', devicePublicKeys(bobPhone)).simKey;
const { hop } = smsUplink({ day: 1, fromLine: '+14085550101', toLine: '+14085550102', simKey: kiA, payload });
const smsId = secureRandom(16);
const nativeUp = nativeUplink(
  kiA,
  smsId,
  signedHeader.subarray(0, 120),
  new TextEncoder().encode(JSON.stringify(payload)),
);
await row(
  'SMS transcrypt',
  [
    { name: OURS, run: () => smsTranscrypt(hop, kiA, kiB) },
    { name: OURS_NATIVE, run: onNative(() => smsTranscrypt(hop, kiA, kiB)) },
    { name: NATIVE, run: () => nativeTranscrypt(kiA, kiB, smsId, signedHeader.subarray(0, 120), nativeUp) },
  ],
  50,
);

// --- Report. ---
const fmt = (ms: number | undefined) =>
  ms === undefined ? '—' : ms < 0.1 ? `${(ms * 1000).toFixed(1)} µs` : `${ms.toFixed(3)} ms`;
const ratio = (m: Measurement, b: string, a = OURS) => {
  const r = pairedRatio(m, a, b);
  return r === undefined ? '—' : `${r.toFixed(2)}×`;
};
const cpu = cpus();
console.log(`\nGoing Dark crypto benchmark — ${new Date().toISOString().slice(0, 10)}`);
console.log(
  `Machine: ${cpu.length} × ${cpu[0]?.model ?? 'unknown CPU'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB; Node ${process.version}; NODE_ENV=${process.env.NODE_ENV ?? ''}`,
);
console.log(
  `Median time per call over ${ROUNDS} interleaved rounds after warm-up; ratios are medians of per-round ratios (\`npm run bench\`).\n`,
);
console.log(
  `| operation | ${OURS} | ${OURS_NATIVE} | ${THEIRS} | ${NATIVE} | ours ÷ @hpke | ours ÷ native | ours ÷ ours on native backend | native backend ÷ native |`,
);
console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
for (const { operation, result } of rows) {
  console.log(
    `| ${operation} | ${fmt(result.median[OURS])} | ${fmt(result.median[OURS_NATIVE])} | ${fmt(result.median[THEIRS])} | ${fmt(result.median[NATIVE])} | ${ratio(result, THEIRS)} | ${ratio(result, NATIVE)} | ${ratio(result, OURS_NATIVE)} | ${ratio(result, NATIVE, OURS_NATIVE)} |`,
  );
}

const sealRatio = pairedRatio(hpkeSealRow, OURS, THEIRS) as number;
const openRatio = pairedRatio(hpkeOpenRow, OURS, THEIRS) as number;
const targets = [
  { what: 'HPKE seal ≤ 0.6× @hpke', ok: sealRatio <= 0.6, value: `${sealRatio.toFixed(2)}×` },
  { what: 'HPKE open ≤ 0.6× @hpke', ok: openRatio <= 0.6, value: `${openRatio.toFixed(2)}×` },
  { what: 'envelope seal to 4 devices ≤ 20 ms', ok: envelopeSeal4 <= 20, value: fmt(envelopeSeal4) },
];
console.log('\n| target | measured | met |\n| --- | ---: | --- |');
for (const t of targets) console.log(`| ${t.what} | ${t.value} | ${t.ok ? 'yes' : 'NO'} |`);
if (targets.some((t) => !t.ok)) process.exitCode = 1;
