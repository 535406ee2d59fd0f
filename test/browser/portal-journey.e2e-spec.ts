import type { Browser, Page } from 'playwright-core';
import type { Locale } from '../../src/common/locale';
import { latestLinkMail, strongPassword, uniqueEmail } from '../support/customers';
import { pushOrder, pushPayment } from '../support/payment-platform';
import { createTestApp, TestApp } from '../support/test-app';
import { StaffRole } from '../../src/auth/staff/staff-role';
import { toBusinessDate } from '../../src/common/time/business-date';
import { createStaff, STAFF_PASSWORD } from '../admin/admin-test-kit';
import { PAYER, specialTitle } from '../fapiao/fapiao-fixtures';
import { launchBrowser } from './browser';
import { checkPage, customerContext, listen, signInInBrowser } from './portal-browser';

const HAN = /[\u4e00-\u9fff]/;
const CLERK = 'journey.clerk@example.com';

// A busy 2-core machine runs several suites at once: wait generously, never assert speed.
jest.setTimeout(240_000);

/**
 * The help page's main path in a real browser, in zh-CN and again in English: the payment
 * platform pushes an order → register from the order mail → activate from its mail → sign in →
 * the bill unsynced, then synced → a special VAT fapiao through the three steps → confirm →
 * staff issue and mail it → the page the mail links to shows it mailed out with the tracking
 * number; then a split request. Wrong input on each form; every page screenshot
 * (test-artifacts/portal-<locale>-journey-*.png) and checked with axe-core.
 */
describe.each<Locale>(['zh-CN', 'en'])('portal journey in a browser (%s)', (locale) => {
  let t: TestApp;
  let browser: Browser;
  let base: string;
  let page: Page;
  let outsideRequests: string[];
  let consoleErrors: string[];
  const en = locale === 'en';
  const say = (zh: string, english: string) => (en ? english : zh);

  beforeAll(async () => {
    [t, browser] = await Promise.all([
      createTestApp({ env: { ADMIN_ENABLED: 'true' } }),
      launchBrowser(),
    ]);
    base = await listen(t);
    await createStaff(t, StaffRole.SERVICE_CENTER, CLERK);
    ({ page, outsideRequests, consoleErrors } = await customerContext(browser, base, locale));
  }, 90_000);
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  async function check(name: string): Promise<void> {
    expect(await page.locator('html').getAttribute('lang')).toBe(locale);
    const text = await page.evaluate<string>(
      `(() => { const main = document.querySelector('main').cloneNode(true);
        main.querySelectorAll('[lang]').forEach((other) => other.remove());
        return main.textContent; })()`,
    );
    // Chinese in zh-CN; in English only what the customer typed or the names are Chinese.
    if (!en) expect(HAN.test(text)).toBe(true);
    expect(text).not.toMatch(/journey\.|problem\.|invalid\./);
    expect(await checkPage(page, `${locale}-journey-${name}`)).toEqual([]);
  }

  function local(link: string): string {
    const url = new URL(link);
    return `${base}${url.pathname}${url.search}`;
  }

  const main = () => page.locator('main').innerText();
  const submit = (form: string) => page.click(`main form${form} button[type=submit]`);

  async function fillLine(index: number, title: Record<string, string>, amount: string) {
    for (const [field, value] of Object.entries(title)) {
      const name = `line${field[0].toUpperCase()}${field.slice(1)}`;
      await page.fill(`#field-${name}-${index}`, value);
    }
    await page.fill(`#field-lineAmount-${index}`, amount);
  }

  /** A service-centre clerk, in a browser of their own: start processing, issue, mail out. */
  async function workInBackOffice(id: string, today: string): Promise<void> {
    const staffContext = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    staffContext.setDefaultTimeout(60_000);
    const admin = await staffContext.newPage();
    try {
      await admin.goto(`${base}/admin/login`);
      await admin.fill('input[name=email]', CLERK);
      await admin.fill('input[name=password]', STAFF_PASSWORD);
      await Promise.all([admin.waitForURL(`${base}/admin`), admin.click('form button')]);
      const record = `${base}/admin/resources/applications/records/${id}/show`;
      await admin.goto(record);
      const showPage = new RegExp(`/records/${id}/show(\\?.*)?$`);
      const run = async (
        name: string,
        fields: Record<string, string> = {},
        { opened = false, then = showPage }: { opened?: boolean; then?: RegExp } = {},
      ) => {
        if (!opened) await admin.locator(`[data-testid=action-${name}]`).first().click();
        const form = admin.locator(`[data-testid=action-form-${name}]`);
        await form.waitFor();
        for (const [field, value] of Object.entries(fields)) {
          await admin.fill(`#action-field-${field}`, value);
        }
        await Promise.all([
          admin.waitForURL(then),
          form.locator('[data-testid=action-submit]').click(),
        ]);
      };
      await admin.locator('[data-testid=action-startProcessing]').first().waitFor();
      await run('startProcessing');
      await admin.locator('[data-testid=action-issue]').first().waitFor();
      // Issuing goes straight on to the mailing form; amounts are typed in yuan.
      await run(
        'issue',
        {
          'documents-0-number': '04400088',
          'documents-0-issueDate': today,
          'documents-0-taxAmountFen': '17.26',
        },
        { then: new RegExp(`/records/${id}/markMailedOut`) },
      );
      await run(
        'markMailedOut',
        { carrier: 'SF Express', trackingNumber: 'SF9876543210' },
        { opened: true },
      );
      await admin.getByText('SF9876543210').first().waitFor();
    } finally {
      await staffContext.close();
    }
  }

  let orderNumber: string;
  let email: string;
  let password: string;
  let applicationId: string;

  it('registers from the order mail, activates from its mail, signs in: the bill is unsynced, then synced', async () => {
    const order = await pushOrder(t, { locale, amountFen: 30_000 });
    orderNumber = order.orderNumber;
    const orderMail = await latestLinkMail(t, order.contactEmail, '/register');
    await page.goto(local(orderMail.links.find((l) => new URL(l).pathname === '/register')!));
    email = uniqueEmail('journey');
    password = strongPassword();
    await page.fill('#field-email', email);
    await page.fill('#field-password', password);
    await page.selectOption('#field-locale', locale);
    await Promise.all([
      page.waitForURL(/\/register\/check-mail$/),
      page.click('main button[type=submit]'),
    ]);
    const activation = await latestLinkMail(t, email, '/activate');
    await page.goto(local(activation.links.find((l) => new URL(l).pathname === '/activate')!));
    await signInInBrowser(page, base, email, password, '/billing-records');

    expect(new URL(page.url()).pathname).toBe('/billing-records');
    await expect(main()).resolves.toContain(say('尚未同步', 'Not synced yet'));
    await expect(main()).resolves.toContain(
      say('通常在付款后约三天同步', 'usually about three days after payment'),
    );
    await expect(main()).resolves.toContain('¥300.00');
    expect(await page.locator(`a[href="/billing-records/${orderNumber}/apply"]`).count()).toBe(0);
    await check('billing-records-unsynced');
    const refused = await page.goto(`${base}/billing-records/${orderNumber}/apply`);
    expect(refused?.status()).toBe(422);
    await expect(main()).resolves.toContain(say('付款记录尚未同步', 'has not synced yet'));
    await check('apply-unavailable');

    await pushPayment(t, orderNumber, { payerName: PAYER });
    await page.goto(`${base}/billing-records`);
    await expect(main()).resolves.toContain(say('已同步', 'Synced'));
    await check('billing-records');
    await page.click(`a[href="/billing-records/${orderNumber}"]`);
    await expect(main()).resolves.toContain('Cloud server, 1 month');
    await check('billing-record');
  });

  it('applies for a special VAT fapiao through the three steps, with a wrong input on each', async () => {
    await page.goto(`${base}/billing-records`);
    await Promise.all([
      page.waitForURL(/\/apply$/),
      page.click(`a[href="/billing-records/${orderNumber}/apply"]`),
    ]);
    // The special fields appear for a special fapiao only.
    await page.check('input[name=type][value=normal]');
    await expect(page.isVisible('#field-bankAccount')).resolves.toBe(false);
    await page.check('input[name=type][value=special]');
    await expect(page.isVisible('#field-bankAccount')).resolves.toBe(true);
    await page.fill('#field-buyerName', specialTitle.buyerName);
    // The taxpayer ID is checked as it is typed.
    await page.fill('#field-taxId', '91350100M000100Y44');
    await page.waitForSelector('#field-taxId-check:not([hidden])');
    await expect(page.locator('#field-taxId-check').innerText()).resolves.toContain(
      say('纳税人识别号不正确', 'This taxpayer ID is not valid'),
    );
    await check('apply-title-checking');
    await page.fill('#field-taxId', specialTitle.taxId);
    await page.waitForSelector('#field-taxId-check[hidden]', { state: 'attached' });
    await page.fill('#field-bankName', specialTitle.bankName);
    // The registered phone is optional, but given it must be one: the error beside it,
    // everything typed kept.
    await page.fill('#field-phone', 'call me');
    await submit('[data-fapiao-title]');
    await page.waitForSelector('#field-phone-error');
    await expect(page.locator('#field-phone').getAttribute('aria-describedby')).resolves.toContain(
      'field-phone-error',
    );
    await expect(page.inputValue('#field-bankName')).resolves.toBe(specialTitle.bankName);
    await expect(page.inputValue('#field-taxId')).resolves.toBe(specialTitle.taxId);
    await check('apply-title-error');
    await page.fill('#field-address', specialTitle.address);
    await page.fill('#field-phone', specialTitle.phone);
    await page.fill('#field-bankAccount', specialTitle.bankAccount);
    await Promise.all([page.waitForURL(/\/apply\/delivery$/), submit('[data-fapiao-title]')]);

    // Delivery: the shipping service's methods; the branch's address for pick-up.
    await page.check('input[name=method][value=pickup]');
    await expect(page.locator('[data-pickup-branch]').innerText()).resolves.toContain(
      say('科苑路88号', 'Keyuan Road'),
    );
    await expect(page.isVisible('#field-postalCode')).resolves.toBe(false);
    await check('apply-delivery-pickup');
    await page.check('input[name=method][value=sf_freight_collect]');
    await page.fill('#field-recipient', '张三');
    await page.fill('#field-phone', '13812345678');
    await page.fill('#field-province', '上海市');
    await page.fill('#field-city', '上海市');
    await page.fill('#field-district', '浦东新区');
    await page.fill('#field-address', '科苑路88号德国中心3号楼657室');
    await page.fill('#field-postalCode', '2012');
    await submit('[data-delivery]');
    await page.waitForSelector('#field-postalCode-error');
    await expect(page.inputValue('#field-address')).resolves.toBe('科苑路88号德国中心3号楼657室');
    await check('apply-delivery-error');
    await page.fill('#field-postalCode', '201203');
    await Promise.all([page.waitForURL(/\/apply\/review$/), submit('[data-delivery]')]);

    await expect(main()).resolves.toContain(specialTitle.bankAccount);
    await expect(main()).resolves.toContain(
      say('顺丰速运（运费到付）', 'SF Express (freight collect)'),
    );
    await check('apply-review');
    // Back to edit, then on again: the draft keeps what was chosen.
    await page.click(`main a[href="/billing-records/${orderNumber}/apply"] >> nth=0`);
    await expect(page.inputValue('#field-bankAccount')).resolves.toBe(specialTitle.bankAccount);
    await Promise.all([page.waitForURL(/\/apply\/delivery$/), submit('[data-fapiao-title]')]);
    await expect(page.inputValue('#field-postalCode')).resolves.toBe('201203');
    await Promise.all([page.waitForURL(/\/apply\/review$/), submit('[data-delivery]')]);
    await Promise.all([
      page.waitForURL(/\/applications\/[0-9a-f-]{36}$/),
      page.click('main form button[type=submit]'),
    ]);
    applicationId = new URL(page.url()).pathname.split('/')[2];
    await expect(main()).resolves.toContain(say('申请已提交', 'Your application is submitted'));
    await expect(main()).resolves.toMatch(/\d{4}-\d{2}-\d{2}/);
    await check('application-submitted');
    await page.goto(`${base}/applications`);
    await check('applications');
  });

  it('staff issue and mail it in the back office: the mail links to the page that shows it mailed out with the tracking number', async () => {
    await workInBackOffice(applicationId, toBusinessDate(t.clock.now()));
    const mail = await latestLinkMail(t, email, `/applications/${applicationId}`);
    await page.goto(local(mail.links.find((l) => l.includes(`/applications/${applicationId}`))!));
    await expect(main()).resolves.toContain(say('已寄出', 'Mailed out'));
    await expect(main()).resolves.toContain('SF9876543210');
    await expect(main()).resolves.toContain('04400088');
    await check('application-mailed');
  });

  it('asks support for a split: the live sum, the server refuses a wrong total, the request shows', async () => {
    await page.goto(`${base}/support-requests`);
    await check('support-requests-empty');
    await page.click('main a[href="/support-requests/new"]');
    await page.check('input[name=type][value=split]');
    await page.selectOption('#field-orderNumber', orderNumber);
    // The application is a special fapiao: each line carries a full title.
    await fillLine(0, specialTitle, '100');
    await fillLine(1, { ...specialTitle, buyerName: 'Second Buyer Ltd.' }, '150.50');
    await expect(page.locator('output[data-sum-of=lineAmount]').innerText()).resolves.toBe(
      '¥250.50',
    );
    await expect(page.isVisible('#field-newBuyerName')).resolves.toBe(false);
    await check('support-new');
    await submit('[data-support-request]');
    await page.waitForSelector('#field-lines-error');
    await expect(page.inputValue('#field-lineAmount-1')).resolves.toBe('150.50');
    await expect(page.inputValue('#field-lineBuyerName-1')).resolves.toBe('Second Buyer Ltd.');
    await check('support-new-error');
    await page.fill('#field-lineAmount-1', '200');
    await expect(page.locator('output[data-sum-of=lineAmount]').innerText()).resolves.toBe(
      '¥300.00',
    );
    await Promise.all([
      page.waitForURL(/\/support-requests\/[0-9a-f-]{36}$/),
      submit('[data-support-request]'),
    ]);
    await expect(main()).resolves.toContain('Second Buyer Ltd.');
    await expect(main()).resolves.toContain(say('待处理', 'Open'));
    await check('support-request');
    await page.goto(`${base}/support-requests`);
    await expect(main()).resolves.toContain(say('拆分发票', 'Split the bill'));
    await check('support-requests');
  });

  it('on a phone, the billing records still read; nothing came from another host, no script errors', async () => {
    await page.setViewportSize({ width: 375, height: 740 });
    await page.goto(`${base}/billing-records`);
    await check('billing-records-phone');
    expect(outsideRequests).toEqual([]);
    expect(consoleErrors).toEqual([]);
  });
});
