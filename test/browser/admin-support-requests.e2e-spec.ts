import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { StaffRole } from '../../src/auth/staff/staff-role';
import { createStaff, STAFF_PASSWORD } from '../admin/admin-test-kit';
import { issuedAndMailed, openRequest } from '../admin/support-request-kit';
import { PAYER, payingCustomer, submitted } from '../fapiao/fapiao-fixtures';
import { createTestApp, TestApp } from '../support/test-app';
import { artifactPath, launchBrowser } from './browser';

const TODAY = '2026-11-24';

/** Support works a retitle (zh-CN) and a split (English) end to end in a real browser. */
describe('back office: retitle and split in a real browser', () => {
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
    t.clock.set(`${TODAY}T10:00:00+08:00`);
    await t.app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
    await createStaff(t, StaffRole.SUPPORT, 'lu.support@example.com');
    page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    page.on('console', (m) => m.type() === 'error' && consoleErrors.push(m.text()));
    page.on('pageerror', (e) => consoleErrors.push(e.message));
    await page.goto(`${base}/admin/login`);
    await page.fill('input[name=email]', 'lu.support@example.com');
    await page.fill('input[name=password]', STAFF_PASSWORD);
    await Promise.all([page.waitForURL(`${base}/admin`), page.click('form button')]);
  }, 90_000);
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  async function act(id: string, name: string, fields: Record<string, string>, lng: string) {
    await page.goto(`${base}/admin/resources/support_requests/records/${id}/show?lng=${lng}`);
    await page.locator(`[data-testid=action-${name}]`).first().click();
    const form = page.locator(`[data-testid=action-form-${name}]`);
    await form.waitFor({ timeout: 20_000 });
    for (const [field, value] of Object.entries(fields))
      await page.fill(`[id="action-field-${field}"]`, value);
    await page.screenshot({
      path: artifactPath(`admin-support-${name}-${lng}.png`),
      fullPage: true,
    });
    await Promise.all([
      page.waitForURL(new RegExp(`/records/${id}/show`), { timeout: 20_000 }),
      form.locator('[data-testid=action-submit]').click(),
    ]);
  }
  const numbersOf = async (requestId: string) =>
    (
      await t.dataSource.query<{ number: string }[]>(
        `SELECT d.number FROM fapiao_documents d JOIN support_requests r ON r.application_id = d.application_id
          WHERE r.id = $1 ORDER BY d.number`,
        [requestId],
      )
    ).map((r) => r.number);

  it('zh-CN: a retitle from taking it on to the reissued fapiao; the step is then gone', async () => {
    const customer = await payingCustomer(t);
    const appId = await issuedAndMailed(t, customer, '09960001', TODAY);
    const id = await openRequest(t, customer, {
      type: 'retitle',
      applicationId: appId,
      newTitle: { buyerName: '新名称有限公司', taxId: '91350100M000100Y43' },
    });
    await act(id, 'startProgress', {}, 'zh-CN');
    await act(id, 'markAwaitingReturn', {}, 'zh-CN');
    await act(id, 'markReturned', { returnedOn: TODAY }, 'zh-CN');
    await act(
      id,
      'issueRetitle',
      {
        'red.number': '09960002',
        'red.issueDate': TODAY,
        'blue.number': '09960003',
        'blue.issueDate': TODAY,
        'blue.taxAmountFen': '7.25',
      },
      'zh-CN',
    );
    expect(await numbersOf(id)).toEqual(['09960001', '09960002', '09960003']);
    await page.locator('[data-testid=support-request-details]').waitFor({ timeout: 20_000 });
    expect(await page.locator('[data-testid=details-new-title]').textContent()).toContain(
      '新名称有限公司',
    );
    expect(await page.locator('[data-testid=action-issueRetitle]').count()).toBe(0);
    await page.screenshot({
      path: artifactPath('admin-support-retitled-zh-CN.png'),
      fullPage: true,
    });
  }, 90_000);

  it('en: a split issued from its lines', async () => {
    const customer = await payingCustomer(t, { locale: 'en', amountFen: 9_000 });
    await submitted(t, customer);
    const id = await openRequest(t, customer, {
      type: 'split',
      lines: [
        { title: { buyerName: 'Alpha Trading Ltd.' }, amountFen: 5_000 },
        { title: { buyerName: PAYER }, amountFen: 4_000 },
      ],
    });
    await act(id, 'startProgress', {}, 'en');
    await act(
      id,
      'issueSplit',
      {
        'documents-0-number': '09970001',
        'documents-0-issueDate': TODAY,
        'documents-0-taxAmountFen': '2.83',
        'documents-1-number': '09970002',
        'documents-1-issueDate': TODAY,
        'documents-1-taxAmountFen': '2.26',
      },
      'en',
    );
    expect(await numbersOf(id)).toEqual(['09970001', '09970002']);
    await page.locator('[data-testid=details-lines]').waitFor({ timeout: 20_000 });
    expect(await page.locator('[data-testid=details-lines]').textContent()).toContain('¥50.00');
    expect(await page.locator('[data-testid=action-issueSplit]').count()).toBe(0);
    await page.screenshot({ path: artifactPath('admin-support-split-en.png'), fullPage: true });
  }, 90_000);

  it('logged no error in the browser', () => {
    expect(consoleErrors).toEqual([]);
  });
});
