/**
 * The browser app's size (issue: "initial JavaScript of the production build ≤ 250 KB
 * gzipped"). Builds the UI into a temporary folder, then reports, gzipped: the
 * JavaScript the first page loads (the entry and what it imports statically), and what
 * the table route adds (its lazy chunk and everything that chunk imports). Exits 1 when
 * either total passes the budget. Figures: docs/performance.md.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const BUDGET_KB = 250;
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = mkdtempSync(join(tmpdir(), 'gd-bundle-'));
const build = spawnSync(
  process.execPath,
  [join(root, 'node_modules/vite/bin/vite.js'), 'build', '--outDir', out, '--emptyOutDir', '--manifest'],
  { cwd: root, encoding: 'utf8' },
);
if (build.status !== 0) {
  console.error(build.stderr);
  process.exit(1);
}

interface Chunk {
  readonly file: string;
  readonly isEntry?: boolean;
  readonly imports?: string[];
  readonly dynamicImports?: string[];
  readonly src?: string;
}
const manifest = JSON.parse(readFileSync(join(out, '.vite', 'manifest.json'), 'utf8')) as Record<string, Chunk>;

/** A chunk and every chunk it imports statically. */
function closure(key: string, seen = new Set<string>()): Set<string> {
  if (seen.has(key)) return seen;
  seen.add(key);
  for (const next of manifest[key]?.imports ?? []) closure(next, seen);
  return seen;
}

const gz = (key: string) => gzipSync(readFileSync(join(out, manifest[key]?.file ?? ''))).length / 1024;
const sum = (keys: Iterable<string>) => [...keys].reduce((total, k) => total + gz(k), 0);

const entry = Object.keys(manifest).find((k) => manifest[k]?.isEntry);
const table = Object.keys(manifest).find((k) => k === 'Table.tsx' || k.endsWith('/Table.tsx'));
if (!entry || !table) throw new Error('the manifest has no entry or no table chunk');
const initial = closure(entry);
const withTable = closure(table, new Set(initial));
const initialKb = sum(initial);
const tableKb = sum(withTable);
rmSync(out, { recursive: true, force: true });
console.log(`initial JavaScript (home page): ${initialKb.toFixed(1)} kB gzipped (budget ${BUDGET_KB} kB)`);
console.log(`at a table (initial + table route): ${tableKb.toFixed(1)} kB gzipped (budget ${BUDGET_KB} kB)`);
if (initialKb > BUDGET_KB || tableKb > BUDGET_KB) {
  console.error('over budget');
  process.exit(1);
}
