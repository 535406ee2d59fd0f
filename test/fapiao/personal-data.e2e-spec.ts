import { StaffRole } from '../../src/auth/staff/staff-role';
import { toBusinessDate } from '../../src/common/time/business-date';
import { DeliveryDataRetentionJob } from '../../src/fapiao/applications/jobs/delivery-data-retention.job';
import { createStaff, signIn } from '../admin/admin-test-kit';
import { createTestApp, TestApp } from '../support/test-app';
import { DAY } from '../support/test-clock';
import {
  mailedShipping,
  payingCustomer,
  specialTitle,
  STAFF,
  staff,
  submitted,
} from './fapiao-fixtures';

/**
 * Personal data (PIPL): masked in back-office lists, and the delivery contact data of long
 * delivered applications anonymised while the fapiao records stay. Neither existed on 4f9013d.
 */
describe('personal data', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ env: { ADMIN_ENABLED: 'true' } });
  }, 60_000);
  afterAll(() => t?.close());
  afterEach(() => t.clock.reset());

  async function mailedOut(trackingNumber: string): Promise<string> {
    const customer = await payingCustomer(t);
    const id = await submitted(t, customer);
    await staff(t).startProcessing(id, STAFF);
    await staff(t).issue(id, STAFF, [
      {
        number: trackingNumber.slice(-8),
        issueDate: toBusinessDate(t.clock.now()),
        amountFen: customer.amountFen,
        taxAmountFen: 0,
      },
    ]);
    await staff(t).markMailedOut(id, STAFF, { carrier: 'SF Express', trackingNumber });
    return id;
  }

  const shippingOf = async (id: string) =>
    (
      await t.dataSource.query(
        `SELECT shipping_method, shipping_recipient, shipping_phone, shipping_address, shipping_city,
                tracking_number, title_buyer_name, status,
                (SELECT count(*)::int FROM fapiao_documents d WHERE d.application_id = a.id) AS documents,
                (SELECT count(*)::int FROM application_history h WHERE h.application_id = a.id) AS history
           FROM fapiao_applications a WHERE id = $1`,
        [id],
      )
    )[0];

  it('anonymises the delivery contact data of applications delivered longer ago than configured, keeping the fapiao records', async () => {
    t.clock.set(new Date(Date.now() - 800 * DAY));
    const old = await mailedOut('SF0000000001');
    t.clock.set(new Date(Date.now() - 200 * DAY));
    const recent = await mailedOut('SF0000000002');
    t.clock.reset();
    const beforeOld = await shippingOf(old);
    expect(beforeOld.shipping_phone).toBe(mailedShipping.phone);

    expect(await t.get(DeliveryDataRetentionJob).run()).toBe(1);
    const afterOld = await shippingOf(old);
    expect(afterOld).toEqual({
      ...beforeOld,
      shipping_recipient: null,
      shipping_phone: null,
      shipping_address: null,
      shipping_city: null,
    });
    expect(afterOld).toMatchObject({
      tracking_number: 'SF0000000001',
      documents: 1,
      status: 'mailed_out',
    });
    expect((await shippingOf(recent)).shipping_phone).toBe(mailedShipping.phone);
    // Idempotent.
    expect(await t.get(DeliveryDataRetentionJob).run()).toBe(0);

    // A shorter configured period reaches the recent one too.
    const sixMonths = new DeliveryDataRetentionJob(t.dataSource, t.clock, {
      ...t.config,
      deliveryDataRetentionMonths: 6,
    });
    expect(await sixMonths.run()).toBe(1);
    expect((await shippingOf(recent)).shipping_phone).toBeNull();
  });

  it('masks phones, street addresses and ID numbers in the back-office lists, not on the record page', async () => {
    const customer = await payingCustomer(t);
    const id = await submitted(t, customer, { type: 'special', title: specialTitle });
    const agent = await signIn(t, (await createStaff(t, StaffRole.SERVICE_CENTER)).email);

    const list = await agent.get('/admin/api/resources/applications/actions/list?perPage=100');
    expect(list.status).toBe(200);
    const record = (list.body.records as { id: string; params: Record<string, unknown> }[]).find(
      (r) => r.id === id,
    )!;
    expect(record.params['shipping.phone']).toBe('138****5678');
    expect(record.params['shipping.address']).toBe('科苑路88号****');
    expect(record.params['title.taxId']).toBe('9135****0Y43');
    expect(record.params['title.phone']).toBe('021****6102');
    expect(record.params['title.bankAccount']).toBe('4563****1234');
    const text = JSON.stringify(list.body);
    for (const secret of [mailedShipping.phone, mailedShipping.address, specialTitle.taxId]) {
      expect(text).not.toContain(secret);
    }

    const shown = await agent.get(`/admin/api/resources/applications/records/${id}/show`);
    expect(shown.body.record.params['shipping.phone']).toBe(mailedShipping.phone);
  });
});
