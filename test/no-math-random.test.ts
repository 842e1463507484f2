/**
 * Acceptance: "No Math.random anywhere in src/", and src/crypto draws all key material
 * through src/crypto/random.ts (the platform CSPRNG or, in tests, a seeded stream).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const src = join(root, 'src');

/** Every file under `dir`, recursively, as paths relative to the repository root with '/' separators. */
function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return walk(path);
    return entry.isFile() ? [relative(root, path).split('\\').join('/')] : [];
  });
}

/** Ways to reach a random generator other than through random.ts. */
const OTHER_RANDOMNESS: readonly [string, RegExp][] = [
  ['noble randomBytes', /\brandomBytes\b/],
  ['crypto.getRandomValues', /\bgetRandomValues\b/],
  ['noble random key helpers', /\brandom(?:Secret|Private)Key\b|\bkeygen\s*\(/],
  ['Node crypto module', /from\s+['"](?:node:)?crypto['"]|require\(\s*['"](?:node:)?crypto['"]\s*\)/],
  ['Node random helpers', /\brandom(?:UUID|FillSync|Fill|Int)\b/],
  ['Math.random', /\bMath\s*\.\s*random\b/],
];

/** The names of the randomness sources `text` uses. */
function randomnessIn(text: string): string[] {
  return OTHER_RANDOMNESS.filter(([, pattern]) => pattern.test(text)).map(([name]) => name);
}

const files = walk(src);
const read = (file: string) => readFileSync(join(root, file), 'utf8');

describe('the source walk', () => {
  it('finds the crypto module, random.ts included', () => {
    expect(files).toContain('src/crypto/random.ts');
    expect(files).toContain('src/crypto/hpke/index.ts');
    expect(files.filter((f) => f.startsWith('src/crypto/')).length).toBeGreaterThan(20);
  });
});

describe('the detector', () => {
  it('recognises each forbidden source', () => {
    expect(randomnessIn('const x = Math.random();')).toEqual(['Math.random']);
    expect(randomnessIn('Math .random')).toEqual(['Math.random']);
    expect(randomnessIn("import { randomBytes } from '@noble/hashes/utils.js';")).toEqual(['noble randomBytes']);
    expect(randomnessIn('globalThis.crypto.getRandomValues(buf)')).toEqual(['crypto.getRandomValues']);
    expect(randomnessIn('ed25519.utils.randomSecretKey()')).toEqual(['noble random key helpers']);
    expect(randomnessIn('const { secretKey } = x25519.keygen();')).toEqual(['noble random key helpers']);
    expect(randomnessIn("import { randomUUID } from 'node:crypto';")).toEqual([
      'Node crypto module',
      'Node random helpers',
    ]);
  });

  it('does not flag the project’s own random sources', () => {
    expect(randomnessIn('const k = random(KEY_BYTES); const r = secureRandom(32); seededRandom("x");')).toEqual([]);
  });
});

describe('randomness in src/', () => {
  it('no file under src/ contains Math.random', () => {
    const offenders = files.filter((f) => /Math\s*\.\s*random/.test(read(f)));
    expect(offenders).toEqual([]);
  });

  it('no file under src/crypto other than random.ts reaches a random generator directly', () => {
    const offenders = files
      .filter((f) => f.startsWith('src/crypto/') && f !== 'src/crypto/random.ts')
      .map((f) => ({ file: f, uses: randomnessIn(read(f)) }))
      .filter((o) => o.uses.length > 0);
    expect(offenders).toEqual([]);
  });

  it('random.ts takes the platform CSPRNG from noble and nothing weaker', () => {
    const text = read('src/crypto/random.ts');
    expect(text).toMatch(/import\s*\{\s*randomBytes\b[^}]*\}\s*from\s*'@noble\/hashes\/utils\.js'/);
    expect(randomnessIn(text)).not.toContain('Math.random');
  });
});
