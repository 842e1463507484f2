/**
 * The game's chance (the plan deal, contests, forensic unlocks) comes from an entropy
 * source injected into the game factory: Node's CSPRNG on the server, a seeded
 * source in tests and the simulator — never `ctx.random`, whose seed boardgame.io
 * ships to every client (boardgameio-notes.md).
 * @module
 */

/** A source of uniformly random bytes. */
export type Entropy = (length: number) => Uint8Array;

/** The entropy of a client's copy of the game: clients never draw (every move is server-only). */
export const NO_ENTROPY: Entropy = () => {
  throw new Error('game chance is drawn on the server only');
};

/**
 * A uniform integer in [0, n) by rejection sampling over 32-bit draws.
 * @param entropy - the source
 * @param n - the bound, 1 ≤ n ≤ 2^32
 */
export function uniformInt(entropy: Entropy, n: number): number {
  if (!Number.isInteger(n) || n < 1 || n > 2 ** 32) throw new Error(`bad bound ${n}`);
  const limit = 2 ** 32 - (2 ** 32 % n);
  for (;;) {
    const b = entropy(4);
    const x = (((b[0] as number) << 24) | ((b[1] as number) << 16) | ((b[2] as number) << 8) | (b[3] as number)) >>> 0;
    if (x < limit) return x % n;
  }
}

/**
 * True with probability p (to 1 part in 2^32).
 * @param entropy - the source
 * @param p - probability in [0, 1]
 */
export function chance(entropy: Entropy, p: number): boolean {
  if (p <= 0) return false;
  if (p >= 1) return true;
  return uniformInt(entropy, 2 ** 32) < Math.floor(p * 2 ** 32);
}
