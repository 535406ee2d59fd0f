import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { StaffAuthService } from '../../src/auth/staff/staff-auth.service';
import { StaffRole } from '../../src/auth/staff/staff-role';
import { toBusinessDate } from '../../src/common/time/business-date';
import { StaffApplicationsService } from '../../src/fapiao/applications/staff-applications.service';
import { DigitalIssueService } from '../../src/fapiao/document-files/digital-issue.service';
import { samplePdf } from '../fapiao/document-files/fapiao-files-kit';
import { createTestApp, TestApp } from '../support/test-app';
import { payingCustomer, PayingCustomer, specialTitle } from '../fapiao/fapiao-fixtures';
import { artifactPath, launchBrowser } from './browser';
import { checkPage, customerContext, listen, signInInBrowser } from './portal-browser';

const HAN = /[\u4e00-\u9fff]/;

// A busy 2-core machine runs several suites at once: wait generously, never assert speed.
jest.setTimeout(240_000);

/**
 * Saved titles and email delivery in a real browser (zh-CN): save a title, apply with it picked
 * from the apply page, keep the default email delivery, confirm; once staff issued it (with its
 * PDF, through the back office's service), download the PDF from the application's page. Every
 * page is screenshot
 * (test-artifacts/portal-zh-CN-titles-*.png) and checked with axe-core.
 */
describe('portal saved titles and email delivery in a browser (zh-CN)', () => {
  let t: TestApp;
  let browser: Browser;
  let base: string;
  let page: Page;
  let outsideRequests: string[];
  let consoleErrors: string[];
  let customer: PayingCustomer;
  /** The application the first test applied for (the second one downloads its fapiao). */
  let applicationId: string | undefined;

  beforeAll(async () => {
    [t, browser] = await Promise.all([createTestApp(), launchBrowser()]);
    base = await listen(t);
    customer = await payingCustomer(t, { locale: 'zh-CN' });
    ({ page, outsideRequests, consoleErrors } = await customerContext(browser, base, 'zh-CN'));
  }, 90_000);
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  async function check(name: string): Promise<void> {
    expect(await page.locator('html').getAttribute('lang')).toBe('zh-CN');
    const text = await page.locator('main').innerText();
    expect(HAN.test(text)).toBe(true);
    // No raw message key reaches the page.
    expect(text).not.toMatch(/\b(journey|titleProfiles|problem|invalid)\.[a-zA-Z]/);
    expect(await checkPage(page, `zh-CN-titles-${name}`)).toEqual([]);
  }

  const submit = (form: string) => page.click(`main form${form} button[type=submit]`);

  it('saves a title, applies with it by email, and sees the delivery on the application', async () => {
    await signInInBrowser(page, base, customer.email, customer.password, '/title-profiles');
    await expect(page.locator('main h1').innerText()).resolves.toBe('发票抬头管理');
    await check('empty');

    // A resident ID on a company title: refused beside the field, what was typed kept.
    await page.check('input[name=kind][value=company]');
    await page.fill('#field-buyerName', specialTitle.buyerName);
    await page.fill('#field-taxId', '34052419800101001X');
    await submit('[action="/title-profiles"]');
    await page.waitForSelector('#field-taxId-error');
    await expect(page.locator('#field-taxId-error').innerText()).resolves.toContain(
      '请将此抬头保存为个人抬头',
    );
    await expect(page.inputValue('#field-buyerName')).resolves.toBe(specialTitle.buyerName);
    await check('error');

    await page.fill('#field-taxId', specialTitle.taxId);
    await page.fill('#field-bankName', specialTitle.bankName);
    await Promise.all([
      page.waitForSelector('.flash, [role=status]'),
      submit('[action="/title-profiles"]'),
    ]);
    await page.check('input[name=kind][value=individual]');
    await page.fill('#field-buyerName', '李四');
    await Promise.all([page.waitForLoadState('load'), submit('[action="/title-profiles"]')]);
    await page.waitForSelector('[data-title-profile] >> text=李四');
    const saved = await page.locator('main [data-title-profiles]').innerText();
    expect(saved).toContain(specialTitle.buyerName);
    expect(saved).toContain('默认');
    await check('saved');

    // The apply page starts from the default title and offers the saved ones.
    await page.goto(`${base}/billing-records/${customer.orderNumber}/apply`);
    await expect(page.inputValue('#field-taxId')).resolves.toBe(specialTitle.taxId);
    await page.selectOption('#field-profile', { label: '李四' });
    await Promise.all([page.waitForURL(/profile=/), submit('[data-title-profile-picker]')]);
    await expect(page.inputValue('#field-buyerName')).resolves.toBe('李四');
    await expect(page.isChecked('input[name=type][value=normal]')).resolves.toBe(true);
    await page.selectOption('#field-profile', {
      label: `${specialTitle.buyerName} · ${specialTitle.taxId} (默认)`,
    });
    await Promise.all([page.waitForURL(/profile=/), submit('[data-title-profile-picker]')]);
    await expect(page.inputValue('#field-buyerName')).resolves.toBe(specialTitle.buyerName);
    await page.check('input[name=type][value=special]');
    await check('apply-picked');
    await Promise.all([page.waitForURL(/\/apply\/delivery$/), submit('[data-fapiao-title]')]);

    // Email is the default delivery, to the account's own address; the parcel fields are hidden.
    await expect(page.isChecked('input[name=method][value=email]')).resolves.toBe(true);
    await expect(page.inputValue('#field-deliveryEmails')).resolves.toBe(customer.email);
    await expect(page.isVisible('#field-postalCode')).resolves.toBe(false);
    await page.fill('#field-deliveryEmails', `${customer.email}, finance@example.com`);
    await check('delivery');
    await Promise.all([page.waitForURL(/\/apply\/review$/), submit('[data-delivery]')]);
    const review = await page.locator('main').innerText();
    expect(review).toContain('电子发票，发送到邮箱');
    expect(review).toContain('finance@example.com');
    await check('review');

    await Promise.all([
      page.waitForURL(/\/applications\/[0-9a-f-]{36}$/),
      page.click('main form[action$="/confirm"] button[type=submit]'),
    ]);
    applicationId = /\/applications\/([0-9a-f-]{36})$/.exec(page.url())![1];
    const application = await page.locator('main').innerText();
    expect(application).toContain('申请已提交');
    expect(application).toContain('电子发票，发送到邮箱');
    expect(application).toContain(`${customer.email}, finance@example.com`);
    await check('application');

    expect(outsideRequests).toEqual([]);
    expect(consoleErrors).toEqual([]);
  });

  it('downloads the PDF of the issued digital fapiao from the application page', async () => {
    expect(applicationId).toBeDefined();
    const id = applicationId!;
    // The service centre issues it as the back office does: the 20-digit number and the PDF.
    // The back office is off in this app: the staff member is made by the auth module itself.
    const clerk = await t.get(StaffAuthService).create({
      email: 'issuer@example.com',
      displayName: 'Issuer',
      password: 'issuer-password-2026',
      role: StaffRole.SERVICE_CENTER,
    });
    const staff = { staffId: clerk.id, staffEmail: clerk.email };
    const number = '26312000000000000042';
    const pdf = await samplePdf(number);
    await t.get(StaffApplicationsService).startProcessing(id, staff);
    await t.get(DigitalIssueService).issue(id, staff, [
      {
        number,
        issueDate: toBusinessDate(t.clock.now()),
        amountFen: customer.amountFen,
        taxAmountFen: Math.round((customer.amountFen * 6) / 106),
        taxRateBasisPoints: 600,
        files: { pdf: { fileName: `电子发票 ${number}.pdf`, content: pdf } },
      },
    ]);

    await page.goto(`${base}/applications/${id}`);
    const main = await page.locator('main').innerText();
    expect(main).toContain(number);
    expect(main).toContain('6%');
    await check('issued');

    const link = page.locator('main a[data-file-kind=pdf]');
    await expect(link.count()).resolves.toBe(1);
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    expect(download.suggestedFilename()).toBe(`电子发票 ${number}.pdf`);
    const saved = artifactPath('portal-zh-CN-titles-download.pdf');
    await download.saveAs(saved);
    expect(readFileSync(saved).equals(pdf)).toBe(true);

    // The same link, as the browser asks for it: the PDF's content type, as an attachment.
    const response = await page.request.get(new URL((await link.getAttribute('href'))!, base).href);
    expect(response.status()).toBe(200);
    expect(response.headers()['content-type']).toMatch(/^application\/pdf/);
    expect(response.headers()['content-disposition']).toMatch(/^attachment/);
    expect(Buffer.from(await response.body()).equals(pdf)).toBe(true);

    expect(outsideRequests).toEqual([]);
    expect(consoleErrors).toEqual([]);
  });
});
