import { existsSync, statSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { StaffRole } from '../../src/auth/staff/staff-role';
import { createStaff, STAFF_PASSWORD } from '../admin/admin-test-kit';
import { issuedAndMailed } from '../admin/support-request-kit';
import { payingCustomer } from '../fapiao/fapiao-fixtures';
import { createTestApp, TestApp } from '../support/test-app';
import { artifactPath, launchBrowser } from './browser';

describe('back office in a real browser', () => {
  let t: TestApp;
  let browser: Browser;
  let page: Page;
  let base: string;
  /** Every URL the pages asked for, and everything they logged as an error (CSP violations too). */
  const requested: string[] = [];
  const consoleErrors: string[] = [];

  beforeAll(async () => {
    [t, browser] = await Promise.all([
      createTestApp({ env: { ADMIN_ENABLED: 'true' } }),
      launchBrowser(),
    ]);
    await t.app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
    await createStaff(t, StaffRole.ADMIN, 'lin.admin@example.com');
    await createStaff(t, StaffRole.SUPPORT, 'wang.support@example.com');
    page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    page.on('request', (req) => requested.push(req.url()));
    page.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(message.text());
    });
    page.on('pageerror', (error) => consoleErrors.push(error.message));
  }, 90_000);
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('lets a staff member sign in (in zh-CN by default) and shows the dashboard', async () => {
    await page.goto(`${base}/admin/login`);
    expect(await page.locator('html').getAttribute('lang')).toBe('zh-CN');
    await page.fill('input[name=email]', 'lin.admin@example.com');
    await page.fill('input[name=password]', STAFF_PASSWORD);
    await Promise.all([page.waitForURL(`${base}/admin`), page.click('form button')]);

    // The custom dashboard component (bundled) renders the provider's numbers.
    const activeStaff = page.locator(
      '[data-testid=dashboard-metric-activeStaff] [data-testid=value]',
    );
    await activeStaff.waitFor({ timeout: 30_000 });
    expect(await activeStaff.textContent()).toBe('2');
    await expect(page.getByText('在职员工').count()).resolves.toBeGreaterThan(0);

    const shot = artifactPath('admin-dashboard.png');
    await page.screenshot({ path: shot, fullPage: true });
    expect(existsSync(shot) && statSync(shot).size > 1000).toBe(true);
  }, 60_000);

  it('shows the staff list, without password hashes', async () => {
    // Within the single-page app: no full reload of AdminJS's (development) bundles.
    await page.getByText('系统管理').click(); // the navigation group opens
    await page.click('a[href="/admin/resources/staff_users"]');
    const row = page.locator('table tbody tr', { hasText: 'wang.support@example.com' });
    await row.waitFor({ timeout: 15_000 });
    expect(await page.locator('table tbody tr').count()).toBe(2);
    expect(await page.content()).not.toMatch(/argon2/);
    await page.screenshot({ path: artifactPath('admin-staff-list.png'), fullPage: true });
  }, 30_000);

  it('switches to English with ?lng=en', async () => {
    await page.goto(`${base}/admin?lng=en`);
    await page.getByText('Active staff').first().waitFor({ timeout: 20_000 });
    expect(await page.getByText('在职员工').count()).toBe(0);
  }, 30_000);

  it('creates an out-of-use period with the dates typed, saved and shown as those dates', async () => {
    await page.goto(`${base}/admin/resources/out_of_use_periods/actions/new`);
    const startsAt = page.locator('input[type=datetime-local]').first();
    await startsAt.waitFor({ timeout: 20_000 });
    // The browser's own inputs: what is typed (or picked) is the value sent.
    await startsAt.fill('2026-12-10T09:00');
    await page.locator('input[type=date]').first().fill('2026-12-15');
    await page.locator('textarea').nth(0).fill('发票暂停开具');
    await page.locator('textarea').nth(1).fill('Fapiao paused');
    await page.screenshot({ path: artifactPath('admin-out-of-use-new.png'), fullPage: true });
    await page.click('button[type=submit]');
    await page.waitForURL(/\/admin\/resources\/out_of_use_periods(\?.*)?$/, { timeout: 20_000 });
    const [row] = await t.dataSource.query<{ expected: string; starts: string }[]>(
      `SELECT to_char(expected_issue_date, 'YYYY-MM-DD') AS expected,
              to_char(starts_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI') AS starts
         FROM out_of_use_periods`,
    );
    expect(row).toEqual({ expected: '2026-12-15', starts: '2026-12-10 09:00' });
    await page.locator('[data-testid=date-expectedIssueDate]').waitFor();
    expect(await page.locator('[data-testid=date-expectedIssueDate]').textContent()).toBe(
      '2026-12-15',
    );
    expect(await page.locator('[data-testid=time-startsAt]').textContent()).toBe(
      '2026-12-10 09:00',
    );
    await page.screenshot({ path: artifactPath('admin-out-of-use-list.png'), fullPage: true });
  }, 60_000);

  it.each(['zh-CN', 'en'])(
    'shows an application page with its title, address, documents and history (%s)',
    async (lng) => {
      const customer = await payingCustomer(t);
      const id = await issuedAndMailed(
        t,
        customer,
        lng === 'en' ? '09700002' : '09700001',
        '2026-11-24',
      );
      await page.goto(`${base}/admin/resources/applications/records/${id}/show?lng=${lng}`);
      const details = page.locator('[data-testid=application-details]');
      await details.waitFor({ timeout: 20_000 });
      const text = (await details.textContent()) ?? '';
      expect(text).toContain(lng === 'en' ? 'Issued fapiao' : '已开发票');
      expect(text).toContain(lng === 'en' ? 'Mailed out' : '已寄出');
      expect(text).toMatch(/¥\d{1,3}(,\d{3})*\.\d{2}/);
      expect(text).not.toMatch(/ApplicationDetails\.|Values\./);
      await page.screenshot({
        path: artifactPath(`admin-application-page-${lng}.png`),
        fullPage: true,
      });
      await details.scrollIntoViewIfNeeded();
      await details.screenshot({ path: artifactPath(`admin-application-details-${lng}.png`) });
    },
    60_000,
  );

  it('asked no other host for anything, and broke no rule of its Content-Security-Policy', () => {
    expect(requested.length).toBeGreaterThan(5);
    expect(
      requested.filter((url) => !url.startsWith(`${base}/`) && !url.startsWith('data:')),
    ).toEqual([]);
    expect(requested.some((url) => url.includes('/admin/fonts/roboto/files/'))).toBe(true);
    expect(consoleErrors).toEqual([]);
  });
});
