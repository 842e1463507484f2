/**
 * Accessibility in a real browser: axe-core scans the home page and each role's desk
 * (a solo game in that role, day 1) and finds no serious or critical violation of the
 * WCAG 2.1 A/AA rules. A screenshot of each desk goes to the test output; the same desk
 * is also checked at 360 px wide for sideways scrolling.
 */
import { describe, expect, it } from 'vitest';
import { screenshot, seriousViolations, startSolo } from './pages.ts';
import { realServerAndBrowser } from './real.ts';

const real = realServerAndBrowser();

const ROLES = ['sender', 'carrier', 'relay', 'investigator', 'judge'] as const;

describe.skipIf(!real.available)('accessibility (axe-core)', () => {
  it('the home page has no serious or critical violations', async () => {
    const context = await real.newContext();
    const page = await context.newPage();
    await page.goto(`${real.server.url}/`);
    await page.getByRole('heading', { level: 1 }).first().waitFor();
    await screenshot(page, 'home');
    expect(await seriousViolations(page)).toEqual([]);
    await context.close();
  }, 60_000);

  for (const role of ROLES) {
    it(`the ${role}'s desk has no serious or critical violations, and fits 360 px`, async () => {
      const context = await real.newContext({ viewport: { width: 1280, height: 900 } });
      const page = await context.newPage();
      await startSolo(page, real.server.url, role, `A11y ${role}`);
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
