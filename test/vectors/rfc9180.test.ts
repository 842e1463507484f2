/**
 * RFC 9180 published vectors: every JSON file shipped in test/vectors/ and in the
 * shared ../shared/vectors/ folder (when present), plus the file named by the
 * environment variable HPKE_VECTORS. `npm run test:vectors` runs exactly these.
 */
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checkVector, isOurSuite, readVectorFile } from '../support/hpkeVectors.ts';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../..');

function jsonFiles(dir: string, filter: (name: string) => boolean = () => true): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => name.endsWith('.json') && filter(name))
    .map((name) => join(dir, name));
}

const files = [
  ...jsonFiles(here, (name) => name.startsWith('rfc9180')),
  ...jsonFiles(resolve(root, '../shared/vectors')),
];
if (process.env.HPKE_VECTORS) files.push(resolve(process.env.HPKE_VECTORS));

describe.each(files)('RFC 9180 vectors in %s', (file) => {
  const vectors = readVectorFile(file);
  const ours = vectors.filter(isOurSuite);

  it('holds at least one base-mode X25519/HKDF-SHA256/ChaCha20Poly1305 vector', () => {
    expect(ours.length).toBeGreaterThan(0);
  });

  it.each(ours.map((v, i) => [i, v] as const))('vector %i matches in every field it gives', (_, v) => {
    const { failures, checked } = checkVector(v);
    expect(failures).toEqual([]);
    expect(checked).toBeGreaterThan(0);
  });
});
