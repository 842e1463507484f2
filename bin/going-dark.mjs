#!/usr/bin/env node
// The `going-dark` command: runs src/bots/cli.ts under tsx, in production mode
// (boardgame.io deep-checks state on every move in development, doubling the cost).
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const entry = join(root, 'scripts', 'cli.ts');
const result = spawnSync(process.execPath, ['--import', 'tsx', entry, ...process.argv.slice(2)], {
  stdio: 'inherit',
  cwd: process.cwd(),
  env: { NODE_ENV: 'production', ...process.env },
});
process.exit(result.status ?? 1);
