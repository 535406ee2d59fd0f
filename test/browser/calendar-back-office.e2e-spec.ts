import { writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { StaffRole } from '../../src/auth/staff/staff-role';
import { createStaff, STAFF_PASSWORD } from '../admin/admin-test-kit';
import { createTestApp, TestApp } from '../support/test-app';
import { artifactPath, launchBrowser } from './browser';

describe('back office in a real browser: the working-day calendar', () => {
  let t: TestApp;
  let browser: Browser;
  let page: Page;
  let base: string;

  beforeAll(async () => {
    [t, browser] = await Promise.all([
      createTestApp({ env: { ADMIN_ENABLED: 'true' }, clockAt: '2027-10-02T10:00:00+08:00' }),
      launchBrowser(),
    ]);
    await t.app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
    await createStaff(t, StaffRole.ADMIN, 'lin.admin@example.com');
    page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await page.route(/fonts\.(googleapis|gstatic)\.com/, (route) => route.abort());
  }, 90_000);
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('warns on the dashboard while next year is not official', async () => {
    await page.goto(`${base}/admin/login`);
    await page.fill('input[name=email]', 'lin.admin@example.com');
    await page.fill('input[name=password]', STAFF_PASSWORD);
    await Promise.all([page.waitForURL(`${base}/admin`), page.click('form button')]);
    const card = page.locator('[data-testid=dashboard-metric-calendarNotOfficial]');
    await card.waitFor({ timeout: 30_000 });
    expect(await card.locator('[data-testid=value]').textContent()).toBe('2028');
    expect(await card.textContent()).toContain('该年节假日安排尚未正式发布');
    await page.screenshot({ path: artifactPath('calendar-dashboard-warning.png'), fullPage: true });
  }, 60_000);

  it('imports a holiday-cn file chosen in the form, then publishes it', async () => {
    const file = artifactPath('holiday-cn-2028.json');
    writeFileSync(
      file,
      JSON.stringify({
        year: 2028,
        papers: [],
        days: [
          { name: '元旦', date: '2028-01-01', isOffDay: true },
          { name: '元旦', date: '2028-01-02', isOffDay: true },
          { name: '元旦', date: '2028-01-03', isOffDay: true },
          { name: '春节', date: '2028-01-29', isOffDay: false },
        ],
      }),
    );
    await page.goto(`${base}/admin/resources/calendar_years/actions/importHolidayCn`);
    const form = page.locator('[data-testid=action-form-importHolidayCn]');
    await form.waitFor({ timeout: 30_000 });
    await form.locator('input[type=file]').setInputFiles(file);
    await page.screenshot({ path: artifactPath('calendar-import-form.png'), fullPage: true });
    await form.locator('[data-testid=action-submit]').click();
    await page.getByText('文件已导入草稿，发布后生效').first().waitFor({ timeout: 20_000 });
    await page.getByText('2028-01-29  working_day  春节').first().waitFor({ timeout: 20_000 });
    await page.screenshot({ path: artifactPath('calendar-year-draft.png'), fullPage: true });

    await page.goto(`${base}/admin/resources/calendar_years/actions/publishYear`);
    const publish = page.locator('[data-testid=action-form-publishYear]');
    await publish.waitFor({ timeout: 30_000 });
    await publish.locator('input[name=year]').fill('2028');
    await publish.locator('input[name=notice]').fill('国办发明电〔2027〕9号');
    await publish.locator('[data-testid=action-submit]').click();
    await page.getByText('已发布为正式安排').first().waitFor({ timeout: 20_000 });
    const calendar = await t.http().get('/api/v1/calendar/2028');
    expect(calendar.body).toMatchObject({ status: 'official', notice: '国办发明电〔2027〕9号' });
    await page.screenshot({ path: artifactPath('calendar-year-published.png'), fullPage: true });
  }, 90_000);

  it('lists the years and the days with translated statuses and kinds', async () => {
    await page.goto(`${base}/admin/resources/calendar_years`);
    await page.locator('table tbody tr', { hasText: '2028' }).first().waitFor({ timeout: 30_000 });
    expect(
      await page.locator('table tbody tr', { hasText: '2028' }).first().textContent(),
    ).toContain('正式');
    await page.screenshot({ path: artifactPath('calendar-years.png'), fullPage: true });
    await page.goto(`${base}/admin/resources/calendar_days?filters.kind=working_day`);
    const row = page.locator('table tbody tr', { hasText: '2028-01-29' });
    await row.waitFor({ timeout: 30_000 });
    expect(await row.textContent()).toContain('调休上班');
    await page.screenshot({ path: artifactPath('calendar-days.png'), fullPage: true });
  }, 60_000);

  it('enters a day off and an adjusted working day in the form', async () => {
    await page.goto(`${base}/admin/resources/calendar_years/actions/enterDays`);
    const form = page.locator('[data-testid=action-form-enterDays]');
    await form.waitFor({ timeout: 30_000 });
    await form.locator('[data-testid=action-lines-holidays-add]').click();
    await form.locator('#action-field-holidays-0-date').fill('2029-02-12');
    await form.locator('#action-field-holidays-0-name').fill('春节');
    await form.locator('[data-testid=action-lines-workingDays-add]').click();
    await form.locator('#action-field-workingDays-0-date').fill('2029-02-10');
    await form.locator('#action-field-workingDays-0-name').fill('春节');
    await page.screenshot({ path: artifactPath('calendar-enter-days.png'), fullPage: true });
    await form.locator('[data-testid=action-submit]').click();
    await page.getByText('日期已录入草稿，发布后生效').first().waitFor({ timeout: 20_000 });
    const [row] = await t.dataSource.query(
      `SELECT draft_days FROM calendar_years WHERE year = 2029`,
    );
    expect(row.draft_days).toEqual([
      { date: '2029-02-10', kind: 'working_day', name: '春节' },
      { date: '2029-02-12', kind: 'holiday', name: '春节' },
    ]);
  }, 60_000);
});
