/**
 * Proves the RFC 9180 vector check can fail: every field of the shipped vector,
 * corrupted by one hex digit, is caught — both by the checker and by a real
 * `vitest --project vectors` run given the corrupted file through HPKE_VECTORS.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checkVector, type HpkeVector, readVectorFile } from './support/hpkeVectors.ts';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const shipped = join(root, 'test/vectors/rfc9180-x25519-sha256-chacha20poly1305-base.json');
const vector = readVectorFile(shipped)[0] as HpkeVector;

/** Flips the first hex digit of a string ('0' ↔ '1', otherwise → '0'). */
function flip(hex: string): string {
  const first = hex[0] === '0' ? '1' : '0';
  return first + hex.slice(1);
}

/** Every path to a non-empty hex field of the vector, e.g. ['encryptions', 2, 'ct']. */
function hexPaths(v: HpkeVector): (string | number)[][] {
  const paths: (string | number)[][] = [];
  for (const [k, val] of Object.entries(v)) {
    if (typeof val === 'string' && val.length > 0) paths.push([k]);
    if (Array.isArray(val)) {
      val.forEach((item: Record<string, unknown>, i) => {
        for (const [k2, v2] of Object.entries(item)) {
          if (typeof v2 === 'string' && v2.length > 0) paths.push([k, i, k2]);
        }
      });
    }
  }
  return paths;
}

function corrupted(path: (string | number)[]): HpkeVector {
  const copy = structuredClone(vector) as unknown as Record<string | number, unknown>;
  let at: Record<string | number, unknown> = copy;
  for (const key of path.slice(0, -1)) at = at[key] as Record<string | number, unknown>;
  const last = path.at(-1) as string | number;
  at[last] = flip(at[last] as string);
  return copy as unknown as HpkeVector;
}

function runVectors(file: string) {
  return spawnSync(process.execPath, [join(root, 'node_modules/vitest/vitest.mjs'), 'run', '--project', 'vectors'], {
    cwd: root,
    env: { ...process.env, HPKE_VECTORS: file, FORCE_COLOR: '0' },
    encoding: 'utf8',
    timeout: 120_000,
  });
}

describe('the RFC 9180 vector check', () => {
  it('passes the vector as published', () => {
    expect(checkVector(vector).failures).toEqual([]);
  });

  it.each(hexPaths(vector).map((p) => [p.join('.'), p] as const))('fails when %s is corrupted', (_, path) => {
    expect(checkVector(corrupted(path)).failures.length).toBeGreaterThan(0);
  });

  it('makes `npm run test:vectors` fail for a corrupted HPKE_VECTORS file, and pass for a clean one', () => {
    const dir = mkdtempSync(join(tmpdir(), 'gd-vectors-'));
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ vectors: [corrupted(['encryptions', 1, 'ct'])] }));
    const failed = runVectors(bad);
    expect(failed.status, failed.stdout + failed.stderr).not.toBe(0);
    expect(failed.stdout + failed.stderr).toContain('encryptions[1]');

    const good = join(dir, 'good.json');
    writeFileSync(good, JSON.stringify([vector]));
    const passed = runVectors(good);
    expect(passed.status, passed.stdout + passed.stderr).toBe(0);
  });
});
