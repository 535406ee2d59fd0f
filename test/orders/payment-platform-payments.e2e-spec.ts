import {
  PAYMENTS_PATH,
  PushedPaymentBody,
  postSigned,
  pushOrder,
  pushPayment,
} from '../support/payment-platform';
import { createTestApp, TestApp } from '../support/test-app';

describe('payment platform: payment pushes', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  const paymentsOf = (orderNumber: string) =>
    t.dataSource.query(
      `SELECT p.payment_reference, p.payer_name, p.amount_fen, p.paid_at, p.synced_at
         FROM payment_records p JOIN orders o ON o.id = p.order_id WHERE o.order_number = $1`,
      [orderNumber],
    );

  const paymentBody = (orderNumber: string, overrides: Partial<PushedPaymentBody> = {}) => ({
    orderNumber,
    paymentReference: `PAY-${orderNumber}`,
    payerName: 'Hangzhou Payer Ltd.',
    amountFen: 12_800,
    paidAt: '2026-03-01T10:20:00+08:00',
    ...overrides,
  });

  it('stores a payment with the time it synced; the same push again is a no-op', async () => {
    const order = await pushOrder(t, { amountFen: 12_800 });
    t.clock.set('2026-03-04T01:00:00Z');
    try {
      const body = paymentBody(order.orderNumber);
      const first = await postSigned(t, PAYMENTS_PATH, body);
      expect(first.status).toBe(201);
      expect(first.body).toEqual({
        orderNumber: order.orderNumber,
        paymentReference: body.paymentReference,
        created: true,
      });
      t.clock.advance(60_000);
      const again = await postSigned(t, PAYMENTS_PATH, { ...body, paidAt: '2026-03-01T02:20:00Z' });
      expect(again.status).toBe(200);
      expect(again.body.created).toBe(false);
    } finally {
      t.clock.reset();
    }
    const rows = await paymentsOf(order.orderNumber);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ payer_name: 'Hangzhou Payer Ltd.', amount_fen: 12_800 });
    expect(rows[0].paid_at.toISOString()).toBe('2026-03-01T02:20:00.000Z');
    expect(rows[0].synced_at.toISOString()).toBe('2026-03-04T01:00:00.000Z');
  });

  it('answers 404 for an unknown order (the platform retries later) and stores nothing', async () => {
    const body = paymentBody('SO-NEVER-PUSHED');
    const res = await postSigned(t, PAYMENTS_PATH, body);
    expect(res.status).toBe(404);
    expect(res.body.code).toBe('ORDER_NOT_FOUND');
    const rows = await t.dataSource.query(
      'SELECT 1 FROM payment_records WHERE payment_reference = $1',
      [body.paymentReference],
    );
    expect(rows).toHaveLength(0);
  });

  it("answers 422 PAYMENT_AMOUNT_MISMATCH for an amount other than the order's", async () => {
    const order = await pushOrder(t, { amountFen: 12_800 });
    const res = await postSigned(
      t,
      PAYMENTS_PATH,
      paymentBody(order.orderNumber, { amountFen: 12_700 }),
    );
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ code: 'PAYMENT_AMOUNT_MISMATCH', orderAmountFen: 12_800 });
    expect(res.body.errors).toEqual([
      { field: 'amountFen', message: expect.stringContaining('12800') },
    ]);
    expect(await paymentsOf(order.orderNumber)).toHaveLength(0);
  });

  it('answers 409 for a different body under the same payment reference', async () => {
    const order = await pushOrder(t);
    const body = await pushPayment(t, order.orderNumber);
    const res = await postSigned(t, PAYMENTS_PATH, { ...body, payerName: 'Someone Else' });
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('PAYMENT_REFERENCE_CONFLICT');
    const rows = await paymentsOf(order.orderNumber);
    expect(rows.map((r: { payer_name: string }) => r.payer_name)).toEqual([body.payerName]);
  });

  it('answers 409 for a second payment of an order under another reference', async () => {
    const order = await pushOrder(t);
    await pushPayment(t, order.orderNumber);
    const res = await postSigned(
      t,
      PAYMENTS_PATH,
      paymentBody(order.orderNumber, {
        amountFen: order.amountFen,
        paymentReference: 'PAY-SECOND',
      }),
    );
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('ORDER_ALREADY_PAID');
    expect(await paymentsOf(order.orderNumber)).toHaveLength(1);
  });

  it('settles concurrent identical payment pushes into one record', async () => {
    const order = await pushOrder(t);
    const body = paymentBody(order.orderNumber, { amountFen: order.amountFen });
    const results = await Promise.all(
      Array.from({ length: 6 }, () => postSigned(t, PAYMENTS_PATH, body)),
    );
    expect(results.map((r) => r.status).sort()).toEqual([200, 200, 200, 200, 200, 201]);
    expect(await paymentsOf(order.orderNumber)).toHaveLength(1);
  });

  it('refuses a bad signature with 401 and stores nothing', async () => {
    const order = await pushOrder(t);
    const res = await postSigned(
      t,
      PAYMENTS_PATH,
      paymentBody(order.orderNumber, { amountFen: order.amountFen }),
      {
        secret: 'not-the-platform-secret-at-all',
      },
    );
    expect(res.status).toBe(401);
    expect(await paymentsOf(order.orderNumber)).toHaveLength(0);
  });

  it('names the failing fields of a malformed payment', async () => {
    const res = await postSigned(t, PAYMENTS_PATH, {
      orderNumber: 'SO-1',
      paymentReference: '',
      amountFen: -5,
      paidAt: 'last tuesday',
      extra: 1,
    });
    expect(res.status).toBe(400);
    const fields = new Set((res.body.errors as { field: string }[]).map((e) => e.field));
    expect(fields).toEqual(
      new Set(['paymentReference', 'payerName', 'amountFen', 'paidAt', 'extra']),
    );
  });
});
