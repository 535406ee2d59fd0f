import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { StaffRole } from '../../src/auth/staff/staff-role';
import { createStaff, STAFF_PASSWORD } from '../admin/admin-test-kit';
import { issuedAndMailed, openRequest } from '../admin/support-request-kit';
import { PAYER, payingCustomer, submitted } from '../fapiao/fapiao-fixtures';
import { createTestApp, TestApp } from '../support/test-app';
import { artifactPath, launchBrowser } from './browser';

const TODAY = '2026-11-24';

/** Support works a retitle and a split end to end in a real browser, in zh-CN and English. */
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
  /** The request's page reads in `lng`: Chinese text in zh-CN, none in English; no raw key. */
  async function expectInLanguage(lng: string) {
    const text = await page.locator('[data-testid=support-request-details]').innerText();
    if (lng === 'zh-CN') expect(text).toMatch(/[\u4e00-\u9fff]{2}/);
    else expect(text.replace(/新名称有限公司/g, '')).not.toMatch(/[\u4e00-\u9fff]/);
    expect(text).not.toMatch(/\b(SupportRequestDetails|Values|properties|actions)\.[\w.]+/);
  }

  const numbersOf = async (requestId: string) =>
    (
      await t.dataSource.query<{ number: string }[]>(
        `SELECT d.number FROM fapiao_documents d JOIN support_requests r ON r.application_id = d.application_id
          WHERE r.id = $1 ORDER BY d.number`,
        [requestId],
      )
    ).map((r) => r.number);

  it.each([
    ['zh-CN', '0996'],
    ['en', '0998'],
  ])(
    '%s: a retitle from taking it on to the reissued fapiao; the step is then gone',
    async (lng, prefix) => {
      const n = (i: number) => `${prefix}000${i}`;
      // The customer's language is the replies' (the history shows them as sent).
      const customer = await payingCustomer(t, { locale: lng === 'en' ? 'en' : 'zh-CN' });
      const appId = await issuedAndMailed(t, customer, n(1), TODAY);
      const id = await openRequest(t, customer, {
        type: 'retitle',
        applicationId: appId,
        newTitle: { buyerName: '新名称有限公司', taxId: '91350100M000100Y43' },
      });
      await act(id, 'startProgress', {}, lng);
      await act(id, 'markAwaitingReturn', {}, lng);
      await act(id, 'markReturned', { returnedOn: TODAY }, lng);
      await act(
        id,
        'issueRetitle',
        {
          'red.number': n(2),
          'red.issueDate': TODAY,
          'blue.number': n(3),
          'blue.issueDate': TODAY,
          'blue.taxAmountFen': '7.25',
        },
        lng,
      );
      expect(await numbersOf(id)).toEqual([n(1), n(2), n(3)]);
      await page.locator('[data-testid=support-request-details]').waitFor({ timeout: 20_000 });
      expect(await page.locator('[data-testid=details-new-title]').textContent()).toContain(
        '新名称有限公司',
      );
      expect(await page.locator('[data-testid=action-issueRetitle]').count()).toBe(0);
      await expectInLanguage(lng);
      await page.screenshot({
        path: artifactPath(`admin-support-retitled-${lng}.png`),
        fullPage: true,
      });
    },
    90_000,
  );

  it.each([
    ['en', '0997'],
    ['zh-CN', '0999'],
  ])(
    '%s: a split issued from its lines',
    async (lng, prefix) => {
      const n = (i: number) => `${prefix}000${i}`;
      const customer = await payingCustomer(t, {
        locale: lng === 'en' ? 'en' : 'zh-CN',
        amountFen: 9_000,
      });
      await submitted(t, customer);
      const id = await openRequest(t, customer, {
        type: 'split',
        lines: [
          { title: { buyerName: 'Alpha Trading Ltd.' }, amountFen: 5_000 },
          { title: { buyerName: PAYER }, amountFen: 4_000 },
        ],
      });
      await act(id, 'startProgress', {}, lng);
      await act(
        id,
        'issueSplit',
        {
          'documents-0-number': n(1),
          'documents-0-issueDate': TODAY,
          'documents-0-taxAmountFen': '2.83',
          'documents-1-number': n(2),
          'documents-1-issueDate': TODAY,
          'documents-1-taxAmountFen': '2.26',
        },
        lng,
      );
      expect(await numbersOf(id)).toEqual([n(1), n(2)]);
      await page.locator('[data-testid=details-lines]').waitFor({ timeout: 20_000 });
      expect(await page.locator('[data-testid=details-lines]').textContent()).toContain('¥50.00');
      expect(await page.locator('[data-testid=action-issueSplit]').count()).toBe(0);
      await expectInLanguage(lng);
      await page.screenshot({
        path: artifactPath(`admin-support-split-${lng}.png`),
        fullPage: true,
      });
    },
    90_000,
  );

  it('logged no error in the browser', () => {
    expect(consoleErrors).toEqual([]);
  });
});
