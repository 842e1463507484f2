import { concatBytes, i2osp, utf8 } from '../bytes.ts';

/** RFC 9180 §7.1: DHKEM(X25519, HKDF-SHA256). */
export const KEM_ID = 0x0020;
/** RFC 9180 §7.2: HKDF-SHA256. */
export const KDF_ID = 0x0001;
/** RFC 9180 §7.3: ChaCha20Poly1305. */
export const AEAD_ID = 0x0003;
/** RFC 9180 §5: mode_base. */
export const MODE_BASE = 0x00;

/** Nsecret for DHKEM(X25519, HKDF-SHA256) (RFC 9180 §7.1). */
export const N_SECRET = 32;
/** Nenc for DHKEM(X25519, HKDF-SHA256) (RFC 9180 §7.1). */
export const N_ENC = 32;
/** Npk for DHKEM(X25519, HKDF-SHA256) (RFC 9180 §7.1). */
export const N_PK = 32;
/** Nsk for DHKEM(X25519, HKDF-SHA256) (RFC 9180 §7.1). */
export const N_SK = 32;
/** Nk for ChaCha20Poly1305 (RFC 9180 §7.3). */
export const N_K = 32;
/** Nn for ChaCha20Poly1305 (RFC 9180 §7.3). */
export const N_N = 12;
/** Nt for ChaCha20Poly1305 (RFC 9180 §7.3). */
export const N_T = 16;
/** Nh for HKDF-SHA256 (RFC 9180 §7.2). */
export const N_H = 32;

/** RFC 9180 §4.1: suite_id = concat("KEM", I2OSP(kem_id, 2)). */
export const KEM_SUITE_ID = concatBytes(utf8('KEM'), i2osp(KEM_ID, 2));
/** RFC 9180 §5.1: suite_id = concat("HPKE", I2OSP(kem_id, 2), I2OSP(kdf_id, 2), I2OSP(aead_id, 2)). */
export const HPKE_SUITE_ID = concatBytes(utf8('HPKE'), i2osp(KEM_ID, 2), i2osp(KDF_ID, 2), i2osp(AEAD_ID, 2));
