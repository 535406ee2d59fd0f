import { BillingRecordsService } from '../../src/orders/billing-records/billing-records.service';
import { OrdersService } from '../../src/orders/orders.service';
import { pushOrder, pushPayment } from '../support/payment-platform';
import { createTestApp, TestApp } from '../support/test-app';

const appId = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

describe('billing records: recordApplicationStatuses (batch)', () => {
  let t: TestApp;
  let orderIds: string[];

  beforeAll(async () => {
    t = await createTestApp();
    const first = await pushOrder(t, {});
    orderIds = [];
    for (let i = 0; i < 4; i++) {
      const order = i === 0 ? first : await pushOrder(t, { customer: first.customer });
      await pushPayment(t, order.orderNumber);
      orderIds.push((await t.get(OrdersService).findOrderByNumber(order.orderNumber))!.id);
    }
  });
  afterAll(() => t.close());

  const state = async (orderId: string) => {
    const [row]: { fapiao_application_id: string | null; fapiao_status: string | null }[] =
      await t.dataSource.query(
        'SELECT fapiao_application_id, fapiao_status FROM orders WHERE id = $1',
        [orderId],
      );
    return row;
  };
  const batch = (changes: { orderId: string; applicationId: string; status: string }[]) =>
    t.dataSource.transaction((manager) =>
      t.get(BillingRecordsService).recordApplicationStatuses(manager, changes),
    );

  it('applies many changes with the same rule as one change at a time, in array order', async () => {
    const [o1, o2, o3] = orderIds;
    await batch([
      { orderId: o1, applicationId: appId(1), status: 'submitted' },
      { orderId: o2, applicationId: appId(2), status: 'draft' },
      { orderId: o3, applicationId: appId(3), status: 'issued' },
    ]);
    expect(await state(o1)).toEqual({
      fapiao_application_id: appId(1),
      fapiao_status: 'submitted',
    });
    expect(await state(o2)).toEqual({ fapiao_application_id: appId(2), fapiao_status: 'draft' });

    await batch([
      // Another application never hides the one that holds the bill.
      { orderId: o1, applicationId: appId(4), status: 'draft' },
      // The same order twice: applied in order (a newer draft takes over, then moves on).
      { orderId: o2, applicationId: appId(5), status: 'draft' },
      { orderId: o2, applicationId: appId(2), status: 'cancelled' },
      { orderId: o2, applicationId: appId(5), status: 'submitted' },
      // The same application moves on.
      { orderId: o3, applicationId: appId(3), status: 'mailed_out' },
    ]);
    expect(await state(o1)).toEqual({
      fapiao_application_id: appId(1),
      fapiao_status: 'submitted',
    });
    expect(await state(o2)).toEqual({
      fapiao_application_id: appId(5),
      fapiao_status: 'submitted',
    });
    expect(await state(o3)).toEqual({
      fapiao_application_id: appId(3),
      fapiao_status: 'mailed_out',
    });
  });

  it('does nothing for an empty list', async () => {
    await expect(batch([])).resolves.toBeUndefined();
  });

  it('fails for an unknown order, and the caller’s transaction rolls back', async () => {
    const o4 = orderIds[3];
    await expect(
      batch([
        { orderId: o4, applicationId: appId(6), status: 'submitted' },
        { orderId: appId(999), applicationId: appId(7), status: 'submitted' },
      ]),
    ).rejects.toThrow(`there is no order with id ${appId(999)}`);
    expect(await state(o4)).toEqual({ fapiao_application_id: null, fapiao_status: null });
  });
});
