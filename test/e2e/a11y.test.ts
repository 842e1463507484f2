/**
 * Accessibility in a real browser: axe-core scans the home page and each role's desk
 * (a solo game in that role, day 1) and finds no serious or critical violation of the
 * WCAG 2.1 A/AA rules. A screenshot of each desk goes to the test output; the same desk
 * is also checked at 360 px wide for sideways scrolling.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserAvailable, launch } from './browser.ts';
import { screenshot, seriousViolations, startSolo } from './pages.ts';
import { type ServerProcess, startServerProcess } from './server.ts';

const available = browserAvailable();
let server: ServerProcess;
let browser: Browser;

beforeAll(async () => {
  if (!available) return;
  server = await startServerProcess();
  browser = await launch();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const ROLES = ['sender', 'carrier', 'relay', 'investigator', 'judge'] as const;

describe.skipIf(!available)('accessibility (axe-core)', () => {
  it('the home page has no serious or critical violations', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${server.url}/`);
    await page.getByRole('heading', { level: 1 }).first().waitFor();
    await screenshot(page, 'home');
    expect(await seriousViolations(page)).toEqual([]);
    await context.close();
  }, 60_000);

  for (const role of ROLES) {
    it(`the ${role}'s desk has no serious or critical violations, and fits 360 px`, async () => {
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      const page = await context.newPage();
      await startSolo(page, server.url, role, `A11y ${role}`);
      await page.getByRole('region', { name: /your desk/i }).waitFor({ timeout: 30_000 });
      await screenshot(page, `desk-${role}`);
      expect(await seriousViolations(page)).toEqual([]);
      await page.setViewportSize({ width: 360, height: 800 });
      await page.waitForTimeout(300);
      await screenshot(page, `desk-${role}-360`);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow).toBeLessThanOrEqual(0);
      await context.close();
    }, 120_000);
  }
});
