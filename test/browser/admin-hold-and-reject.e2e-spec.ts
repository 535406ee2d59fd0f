import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { StaffRole } from '../../src/auth/staff/staff-role';
import { createStaff, STAFF_PASSWORD } from '../admin/admin-test-kit';
import { payingCustomer, STAFF, staff, submitted } from '../fapiao/fapiao-fixtures';
import { createTestApp, TestApp } from '../support/test-app';
import { artifactPath, launchBrowser } from './browser';

/** Hold, release, reject and a pick-up from the application's page, in both languages. */
describe('back office: hold, release and reject in a real browser', () => {
  let t: TestApp;
  let browser: Browser;
  let page: Page;
  let base: string;
  const consoleErrors: string[] = [];

  beforeAll(async () => {
    [t, browser] = await Promise.all([
      createTestApp({ env: { ADMIN_ENABLED: 'true' } }),
      launchBrowser(),
    ]);
    t.clock.set('2026-11-24T10:00:00+08:00');
    await t.app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
    await createStaff(t, StaffRole.SERVICE_CENTER, 'ma.clerk@example.com');
    page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    page.on('console', (m) => m.type() === 'error' && consoleErrors.push(m.text()));
    page.on('pageerror', (e) => consoleErrors.push(e.message));
    await page.goto(`${base}/admin/login`);
    await page.fill('input[name=email]', 'ma.clerk@example.com');
    await page.fill('input[name=password]', STAFF_PASSWORD);
    await Promise.all([page.waitForURL(`${base}/admin`), page.click('form button')]);
  }, 90_000);
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  const statusOf = async (id: string) =>
    (
      await t.dataSource.query<{ status: string }[]>(
        'SELECT status FROM fapiao_applications WHERE id = $1',
        [id],
      )
    )[0].status;

  async function act(id: string, name: string, fields: Record<string, string>, lng: string) {
    await page.goto(`${base}/admin/resources/applications/records/${id}/show?lng=${lng}`);
    await page.locator(`[data-testid=action-${name}]`).first().click();
    const form = page.locator(`[data-testid=action-form-${name}]`);
    await form.waitFor({ timeout: 20_000 });
    for (const [field, value] of Object.entries(fields))
      await page.fill(`#action-field-${field}`, value);
    await page.screenshot({ path: artifactPath(`admin-${name}-${lng}.png`), fullPage: true });
    await Promise.all([
      page.waitForURL(new RegExp(`/records/${id}/show`), { timeout: 20_000 }),
      form.locator('[data-testid=action-submit]').click(),
    ]);
  }

  it.each(['zh-CN', 'en'])(
    '%s: puts on hold with an expected date, releases, rejects',
    async (lng) => {
      const id = await submitted(t, await payingCustomer(t));
      await staff(t).startProcessing(id, STAFF);
      await act(
        id,
        'putOnHold',
        { expectedIssueDate: '2026-12-15', notice: lng === 'en' ? 'Stock used up' : '发票用完' },
        lng,
      );
      expect(await statusOf(id)).toBe('on_hold');
      const [{ expected }] = await t.dataSource.query<{ expected: string }[]>(
        `SELECT to_char(expected_issue_date, 'YYYY-MM-DD') AS expected FROM fapiao_applications WHERE id = $1`,
        [id],
      );
      expect(expected).toBe('2026-12-15');
      await act(id, 'release', {}, lng);
      expect(await statusOf(id)).toBe('processing');
      await act(
        id,
        'reject',
        { reason: lng === 'en' ? 'The title does not match the payer.' : '抬头与付款方不符。' },
        lng,
      );
      expect(await statusOf(id)).toBe('rejected');
      await page.locator('[data-testid=application-details]').waitFor({ timeout: 20_000 });
      expect(await page.locator('[data-testid=details-history]').textContent()).toContain(
        lng === 'en' ? 'Rejected' : '已驳回',
      );
      await page.screenshot({ path: artifactPath(`admin-rejected-${lng}.png`), fullPage: true });
    },
    90_000,
  );

  it.each(['zh-CN', 'en'])(
    '%s: a pick-up is issued, handed over ready and picked up',
    async (lng) => {
      const id = await submitted(t, await payingCustomer(t), {
        shipping: { method: 'pickup', recipient: '张三', phone: '13812345678' },
      });
      await staff(t).startProcessing(id, STAFF);
      await page.goto(`${base}/admin/resources/applications/records/${id}/show?lng=${lng}`);
      await page.locator('[data-testid=action-issue]').first().click();
      const issue = page.locator('[data-testid=action-form-issue]');
      await issue.waitFor({ timeout: 20_000 });
      await page.fill('#action-field-documents-0-number', lng === 'en' ? '09950002' : '09950001');
      await page.fill('#action-field-documents-0-issueDate', '2026-11-24');
      await page.fill('#action-field-documents-0-taxAmountFen', '7.37');
      // A pick-up goes on to "ready for pick-up", not to mailing.
      await Promise.all([
        page.waitForURL(new RegExp(`/records/${id}/markReadyForPickup`), { timeout: 20_000 }),
        issue.locator('[data-testid=action-submit]').click(),
      ]);
      const ready = page.locator('[data-testid=action-form-markReadyForPickup]');
      await ready.waitFor({ timeout: 20_000 });
      await Promise.all([
        page.waitForURL(new RegExp(`/records/${id}/show`), { timeout: 20_000 }),
        ready.locator('[data-testid=action-submit]').click(),
      ]);
      expect(await statusOf(id)).toBe('ready_for_pickup');
      await act(id, 'markPickedUp', {}, lng);
      expect(await statusOf(id)).toBe('picked_up');
      await page.screenshot({ path: artifactPath(`admin-picked-up-${lng}.png`), fullPage: true });
    },
    90_000,
  );

  it('logged no error in the browser', () => {
    expect(consoleErrors).toEqual([]);
  });
});
