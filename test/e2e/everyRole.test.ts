/**
 * A full solo game in every role but the crew member's (test/e2e/solo.test.ts plays that
 * one), four tables at once on one server: the investigator applies for an order, the
 * judge signs one, the carrier and the relay answer what is served on them; each plays
 * to the end and reads the debrief.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { playToTheEnd, screenshot, startSolo } from './pages.ts';
import { realServerAndBrowser } from './real.ts';

const real = realServerAndBrowser();

/** What a person in each role does on day 1, before pressing End day to the end. */
const FIRST_MOVES = {
  investigator: async (page: Page) => {
    await page
      .getByRole('button', { name: /apply to the judge/i })
      .first()
      .click();
    await page
      .getByText(/waiting for the judge/i)
      .first()
      .waitFor({ timeout: 15_000 });
  },
  judge: async (page: Page) => {
    // The investigator bot applies on day 1; the court signs the first application.
    await page
      .getByRole('button', { name: /grant: sign the order/i })
      .first()
      .click({ timeout: 30_000 });
    await page
      .getByText(/granted/i)
      .first()
      .waitFor({ timeout: 15_000 });
  },
  carrier: async (page: Page) => {
    await page
      .getByRole('heading', { name: /switchboard/i })
      .first()
      .waitFor();
  },
  relay: async (page: Page) => {
    await page
      .getByRole('heading', { name: /directory/i })
      .first()
      .waitFor();
  },
} as const;

describe.skipIf(!real.available)('a solo game in every role', () => {
  it('the investigator, the judge, the carrier and the relay each play a whole game and read the debrief', async () => {
    await Promise.all(
      (Object.keys(FIRST_MOVES) as (keyof typeof FIRST_MOVES)[]).map(async (role) => {
        const context = await real.newContext({ viewport: { width: 1280, height: 900 } });
        const page = await context.newPage();
        await startSolo(page, real.server.url, role, `Solo ${role}`);
        await FIRST_MOVES[role](page);
        await playToTheEnd(page, 150_000);
        await page.getByRole('table').first().waitFor({ timeout: 15_000 });
        await screenshot(page, `debrief-${role}`);
        expect(await page.getByRole('button', { name: /export/i }).count()).toBeGreaterThan(0);
        await context.close();
      }),
    );
  }, 240_000);
});
