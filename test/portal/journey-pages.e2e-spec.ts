import { StaffSupportRequestsService } from '../../src/fapiao/support/staff-support-requests.service';
import { registerAndLogin } from '../support/customers';
import { pushOrder, pushPayment } from '../support/payment-platform';
import { createTestApp, TestApp } from '../support/test-app';
import {
  createDraft,
  mailedShipping,
  payingCustomer,
  PAYER,
  specialTitle,
  staff,
  STAFF,
  submitted,
} from '../fapiao/fapiao-fixtures';
import {
  csrfTokenOf,
  portalAgent,
  PortalAgent,
  signInThroughForm,
  submitForm,
  textOf,
} from './portal-kit';

async function rowCounts(t: TestApp): Promise<string> {
  const [row]: { apps: string; history: string; requests: string }[] = await t.dataSource.query(
    `SELECT (SELECT count(*) FROM fapiao_applications) AS apps,
            (SELECT count(*) FROM application_history) AS history,
            (SELECT count(*) FROM support_requests) AS requests`,
  );
  return JSON.stringify(row);
}

/** The id of the application on the page the agent was sent to (`/applications/{id}`). */
function applicationIdFrom(location: string): string {
  const match = /^\/applications\/([0-9a-f-]{36})$/.exec(location);
  if (!match) throw new Error(`not an application page: ${location}`);
  return match[1];
}

describe('Portal journey pages', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  async function signedIn(email: string, password: string, locale = 'en'): Promise<PortalAgent> {
    const agent = portalAgent(t, locale);
    await signInThroughForm(agent, email, password);
    return agent;
  }

  it('signed out, every journey page leads through sign-in and back', async () => {
    const agent = portalAgent(t, 'en');
    for (const path of ['/billing-records', '/applications', '/support-requests/new']) {
      const res = await agent.get(path);
      expect(res.status).toBe(303);
      expect(res.headers.location).toBe(`/login?next=${encodeURIComponent(path)}`);
    }
  });

  it("billing records: unsynced, then synced with Apply; the bill page; another customer's bill is a 404 page", async () => {
    const order = await pushOrder(t, { amountFen: 128_800 });
    const account = await registerAndLogin(t, { orderNumber: order.orderNumber, locale: 'en' });
    const agent = await signedIn(account.email, account.password);

    let page = await agent.get('/billing-records');
    expect(page.status).toBe(200);
    let text = textOf(page.text);
    expect(text).toContain(order.orderNumber);
    expect(text).toContain('¥1,288.00');
    expect(text).toContain('Not synced yet');
    expect(text).toContain('usually about three days after payment');
    expect(page.text).not.toContain(`/billing-records/${order.orderNumber}/apply"`);

    const early = await agent.get(`/billing-records/${order.orderNumber}/apply`);
    expect(early.status).toBe(422);
    expect(textOf(early.text)).toContain("This bill's payment has not synced yet");

    await pushPayment(t, order.orderNumber, { payerName: PAYER });
    page = await agent.get('/billing-records');
    text = textOf(page.text);
    expect(text).toContain('Synced');
    expect(text).toContain('Not applied for');
    expect(page.text).toContain(`href="/billing-records/${order.orderNumber}/apply"`);

    const zh = await signedIn(account.email, account.password, 'zh-CN');
    // The account's locale (en) wins over the browser's language.
    expect(textOf((await zh.get('/billing-records')).text)).toContain('Billing records');

    const detail = await agent.get(`/billing-records/${order.orderNumber}`);
    expect(detail.status).toBe(200);
    expect(textOf(detail.text)).toContain('Cloud server, 1 month');
    expect(textOf(detail.text)).toContain(PAYER);

    const other = await pushOrder(t);
    const foreign = await agent.get(`/billing-records/${other.orderNumber}`);
    expect(foreign.status).toBe(404);
    expect(foreign.headers['content-type']).toMatch(/html/);
  });

  it('applies for a special fapiao in three steps, keeps the draft, refuses wrong input beside the field', async () => {
    const customer = await payingCustomer(t, { locale: 'zh-CN' });
    const agent = await signedIn(customer.email, customer.password, 'zh-CN');
    const apply = `/billing-records/${customer.orderNumber}/apply`;
    const before = await rowCounts(t);

    // Step 1, wrong: special without its buyer name and with a mistyped taxpayer ID; address,
    // phone and bank account are optional (printed only when given).
    const wrong = await submitForm(agent, apply, apply, {
      type: 'special',
      buyerName: '',
      taxId: '91350100M000100Y44',
      address: '',
      phone: '',
      bankName: '中国银行上海分行',
      bankAccount: '',
      purpose: 'none',
    });
    expect(wrong.status).toBe(422);
    expect(wrong.text).toMatch(/id="field-taxId-error"[^>]*>纳税人识别号不正确/);
    expect(wrong.text).toMatch(/aria-describedby="[^"]*field-taxId-error/);
    expect(wrong.text).toMatch(/id="field-buyerName-error"[^>]*>请填写此项/);
    expect(wrong.text).not.toMatch(/id="field-address-error"/);
    expect(wrong.text).toContain('value="中国银行上海分行"');
    expect(wrong.text).toContain('value="91350100M000100Y44"');
    expect(wrong.text).toMatch(/value="special" checked/);
    expect(await rowCounts(t)).toBe(before);

    const noType = await submitForm(agent, apply, apply, { buyerName: PAYER });
    expect(noType.status).toBe(400);
    expect(noType.text).toMatch(/id="field-type-error"[^>]*>请选择类型/);
    expect(noType.text).toContain(`value="${PAYER}"`);

    // The check as you type answers with the same rule.
    const check = await agent.get(`${apply}/tax-id-check?taxId=91350100M000100Y44`);
    expect(check.body).toEqual({
      valid: false,
      message: expect.stringContaining('纳税人识别号不正确'),
    });
    expect((await agent.get(`${apply}/tax-id-check?taxId=91350100M000100Y43`)).body).toEqual({
      valid: true,
    });
    // A resident ID number: fine for a normal fapiao, refused for a special one, said in Chinese.
    const personal = `${apply}/tax-id-check?taxId=34052419800101001X`;
    expect((await agent.get(personal)).body).toEqual({ valid: true });
    expect((await agent.get(`${personal}&type=special`)).body).toEqual({
      valid: false,
      message: expect.stringContaining('增值税专用发票只能开给有纳税人识别号的单位'),
    });

    // Step 1, right; nothing written yet (the API's draft needs the delivery too).
    const titled = await submitForm(agent, apply, apply, {
      type: 'special',
      purpose: 'none',
      ...specialTitle,
    });
    expect(titled.status).toBe(303);
    expect(titled.headers.location).toBe(`${apply}/delivery`);
    expect(await rowCounts(t)).toBe(before);

    // Step 2 shows the shipping service's methods and the branch for pick-up.
    const delivery = await agent.get(`${apply}/delivery`);
    const deliveryText = textOf(delivery.text);
    expect(deliveryText).toContain('韵达快递');
    expect(deliveryText).toContain('顺丰速运（运费到付）');
    expect(deliveryText).toContain('到上海分公司自取');
    expect(deliveryText).toContain('科苑路88号');
    // Email is the default, to the account's own address; paper stays on request.
    expect(deliveryText).toContain('电子发票，发送到邮箱');
    expect(delivery.text).toMatch(/value="email"[^>]*checked/);
    expect(delivery.text).toContain(`value="${customer.email}"`);
    const badDelivery = await submitForm(agent, `${apply}/delivery`, `${apply}/delivery`, {
      ...mailedShipping,
      phone: '12345',
      postalCode: '20120',
    });
    expect(badDelivery.status).toBe(422);
    expect(badDelivery.text).toMatch(/id="field-phone-error"/);
    expect(badDelivery.text).toMatch(/id="field-postalCode-error"[^>]*>邮政编码应为 6 位数字/);
    expect(badDelivery.text).toContain(`value="${mailedShipping.address}"`);
    expect(await rowCounts(t)).toBe(before);

    const delivered = await submitForm(
      agent,
      `${apply}/delivery`,
      `${apply}/delivery`,
      mailedShipping,
    );
    expect(delivered.status).toBe(303);
    expect(delivered.headers.location).toBe(`${apply}/review`);

    // The draft is kept: the bill offers to continue it, step 1 comes back filled from it.
    const records = await agent.get('/billing-records');
    expect(textOf(records.text)).toContain('继续申请');
    const again = await agent.get(apply);
    expect(again.text).toContain(`value="${specialTitle.taxId}"`);
    expect(again.text).toMatch(/value="special" checked/);

    const review = await agent.get(`${apply}/review`);
    const reviewText = textOf(review.text);
    expect(reviewText).toContain('增值税专用发票');
    expect(reviewText).toContain(specialTitle.bankAccount);
    expect(reviewText).toContain('顺丰速运（运费到付）');
    expect(reviewText).toContain('¥128.00');

    // A stale version (edited elsewhere meanwhile) is refused on the review page, nothing changes.
    const stale = await agent
      .post(`${apply}/confirm`)
      .type('form')
      .send({ _csrf: csrfTokenOf(review.text), version: '99' });
    expect(stale.status).toBe(409);
    expect(textOf(stale.text)).toContain('此申请刚刚在别处被修改');

    const confirmed = await agent
      .post(`${apply}/confirm`)
      .type('form')
      .send({
        _csrf: csrfTokenOf(review.text),
        version: /name="version" value="(\d+)"/.exec(review.text)![1],
      });
    expect(confirmed.status).toBe(303);
    const id = applicationIdFrom(confirmed.headers.location);
    const detail = await agent.get(confirmed.headers.location);
    const detailText = textOf(detail.text);
    expect(detailText).toContain('申请已提交');
    expect(detailText).toContain('已提交');
    expect(detailText).toMatch(/预计完成日期 \d{4}-\d{2}-\d{2} /);
    expect(detailText).not.toMatch(/\d{2}:\d{2}/);

    // Held now: no second application for the bill.
    expect((await agent.get(apply)).status).toBe(409);

    // Staff issue and mail it: the page shows mailed out with the tracking number.
    await staff(t).startProcessing(id, STAFF);
    await staff(t).issue(id, STAFF, [
      { number: '04400077', issueDate: '2026-03-02', amountFen: 12_800, taxAmountFen: 736 },
    ]);
    await staff(t).markMailedOut(id, STAFF, {
      carrier: 'SF Express',
      trackingNumber: 'SF1234567890',
    });
    const mailed = textOf((await agent.get(`/applications/${id}`)).text);
    expect(mailed).toContain('已寄出');
    expect(mailed).toContain('SF1234567890');
    expect(mailed).toContain('04400077');
    expect(mailed).toContain('已开票');
    expect((await agent.get(`/applications/${id}`)).text).not.toContain('/cancel"');
  });

  it('applies with email delivery to the addresses typed, refusing a wrong one beside the field', async () => {
    const customer = await payingCustomer(t, { locale: 'zh-CN' });
    const agent = await signedIn(customer.email, customer.password, 'zh-CN');
    const apply = `/billing-records/${customer.orderNumber}/apply`;
    await submitForm(agent, apply, apply, { type: 'normal', purpose: 'none', buyerName: PAYER });
    const before = await rowCounts(t);
    const wrong = await submitForm(agent, `${apply}/delivery`, `${apply}/delivery`, {
      method: 'email',
      deliveryEmails: 'finance@example.com, nobody',
      // A paper field typed before switching to email is not part of the choice.
      recipient: '张三',
    });
    expect(wrong.status).toBe(422);
    expect(wrong.text).toMatch(
      /id="field-deliveryEmails-error"[^>]*>请填写 1 至 5 个有效的邮箱地址/,
    );
    expect(wrong.text).toContain('value="finance@example.com, nobody"');
    expect(await rowCounts(t)).toBe(before);

    const delivered = await submitForm(agent, `${apply}/delivery`, `${apply}/delivery`, {
      method: 'email',
      deliveryEmails: 'finance@example.com；Li.Si@example.com',
    });
    expect(delivered.status).toBe(303);
    const review = textOf((await agent.get(`${apply}/review`)).text);
    expect(review).toContain('电子发票，发送到邮箱');
    expect(review).toContain('接收发票的邮箱 finance@example.com, li.si@example.com');
  });

  it('a draft written meanwhile by another client is continued, not doubled', async () => {
    const customer = await payingCustomer(t, { locale: 'en' });
    const agent = await signedIn(customer.email, customer.password);
    const apply = `/billing-records/${customer.orderNumber}/apply`;
    const titled = await submitForm(agent, apply, apply, {
      type: 'special',
      purpose: 'none',
      ...specialTitle,
    });
    expect(titled.status).toBe(303);
    // The API (another tab, an integration) writes a normal draft for the same bill meanwhile.
    const draftId = await createDraft(t, customer);
    const delivered = await submitForm(agent, `${apply}/delivery`, `${apply}/delivery`, {
      method: 'pickup',
      recipient: '李四',
      phone: '021-28986102',
    });
    expect(delivered.status).toBe(303);
    const review = textOf((await agent.get(`${apply}/review`)).text);
    expect(review).toContain('Special VAT fapiao');
    expect(review).toContain('Paper fapiao, picked up at the Shanghai branch');
    expect(review).toContain('Keyuan Road');
    const drafts: { id: string }[] = await t.dataSource.query(
      'SELECT id FROM fapiao_applications WHERE order_number = $1',
      [customer.orderNumber],
    );
    expect(drafts).toEqual([{ id: draftId }]);
  });

  it('applications: list, cancel while allowed, a refused cancel changes nothing; unknown ids are 404 pages', async () => {
    const customer = await payingCustomer(t, { locale: 'en' });
    const id = await submitted(t, customer);
    const agent = await signedIn(customer.email, customer.password);

    const list = textOf((await agent.get('/applications')).text);
    expect(list).toContain(customer.orderNumber);
    expect(list).toContain('Submitted');

    const page = await agent.get(`/applications/${id}`);
    expect(page.text).toContain(`action="/applications/${id}/cancel"`);
    const token = csrfTokenOf(page.text);
    await staff(t).startProcessing(id, STAFF);
    const before = await rowCounts(t);
    const late = await agent.post(`/applications/${id}/cancel`).type('form').send({ _csrf: token });
    expect(late.status).toBe(409);
    expect(textOf(late.text)).toContain('The application has moved on');
    expect(await rowCounts(t)).toBe(before);

    const second = await payingCustomer(t, { locale: 'en' });
    const secondId = await submitted(t, second);
    const other = await signedIn(second.email, second.password);
    const cancel = await submitForm(
      other,
      `/applications/${secondId}`,
      `/applications/${secondId}/cancel`,
      {},
    );
    expect(cancel.status).toBe(303);
    expect(textOf((await other.get(`/applications/${secondId}`)).text)).toContain(
      'The application is cancelled.',
    );

    // While out of use: the expected issue date, a date without a time.
    await staff(t).putOnHold(id, STAFF, {
      expectedIssueDate: '2026-12-20',
      notice: 'Fapiao stock is used up.',
    });
    const held = textOf((await agent.get(`/applications/${id}`)).text);
    expect(held).toContain('On hold');
    expect(held).toContain('Expected issue date 2026-12-20');
    expect(held).not.toMatch(/\d{2}:\d{2}/);

    expect((await other.get(`/applications/${id}`)).status).toBe(404);
    expect((await other.get('/billing-records/SO-NO-SUCH-ORDER/apply')).status).toBe(404);
    expect((await other.get('/applications/not-an-id')).status).toBe(404);
    expect((await other.get('/support-requests/not-an-id')).status).toBe(404);
  });

  it('support requests: a split must add up (checked on the server, typed lines kept), then shows with its status', async () => {
    const customer = await payingCustomer(t, { locale: 'en', amountFen: 30_000 });
    await submitted(t, customer);
    const agent = await signedIn(customer.email, customer.password);
    const before = await rowCounts(t);

    const form = await agent.get(`/support-requests/new?orderNumber=${customer.orderNumber}`);
    expect(form.status).toBe(200);
    expect(form.text).toContain('data-sum-of="lineAmount"');
    // The bill's fapiao type decides which title fields a line asks for (journey.js).
    expect(form.text).toMatch(
      new RegExp(
        `value="${customer.orderNumber}" data-amount-fen="30000" data-fapiao-type="normal" selected`,
      ),
    );
    const token = csrfTokenOf(form.text);
    const send = (fields: Record<string, unknown>) =>
      agent
        .post('/support-requests')
        .type('form')
        .send({ _csrf: token, ...fields });

    const mismatch = await send({
      type: 'split',
      orderNumber: customer.orderNumber,
      lineBuyerName: [PAYER, 'Second Buyer Ltd.', '', ''],
      lineAmount: ['100.00', '150', '', ''],
    });
    expect(mismatch.status).toBe(422);
    expect(mismatch.text).toMatch(/id="field-lines-error"[^>]*>The lines must add up exactly/);
    expect(mismatch.text).toContain('value="Second Buyer Ltd."');
    expect(mismatch.text).toContain('value="150"');

    const badAmount = await send({
      type: 'split',
      orderNumber: customer.orderNumber,
      lineBuyerName: [PAYER, ''],
      lineAmount: ['1x0', '200'],
    });
    expect(badAmount.status).toBe(400);
    expect(badAmount.text).toMatch(/id="field-lineAmount-0-error"[^>]*>Enter an amount above zero/);
    expect(badAmount.text).toMatch(/aria-describedby="field-lineAmount-0-error"/);
    expect(await rowCounts(t)).toBe(before);

    const noBill = await send({ type: 'retitle', orderNumber: '', newBuyerName: 'X' });
    expect(noBill.status).toBe(404);
    expect(await rowCounts(t)).toBe(before);

    const created = await send({
      type: 'split',
      orderNumber: customer.orderNumber,
      lineBuyerName: [PAYER, 'Second Buyer Ltd.'],
      lineAmount: ['100.00', '200'],
      message: 'Two departments pay.',
    });
    expect(created.status).toBe(303);
    const detail = textOf((await agent.get(created.headers.location)).text);
    expect(detail).toContain('Your support request is sent.');
    expect(detail).toContain('Open');
    expect(detail).toContain('Second Buyer Ltd.');
    expect(detail).toContain('¥200.00');
    expect(detail).toContain('Two departments pay.');

    // Support's reply and step show on the page the support mails link to.
    const requestId = created.headers.location.split('/').pop()!;
    const support = t.get(StaffSupportRequestsService);
    await support.startProgress(requestId, STAFF);
    await support.reply(requestId, STAFF, 'We split it this afternoon.');
    const replied = textOf((await agent.get(`/support-requests/${requestId}`)).text);
    expect(replied).toContain('In progress');
    expect(replied).toContain('We split it this afternoon.');
    expect(replied).not.toContain('No replies yet.');

    const list = textOf((await agent.get('/support-requests')).text);
    expect(list).toContain('Split the bill');
    expect(list).toContain(customer.orderNumber);
  });

  it('support requests: retitle with a wrong taxpayer ID is refused beside the field; not received and other are sent', async () => {
    const customer = await payingCustomer(t, { locale: 'en' });
    const id = await submitted(t, customer);
    await staff(t).startProcessing(id, STAFF);
    await staff(t).issue(id, STAFF, [
      { number: '04400099', issueDate: '2026-03-02', amountFen: 12_800, taxAmountFen: 736 },
    ]);
    const agent = await signedIn(customer.email, customer.password);
    const form = await agent.get('/support-requests/new?type=retitle');
    expect(form.text).toMatch(/value="retitle" checked/);
    const token = csrfTokenOf(form.text);
    const send = (fields: Record<string, unknown>) =>
      agent
        .post('/support-requests')
        .type('form')
        .send({ _csrf: token, ...fields });
    const before = await rowCounts(t);

    const wrong = await send({
      type: 'retitle',
      orderNumber: customer.orderNumber,
      newBuyerName: 'New Buyer Ltd.',
      newTaxId: '9135010',
      message: 'Our name changed.',
    });
    expect(wrong.status).toBe(422);
    expect(wrong.text).toMatch(
      /id="field-newTaxId-error"[^>]*>The new taxpayer ID is not valid \(must be an 18-character/,
    );
    expect(wrong.text).toContain('value="New Buyer Ltd."');
    expect(wrong.text).toContain('Our name changed.</textarea>');
    expect(await rowCounts(t)).toBe(before);

    const retitled = await send({
      type: 'retitle',
      orderNumber: customer.orderNumber,
      newBuyerName: 'New Buyer Ltd.',
    });
    expect(retitled.status).toBe(303);
    const retitle = textOf((await agent.get(retitled.headers.location)).text);
    expect(retitle).toContain('New title');
    expect(retitle).toContain('New Buyer Ltd.');

    const other = await send({
      type: 'other',
      orderNumber: customer.orderNumber,
      message: 'A question.',
    });
    expect(other.status).toBe(303);
    expect(textOf((await agent.get(other.headers.location)).text)).toContain('A question.');

    const unknownType = await send({ type: 'refund-me', orderNumber: customer.orderNumber });
    expect(unknownType.status).toBe(400);
    expect(unknownType.text).toMatch(/id="field-type-error"[^>]*>Choose a type\./);
  });

  it('a state-changing journey form without the CSRF token changes nothing', async () => {
    const customer = await payingCustomer(t, { locale: 'en' });
    const agent = await signedIn(customer.email, customer.password);
    const before = await rowCounts(t);
    const apply = `/billing-records/${customer.orderNumber}/apply`;
    for (const [path, body] of [
      [apply, { type: 'normal', buyerName: PAYER }],
      [`${apply}/delivery`, mailedShipping],
      ['/support-requests', { type: 'other', orderNumber: customer.orderNumber, message: 'x' }],
    ] as const) {
      const res = await agent.post(path).type('form').send(body);
      expect(res.status).toBe(403);
    }
    expect(await rowCounts(t)).toBe(before);
  });
});
