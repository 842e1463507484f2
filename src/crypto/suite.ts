/**
 * The protocol suite label, bound into every KDF info, AAD and signed message
 * (docs/protocol.md §1), so that bytes made for this protocol version can never be
 * taken for bytes of another.
 */
export const SUITE = 'going-dark/v1';

/** Size in bytes of identifiers: message, device, backup and order ids. */
export const ID_BYTES = 16;
/** Size in bytes of symmetric keys, roots, commitments and hashes. */
export const KEY_BYTES = 32;
/** XChaCha20-Poly1305 nonce size (draft-irtf-cfrg-xchacha §2). */
export const XNONCE_BYTES = 24;
/** Poly1305 tag size (RFC 8439 §2.5). */
export const TAG_BYTES = 16;
/** Largest plaintext a message or SMS may carry (game.md: plaintext ≤ 2 KiB). */
export const MAX_MESSAGE_PLAINTEXT = 2048;
