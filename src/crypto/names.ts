import { ensure } from './errors.ts';

const NAME = /^[\x20-\x7e]{1,64}$/;

/**
 * Checks an account name, SIM line, order target or other label that is framed into
 * signed bytes: 1–64 printable ASCII characters. Keeping names ASCII makes their
 * sort order and their bytes the same everywhere (docs/protocol.md §2).
 * @param value - the candidate
 * @param what - the field name used in the error
 */
export function assertName(value: unknown, what: string): asserts value is string {
  ensure(typeof value === 'string' && NAME.test(value), 'bad-input', `${what} must be 1–64 printable ASCII characters`);
}

/**
 * Checks a day number or sequence number: an integer 0 ≤ n < 2^32.
 * @param value - the candidate
 * @param what - the field name used in the error
 */
export function assertCount(value: unknown, what: string): asserts value is number {
  ensure(
    typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= 0xffffffff,
    'bad-input',
    `${what} must be an integer from 0 to 2^32 − 1`,
  );
}

/** Orders strings by their code units (equal to byte order for ASCII names). */
export function compareNames(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
