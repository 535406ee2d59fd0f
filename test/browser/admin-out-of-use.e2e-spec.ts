import type { AddressInfo } from 'node:net';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { StaffRole } from '../../src/auth/staff/staff-role';
import { createStaff, STAFF_PASSWORD } from '../admin/admin-test-kit';
import { createTestApp, TestApp } from '../support/test-app';
import { artifactPath, launchBrowser } from './browser';

// A busy 2-core machine runs several suites at once: wait generously, never assert speed.
jest.setTimeout(180_000);

/**
 * An out-of-use period end to end in a real browser, in both languages: an admin declares it
 * (the expected issue date typed key by key in zh-CN, set as the calendar picker sets it in
 * English), it is saved as that date and shown as a date without a time in the list and on its
 * page, and the customers' portal home shows its banner with the date.
 */
describe('back office: an out-of-use period from the form to the portal banner', () => {
  let t: TestApp;
  let browser: Browser;
  let base: string;
  const consoleErrors: string[] = [];
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    [t, browser] = await Promise.all([
      createTestApp({ env: { ADMIN_ENABLED: 'true' } }),
      launchBrowser(),
    ]);
    // The periods below start at 09:00 on 8 December (Beijing): active at this test's now.
    t.clock.set('2026-12-08T10:00:00+08:00');
    await t.app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
    await createStaff(t, StaffRole.ADMIN, 'zhou.admin@example.com');
  }, 90_000);
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  /** A page in a browser of `locale`, signed in to the back office. */
  async function adminPage(locale: 'zh-CN' | 'en'): Promise<Page> {
    const context = await browser.newContext({
      locale,
      viewport: { width: 1440, height: 900 },
    });
    contexts.push(context);
    const page = await context.newPage();
    page.on('console', (m) => m.type() === 'error' && consoleErrors.push(m.text()));
    page.on('pageerror', (e) => consoleErrors.push(e.message));
    await page.goto(`${base}/admin/login?lng=${locale}`);
    await page.fill('input[name=email]', 'zhou.admin@example.com');
    await page.fill('input[name=password]', STAFF_PASSWORD);
    await Promise.all([page.waitForURL(`${base}/admin`), page.click('form button')]);
    return page;
  }

  const saved = (noticeEn: string) =>
    t.dataSource
      .query<{ expected: string; starts: string }[]>(
        `SELECT to_char(expected_issue_date, 'YYYY-MM-DD') AS expected,
                to_char(starts_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI') AS starts
           FROM out_of_use_periods WHERE notice_en = $1`,
        [noticeEn],
      )
      .then((rows) => rows[0]);

  async function createPeriod(
    page: Page,
    lng: 'zh-CN' | 'en',
    notices: { zh: string; en: string },
    setDates: (
      startsAt: ReturnType<Page['locator']>,
      expected: ReturnType<Page['locator']>,
    ) => Promise<void>,
  ) {
    await page.goto(`${base}/admin/resources/out_of_use_periods/actions/new?lng=${lng}`);
    const startsAt = page.locator('#time-startsAt');
    await startsAt.waitFor({ timeout: 30_000 });
    const expected = page.locator('#date-expectedIssueDate');
    await setDates(startsAt, expected);
    await page.locator('textarea').nth(0).fill(notices.zh);
    await page.locator('textarea').nth(1).fill(notices.en);
    await page.screenshot({
      path: artifactPath(`admin-out-of-use-new-${lng}.png`),
      fullPage: true,
    });
    await page.click('button[type=submit]');
    await page.waitForURL(/\/admin\/resources\/out_of_use_periods(\?.*)?$/, { timeout: 30_000 });
  }

  /** The list's and the record page's dates: the date alone, no time of day. */
  async function expectShownAsDate(page: Page, lng: 'zh-CN' | 'en', date: string) {
    const inList = page.locator('[data-testid=date-expectedIssueDate]', { hasText: date });
    await inList.first().waitFor({ timeout: 30_000 });
    expect((await inList.first().textContent())?.trim()).toBe(date);
    await page.screenshot({
      path: artifactPath(`admin-out-of-use-list-${lng}.png`),
      fullPage: true,
    });
    const row = page.locator('table tbody tr', { has: inList });
    await row.first().click();
    await page.waitForURL(/\/records\/[0-9a-f-]{36}\/show/, { timeout: 30_000 });
    const onPage = page.locator('[data-testid=date-expectedIssueDate]');
    await onPage.first().waitFor({ timeout: 30_000 });
    expect((await onPage.first().textContent())?.trim()).toBe(date);
    const shown = await page.locator('body').innerText();
    expect(shown).not.toMatch(new RegExp(`${date}\\s*\\d{1,2}:\\d{2}`));
    // No raw translation key.
    expect(shown).not.toMatch(/\b(properties|actions|labels|messages|buttons|resources)\.[\w.]+/);
    await page.screenshot({
      path: artifactPath(`admin-out-of-use-show-${lng}.png`),
      fullPage: true,
    });
  }

  /** The portal's home page in `locale` shows the notice and the expected issue date. */
  async function expectBanner(locale: 'zh-CN' | 'en', notice: string, date: string) {
    const context = await browser.newContext({
      locale,
      extraHTTPHeaders: { 'Accept-Language': locale === 'en' ? 'en-US,en;q=0.9' : 'zh-CN' },
    });
    contexts.push(context);
    const portal = await context.newPage();
    await portal.goto(base);
    const banner = await portal.locator('.notice-banner').innerText();
    expect(banner).toContain(notice);
    expect(banner).toContain(date);
    await portal.screenshot({ path: artifactPath(`portal-out-of-use-banner-${locale}.png`) });
  }

  it('zh-CN: the dates typed key by key are saved, shown as dates, and the banner follows', async () => {
    const page = await adminPage('zh-CN');
    const notices = { zh: '发票系统维护，暂停开具', en: 'Fapiao paused for maintenance' };
    await createPeriod(page, 'zh-CN', notices, async (startsAt, expected) => {
      // Debian's headless Chromium lays the fields out as month/day/year and a 12-hour clock,
      // whatever the page's language; the year part takes up to six digits, so the caret moves on
      // by arrow key (the others move on after two). A click on the field's left end puts the
      // caret in its first part, as a person's would.
      await startsAt.click({ position: { x: 12, y: 10 } });
      await page.keyboard.type('12082026', { delay: 30 });
      await page.keyboard.press('ArrowRight');
      await page.keyboard.type('0900A', { delay: 30 });
      await expected.click({ position: { x: 12, y: 10 } });
      await page.keyboard.type('12152026', { delay: 30 });
      await expect(startsAt.inputValue()).resolves.toBe('2026-12-08T09:00');
      await expect(expected.inputValue()).resolves.toBe('2026-12-15');
    });
    expect(await saved(notices.en)).toEqual({ expected: '2026-12-15', starts: '2026-12-08 09:00' });
    await expectShownAsDate(page, 'zh-CN', '2026-12-15');
    await expectBanner('zh-CN', notices.zh, '2026-12-15');
  });

  it('en: the date set as the picker sets it is saved, shown as a date, and the banner follows', async () => {
    const page = await adminPage('en');
    const notices = { zh: '新发票库存下周到货', en: 'New fapiao stock arrives next week' };
    await createPeriod(page, 'en', notices, async (startsAt, expected) => {
      // The calendar picker sets the input's value (YYYY-MM-DD); fill() does the same.
      await startsAt.fill('2026-12-08T09:30');
      await expected.fill('2026-12-18');
    });
    expect(await saved(notices.en)).toEqual({ expected: '2026-12-18', starts: '2026-12-08 09:30' });
    await expectShownAsDate(page, 'en', '2026-12-18');
    await expectBanner('en', notices.en, '2026-12-18');
  });

  it('logged no error in the browser', async () => {
    for (const context of contexts) await context.close();
    expect(consoleErrors).toEqual([]);
  });
});
