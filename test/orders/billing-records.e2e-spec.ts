import type { EntityManager } from 'typeorm';
import { BillingRecordsService } from '../../src/orders/billing-records/billing-records.service';
import { OrdersService } from '../../src/orders/orders.service';
import { registerAndLogin } from '../support/customers';
import { pushOrder, pushPayment, PushedOrderBody } from '../support/payment-platform';
import { createTestApp, TestApp } from '../support/test-app';

const LIST = '/api/v1/billing-records';

describe('billing records', () => {
  let t: TestApp;
  // Customer A has three orders (oldest first); customer B one.
  let a: PushedOrderBody[];
  let b: PushedOrderBody;
  let tokenA: string;
  let tokenB: string;

  beforeAll(async () => {
    t = await createTestApp();
    const first = await pushOrder(t, { orderedAt: '2026-03-01T10:00:00+08:00', amountFen: 10_000 });
    a = [
      first,
      await pushOrder(t, {
        customer: first.customer,
        orderedAt: '2026-03-05T10:00:00+08:00',
        amountFen: 20_000,
      }),
      await pushOrder(t, {
        customer: first.customer,
        orderedAt: '2026-03-09T10:00:00+08:00',
        amountFen: 30_000,
      }),
    ];
    b = await pushOrder(t, { orderedAt: '2026-03-07T10:00:00+08:00' });
    tokenA = (await registerAndLogin(t, { orderNumber: first.orderNumber })).accessToken;
    tokenB = (await registerAndLogin(t, { orderNumber: b.orderNumber })).accessToken;
  });
  afterAll(() => t.close());

  const get = (path: string, token: string) =>
    t.http().get(path).set('Authorization', `Bearer ${token}`);

  it('shows a bill as not synced and not applicable until the payment arrives, then both', async () => {
    const order = a[0];
    const before = await get(`${LIST}/${order.orderNumber}`, tokenA);
    expect(before.status).toBe(200);
    expect(before.body).toEqual({
      orderNumber: order.orderNumber,
      amountFen: 10_000,
      currency: 'CNY',
      orderedAt: '2026-03-01T02:00:00.000Z',
      paymentSynced: false,
      applicable: false,
      fapiaoStatus: null,
      items: order.items,
    });

    t.clock.set('2026-03-04T03:00:00Z');
    try {
      await pushPayment(t, order.orderNumber, {
        payerName: 'Payer of A',
        paidAt: '2026-03-01T10:05:00+08:00',
      });
    } finally {
      t.clock.reset();
    }
    const after = await get(`${LIST}/${order.orderNumber}`, tokenA);
    expect(after.body).toMatchObject({
      paymentSynced: true,
      applicable: true,
      payerName: 'Payer of A',
      paidAt: '2026-03-01T02:05:00.000Z',
      paymentSyncedAt: '2026-03-04T03:00:00.000Z',
      fapiaoStatus: null,
    });
  });

  it("lists the customer's records newest first, paginated, and filters by applicable", async () => {
    const all = await get(LIST, tokenA);
    expect(all.status).toBe(200);
    expect(all.body.total).toBe(3);
    expect(all.body.page).toBe(1);
    expect(all.body.pageSize).toBe(20);
    expect(all.body.items.map((r: { orderNumber: string }) => r.orderNumber)).toEqual(
      [...a].reverse().map((o) => o.orderNumber),
    );
    expect(all.body.items[0]).not.toHaveProperty('items');

    const page2 = await get(`${LIST}?page=2&pageSize=2`, tokenA);
    expect(page2.body).toMatchObject({ page: 2, pageSize: 2, total: 3 });
    expect(page2.body.items.map((r: { orderNumber: string }) => r.orderNumber)).toEqual([
      a[0].orderNumber,
    ]);

    const beyond = await get(`${LIST}?page=5&pageSize=2`, tokenA);
    expect(beyond.body).toEqual({ items: [], page: 5, pageSize: 2, total: 3 });

    // a[0] was paid in the previous test.
    const applicable = await get(`${LIST}?applicable=true`, tokenA);
    expect(applicable.body.items.map((r: { orderNumber: string }) => r.orderNumber)).toEqual([
      a[0].orderNumber,
    ]);
    expect(applicable.body.total).toBe(1);
    const notApplicable = await get(`${LIST}?applicable=false`, tokenA);
    expect(notApplicable.body.total).toBe(2);
  });

  it("never shows one customer another customer's orders", async () => {
    const listB = await get(LIST, tokenB);
    expect(listB.body.total).toBe(1);
    expect(listB.body.items.map((r: { orderNumber: string }) => r.orderNumber)).toEqual([
      b.orderNumber,
    ]);

    const foreign = await get(`${LIST}/${a[0].orderNumber}`, tokenB);
    expect(foreign.status).toBe(404);
    expect(foreign.body.code).toBe('ORDER_NOT_FOUND');
    const unknown = await get(`${LIST}/SO-DOES-NOT-EXIST`, tokenB);
    expect(unknown.status).toBe(404);
    // The same answer whether the order exists elsewhere or not at all.
    expect(foreign.body.detail.replace(a[0].orderNumber, 'X')).toBe(
      unknown.body.detail.replace('SO-DOES-NOT-EXIST', 'X'),
    );
  });

  it('asks for a login', async () => {
    expect((await t.http().get(LIST)).status).toBe(401);
    expect((await t.http().get(`${LIST}/${a[0].orderNumber}`)).status).toBe(401);
    expect((await get(LIST, 'not.a.token')).status).toBe(401);
  });

  it.each([
    ['pageSize=1000', 'pageSize'],
    ['page=0', 'page'],
    ['page=two', 'page'],
    ['applicable=maybe', 'applicable'],
    ['sort=asc', 'sort'],
  ])('refuses the query %s with 400 naming the field', async (query, field) => {
    const res = await get(`${LIST}?${query}`, tokenA);
    expect(res.status).toBe(400);
    expect((res.body.errors as { field: string }[]).map((e) => e.field)).toContain(field);
  });

  describe('fapiao application status', () => {
    const record = async (orderNumber: string) =>
      (await get(`${LIST}/${orderNumber}`, tokenA)).body;
    /** The orders module's write, as the fapiao module's transactions call it. */
    const changeIn = (
      manager: EntityManager,
      orderId: string,
      applicationId: string,
      status: string,
    ) =>
      t
        .get(BillingRecordsService)
        .recordApplicationStatus(manager, { orderId, applicationId, status });
    const change = (orderId: string, applicationId: string, status: string) =>
      t.dataSource.transaction((manager) => changeIn(manager, orderId, applicationId, status));
    const appId = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

    it('shows the status; only draft, cancelled and rejected applications leave the bill applicable', async () => {
      const order = a[1];
      await pushPayment(t, order.orderNumber);
      const { id } = (await t.get(OrdersService).findOrderByNumber(order.orderNumber))!;

      await change(id, appId(1), 'draft');
      expect(await record(order.orderNumber)).toMatchObject({
        fapiaoStatus: 'draft',
        applicationId: appId(1),
        applicable: true,
      });
      await change(id, appId(1), 'submitted');
      expect(await record(order.orderNumber)).toMatchObject({
        fapiaoStatus: 'submitted',
        applicable: false,
      });
      const held = await get(`${LIST}?applicable=false`, tokenA);
      expect(held.body.items.map((r: { orderNumber: string }) => r.orderNumber)).toContain(
        order.orderNumber,
      );

      await change(id, appId(1), 'rejected');
      expect(await record(order.orderNumber)).toMatchObject({
        fapiaoStatus: 'rejected',
        applicable: true,
      });

      // A new application takes over from the rejected one.
      await change(id, appId(2), 'draft');
      expect(await record(order.orderNumber)).toMatchObject({
        fapiaoStatus: 'draft',
        applicationId: appId(2),
      });
      await change(id, appId(2), 'issued');
      expect(await record(order.orderNumber)).toMatchObject({
        fapiaoStatus: 'issued',
        applicable: false,
      });
      // A stray change of another application never hides the one that holds the bill.
      await change(id, appId(3), 'draft');
      await change(id, appId(3), 'cancelled');
      expect(await record(order.orderNumber)).toMatchObject({
        fapiaoStatus: 'issued',
        applicationId: appId(2),
      });
    });

    it('keeps a live draft when an older draft is cancelled', async () => {
      const order = a[2];
      const { id } = (await t.get(OrdersService).findOrderByNumber(order.orderNumber))!;
      await change(id, appId(10), 'draft');
      await change(id, appId(11), 'draft');
      await change(id, appId(10), 'cancelled');
      expect(await record(order.orderNumber)).toMatchObject({
        fapiaoStatus: 'draft',
        applicationId: appId(11),
      });
    });

    it('rolls back with the caller’s transaction', async () => {
      const order = b;
      const { id } = (await t.get(OrdersService).findOrderByNumber(order.orderNumber))!;
      await expect(
        t.dataSource.transaction(async (manager) => {
          await changeIn(manager, id, appId(20), 'submitted');
          throw new Error('the fapiao module failed later in its transaction');
        }),
      ).rejects.toThrow('failed later');
      expect((await get(`${LIST}/${b.orderNumber}`, tokenB)).body.fapiaoStatus).toBeNull();
    });
  });

  describe('services for other modules', () => {
    it('findOrderByNumber gives what registration needs, or null', async () => {
      const found = await t.get(OrdersService).findOrderByNumber(b.orderNumber);
      expect(found).toEqual({
        id: expect.any(String),
        orderNumber: b.orderNumber,
        customerId: expect.any(String),
        contactEmail: b.contactEmail,
        locale: 'zh-CN',
      });
      expect(await t.get(OrdersService).findOrderByNumber('SO-NOPE')).toBeNull();
    });

    it("getBillForCustomer gives the bill with its payment, and 404 for another customer's", async () => {
      const bills = t.get(BillingRecordsService);
      const own = (await t.get(OrdersService).findOrderByNumber(a[0].orderNumber))!;
      const bill = await bills.getBillForCustomer(own.customerId, a[0].orderNumber);
      expect(bill).toMatchObject({
        orderId: own.id,
        orderNumber: a[0].orderNumber,
        customerId: own.customerId,
        amountFen: 10_000,
        currency: 'CNY',
        payment: { payerName: 'Payer of A', amountFen: 10_000 },
      });
      expect(bill.payment!.syncedAt).toBeInstanceOf(Date);

      const unpaid = await bills.getBillForCustomer(
        (await t.get(OrdersService).findOrderByNumber(b.orderNumber))!.customerId,
        b.orderNumber,
      );
      expect(unpaid.payment).toBeNull();

      await expect(
        bills.getBillForCustomer(unpaid.customerId, a[0].orderNumber),
      ).rejects.toMatchObject({
        status: 404,
        code: 'ORDER_NOT_FOUND',
      });
    });
  });
});
