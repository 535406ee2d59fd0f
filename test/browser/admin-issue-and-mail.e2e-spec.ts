import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { StaffRole } from '../../src/auth/staff/staff-role';
import { createStaff, STAFF_PASSWORD } from '../admin/admin-test-kit';
import { PayingCustomer, payingCustomer, STAFF, staff, submitted } from '../fapiao/fapiao-fixtures';
import { createTestApp, TestApp } from '../support/test-app';
import { artifactPath, launchBrowser } from './browser';

const TODAY = '2026-11-24';

/**
 * The common job, issue then mark mailed out, from the applications list: at most 4 clicks and
 * 2 page loads, with the issue date, the amount and the carrier filled in; in both languages.
 */
describe('back office: issue and mail out in four clicks', () => {
  let t: TestApp;
  let browser: Browser;
  let page: Page;
  let base: string;
  let clicks = 0;
  let loads = 0;
  const consoleErrors: string[] = [];

  beforeAll(async () => {
    [t, browser] = await Promise.all([
      createTestApp({ env: { ADMIN_ENABLED: 'true' } }),
      launchBrowser(),
    ]);
    t.clock.set(`${TODAY}T10:00:00+08:00`);
    await t.app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
    await createStaff(t, StaffRole.SERVICE_CENTER, 'wu.clerk@example.com');
    page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    page.on('load', () => (loads += 1));
    page.on('console', (m) => m.type() === 'error' && consoleErrors.push(m.text()));
    page.on('pageerror', (e) => consoleErrors.push(e.message));
    await page.goto(`${base}/admin/login`);
    await page.fill('input[name=email]', 'wu.clerk@example.com');
    await page.fill('input[name=password]', STAFF_PASSWORD);
    await Promise.all([page.waitForURL(`${base}/admin`), page.click('form button')]);
  }, 90_000);
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  const click = async (selector: ReturnType<Page['locator']>) => {
    clicks += 1;
    await selector.click();
  };

  async function processing(): Promise<{ customer: PayingCustomer; id: string }> {
    const customer = await payingCustomer(t);
    const id = await submitted(t, customer);
    await staff(t).startProcessing(id, STAFF);
    return { customer, id };
  }

  it.each([
    ['zh-CN', '09920001', 'SF1000000001'],
    ['en', '09920002', 'SF1000000002'],
  ])(
    '%s: from the list to mailed out',
    async (lng, number, tracking) => {
      const { customer, id } = await processing();
      await page.goto(`${base}/admin/resources/applications?filters.status=processing&lng=${lng}`);
      clicks = 0;
      loads = 0;
      const row = page.locator(`tr[data-id="${id}"]`);
      await row.waitFor({ timeout: 30_000 });

      await click(row.locator('[data-testid=actions-dropdown]').first());
      await click(page.locator('[data-testid=action-issue]').first());
      const issue = page.locator('[data-testid=action-form-issue]');
      await issue.waitFor({ timeout: 20_000 });
      // Defaults: today's date; the amount is the bill's unless one is typed.
      expect(await page.inputValue('#action-field-documents-0-issueDate')).toBe(
        new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai' }).format(new Date()),
      );
      await page.fill('#action-field-documents-0-issueDate', TODAY);
      await page.fill('#action-field-documents-0-number', number);
      await page.fill('#action-field-documents-0-taxAmountFen', '7.37');
      await page.screenshot({ path: artifactPath(`admin-issue-form-${lng}.png`), fullPage: true });
      await click(issue.locator('[data-testid=action-submit]'));

      const mail = page.locator('[data-testid=action-form-markMailedOut]');
      await mail.waitFor({ timeout: 20_000 });
      expect(await page.inputValue('#action-field-carrier')).toBe('SF Express');
      await page.fill('#action-field-trackingNumber', tracking);
      await page.screenshot({ path: artifactPath(`admin-mail-form-${lng}.png`), fullPage: true });
      await click(mail.locator('[data-testid=action-submit]'));
      await page.waitForURL(new RegExp(`/records/${id}/show`), { timeout: 20_000 });
      await page.getByText(tracking).first().waitFor({ timeout: 20_000 });
      await page.screenshot({ path: artifactPath(`admin-mailed-out-${lng}.png`), fullPage: true });

      expect(clicks).toBeLessThanOrEqual(4);
      // The list was the one page load; everything after it ran in the page.
      expect(loads).toBeLessThanOrEqual(1);
      const [row0] = await t.dataSource.query<
        { status: string; carrier: string; tracking: string }[]
      >(
        'SELECT status, carrier, tracking_number AS tracking FROM fapiao_applications WHERE id = $1',
        [id],
      );
      expect(row0).toEqual({ status: 'mailed_out', carrier: 'SF Express', tracking });
      const [doc] = await t.dataSource.query<{ amount: number }[]>(
        'SELECT amount_fen AS amount FROM fapiao_documents WHERE application_id = $1',
        [id],
      );
      expect(Number(doc.amount)).toBe(customer.amountFen);
    },
    90_000,
  );

  it('logged no error in the browser', () => {
    expect(consoleErrors).toEqual([]);
  });
});
