/**
 * In a real browser against the real server (started as the README says): a person
 * starts a solo game as a crew member, their browser — the seat's device — makes its
 * keys, they send the plan by the secure messenger and play to the end, and the debrief
 * shows the whole record and passes an accessibility scan. Another person creates a
 * table, sees its code, link and QR code, and a third joins it by the code.
 */
import { describe, expect, it } from 'vitest';
import { playToTheEnd, screenshot, seriousViolations, startSolo } from './pages.ts';
import { realServerAndBrowser } from './real.ts';

const real = realServerAndBrowser();

describe.skipIf(!real.available)('in a real browser', () => {
  it('a solo crew member sends the plan by secure messenger, plays to the end and reads the debrief', async () => {
    // axe-core scans pages of an explicit context.
    const context = await real.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await startSolo(page, real.server.url, 'sender', 'Ana');
    await page.getByRole('heading', { name: /write to the crew/i }).waitFor({ timeout: 30_000 });
    await page.getByLabel(/^message/i).fill('See you there');
    await page.getByLabel(/attach the plan card/i).check();
    await page.getByRole('button', { name: /encrypt on this phone and send/i }).click();
    await page
      .getByText(/wrapped to 1 device/i)
      .first()
      .waitFor({ timeout: 10_000 });
    await screenshot(page, 'solo-sender-desk');
    await playToTheEnd(page);
    // The debrief: the readability matrix, the questions, export and print.
    await page.getByRole('table').first().waitFor({ timeout: 15_000 });
    await page
      .getByRole('button', { name: /export/i })
      .first()
      .waitFor();
    await page.getByRole('button', { name: /print/i }).first().waitFor();
    await screenshot(page, 'debrief');
    expect(await seriousViolations(page)).toEqual([]);
    await context.close();
  }, 180_000);

  it('a table created in one page shows its code, link and QR code, and is joined by the code in another', async () => {
    const host = await (await real.newContext()).newPage();
    await host.goto(`${real.server.url}/#/create`);
    await host.getByRole('button', { name: /create/i }).click();
    const code = (await host.getByTestId('join-code').textContent())?.replace(/\s/g, '') ?? '';
    expect(code).toMatch(/^[2-9A-Z]{6}$/);
    await host.getByRole('img', { name: /qr code of the join link/i }).waitFor();
    await screenshot(host, 'created-table');
    const guest = await (await real.newContext()).newPage();
    await guest.goto(`${real.server.url}/#/join/${code.toLowerCase()}`);
    await guest.getByLabel(/name/i).fill('Guest');
    await guest.getByRole('button', { name: /join/i }).click();
    await guest.waitForURL(/#\/table\//, { timeout: 15_000 });
    await host.close();
    await guest.close();
  }, 60_000);
});
