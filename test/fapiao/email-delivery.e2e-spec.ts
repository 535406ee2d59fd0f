import { createTestApp, TestApp } from '../support/test-app';
import {
  APPLICATIONS,
  applicationBody,
  authed,
  fapiaoRowCounts,
  mailedShipping,
  mailsTo,
  payingCustomer,
  STAFF,
  staff,
} from './fapiao-fixtures';

/** Delivery `email`: the default for new applications; paper stays on request. */
describe('fapiao delivery by email', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  /** The body of an application that names no delivery at all. */
  function withoutDelivery(orderNumber: string, overrides: Record<string, unknown> = {}) {
    const { shipping: _none, ...body } = applicationBody(orderNumber, overrides);
    return body;
  }

  it("is the default: no delivery given means email to the account's address", async () => {
    const customer = await payingCustomer(t, { locale: 'en' });
    const api = authed(t, customer.token);
    const created = await api.post(APPLICATIONS, withoutDelivery(customer.orderNumber));
    expect(created.status).toBe(201);
    expect(created.body.shipping).toEqual({
      method: 'email',
      deliveryEmails: [customer.email],
    });

    const confirmed = await api.post(`${APPLICATIONS}/${created.body.id}/confirm`);
    expect(confirmed.status).toBe(200);
    const [received] = await mailsTo(t, customer.email, /received/i);
    expect(received.text).toContain('Digital fapiao by email');
    expect(received.text).toContain(customer.email);

    const [row]: { shipping_delivery_emails: string[] }[] = await t.dataSource.query(
      `SELECT shipping_delivery_emails FROM fapiao_applications WHERE id = $1`,
      [created.body.id],
    );
    expect(row.shipping_delivery_emails).toEqual([customer.email]);
  });

  it("also fills in the account's address when email is chosen without addresses", async () => {
    const customer = await payingCustomer(t);
    const res = await authed(t, customer.token).post(
      APPLICATIONS,
      applicationBody(customer.orderNumber, { shipping: { method: 'email' } }),
    );
    expect(res.status).toBe(201);
    expect(res.body.shipping.deliveryEmails).toEqual([customer.email]);
  });

  it('sends to several addresses, trimmed, lower-cased and each once, in the mail too', async () => {
    const customer = await payingCustomer(t, { locale: 'zh-CN' });
    const api = authed(t, customer.token);
    const created = await api.post(
      APPLICATIONS,
      applicationBody(customer.orderNumber, {
        shipping: {
          method: 'email',
          deliveryEmails: [' Finance@Example.com ', 'li.si@example.com', 'finance@example.com'],
        },
      }),
    );
    expect(created.status).toBe(201);
    expect(created.body.shipping).toEqual({
      method: 'email',
      deliveryEmails: ['finance@example.com', 'li.si@example.com'],
    });
    const read = await api.get(`${APPLICATIONS}/${created.body.id}`);
    expect(read.body.shipping.deliveryEmails).toEqual(['finance@example.com', 'li.si@example.com']);

    await api.post(`${APPLICATIONS}/${created.body.id}/confirm`);
    const [received] = await mailsTo(t, customer.email, /已收到/);
    expect(received.text).toContain('电子发票，发送到邮箱');
    expect(received.text).toContain('finance@example.com, li.si@example.com');

    // The next application starts from this one's delivery.
    const prefill = await api.get('/api/v1/fapiao/prefill');
    expect(prefill.body.shipping).toEqual({
      method: 'email',
      deliveryEmails: ['finance@example.com', 'li.si@example.com'],
    });
  });

  it('changes a draft from email to paper and back', async () => {
    const customer = await payingCustomer(t);
    const api = authed(t, customer.token);
    const created = await api.post(APPLICATIONS, withoutDelivery(customer.orderNumber));
    const id = created.body.id as string;
    const paper = await api.patch(`${APPLICATIONS}/${id}`, { shipping: mailedShipping });
    expect(paper.status).toBe(200);
    expect((await api.get(`${APPLICATIONS}/${id}`)).body.shipping).toEqual(mailedShipping);
    await api.patch(`${APPLICATIONS}/${id}`, { shipping: { method: 'email' } });
    expect((await api.get(`${APPLICATIONS}/${id}`)).body.shipping).toEqual({
      method: 'email',
      deliveryEmails: [customer.email],
    });
  });

  describe('refuses, writing nothing', () => {
    let customer: Awaited<ReturnType<typeof payingCustomer>>;
    beforeAll(async () => {
      customer = await payingCustomer(t);
    });

    async function refused(shipping: object) {
      const before = await fapiaoRowCounts(t);
      const res = await authed(t, customer.token).post(
        APPLICATIONS,
        applicationBody(customer.orderNumber, { shipping }),
      );
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(await fapiaoRowCounts(t)).toEqual(before);
      return res;
    }

    it.each([
      ['an address that is not one', ['finance@example.com', 'not-an-address'], /not-an-address/],
      [
        'more than five addresses',
        ['a', 'b', 'c', 'd', 'e', 'f'].map((n) => `${n}@example.com`),
        /at most 5/,
      ],
    ])('%s (422)', async (_what, deliveryEmails, message) => {
      const res = await refused({ method: 'email', deliveryEmails });
      expect(res.status).toBe(422);
      expect(res.body.errors).toEqual([
        { field: 'shipping.deliveryEmails', message: expect.stringMatching(message) },
      ]);
    });

    it('a postal address with email delivery (422)', async () => {
      const res = await refused({ ...mailedShipping, method: 'email' });
      expect(res.status).toBe(422);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual([
        'shipping.recipient',
        'shipping.phone',
        'shipping.province',
        'shipping.city',
        'shipping.district',
        'shipping.address',
        'shipping.postalCode',
      ]);
    });

    it('addresses with a paper method (422)', async () => {
      const res = await refused({ ...mailedShipping, deliveryEmails: ['a@example.com'] });
      expect(res.status).toBe(422);
      expect(res.body.errors).toEqual([
        { field: 'shipping.deliveryEmails', message: expect.stringMatching(/unless the method/) },
      ]);
    });

    it.each([
      ['a string instead of a list', 'a@example.com'],
      ['a number in the list', [5]],
    ])('%s (400)', async (_what, deliveryEmails) => {
      const res = await refused({ method: 'email', deliveryEmails });
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
    });
  });

  it('is issued without a parcel: staff cannot mark it mailed out', async () => {
    const customer = await payingCustomer(t);
    const api = authed(t, customer.token);
    const created = await api.post(APPLICATIONS, withoutDelivery(customer.orderNumber));
    const id = created.body.id as string;
    await api.post(`${APPLICATIONS}/${id}/confirm`);
    await staff(t).startProcessing(id, STAFF);
    await staff(t).issue(id, STAFF, [
      {
        number: '04419001',
        issueDate: '2026-11-24',
        amountFen: customer.amountFen,
        taxAmountFen: 100,
      },
    ]);
    await expect(
      staff(t).markMailedOut(id, STAFF, { carrier: 'SF Express', trackingNumber: 'SF0000000009' }),
    ).rejects.toMatchObject({ code: 'ILLEGAL_TRANSITION' });
    expect((await api.get(`${APPLICATIONS}/${id}`)).body.status).toBe('issued');
  });

  it('keeps method and addresses together in the database', async () => {
    const customer = await payingCustomer(t);
    const created = await authed(t, customer.token).post(
      APPLICATIONS,
      withoutDelivery(customer.orderNumber),
    );
    await expect(
      t.dataSource.query(
        `UPDATE fapiao_applications SET shipping_delivery_emails = NULL WHERE id = $1`,
        [created.body.id],
      ),
    ).rejects.toMatchObject({ constraint: 'ck_fapiao_applications_delivery_emails' });
    await expect(
      t.dataSource.query(
        `UPDATE fapiao_applications SET shipping_method = 'ems', shipping_delivery_emails = NULL
          WHERE id = $1`,
        [created.body.id],
      ),
    ).rejects.toMatchObject({ constraint: 'ck_fapiao_applications_shipping_method' });
  });

  it('documents the optional delivery and its addresses in OpenAPI', async () => {
    const res = await t.http().get('/api/docs-json');
    const schemas = res.body.components.schemas;
    expect(schemas.CreateApplicationDto.required).not.toContain('shipping');
    expect(schemas.ShippingInputDto.properties.method.enum).toEqual([
      'email',
      'yunda',
      'sf_freight_collect',
      'pickup',
    ]);
    expect(schemas.ShippingInputDto.properties.deliveryEmails).toMatchObject({ type: 'array' });
    expect(schemas.ShippingDto.properties.deliveryEmails).toMatchObject({ type: 'array' });
  });
});
