/**
 * The implementation still reproduces, from the recorded seeds, every byte of the
 * worked examples published in test/vectors/going-dark-v1.json and docs/protocol.md.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { buildProtocolVectors } from './support/protocolVectors.ts';

const file = join(dirname(fileURLToPath(import.meta.url)), 'vectors/going-dark-v1.json');
const recorded = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
const doc = readFileSync(join(dirname(fileURLToPath(import.meta.url)), '../docs/protocol.md'), 'utf8');
const rebuilt = JSON.parse(JSON.stringify(buildProtocolVectors())) as Record<string, unknown>;

describe('going-dark/v1 worked examples', () => {
  it.each(Object.keys(recorded))('%s is reproduced byte for byte', (key) => {
    expect(rebuilt[key]).toEqual(recorded[key]);
  });

  it.each(Object.keys(recorded).filter((k) => !['suite', 'note', 'seeds'].includes(k)))(
    'docs/protocol.md shows the %s example as recorded',
    (key) => {
      expect(doc).toContain(`### ${key}\n\n\`\`\`json\n${JSON.stringify(recorded[key], null, 1)}\n\`\`\``);
    },
  );

  it('covers every object the generator builds', () => {
    expect(Object.keys(recorded).sort()).toEqual(Object.keys(rebuilt).sort());
  });
});
