import { expect } from 'vitest';
import { CryptoError, type CryptoErrorCode } from '../../src/crypto/errors.ts';

/**
 * Runs `run` and returns the code of the {@link CryptoError} it threw; fails the test
 * if it returned normally or threw anything else.
 */
export function codeOf(run: () => unknown): CryptoErrorCode {
  try {
    run();
  } catch (e) {
    expect(e).toBeInstanceOf(CryptoError);
    return (e as CryptoError).code;
  }
  throw new Error('expected a CryptoError, but nothing was thrown');
}
