/**
 * A group game across three browsers (separate contexts: separate storage, separate
 * keys), with bots in the other seats: Alice sends the plan by the secure messenger, Bob
 * reads it on his device and proves receipt, and the carrier — a third person — never
 * sees its plaintext at any point (game.md §5; the DEA note's lesson).
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { dayBegun, joinByCode, screenshot, seriousViolations } from './pages.ts';
import { realServerAndBrowser } from './real.ts';

const real = realServerAndBrowser();

async function person(): Promise<Page> {
  const context = await real.newContext({ viewport: { width: 1280, height: 900 } });
  return context.newPage();
}

/** Everything the page shows, for "never shows" checks. */
async function shown(page: Page): Promise<string> {
  return (await page.locator('body').textContent()) ?? '';
}

describe.skipIf(!real.available)('a group game in three browsers', () => {
  it('Alice sends the plan by secure messenger; Bob reads it and proves receipt; the carrier never sees it', async () => {
    const created = await fetch(`${real.server.url}/api/tables`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        scenario: 'san-jose-2013',
        seats: [
          { role: 'sender', bot: false },
          { role: 'sender', bot: false },
          { role: 'carrier', bot: false },
          { role: 'relay', bot: true },
          { role: 'investigator', bot: true },
          { role: 'judge', bot: true },
        ],
      }),
    });
    expect(created.status).toBe(201);
    const { code } = (await created.json()) as { code: string };

    const alice = await person();
    const bob = await person();
    const carrier = await person();
    await joinByCode(alice, real.server.url, code, 'Alice', 'sender');
    await joinByCode(bob, real.server.url, code, 'Bob', 'sender');
    await joinByCode(carrier, real.server.url, code, 'Casey', 'carrier');
    await Promise.all([dayBegun(alice, 1), dayBegun(bob, 1), dayBegun(carrier, 1)]);

    // Alice is the planner: her browser shows the plan card.
    const place = ((await alice.locator('.plan-card .plan-line').first().textContent()) ?? '')
      .replace(/^Place\s*/, '')
      .trim();
    expect(place.length).toBeGreaterThan(2);
    const secret = 'Bring-the-blue-umbrella';
    await alice.getByLabel(/^message/i).fill(secret);
    await alice.getByLabel(/attach the plan card/i).check();
    await alice.getByRole('button', { name: /encrypt on this phone and send/i }).click();
    await alice
      .getByText(/wrapped to 1 device/i)
      .first()
      .waitFor({ timeout: 15_000 });

    // Bob's device opens it with its own key.
    await bob.getByText(secret).first().waitFor({ timeout: 30_000 });
    expect(await shown(bob)).toContain(place);
    await bob
      .getByRole('button', { name: /prove receipt/i })
      .first()
      .click();
    await bob
      .getByText(/your key opens it/i)
      .first()
      .waitFor({ timeout: 30_000 });

    // The carrier saw Alice's phone use data — and nothing of what it carried.
    await carrier
      .getByText(/used data/i)
      .first()
      .waitFor({ timeout: 15_000 });
    const carrierText = await shown(carrier);
    expect(carrierText).not.toContain(secret);
    expect(carrierText).not.toContain(place);

    await screenshot(alice, 'group-alice-sender');
    await screenshot(bob, 'group-bob-sender');
    await screenshot(carrier, 'group-carrier');
    expect(await seriousViolations(carrier)).toEqual([]);
  }, 240_000);
});
