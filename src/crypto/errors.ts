/**
 * Why a cryptographic operation refused its input. Every function in `src/crypto`
 * that cannot complete throws a {@link CryptoError} carrying one of these codes, so
 * callers (the referee, the device layer, the UI) can explain the refusal without
 * parsing messages.
 */
export type CryptoErrorCode =
  | 'bad-hex'
  | 'bad-length'
  | 'bad-input'
  | 'bad-key'
  | 'low-order-key'
  | 'small-order-key'
  | 'bad-signature'
  | 'decrypt-failed'
  | 'commitment-mismatch'
  | 'not-addressed'
  | 'too-large';

/** An error thrown by `src/crypto` with a machine-readable {@link CryptoErrorCode}. */
export class CryptoError extends Error {
  /** The refusal reason, stable across releases. */
  readonly code: CryptoErrorCode;

  /**
   * @param code - the refusal reason
   * @param message - a human-readable explanation
   */
  constructor(code: CryptoErrorCode, message: string) {
    super(message);
    this.name = 'CryptoError';
    this.code = code;
  }
}

/**
 * Throws a {@link CryptoError} unless `condition` holds.
 * @param condition - what must be true
 * @param code - the refusal reason if it is not
 * @param message - a human-readable explanation
 */
export function ensure(condition: boolean, code: CryptoErrorCode, message: string): asserts condition {
  if (!condition) throw new CryptoError(code, message);
}
