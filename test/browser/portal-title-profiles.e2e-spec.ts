import type { Browser, Page } from 'playwright-core';
import { createTestApp, TestApp } from '../support/test-app';
import { payingCustomer, PayingCustomer, specialTitle } from '../fapiao/fapiao-fixtures';
import { launchBrowser } from './browser';
import { checkPage, customerContext, listen, signInInBrowser } from './portal-browser';

const HAN = /[\u4e00-\u9fff]/;

// A busy 2-core machine runs several suites at once: wait generously, never assert speed.
jest.setTimeout(240_000);

/**
 * Saved titles and email delivery in a real browser (zh-CN): save a title, apply with it picked
 * from the apply page, keep the default email delivery, confirm. Every page is screenshot
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
    const application = await page.locator('main').innerText();
    expect(application).toContain('申请已提交');
    expect(application).toContain('电子发票，发送到邮箱');
    expect(application).toContain(`${customer.email}, finance@example.com`);
    await check('application');

    expect(outsideRequests).toEqual([]);
    expect(consoleErrors).toEqual([]);
  });
});
