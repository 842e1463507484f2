/**
 * Join codes: a short code a teacher reads out or writes on the board, standing for a
 * match id. Six characters from an alphabet without look-alikes (no 0/O, 1/I/L, and no
 * U), so 30^6 ≈ 7.3 × 10^8 codes; each match has at most one. Kept in the `codes`
 * table of the server's SQLite file.
 * @module
 */
import type Database from 'better-sqlite3';
import type { RandomSource } from '../../crypto/index.ts';
import { cascadeOnWipe } from './sqliteFile.ts';

/** The characters of a join code. */
export const CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTVWXYZ';

/** The length of a join code. */
export const CODE_LENGTH = 6;

/** Codes drawn before `createCode` gives up (a collision is about one in a million per draw). */
const MAX_ATTEMPTS = 32;

/** The largest multiple of the alphabet's size that fits in a byte: bytes at or above it are rejected. */
const BYTE_LIMIT = 256 - (256 % CODE_ALPHABET.length);

const SCHEMA = `
CREATE TABLE IF NOT EXISTS codes (
  code       TEXT PRIMARY KEY,
  match_id   TEXT NOT NULL UNIQUE,
  created_at INTEGER NOT NULL
) STRICT;
`;

/**
 * A code as typed, in canonical form: upper case, without spaces, dashes or
 * underscores; undefined when what is left is not a well-formed code.
 */
export function normaliseCode(input: string): string | undefined {
  const code = input.toUpperCase().replace(/[\s_\-\u2010-\u2015]/g, '');
  if (code.length !== CODE_LENGTH) return undefined;
  for (const c of code) if (!CODE_ALPHABET.includes(c)) return undefined;
  return code;
}

/** A uniformly random code: each character from one byte, by rejection sampling. */
export function randomCode(random: RandomSource): string {
  let code = '';
  while (code.length < CODE_LENGTH) {
    for (const byte of random(2 * CODE_LENGTH)) {
      if (byte >= BYTE_LIMIT) continue;
      code += CODE_ALPHABET.charAt(byte % CODE_ALPHABET.length);
      if (code.length === CODE_LENGTH) break;
    }
  }
  return code;
}

function prepareStatements(db: Database.Database) {
  return {
    insert: db.prepare<[string, string, number]>(
      `INSERT INTO codes (code, match_id, created_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING`,
    ),
    matchOf: db.prepare<[string], string>(`SELECT match_id FROM codes WHERE code = ?`).pluck(),
    codeOf: db.prepare<[string], string>(`SELECT code FROM codes WHERE match_id = ?`).pluck(),
    drop: db.prepare<[string]>(`DELETE FROM codes WHERE match_id = ?`),
  };
}

/**
 * Join codes in the server's SQLite file. Construct it on the database of a
 * {@link SqliteStore} (`new CodeStore(store.db)`), after the store, so that wiping a
 * match also deletes its code.
 */
export class CodeStore {
  readonly #statements: ReturnType<typeof prepareStatements>;
  readonly #create: Database.Transaction<(matchID: string, random: RandomSource) => string>;

  constructor(db: Database.Database) {
    db.exec(SCHEMA);
    cascadeOnWipe(db, 'codes_wipe', 'DELETE FROM codes WHERE match_id = OLD.id;');
    const s = prepareStatements(db);
    this.#statements = s;
    this.#create = db.transaction((matchID: string, random: RandomSource) => {
      const existing = s.codeOf.get(matchID);
      if (existing !== undefined) return existing;
      for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
        const code = randomCode(random);
        // The match has no code (checked above), so a conflict here is a code in use.
        if (s.insert.run(code, matchID, Date.now()).changes === 1) return code;
      }
      throw new Error(`no free join code after ${MAX_ATTEMPTS} attempts`);
    });
  }

  /**
   * The match's join code, made now if it has none: a random code, drawn again while it
   * is taken by another match.
   * @param random - the server's CSPRNG (`secureRandom`); a seeded source in tests
   */
  createCode(matchID: string, random: RandomSource): string {
    return this.#create.immediate(matchID, random);
  }

  /** The match a code stands for, accepting lower case, spaces and dashes; undefined if unknown. */
  matchOf(code: string): string | undefined {
    const canonical = normaliseCode(code);
    return canonical === undefined ? undefined : this.#statements.matchOf.get(canonical);
  }

  /** The match's join code, if it has one. */
  codeOf(matchID: string): string | undefined {
    return this.#statements.codeOf.get(matchID);
  }

  /** Deletes the match's code. */
  dropMatch(matchID: string): void {
    this.#statements.drop.run(matchID);
  }
}
