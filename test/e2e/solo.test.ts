/**
 * In a real browser against the real server: a person opens the home page, starts a
 * solo game against bots, and their browser — the seat's device — makes its keys; the
 * game leaves setup and day 1 begins. A second person creates a table and joins it by code.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningServer, startServer } from '../../src/server/app.ts';
import { readConfig } from '../../src/server/config.ts';
import { browserAvailable, launch } from './browser.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const available = browserAvailable();
let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
  if (!available) return;
  const staticDir = mkdtempSync(join(tmpdir(), 'gd-ui-'));
  const build = spawnSync(
    process.execPath,
    [join(root, 'node_modules/vite/bin/vite.js'), 'build', '--outDir', staticDir, '--emptyOutDir'],
    {
      cwd: root,
      encoding: 'utf8',
    },
  );
  if (build.status !== 0) throw new Error(build.stderr);
  server = await startServer({
    ...readConfig({}),
    port: 0,
    staticDir,
    dataDir: mkdtempSync(join(tmpdir(), 'gd-e2e-')),
  });
  // The page must be served from an allowed origin: the server's own.
  browser = await launch();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe.skipIf(!available)('in a real browser', () => {
  it('a person starts a solo game; their browser makes the seat keys; day 1 begins', async () => {
    const page = await browser.newPage();
    await page.goto(`${server.url}/`);
    await page.getByRole('link', { name: /solo/i }).first().click();
    await page.getByLabel(/name/i).fill('Sam');
    await page.getByRole('button', { name: /start|play/i }).click();
    await page.waitForURL(/#\/table\//, { timeout: 15_000 });
    await page.getByText(/day 1/i).first().waitFor({ timeout: 30_000 });
    await page.screenshot({ path: join(tmpdir(), 'gd-solo.png') });
    expect(await page.getByText(/day 1/i).count()).toBeGreaterThan(0);
    await page.close();
  }, 60_000);

  it('a solo sender sends the plan by the secure messenger and plays the game to its end', async () => {
    const page = await browser.newPage();
    await page.goto(`${server.url}/`);
    await page.getByRole('link', { name: /solo/i }).first().click();
    await page.getByLabel(/name/i).fill('Ana');
    await page.getByRole('button', { name: /start|play/i }).click();
    await page.getByRole('heading', { name: /write to the crew/i }).waitFor({ timeout: 30_000 });
    await page.getByLabel(/^message/i).fill('See you there');
    await page.getByLabel(/attach the plan card/i).check();
    await page.getByRole('button', { name: /encrypt on this phone and send/i }).click();
    await page.getByText(/wrapped to 1 device/i).waitFor({ timeout: 10_000 });
    await page.screenshot({ path: join(tmpdir(), 'gd-sender-board.png'), fullPage: true });
    const outcome = page.getByRole('heading', { name: /wins|a draw/i });
    // The board re-renders whenever the state changes, so a button found enabled may be
    // replaced (and disabled, "waiting for others") before the click lands: each click is
    // a short attempt, and the loop runs until the outcome shows or the deadline passes.
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline && !(await outcome.isVisible())) {
      const end = page.getByRole('button', { name: /^end day$/i });
      if (await end.isEnabled().catch(() => false)) {
        await end.click({ timeout: 2_000 }).catch(() => undefined);
      }
      await page.waitForTimeout(300);
    }
    await outcome.waitFor({ timeout: 5_000 });
    await page.screenshot({ path: join(tmpdir(), 'gd-solo-end.png'), fullPage: true });
    await page.close();
  }, 120_000);

  it('a table created in one page is joined by its code in another', async () => {
    const host = await browser.newPage();
    await host.goto(`${server.url}/#/create`);
    await host.getByRole('button', { name: /create/i }).click();
    const code = (await host.getByTestId('join-code').textContent())?.replace(/\s/g, '') ?? '';
    expect(code).toMatch(/^[2-9A-Z]{6}$/);
    const guest = await browser.newPage();
    await guest.goto(`${server.url}/#/join/${code.toLowerCase()}`);
    await guest.getByLabel(/name/i).fill('Guest');
    await guest.getByRole('button', { name: /join/i }).click();
    await guest.waitForURL(/#\/table\//, { timeout: 15_000 });
    await host.close();
    await guest.close();
  }, 60_000);
});
