import { setTimeout as sleep } from 'node:timers/promises';
import {
  orderBody,
  ORDERS_PATH,
  postSigned,
  pushOrder,
  signPayload,
} from '../support/payment-platform';
import { createTestApp, TestApp } from '../support/test-app';
import { MINUTE, SECOND } from '../support/test-clock';
import { deliverMail } from '../support/customers';

describe('payment platform: order pushes', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  const countOrders = async (orderNumber: string): Promise<number> =>
    Number(
      (
        await t.dataSource.query('SELECT count(*) AS n FROM orders WHERE order_number = $1', [
          orderNumber,
        ])
      )[0].n,
    );

  it('stores a signed order and mails exactly one confirmation, also when pushed again', async () => {
    const body = orderBody({
      locale: 'en',
      amountFen: 30_000,
      items: [
        { description: 'Cloud server, 1 year', amountFen: 25_000 },
        { description: 'Backup storage', amountFen: 5_000 },
      ],
    });
    const first = await postSigned(t, ORDERS_PATH, body);
    expect(first.status).toBe(201);
    expect(first.body).toEqual({ orderNumber: body.orderNumber, created: true });

    const again = await postSigned(t, ORDERS_PATH, body);
    expect(again.status).toBe(200);
    expect(again.body).toEqual({ orderNumber: body.orderNumber, created: false });

    // Same meaning, different bytes: every key order reversed, the instant written in UTC.
    const third = await postSigned(
      t,
      ORDERS_PATH,
      JSON.stringify(reverseKeys({ ...body, orderedAt: '2026-03-01T02:15:00Z' })),
    );
    expect(third.status).toBe(200);

    expect(await countOrders(body.orderNumber)).toBe(1);
    const [order] = await t.dataSource.query(
      `SELECT o.amount_fen, o.currency, o.locale, o.items, o.ordered_at, c.external_id, c.name
         FROM orders o JOIN customers c ON c.id = o.customer_id WHERE o.order_number = $1`,
      [body.orderNumber],
    );
    expect(order).toMatchObject({
      amount_fen: 30_000,
      currency: 'CNY',
      locale: 'en',
      items: body.items,
      external_id: body.customer.externalId,
      name: body.customer.name,
    });
    expect(order.ordered_at.toISOString()).toBe('2026-03-01T02:15:00.000Z');

    await deliverMail(t);
    const mails = await t.mail.waitFor((m) => m.to.includes(body.contactEmail));
    await sleep(200);
    expect(t.mail.to(body.contactEmail)).toHaveLength(1);
    const [mail] = mails;
    expect(mail.subject).toMatch(/^Order .* confirmed/); // the order's locale: en
    expect(mail.text).toContain(body.orderNumber);
    expect(mail.text).toContain('300.00');
    expect(mail.links).toContain(
      `http://fapiao.test/register?orderNumber=${encodeURIComponent(body.orderNumber)}`,
    );
  });

  it('settles concurrent identical pushes into one order and one mail', async () => {
    const { locale: _locale, ...body } = orderBody();
    const results = await Promise.all(
      Array.from({ length: 6 }, () => postSigned(t, ORDERS_PATH, body)),
    );
    expect(results.map((r) => r.status).sort()).toEqual([200, 200, 200, 200, 200, 201]);
    expect(await countOrders(body.orderNumber)).toBe(1);
    await deliverMail(t);
    const [mail] = await t.mail.waitFor((m) => m.to.includes(body.contactEmail));
    await sleep(200);
    expect(t.mail.to(body.contactEmail)).toHaveLength(1);
    expect(mail.subject).toContain('订单'); // no locale pushed: zh-CN
  });

  it('answers 409 for a different body under an existing order number, and keeps the first', async () => {
    const body = await pushOrder(t);
    const changed = { ...body, contactEmail: 'someone-else@example.com' };
    const res = await postSigned(t, ORDERS_PATH, changed);
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ code: 'ORDER_NUMBER_CONFLICT', status: 409 });
    const [row] = await t.dataSource.query(
      'SELECT contact_email FROM orders WHERE order_number = $1',
      [body.orderNumber],
    );
    expect(row.contact_email).toBe(body.contactEmail);
  });

  it('records later orders of a known customer under the same customer', async () => {
    const first = await pushOrder(t);
    const second = await pushOrder(t, { customer: first.customer });
    const rows = await t.dataSource.query(
      'SELECT DISTINCT customer_id FROM orders WHERE order_number = ANY($1)',
      [[first.orderNumber, second.orderNumber]],
    );
    expect(rows).toHaveLength(1);
  });

  describe('signature', () => {
    const expectRefused = async (
      send: () => ReturnType<typeof postSigned>,
      orderNumber: string,
      detail: RegExp,
    ) => {
      const res = await send();
      expect(res.status).toBe(401);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body).toMatchObject({ code: 'INVALID_SIGNATURE', status: 401 });
      expect(res.body.detail).toMatch(detail);
      expect(await countOrders(orderNumber)).toBe(0);
    };

    it('refuses a tampered body', async () => {
      const body = orderBody();
      const signed = JSON.stringify(body);
      const tampered = JSON.stringify({
        ...body,
        amountFen: 1,
        items: [{ description: 'x', amountFen: 1 }],
      });
      await expectRefused(
        () =>
          t
            .http()
            .post(ORDERS_PATH)
            .set('Content-Type', 'application/json')
            .set('X-Signature', signPayload(t.config.paymentWebhookSecret, signed, nowSeconds()))
            .send(tampered),
        body.orderNumber,
        /does not match/,
      );
    });

    it('refuses a signature made with another secret', async () => {
      const body = orderBody();
      await expectRefused(
        () => postSigned(t, ORDERS_PATH, body, { secret: 'not-the-platform-secret-at-all' }),
        body.orderNumber,
        /does not match/,
      );
    });

    it('refuses a stale timestamp (more than five minutes old) even with a correct HMAC', async () => {
      const body = orderBody();
      await expectRefused(
        () =>
          postSigned(t, ORDERS_PATH, body, {
            timestamp: nowSeconds() - (5 * MINUTE + 5 * SECOND) / 1000,
          }),
        body.orderNumber,
        /5 minutes/,
      );
    });

    it('refuses a missing signature', async () => {
      const body = orderBody();
      await expectRefused(() => t.http().post(ORDERS_PATH).send(body), body.orderNumber, /missing/);
    });

    it('answers 401, not 400, for a malformed body with a bad signature', async () => {
      const res = await postSigned(
        t,
        ORDERS_PATH,
        { nonsense: true },
        { secret: 'wrong-secret-wrong-secret' },
      );
      expect(res.status).toBe(401);
    });

    it('follows the app clock: a push signed at the frozen time passes', async () => {
      t.clock.set('2030-01-01T00:00:00Z');
      try {
        const body = orderBody();
        expect((await postSigned(t, ORDERS_PATH, body)).status).toBe(201);
        const realNow = Math.floor(Date.now() / 1000);
        const res = await postSigned(t, ORDERS_PATH, orderBody(), { timestamp: realNow });
        expect(res.status).toBe(401);
      } finally {
        t.clock.reset();
      }
    });
  });

  describe('validation', () => {
    const fieldsOf = (res: { body: { errors?: { field: string }[] } }) =>
      new Set((res.body.errors ?? []).map((e) => e.field));

    it('names every missing field', async () => {
      const res = await postSigned(t, ORDERS_PATH, {});
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
      expect(fieldsOf(res)).toEqual(
        new Set([
          'orderNumber',
          'customer',
          'contactEmail',
          'amountFen',
          'currency',
          'items',
          'orderedAt',
        ]),
      );
    });

    it.each([
      ['a negative amount', { amountFen: -100 }, 'amountFen'],
      ['a zero amount', { amountFen: 0 }, 'amountFen'],
      ['a fractional amount', { amountFen: 128.5 }, 'amountFen'],
      ['an amount as a string', { amountFen: '12800' }, 'amountFen'],
      ['a currency other than CNY', { currency: 'USD' }, 'currency'],
      ['an unknown field', { discount: 5 }, 'discount'],
      [
        'an unknown customer field',
        { customer: { externalId: 'C1', name: 'n', vip: true } },
        'customer.vip',
      ],
      [
        'a fractional item amount',
        { items: [{ description: 'x', amountFen: 0.5 }] },
        'items.0.amountFen',
      ],
      ['no items', { items: [] }, 'items'],
      ['an instant without a time zone', { orderedAt: '2026-03-01T10:15:00' }, 'orderedAt'],
      ['a bad email', { contactEmail: 'not-an-email' }, 'contactEmail'],
      ['an unknown locale', { locale: 'fr' }, 'locale'],
      ['a bad order number', { orderNumber: 'SO 1/2' }, 'orderNumber'],
    ])('refuses %s with 400 naming the field', async (_name, override, field) => {
      const body = { ...orderBody(), ...override };
      const res = await postSigned(t, ORDERS_PATH, body);
      expect(res.status).toBe(400);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body.code).toBe('VALIDATION_FAILED');
      expect(fieldsOf(res)).toContain(field);
      expect(await countOrders(body.orderNumber)).toBe(0);
    });

    it('answers 422 naming the total when the items do not add up', async () => {
      const body = orderBody({
        amountFen: 10_000,
        items: [
          { description: 'a', amountFen: 6_000 },
          { description: 'b', amountFen: 3_000 },
        ],
      });
      const res = await postSigned(t, ORDERS_PATH, body);
      expect(res.status).toBe(422);
      expect(res.body.code).toBe('ORDER_ITEMS_TOTAL_MISMATCH');
      expect(res.body.detail).toMatch(/9000 fen.*10000 fen/);
      expect(res.body.errors).toEqual([
        { field: 'items', message: expect.stringContaining('9000') },
      ]);
      expect(await countOrders(body.orderNumber)).toBe(0);
    });
  });

  function nowSeconds(): number {
    return Math.floor(t.clock.now().getTime() / 1000);
  }
});

/** The same JSON value with every object's keys in reverse order. */
function reverseKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reverseKeys);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value)
      .reverse()
      .map(([key, inner]) => [key, reverseKeys(inner)]),
  );
}
