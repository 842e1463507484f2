/**
 * `npm run vectors:generate`: writes test/vectors/going-dark-v1.json from the
 * recorded seeds. Run it only when the protocol changes on purpose (then bump the
 * suite label and update docs/protocol.md); test/protocolVectors.test.ts fails
 * whenever the implementation no longer reproduces the recorded bytes.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildProtocolVectors } from '../test/support/protocolVectors.ts';

const out = join(dirname(fileURLToPath(import.meta.url)), '../test/vectors/going-dark-v1.json');
writeFileSync(out, `${JSON.stringify(buildProtocolVectors(), null, 1)}\n`);
console.log(`wrote ${out}`);

// Refresh the worked examples in docs/protocol.md between the markers.
const docPath = join(dirname(fileURLToPath(import.meta.url)), '../docs/protocol.md');
const doc = readFileSync(docPath, 'utf8');
const vectors = buildProtocolVectors();
const sections = Object.entries(vectors)
  .filter(([key]) => !['suite', 'note', 'seeds'].includes(key))
  .map(([key, value]) => `### ${key}\n\n\`\`\`json\n${JSON.stringify(value, null, 1)}\n\`\`\``)
  .join('\n\n');
const begin = '<!-- vectors:begin -->';
const end = '<!-- vectors:end -->';
const updated = `${doc.slice(0, doc.indexOf(begin) + begin.length)}\n${sections}\n${doc.slice(doc.indexOf(end))}`;
writeFileSync(docPath, updated);
console.log(`updated ${docPath}`);
