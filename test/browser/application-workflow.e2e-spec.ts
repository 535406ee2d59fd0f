import { existsSync, statSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { StaffRole } from '../../src/auth/staff/staff-role';
import { createStaff, STAFF_PASSWORD } from '../admin/admin-test-kit';
import {
  APPLICATIONS,
  authed,
  mailsTo,
  payingCustomer,
  PayingCustomer,
  submitted,
} from '../fapiao/fapiao-fixtures';
import { createTestApp, TestApp } from '../support/test-app';
import { artifactPath, launchBrowser } from './browser';

const TODAY = '2026-11-24';

/**
 * A service-centre clerk works a customer's application in a real browser: finds it in the
 * queue, starts processing, issues it and mails it out; the customer sees it through the API.
 */
describe('service centre works an application in a real browser', () => {
  let t: TestApp;
  let browser: Browser;
  let page: Page;
  let base: string;
  let customer: PayingCustomer;
  let applicationId: string;
  let lateId: string;

  beforeAll(async () => {
    [t, browser] = await Promise.all([
      createTestApp({ env: { ADMIN_ENABLED: 'true' } }),
      launchBrowser(),
    ]);
    t.clock.set(`${TODAY}T10:00:00+08:00`);
    await t.app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
    await createStaff(t, StaffRole.SERVICE_CENTER, 'zhou.clerk@example.com');
    // One submitted last week (overdue now) and the one the clerk works on.
    t.clock.set('2026-11-17T10:00:00+08:00');
    const late = await payingCustomer(t);
    lateId = await submitted(t, late);
    t.clock.set(`${TODAY}T10:00:00+08:00`);
    customer = await payingCustomer(t);
    applicationId = await submitted(t, customer);
    page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await page.route(/fonts\.(googleapis|gstatic)\.com/, (route) => route.abort());
  }, 90_000);
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  /** Opens an action from the record's page, fills its form and waits for the success notice. */
  async function runAction(
    name: string,
    fields: Record<string, string> = {},
    { opened = false, then = showPage() }: { opened?: boolean; then?: RegExp } = {},
  ) {
    if (!opened) await page.locator(`[data-testid=action-${name}]`).first().click();
    const form = page.locator(`[data-testid=action-form-${name}]`);
    await form.waitFor({ timeout: 20_000 });
    for (const [field, value] of Object.entries(fields)) {
      await page.fill(`#action-field-${field}`, value);
    }
    // Back on the record's page (AdminJS adds `?refresh=true`).
    await Promise.all([page.waitForURL(then), form.locator('[data-testid=action-submit]').click()]);
  }

  const showPage = () =>
    new RegExp(`/admin/resources/applications/records/${applicationId}/show(\\?.*)?$`);

  it('signs in, shows the dashboard and finds the submitted application', async () => {
    await page.goto(`${base}/admin/login`);
    await page.fill('input[name=email]', 'zhou.clerk@example.com');
    await page.fill('input[name=password]', STAFF_PASSWORD);
    await Promise.all([page.waitForURL(`${base}/admin`), page.click('form button')]);
    await page.locator('[data-testid=dashboard]').waitFor({ timeout: 30_000 });
    await page.locator('[data-testid^=dashboard-metric-]').first().waitFor({ timeout: 30_000 });
    const dashboard = artifactPath('admin-dashboard-service-center.png');
    await page.screenshot({ path: dashboard, fullPage: true });
    expect(statSync(dashboard).size).toBeGreaterThan(1000);

    await page.goto(`${base}/admin/resources/applications?filters.status=submitted`);
    const row = page.locator(`tr[data-id="${applicationId}"]`);
    await row.waitFor({ timeout: 30_000 });
    expect(await row.textContent()).toContain(customer.orderNumber);
    expect(await row.textContent()).toContain('2026-11-26');
    // The overdue one is flagged; the fresh one is not.
    const late = page.locator(`tr[data-id="${lateId}"]`);
    await late.locator('[data-testid=overdue-badge]').waitFor({ timeout: 10_000 });
    expect(await row.locator('[data-testid=overdue-badge]').count()).toBe(0);
    const list = artifactPath('admin-application-list.png');
    await page.screenshot({ path: list, fullPage: true });
    expect(existsSync(list) && statSync(list).size > 1000).toBe(true);

    await Promise.all([
      page.waitForURL(`${base}/admin/resources/applications/records/${applicationId}/show`),
      row.locator('td', { hasText: customer.orderNumber }).click(),
    ]);
  }, 90_000);

  it('starts processing, issues and mails it out through the action forms', async () => {
    // Issuing is not offered before processing starts.
    await page.locator('[data-testid=action-startProcessing]').first().waitFor({ timeout: 20_000 });
    expect(await page.locator('[data-testid=action-issue]').count()).toBe(0);

    await runAction('startProcessing');
    await page.locator('[data-testid=action-issue]').first().waitFor({ timeout: 20_000 });
    // Issuing goes straight on to the mailing form.
    await runAction(
      'issue',
      {
        'documents-0-number': '04455501',
        'documents-0-issueDate': TODAY,
        'documents-0-taxAmountFen': '7.37',
      },
      { then: new RegExp(`/records/${applicationId}/markMailedOut`) },
    );
    await runAction(
      'markMailedOut',
      { carrier: 'SF Express', trackingNumber: 'SF7788990011' },
      { opened: true },
    );
    await page.getByText('SF7788990011').first().waitFor({ timeout: 20_000 });
    await page.screenshot({
      path: artifactPath('admin-application-mailed-out.png'),
      fullPage: true,
    });
  }, 90_000);

  it('lets the customer see mailed_out with the tracking number, and mails them', async () => {
    const seen = await authed(t, customer.token).get(`${APPLICATIONS}/${applicationId}`);
    expect(seen.status).toBe(200);
    expect(seen.body).toMatchObject({
      status: 'mailed_out',
      carrier: 'SF Express',
      trackingNumber: 'SF7788990011',
      documents: [{ number: '04455501', amountFen: customer.amountFen, taxAmountFen: 737 }],
    });
    expect(await mailsTo(t, customer.email, /04455501/)).not.toHaveLength(0);
    expect(await mailsTo(t, customer.email, /SF7788990011/)).toHaveLength(1);
    const audited: { action: string }[] = await t.dataSource.query(
      `SELECT action FROM audit_log WHERE record_id = $1 ORDER BY action`,
      [applicationId],
    );
    expect(audited.map((r) => r.action)).toEqual([
      'application.issue',
      'application.mailed_out',
      'application.start_processing',
    ]);
  });
});
