/**
 * The {@link CryptoBackend} over Node's native `crypto` (OpenSSL): X25519, Ed25519,
 * ChaCha20-Poly1305 and HMAC-SHA256 in C, roughly an order of magnitude faster than
 * the pure-JavaScript reference on the same machine (docs/performance.md).
 *
 * **Node only.** Only Node entry points (the server, the bots and simulator, the
 * benchmark, tests) may import this file; browser code never does, and
 * `src/crypto/index.ts` does not re-export it. The browser always runs on
 * `nobleBackend` (backend.ts). A Node entry point enables it once at start-up: it
 * imports the whole `node:crypto` module as a namespace, `nodeCrypto`, and calls
 * `installNativeCrypto(nodeCrypto)`.
 *
 * The `node:crypto` module is passed in rather than imported here: `src/crypto` reaches
 * no random generator except through `random.ts` (test/no-math-random.test.ts), and
 * this backend needs none — it only imports keys and computes.
 *
 * Keys are imported as JWK, not DER: on Node 20 (OpenSSL 3.0) a DER import goes
 * through OpenSSL's generic decoder and costs ≈ 0.4 ms for a private key, more than
 * the operation itself; a JWK import builds the key from its raw bytes in ≈ 15–35 µs.
 * For a private key Node reads only `d` (it checks `x` is a string, then OpenSSL
 * derives the public key from `d`), so a placeholder `x` is passed when the public key
 * is what is being computed; {@link createNodeBackend} checks this with known-answer
 * tests before the backend is used. Imported public keys are cached by hex (bounded);
 * imported secret keys are cached per `Uint8Array` object (a `WeakMap`, checked
 * against a copy of the bytes on every hit), so a device's long-lived keys and an HPKE
 * ephemeral key are imported once, and nothing outlives the array it came from.
 * @module
 */
import { type CryptoBackend, setCryptoBackend } from './backend.ts';
import { equalBytes } from './bytes.ts';
import { CryptoError } from './errors.ts';
import { fromHex, toHex } from './hex.ts';
import { KeyCache } from './keyCache.ts';

/** The parts of `node:crypto` this backend uses — none of them a random generator. */
export type NodeCryptoApi = Pick<
  typeof import('node:crypto'),
  | 'createCipheriv'
  | 'createDecipheriv'
  | 'createHmac'
  | 'createPrivateKey'
  | 'createPublicKey'
  | 'diffieHellman'
  | 'sign'
  | 'verify'
>;

type NodeKey = ReturnType<typeof import('node:crypto').createPublicKey>;
type Curve = 'X25519' | 'Ed25519';

/** Copies a Node `Buffer` (possibly a view of a shared pool) into a plain, unshared `Uint8Array`. */
const plain = (bytes: Uint8Array): Uint8Array => new Uint8Array(bytes);

const base64url = (bytes: Uint8Array): string =>
  Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('base64url');

/** Stand-in for `x` in a private JWK: Node ignores it (see the module comment). */
const PLACEHOLDER_X = base64url(new Uint8Array(32));

const TAG_BYTES = 16;
const HASH_BYTES = 32;

/**
 * Builds the Node backend.
 * @param nodeCrypto - the `node:crypto` module
 * @throws Error when this Node's crypto does not reproduce the known-answer tests
 */
export function createNodeBackend(nodeCrypto: NodeCryptoApi): CryptoBackend {
  const { createCipheriv, createDecipheriv, createHmac, createPrivateKey, createPublicKey, diffieHellman } = nodeCrypto;

  const publicKeys: Record<Curve, KeyCache<NodeKey>> = { X25519: new KeyCache(), Ed25519: new KeyCache() };
  const secretKeys: Record<Curve, WeakMap<Uint8Array, { bytes: Uint8Array; key: NodeKey }>> = {
    X25519: new WeakMap(),
    Ed25519: new WeakMap(),
  };

  function publicKey(crv: Curve, raw: Uint8Array): NodeKey {
    const hex = toHex(raw);
    let key = publicKeys[crv].get(hex);
    if (key === undefined) {
      key = createPublicKey({ key: { kty: 'OKP', crv, x: base64url(raw) }, format: 'jwk' });
      publicKeys[crv].set(hex, key);
    }
    return key;
  }

  function secretKey(crv: Curve, raw: Uint8Array): NodeKey {
    const cached = secretKeys[crv].get(raw);
    if (cached && equalBytes(cached.bytes, raw)) return cached.key;
    const key = createPrivateKey({ key: { kty: 'OKP', crv, x: PLACEHOLDER_X, d: base64url(raw) }, format: 'jwk' });
    secretKeys[crv].set(raw, { bytes: raw.slice(), key });
    return key;
  }

  function rawPublicOf(crv: Curve, secret: Uint8Array): Uint8Array {
    const { x } = createPublicKey(secretKey(crv, secret)).export({ format: 'jwk' });
    if (typeof x !== 'string') throw new Error(`node:crypto exported no ${crv} public key`);
    return plain(Buffer.from(x, 'base64url'));
  }

  function hmac(key: Uint8Array, ...data: Uint8Array[]): Uint8Array {
    const mac = createHmac('sha256', key);
    for (const d of data) mac.update(d);
    return mac.digest();
  }

  const backend: CryptoBackend = Object.freeze({
    name: 'node',
    x25519(scalar: Uint8Array, u: Uint8Array): Uint8Array {
      let out: Uint8Array;
      try {
        out = diffieHellman({ privateKey: secretKey('X25519', scalar), publicKey: publicKey('X25519', u) });
      } catch (e) {
        // OpenSSL 3 refuses an all-zero X25519 output itself, as a failed derivation.
        if ((e as { code?: unknown }).code === 'ERR_OSSL_FAILED_DURING_DERIVATION') out = new Uint8Array(32);
        else throw e;
      }
      // Checked here too, for OpenSSL builds that return the zeros (RFC 7748 §6.1).
      if (out.every((b) => b === 0))
        throw new CryptoError('low-order-key', 'X25519 output is all zero (RFC 7748 §6.1): low-order point');
      return plain(out);
    },
    x25519Base: (scalar: Uint8Array) => rawPublicOf('X25519', scalar),
    ed25519PublicKey: (secret: Uint8Array) => rawPublicOf('Ed25519', secret),
    ed25519Sign: (message: Uint8Array, secret: Uint8Array) =>
      plain(nodeCrypto.sign(null, message, secretKey('Ed25519', secret))),
    ed25519Verify(signature: Uint8Array, message: Uint8Array, key: Uint8Array): boolean {
      if (signature.length !== 64 || key.length !== 32) return false;
      try {
        return nodeCrypto.verify(null, message, publicKey('Ed25519', key), signature);
      } catch {
        return false;
      }
    },
    chacha20poly1305Seal(key: Uint8Array, nonce: Uint8Array, aad: Uint8Array, plaintext: Uint8Array): Uint8Array {
      const cipher = createCipheriv('chacha20-poly1305', key, nonce, { authTagLength: TAG_BYTES });
      cipher.setAAD(aad, { plaintextLength: plaintext.length });
      const body = cipher.update(plaintext);
      const tail = cipher.final();
      const tag = cipher.getAuthTag();
      const out = new Uint8Array(body.length + tail.length + tag.length);
      out.set(body, 0);
      out.set(tail, body.length);
      out.set(tag, body.length + tail.length);
      return out;
    },
    chacha20poly1305Open(key: Uint8Array, nonce: Uint8Array, aad: Uint8Array, ciphertext: Uint8Array): Uint8Array {
      try {
        if (ciphertext.length < TAG_BYTES) throw new Error('short');
        const body = ciphertext.subarray(0, ciphertext.length - TAG_BYTES);
        const decipher = createDecipheriv('chacha20-poly1305', key, nonce, { authTagLength: TAG_BYTES });
        decipher.setAAD(aad, { plaintextLength: body.length });
        decipher.setAuthTag(ciphertext.subarray(ciphertext.length - TAG_BYTES));
        const head = decipher.update(body);
        const tail = decipher.final();
        const out = new Uint8Array(head.length + tail.length);
        out.set(head, 0);
        out.set(tail, head.length);
        return out;
      } catch {
        throw new CryptoError('decrypt-failed', 'ChaCha20-Poly1305: wrong key or tampered ciphertext');
      }
    },
    hkdfExtract: (salt: Uint8Array, ikm: Uint8Array) =>
      plain(hmac(salt.length ? salt : new Uint8Array(HASH_BYTES), ikm)),
    hkdfExpand(prk: Uint8Array, info: Uint8Array, length: number): Uint8Array {
      if (!Number.isInteger(length) || length < 0 || length > 255 * HASH_BYTES)
        throw new CryptoError('bad-input', 'HKDF-Expand length out of range');
      const out = new Uint8Array(length);
      let block: Uint8Array = new Uint8Array(0);
      for (let i = 1, at = 0; at < length; i++, at += HASH_BYTES) {
        block = hmac(prk, block, info, Uint8Array.of(i));
        out.set(block.subarray(0, Math.min(HASH_BYTES, length - at)), at);
      }
      return out;
    },
  });
  selfTest(backend);
  return backend;
}

/**
 * Known answers (RFC 7748 §6.1, RFC 8032 §7.1 test 1, RFC 5869 test 1): a backend that
 * disagrees, e.g. because a Node version started reading `x` of a private JWK, is
 * refused before it computes anything.
 */
function selfTest(b: CryptoBackend): void {
  const h = (text: string) => fromHex(text);
  const ok =
    toHex(b.x25519Base(h('77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a'))) ===
      '8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a' &&
    toHex(
      b.x25519(
        h('77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a'),
        h('de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f'),
      ),
    ) === '4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742' &&
    toHex(b.ed25519PublicKey(h('9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60'))) ===
      'd75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a' &&
    toHex(b.ed25519Sign(new Uint8Array(0), h('9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60'))) ===
      'e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b' &&
    toHex(
      b.hkdfExpand(
        b.hkdfExtract(h('000102030405060708090a0b0c'), h('0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b')),
        h('f0f1f2f3f4f5f6f7f8f9'),
        42,
      ),
    ) === '3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865';
  if (!ok) throw new Error('node:crypto backend failed its known-answer tests; staying on noble');
}

/**
 * Installs the Node backend for the whole process (Node entry points only).
 * @param nodeCrypto - the `node:crypto` module
 * @returns the backend that was in use before (normally `nobleBackend` (backend.ts))
 */
export function installNativeCrypto(nodeCrypto: NodeCryptoApi): CryptoBackend {
  return setCryptoBackend(createNodeBackend(nodeCrypto));
}
