import type { Browser, Page } from 'playwright-core';
import type { Locale } from '../../src/common/locale';
import {
  deliverMail,
  latestLinkMail,
  registerAndLogin,
  strongPassword,
  uniqueEmail,
} from '../support/customers';
import { pushOrder } from '../support/payment-platform';
import { createTestApp, TestApp } from '../support/test-app';
import { launchBrowser } from './browser';
import { checkPage, customerContext, listen, signInInBrowser } from './portal-browser';

const NOTICE = {
  zh: '发票库存已用完，暂停开具。',
  en: 'Fapiao stock is used up; issuing is paused.',
};

/**
 * The portal's account pages in a real browser, in both languages: each page is screenshot
 * (test-artifacts/portal-<locale>-<page>.png) and checked with axe-core; wrong input shows the
 * field's error and keeps the other fields; nothing is loaded from another host.
 */
const HAN = /[\u4e00-\u9fff]/;

// A busy 2-core machine runs several suites at once: wait generously, never assert speed.
jest.setTimeout(180_000);

describe.each<Locale>(['zh-CN', 'en'])('portal account pages in a browser (%s)', (locale) => {
  let t: TestApp;
  let browser: Browser;
  let base: string;
  let page: Page;
  let outsideRequests: string[];
  let consoleErrors: string[];
  const en = locale === 'en';

  beforeAll(async () => {
    [t, browser] = await Promise.all([createTestApp(), launchBrowser()]);
    base = await listen(t);
    await t.dataSource.query(
      `INSERT INTO out_of_use_periods (starts_at, ends_at, expected_issue_date, notice_zh, notice_en)
       VALUES ($1, NULL, '2026-12-10', $2, $3)`,
      [new Date(t.clock.now().getTime() - 60_000), NOTICE.zh, NOTICE.en],
    );
    ({ page, outsideRequests, consoleErrors } = await customerContext(browser, base, locale));
  }, 90_000);
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  async function check(name: string): Promise<void> {
    expect(await page.locator('html').getAttribute('lang')).toBe(locale);
    // The page speaks its language: Chinese text in zh-CN, none in English.
    // Without the words marked as another language (the switch, a language's own name).
    const text = await page.evaluate<string>(
      `(() => { const main = document.querySelector('main').cloneNode(true);
        main.querySelectorAll('[lang]').forEach((other) => other.remove());
        return main.textContent; })()`,
    );
    expect(HAN.test(text)).toBe(!en);
    expect(await checkPage(page, `${locale}-${name}`)).toEqual([]);
  }

  function pathOfLink(link: string): string {
    const url = new URL(link);
    return `${base}${url.pathname}${url.search}`;
  }

  it('home with the out-of-use banner, help, forgot email, 404', async () => {
    await page.goto(base);
    await expect(page.locator('.notice-banner').innerText()).resolves.toContain(
      en ? NOTICE.en : NOTICE.zh,
    );
    await check('home');
    await page.goto(`${base}/help`);
    await expect(page.locator('main').innerText()).resolves.toContain('(86) 400-089-0365');
    await check('help');
    await page.goto(`${base}/forgot-email`);
    await check('forgot-email');
    const missing = await page.goto(`${base}/no-such-page`);
    expect(missing?.status()).toBe(404);
    await check('not-found');
  });

  it('registers from the order link (field error first, other fields kept), activates, signs in', async () => {
    const order = await pushOrder(t, { locale });
    const email = uniqueEmail('browser');
    const password = strongPassword();
    await page.goto(`${base}/register?orderNumber=${order.orderNumber}`);
    await expect(page.inputValue('#field-orderNumber')).resolves.toBe(order.orderNumber);
    await page.fill('#field-email', email);
    await page.fill('#field-password', 'short');
    await page.click('main button[type=submit]');
    await page.waitForSelector('#field-password-error');
    await expect(page.inputValue('#field-email')).resolves.toBe(email);
    await expect(page.inputValue('#field-orderNumber')).resolves.toBe(order.orderNumber);
    await check('register-error');
    await page.fill('#field-password', password);
    await Promise.all([
      page.waitForURL(/\/register\/check-mail$/),
      page.click('main button[type=submit]'),
    ]);
    await expect(page.locator('main').innerText()).resolves.toContain(email);
    await check('check-mail');

    await page.goto(`${base}/resend-activation`);
    await page.fill('#field-email', 'not-an-email');
    await page.click('main button[type=submit]');
    await page.waitForSelector('#field-email-error');
    await check('resend-activation-error');
    await page.fill('#field-email', email);
    await Promise.all([
      page.waitForURL(/\/resend-activation$/),
      page.click('main button[type=submit]'),
    ]);
    await page.waitForSelector('.flash--success');
    await check('resend-activation-sent');

    const activation = await latestLinkMail(t, email, '/activate');
    await page.goto(pathOfLink(activation.links.find((l) => l.includes('/activate'))!));
    await expect(page.locator('[data-outcome]').getAttribute('data-outcome')).resolves.toBe(
      'activated',
    );
    await check('activated');

    await page.goto(`${base}/login`);
    await page.fill('#field-email', email);
    await page.fill('#field-password', 'wrong password');
    await page.click('main button[type=submit]');
    await page.waitForSelector('.form-error');
    await expect(page.inputValue('#field-email')).resolves.toBe(email);
    await check('login-error');
    await signInInBrowser(page, base, email, password, '/account');
    await check('account');

    await page.fill('#field-currentPassword', password);
    await page.fill('#field-newPassword', 'short');
    await page.click('section[aria-labelledby=change-password] button[type=submit]');
    await page.waitForSelector('#field-newPassword-error');
    await check('account-password-error');

    const newEmail = uniqueEmail('browser-moved');
    await page.fill('#field-newEmail', newEmail);
    await page.fill('#field-password', 'not my password');
    await page.click('section[aria-labelledby=change-email] button[type=submit]');
    await page.waitForSelector('#field-password-error');
    await expect(page.inputValue('#field-newEmail')).resolves.toBe(newEmail);
    await check('account-email-error');
    await page.fill('#field-password', password);
    await Promise.all([
      page.waitForURL(/\/account$/),
      page.click('section[aria-labelledby=change-email] button[type=submit]'),
    ]);
    await expect(page.locator('.flash').innerText()).resolves.toContain(newEmail);
    const confirmation = await latestLinkMail(t, newEmail, '/confirm-email-change');
    await page.goto(
      pathOfLink(confirmation.links.find((l) => l.includes('/confirm-email-change'))!),
    );
    expect(new URL(page.url()).search).toBe('');
    await check('confirm-email-change');
    await Promise.all([page.waitForURL(/\/account$/), page.click('main button[type=submit]')]);
    await expect(page.locator('main').innerText()).resolves.toContain(newEmail);

    // The language switch: the account's language changes.
    await Promise.all([page.waitForNavigation(), page.click('.language-switch button')]);
    expect(await page.locator('html').getAttribute('lang')).toBe(en ? 'zh-CN' : 'en');
    await Promise.all([page.waitForNavigation(), page.click('.language-switch button')]);
    expect(await page.locator('html').getAttribute('lang')).toBe(locale);

    await Promise.all([page.waitForURL(/\/login/), page.click('header button[type=submit]')]);
  });

  it('resets a forgotten password through the mail link', async () => {
    const order = await pushOrder(t);
    const customer = await registerAndLogin(t, { orderNumber: order.orderNumber, locale });
    await page.goto(`${base}/forgot-password`);
    await check('forgot-password');
    await page.fill('#field-email', 'not-an-email');
    await page.click('main button[type=submit]');
    await page.waitForSelector('#field-email-error');
    await check('forgot-password-error');
    await page.fill('#field-email', customer.email);
    await Promise.all([
      page.waitForURL(/\/forgot-password$/),
      page.click('main button[type=submit]'),
    ]);
    await deliverMail(t);
    const reset = await latestLinkMail(t, customer.email, '/reset-password');
    await page.goto(pathOfLink(reset.links.find((l) => l.includes('/reset-password'))!));
    expect(new URL(page.url()).search).toBe('');
    await page.fill('#field-newPassword', 'password');
    await page.click('main button[type=submit]');
    await page.waitForSelector('#field-newPassword-error');
    await check('reset-password-error');
    const newPassword = strongPassword();
    await page.fill('#field-newPassword', newPassword);
    await Promise.all([page.waitForURL(/\/login$/), page.click('main button[type=submit]')]);
    await check('login-after-reset');
    await signInInBrowser(page, base, customer.email, newPassword);
  });

  it('shows the apply entry for a signed-out visitor; works at a phone width', async () => {
    const order = await pushOrder(t);
    const phone = await customerContext(browser, base, locale, { phone: true });
    await phone.page.goto(`${base}/apply?orderNumber=${order.orderNumber}`);
    await expect(phone.page.locator('main').innerText()).resolves.toContain(order.orderNumber);
    expect(await checkPage(phone.page, `${locale}-apply-phone`)).toEqual([]);
    await phone.page.goto(base);
    expect(await checkPage(phone.page, `${locale}-home-phone`)).toEqual([]);
    await phone.context.close();
    expect(phone.outsideRequests).toEqual([]);
  });

  it('loaded nothing from another host and logged no console error', () => {
    expect(outsideRequests).toEqual([]);
    expect(consoleErrors).toEqual([]);
  });
});
