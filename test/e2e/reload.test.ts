/**
 * The seat's keys live in this browser's IndexedDB: a reload keeps the device and the
 * seat (same fingerprint, no new registration); the same seat opened in another browser
 * is a new device, and the game says so and lets the player register it. When the server
 * goes away and comes back, the page says so, reconnects by itself and plays on.
 */
import { describe, expect, it } from 'vitest';
import { dayBegun, screenshot, startSolo } from './pages.ts';
import { realServerAndBrowser } from './real.ts';
import { startServerProcess } from './server.ts';

const real = realServerAndBrowser();

describe.skipIf(!real.available)('keys across reloads and browsers', () => {
  it('a reload keeps the keys and the seat; another browser is a new device and can register', async () => {
    const first = await real.newContext();
    const page = await first.newPage();
    await startSolo(page, real.server.url, 'sender', 'Rae');
    const fingerprint = page.locator('.seat-keys .fingerprint').first();
    await fingerprint.waitFor({ timeout: 15_000 });
    const before = await fingerprint.textContent();
    const tableUrl = page.url();

    await page.reload();
    await dayBegun(page, 1);
    await fingerprint.waitFor({ timeout: 15_000 });
    expect(page.url()).toBe(tableUrl);
    expect(await fingerprint.textContent()).toBe(before);
    expect(await page.getByText(/this browser is a new device/i).count()).toBe(0);

    // The seat link, opened in a second browser (its own storage): a new device.
    await page.getByRole('button', { name: /show the seat link/i }).click();
    const link = await page.getByLabel(/^seat link$/i).inputValue();
    expect(link).toContain('#/seat/');
    const second = await real.newContext();
    const other = await second.newPage();
    await other.goto(link);
    await other.waitForURL(/#\/table\//, { timeout: 15_000 });
    await other
      .getByText(/this browser is a new device/i)
      .first()
      .waitFor({ timeout: 30_000 });
    await screenshot(other, 'new-device');
    await other.getByRole('button', { name: /register this browser/i }).click();
    await other
      .getByText(/this browser is a new device/i)
      .first()
      .waitFor({ state: 'detached', timeout: 30_000 });
    const now = await other.locator('.seat-keys .fingerprint').first().textContent();
    expect(now).not.toBe(before);
    await first.close();
    await second.close();
  }, 180_000);

  it('the server stops and starts again: the page says the connection is lost, reconnects, and plays on', async () => {
    const own = await startServerProcess();
    const context = await real.newContext();
    const page = await context.newPage();
    try {
      await startSolo(page, own.url, 'sender', 'Kai');
      const fingerprint = page.locator('.seat-keys .fingerprint').first();
      const before = await fingerprint.textContent();
      await own.stop();
      await page
        .getByText(/connection lost/i)
        .first()
        .waitFor({ timeout: 30_000 });
      const again = await startServerProcess(own.place);
      try {
        await page.locator('.connection-online').first().waitFor({ timeout: 60_000 });
        expect(await fingerprint.textContent()).toBe(before);
        await page.getByRole('button', { name: /^end day$/i }).click({ timeout: 15_000 });
        await dayBegun(page, 2);
      } finally {
        await again.stop();
      }
    } finally {
      await context.close();
    }
  }, 180_000);
});
