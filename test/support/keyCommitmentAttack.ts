/**
 * The "invisible salamander" (Dodis–Grubbs–Ristenpart–Woodage 2018; Len–Grubbs–Ristenpart
 * 2021) against XChaCha20-Poly1305 (draft-irtf-cfrg-xchacha §2 over RFC 8439 §2.8): one
 * ciphertext whose tag verifies under two different keys. Test support only — it shows
 * why envelopes carry a key commitment.
 *
 * Poly1305 (RFC 8439 §2.5) is linear in each message block: h = Σ (m_i + 2^128)·r^(n−i)
 * mod p, tag = (h + s) mod 2^128. With one 16-byte block left free, "tag under k1 =
 * tag under k2" is one linear equation mod p in that block, solved directly.
 * @module
 */
import { xchacha20, xchacha20poly1305 } from '@noble/ciphers/chacha.js';
import { randomBytes } from '@noble/hashes/utils.js';

const P = 2n ** 130n - 5n;
const TWO128 = 2n ** 128n;
const CLAMP = 0x0ffffffc0ffffffc0ffffffc0fffffffn;

/** A 16-byte-aligned block of the AAD or the ciphertext (index counted within that field). */
export interface Slot {
  readonly in: 'aad' | 'ct';
  readonly block: number;
}

const le = (b: Uint8Array): bigint => b.reduceRight((acc, x) => (acc << 8n) | BigInt(x), 0n);
const toLe = (v: bigint, n: number): Uint8Array =>
  Uint8Array.from({ length: n }, (_, i) => Number((v >> BigInt(8 * i)) & 255n));
const mod = (a: bigint): bigint => ((a % P) + P) % P;
function pow(b: bigint, e: bigint): bigint {
  let r = 1n;
  for (let x = mod(b), k = e; k > 0n; k >>= 1n, x = (x * x) % P) if (k & 1n) r = (r * x) % P;
  return r;
}

/** Poly1305 one-time key of XChaCha20-Poly1305: keystream block 0 (RFC 8439 §2.6), split into r (clamped) and s. */
function polyKey(key: Uint8Array, nonce: Uint8Array): { r: bigint; s: bigint } {
  const block0 = xchacha20(key, nonce, new Uint8Array(32), undefined, 0);
  return { r: le(block0.subarray(0, 16)) & CLAMP, s: le(block0.subarray(16, 32)) };
}

/** The MAC input aad || pad16 || ct || pad16 || le64(|aad|) || le64(|ct|) as block values (+2^128 each). */
function macBlocks(aad: Uint8Array, ct: Uint8Array): bigint[] {
  const pad = (n: number) => Math.ceil(n / 16) * 16;
  const data = new Uint8Array(pad(aad.length) + pad(ct.length) + 16);
  data.set(aad, 0);
  data.set(ct, pad(aad.length));
  data.set(toLe(BigInt(aad.length), 8), data.length - 16);
  data.set(toLe(BigInt(ct.length), 8), data.length - 8);
  return Array.from({ length: data.length / 16 }, (_, i) => le(data.subarray(16 * i, 16 * i + 16)) + TWO128);
}

/** Horner evaluation h = (…((0 + B_0)·r + B_1)·r …)·r mod p. */
const polyH = (blocks: bigint[], r: bigint): bigint => blocks.reduce((h, b) => ((h + b) * r) % P, 0n);

/** Where a slot sits: its byte range in its field and its index in the MAC input. */
function locate(slot: Slot, aadLen: number, ctLen: number): { offset: number; macIndex: number } {
  const len = slot.in === 'aad' ? aadLen : ctLen;
  if (!Number.isInteger(slot.block) || slot.block < 0 || 16 * slot.block + 16 > len) {
    throw new Error(`slot ${slot.in}[${slot.block}] is not a full block inside ${len} bytes`);
  }
  return { offset: 16 * slot.block, macIndex: slot.block + (slot.in === 'ct' ? Math.ceil(aadLen / 16) : 0) };
}

/**
 * Rewrites the `free` block (re-randomizing the `spare` block as needed) so that the
 * Poly1305 tag of (aad, ct) is the same under k1 and under k2. `ct` is the raw
 * ciphertext (no tag); the xchacha keystream does not depend on it, so any bytes do.
 * @returns the adjusted aad and ct (copies) and the common 16-byte tag
 */
export function forgeTwoKeyTag(
  k1: Uint8Array,
  k2: Uint8Array,
  nonce: Uint8Array,
  aad: Uint8Array,
  ct: Uint8Array,
  free: Slot,
  spare: Slot,
): { aad: Uint8Array; ct: Uint8Array; tag: Uint8Array } {
  const fields = { aad: aad.slice(), ct: ct.slice() };
  const f = locate(free, aad.length, ct.length);
  const sp = locate(spare, aad.length, ct.length);
  if (f.macIndex === sp.macIndex) throw new Error('free and spare must be different blocks');
  const [a, b] = [polyKey(k1, nonce), polyKey(k2, nonce)];
  const n = BigInt(macBlocks(aad, ct).length);
  // Coefficient of the free block in h: r^(n − index).
  const coef = mod(pow(a.r, n - BigInt(f.macIndex)) - pow(b.r, n - BigInt(f.macIndex)));
  if (coef === 0n) throw new Error('keys give the same Poly1305 r: are they equal?');
  const coefInv = pow(coef, P - 2n);
  const delta = (((b.s - a.s) % TWO128) + TWO128) % TWO128; // want h1 − h2 ≡ δ (mod 2^128)
  for (let attempt = 0; attempt < 1000; attempt++) {
    fields[spare.in].set(randomBytes(16), sp.offset);
    fields[free.in].fill(0, f.offset, f.offset + 16);
    const blocks = macBlocks(fields.aad, fields.ct);
    blocks[f.macIndex] = 0n; // h without the free block's contribution
    const base = mod(polyH(blocks, a.r) - polyH(blocks, b.r));
    // h1 − h2 lies in (−p, p), so as an integer it is δ + j·2^128 for a small j.
    for (let j = -4n; j <= 4n; j++) {
      const x = mod((delta + j * TWO128 - base) * coefInv); // the block value incl. its 2^128 bit
      if (x < TWO128 || x >= 2n * TWO128) continue;
      fields[free.in].set(toLe(x - TWO128, 16), f.offset);
      const final = macBlocks(fields.aad, fields.ct);
      const t1 = (polyH(final, a.r) + a.s) % TWO128;
      const t2 = (polyH(final, b.r) + b.s) % TWO128;
      if (t1 === t2) return { ...fields, tag: toLe(t1, 16) };
    }
  }
  throw new Error('no common tag found (vanishingly unlikely)');
}

/**
 * A 32-byte ciphertext plus tag that XChaCha20-Poly1305 opens under both k1 and k2
 * with the given nonce and AAD (one random block, one solved block).
 * @returns ct || tag, already checked with noble under both keys
 */
export function invisibleSalamander(k1: Uint8Array, k2: Uint8Array, nonce: Uint8Array, aad: Uint8Array): Uint8Array {
  const spare: Slot = { in: 'ct', block: 0 }; // re-randomized
  const free: Slot = { in: 'ct', block: 1 }; // solved
  const { ct, tag } = forgeTwoKeyTag(k1, k2, nonce, aad, new Uint8Array(32), free, spare);
  const sealed = new Uint8Array(ct.length + 16);
  sealed.set(ct);
  sealed.set(tag, ct.length);
  for (const k of [k1, k2]) xchacha20poly1305(k, nonce, aad).decrypt(sealed); // throws if either key fails
  return sealed;
}
