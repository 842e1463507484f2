/**
 * What a player does in the browser, as test steps: start a solo game in a role, join a
 * table by code, end the day until the game ends, save a screenshot to the test output,
 * and scan a page with axe-core.
 */
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');

/** Where screenshots go: the test output folder (`.test-results/screenshots`). */
export const SCREENSHOTS = join(root, '.test-results', 'screenshots');

/** Saves a full-page screenshot as `<name>.png` in the test output. */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

const ROLE_LABEL = {
  sender: /crew member/i,
  carrier: /carrier/i,
  relay: /relay operator/i,
  investigator: /investigator/i,
  judge: /judge/i,
} as const;

/** Starts a solo game from the solo form and waits for the table to reach day 1. */
export async function startSolo(page: Page, url: string, role: keyof typeof ROLE_LABEL, name: string): Promise<void> {
  await page.goto(`${url}/#/solo`);
  await page.getByLabel(/your role/i).selectOption({ label: await optionLabel(page, /your role/i, ROLE_LABEL[role]) });
  await page.getByLabel(/name/i).fill(name);
  await page.getByRole('button', { name: /start the game/i }).click();
  await page.waitForURL(/#\/table\//, { timeout: 15_000 });
  await dayBegun(page, 1);
}

async function optionLabel(page: Page, select: RegExp, option: RegExp): Promise<string> {
  const labels = await page.getByLabel(select).locator('option').allTextContents();
  const found = labels.find((l) => option.test(l));
  if (!found) throw new Error(`no option ${option} in ${labels.join(' | ')}`);
  return found;
}

/** Joins a table by its code with a name and a preferred role, and waits for the table. */
export async function joinByCode(
  page: Page,
  url: string,
  code: string,
  name: string,
  role: keyof typeof ROLE_LABEL,
): Promise<void> {
  await page.goto(`${url}/#/join/${code}`);
  await page.getByText(/free seats are marked/i).waitFor({ timeout: 15_000 });
  const label = /preferred role/i;
  await page.getByLabel(label).selectOption({ label: await optionLabel(page, label, ROLE_LABEL[role]) });
  await page.getByLabel(/name/i).fill(name);
  await page.getByRole('button', { name: /join the table/i }).click();
  await page.waitForURL(/#\/table\//, { timeout: 15_000 });
}

/** Waits until the top bar shows day `n`. */
export async function dayBegun(page: Page, n: number): Promise<void> {
  await page
    .getByText(new RegExp(`Day ${n} of`))
    .first()
    .waitFor({ timeout: 60_000 });
}

/**
 * Presses End day whenever it is enabled until the game is over. The board re-renders
 * on every state change, so a button found enabled may be replaced (and disabled,
 * "waiting for others") before the click lands: each click is a short attempt.
 */
export async function playToTheEnd(page: Page, deadlineMs = 90_000): Promise<void> {
  const over = page.getByRole('heading', { name: /wins|a draw/i });
  const deadline = Date.now() + deadlineMs;
  while (Date.now() < deadline && !(await over.isVisible())) {
    const end = page.getByRole('button', { name: /^end day$/i });
    if (await end.isEnabled().catch(() => false)) await end.click({ timeout: 2_000 }).catch(() => undefined);
    await page.waitForTimeout(300);
  }
  await over.waitFor({ timeout: 5_000 });
}

/** An axe-core violation, as the tests report it. */
export interface Violation {
  readonly id: string;
  readonly impact: string;
  readonly help: string;
  readonly targets: string[];
}

/** Scans the page with axe-core (WCAG 2.x A and AA rules) and returns the serious and critical violations. */
export async function seriousViolations(page: Page): Promise<Violation[]> {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({
      id: v.id,
      impact: String(v.impact),
      help: v.help,
      targets: v.nodes.slice(0, 5).map((n) => n.target.join(' ')),
    }));
}
