/**
 * A class in real browsers: the teacher creates it, two students join from their own
 * browsers with the class code, the teacher starts round 1 from the dashboard and each
 * student's browser is sent to their table; the projector shows the code and the tables
 * and carries no key, token or credentials; axe-core finds no serious violation on the
 * dashboard, the projector or the student's waiting screen. A teacher who judges rules
 * from the docket, and the class debrief downloads as CSV.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { screenshot, seriousViolations } from './pages.ts';
import { realServerAndBrowser } from './real.ts';

const real = realServerAndBrowser();

async function newPage() {
  const context = await real.newContext({ viewport: { width: 1280, height: 900 } });
  return context.newPage();
}

describe.skipIf(!real.available)('a class in the browser', () => {
  it('a teacher creates a class, two students join by code, round 1 seats them, the projector shows it', async () => {
    const teacher = await newPage();
    await teacher.goto(`${real.server.url}/#/class/new`);
    await teacher.getByRole('button', { name: /create the class/i }).click();
    await teacher.waitForURL(/#\/class\/[2-9A-Z]{6}\/dashboard/, { timeout: 15_000 });
    const code = /#\/class\/([2-9A-Z]{6})\//.exec(teacher.url())?.[1] ?? '';
    expect(code).toMatch(/^[2-9A-Z]{6}$/);
    const key = await teacher.evaluate((c) => localStorage.getItem(`going-dark/class-teacher/${c}`), code);
    expect(key).toMatch(/^[0-9a-f]{64}$/);

    const students = [];
    for (const name of ['Noor', 'Sam']) {
      const student = await newPage();
      await student.goto(`${real.server.url}/#/class/${code.toLowerCase()}`);
      const field = student.getByLabel(/your nickname/i);
      await field.waitFor({ timeout: 15_000 });
      await field.fill(name);
      await student.getByRole('button', { name: /join the class/i }).click();
      await student
        .getByText(/waiting for your teacher/i)
        .first()
        .waitFor({ timeout: 15_000 });
      students.push(student);
    }
    expect(await seriousViolations(students[0] as never)).toEqual([]);
    await screenshot(students[0] as never, 'class-student-waiting');

    await teacher.getByText('Noor').first().waitFor({ timeout: 15_000 });
    await teacher.getByText('Sam').first().waitFor({ timeout: 15_000 });
    await teacher.getByRole('button', { name: /^start round 1$/i }).click();
    for (const student of students) await student.waitForURL(/#\/table\//, { timeout: 30_000 });
    await teacher
      .getByText(/table 1/i)
      .first()
      .waitFor({ timeout: 15_000 });
    await screenshot(teacher, 'class-dashboard');
    expect(await seriousViolations(teacher)).toEqual([]);

    const projector = await teacher.context().newPage();
    await projector.goto(`${real.server.url}/#/class/${code}/projector`);
    await projector.getByTestId('join-code').first().waitFor({ timeout: 15_000 });
    await projector
      .getByText(/table 1/i)
      .first()
      .waitFor({ timeout: 15_000 });
    const shown = (await projector.locator('body').textContent()) ?? '';
    expect(shown).not.toContain(String(key));
    const studentTokens = await Promise.all(students.map((s) => s.evaluate(() => JSON.stringify({ ...localStorage }))));
    for (const stored of studentTokens) {
      for (const hex of stored.match(/[0-9a-f]{32,}/g) ?? []) expect(shown).not.toContain(hex);
    }
    await screenshot(projector, 'class-projector');
    expect(await seriousViolations(projector)).toEqual([]);

    // Round 2: each student's table says so and takes them to their new seat.
    const first = students[0] as (typeof students)[number];
    const before = first.url();
    await first
      .getByText(/back to the class page/i)
      .first()
      .waitFor({ timeout: 15_000 });
    await teacher.getByRole('button', { name: /^start round 2$/i }).click();
    const confirm = teacher.getByRole('button', { name: /start round 2 now/i });
    if (await confirm.isVisible().catch(() => false)) await confirm.click();
    await first.getByRole('button', { name: /go to my new table/i }).click({ timeout: 30_000 });
    await first.waitForURL((url) => url.href !== before && /#\/table\//.test(url.href), { timeout: 15_000 });

    // The class debrief: every table of both rounds, with its export buttons.
    const debrief = await teacher.context().newPage();
    await debrief.goto(`${real.server.url}/#/class/${code}/debrief`);
    await debrief.getByRole('heading', { name: /class debrief/i }).waitFor({ timeout: 15_000 });
    await debrief.getByRole('button', { name: /download csv/i }).waitFor();
    await screenshot(debrief, 'class-debrief');
    expect(await seriousViolations(debrief)).toEqual([]);
  }, 180_000);
});

describe.skipIf(!real.available)('a class the teacher judges', () => {
  it('the docket makes every court key, shows an application, and the teacher grants it; the debrief downloads as CSV', async () => {
    const teacher = await newPage();
    await teacher.goto(`${real.server.url}/#/class/new`);
    await teacher.getByLabel(/i judge/i).check();
    await teacher.getByRole('button', { name: /create the class/i }).click();
    await teacher.waitForURL(/#\/class\/[2-9A-Z]{6}\/dashboard/, { timeout: 15_000 });
    const code = /#\/class\/([2-9A-Z]{6})\//.exec(teacher.url())?.[1] ?? '';

    const students = [];
    for (const name of ['Ada', 'Ravi']) {
      const student = await newPage();
      await student.goto(`${real.server.url}/#/class/${code}`);
      await student.getByLabel(/your nickname/i).fill(name);
      await student.getByRole('button', { name: /join the class/i }).click();
      await student
        .getByText(/waiting for your teacher/i)
        .first()
        .waitFor({ timeout: 15_000 });
      students.push(student);
    }
    await teacher.getByText('Ravi').first().waitFor({ timeout: 15_000 });
    await teacher.getByRole('button', { name: /^start round 1$/i }).click();
    for (const student of students) await student.waitForURL(/#\/table\//, { timeout: 30_000 });

    // The docket: this browser becomes the court of the table, so setup can finish.
    const docket = await teacher.context().newPage();
    await docket.goto(`${real.server.url}/#/class/${code}/docket`);
    for (const student of students)
      await student
        .getByText(/Day 1 of/)
        .first()
        .waitFor({ timeout: 60_000 });

    // Whichever student is the investigator applies; the docket shows it and the teacher grants it.
    let applied = false;
    for (const student of students) {
      const apply = student.getByRole('button', { name: /apply to the judge/i }).first();
      if ((await apply.count()) > 0) {
        await apply.click();
        applied = true;
        break;
      }
    }
    expect(applied).toBe(true);
    const grant = docket.getByRole('button', { name: /^grant/i }).first();
    await grant.click({ timeout: 30_000 });
    await docket
      .getByText(/granted|served/i)
      .first()
      .waitFor({ timeout: 15_000 });
    await screenshot(docket, 'class-docket');
    expect(await seriousViolations(docket)).toEqual([]);

    // The class debrief downloads as CSV: a header and one record per seat.
    const debrief = await teacher.context().newPage();
    await debrief.goto(`${real.server.url}/#/class/${code}/debrief`);
    const [download] = await Promise.all([
      debrief.waitForEvent('download'),
      debrief.getByRole('button', { name: /download csv/i }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(`going-dark-class-${code}-debrief.csv`);
    const path = await download.path();
    const csv = path ? readFileSync(path, 'utf8') : '';
    const records = csv.trim().split('\r\n');
    expect(records[0]).toMatch(/^round,table,match,outcome/);
    expect(records.length).toBe(1 + 7); // the header, then the table's seven seats (crew 3 by default)
  }, 240_000);
});
