/**
 * Going Dark's cryptography: pure functions over @noble/curves, @noble/ciphers and
 * @noble/hashes — or, in a Node process that installed it, the node:crypto backend
 * (backend.ts, nodeBackend.ts; not re-exported here, so browser bundles never see it).
 * Knows nothing of the game. Byte layouts: docs/protocol.md.
 * @module
 */
export * from './aead.ts';
export {
  type CryptoBackend,
  getCryptoBackend,
  nobleBackend,
  setCryptoBackend,
  withCryptoBackend,
} from './backend.ts';
export * from './backup.ts';
export { concatBytes, equalBytes, fromUtf8, utf8 } from './bytes.ts';
export * from './device.ts';
export * from './envelope.ts';
export * from './errors.ts';
export * from './frame.ts';
export * from './handover.ts';
export * from './hex.ts';
export { x25519PublicKey } from './hpke/dhkem.ts';
export * as hpke from './hpke/index.ts';
export { deriveKey } from './kdf.ts';
export { assertCount, assertName } from './names.ts';
export * from './order.ts';
export * from './payload.ts';
export * from './proofs.ts';
export * from './random.ts';
export * from './safetyCode.ts';
export * from './signature.ts';
export * from './sms.ts';
export * from './suite.ts';
export * from './transparency.ts';
export * from './x25519.ts';
