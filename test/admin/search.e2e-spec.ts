import { StaffRole } from '../../src/auth/staff/staff-role';
import { PAYER, payingCustomer, PayingCustomer } from '../fapiao/fapiao-fixtures';
import { createTestApp, TestApp } from '../support/test-app';
import { Agent, createStaff, signIn } from './admin-test-kit';
import { issuedAndMailed, openRequest } from './support-request-kit';

const TODAY = '2026-11-24';

describe('back office: one search box for order, fapiao number, taxpayer ID, company and email', () => {
  let t: TestApp;
  let helper: Agent;
  let customer: PayingCustomer;
  let other: PayingCustomer;
  let appId: string;
  let otherAppId: string;
  let requestId: string;
  let taxId: string;

  beforeAll(async () => {
    t = await createTestApp({ env: { ADMIN_ENABLED: 'true' } });
    t.clock.set(`${TODAY}T10:00:00+08:00`);
    helper = await signIn(t, (await createStaff(t, StaffRole.SUPPORT)).email);
    customer = await payingCustomer(t);
    other = await payingCustomer(t);
    appId = await issuedAndMailed(t, customer, '09900001', TODAY);
    otherAppId = await issuedAndMailed(t, other, '09900002', TODAY);
    requestId = await openRequest(t, customer, {
      type: 'retitle',
      applicationId: appId,
      newTitle: { buyerName: 'Zephyr Lantern Co., Ltd.', taxId: '91350100M000100Y43' },
    });
    // Test data: the application's title with a taxpayer ID (the fixture's title has none).
    taxId = '91350100M000100Y43';
    await t.dataSource.query('UPDATE fapiao_applications SET title_tax_id = $2 WHERE id = $1', [
      appId,
      taxId,
    ]);
  }, 90_000);
  afterAll(() => t?.close());

  const found = async (resource: string, text: string): Promise<string[]> => {
    const res = await helper.get(
      `/admin/api/resources/${resource}/actions/list?perPage=100&filters.search=${encodeURIComponent(text)}`,
    );
    expect(res.status).toBe(200);
    return res.body.records.map((r: { id: string }) => r.id);
  };

  it('finds the application by its order number, fapiao number and contact email, exactly', async () => {
    expect(await found('applications', customer.orderNumber)).toEqual([appId]);
    expect(await found('applications', '09900002')).toEqual([otherAppId]);
    expect(await found('applications', customer.email.toUpperCase())).toEqual([appId]);
    expect(await found('applications', '0990000')).toEqual([]);
  });

  it('finds applications by taxpayer ID (any case) and part of the company name', async () => {
    expect(await found('applications', taxId.toLowerCase())).toEqual(
      expect.arrayContaining([appId]),
    );
    expect(await found('applications', PAYER.slice(9, 20).toLowerCase())).toEqual(
      expect.arrayContaining([appId, otherAppId]),
    );
    expect(await found('applications', 'No Such Company')).toEqual([]);
    // LIKE's wildcards typed are themselves, not "anything".
    expect(await found('applications', '%')).toEqual([]);
  });

  it('finds support requests by order number, fapiao number, new title and email', async () => {
    expect(await found('support_requests', customer.orderNumber)).toEqual([requestId]);
    expect(await found('support_requests', '09900001')).toEqual([requestId]);
    expect(await found('support_requests', 'zephyr lantern')).toEqual([requestId]);
    expect(await found('support_requests', '91350100m000100y43')).toEqual([requestId]);
    expect(await found('support_requests', customer.email)).toEqual([requestId]);
    expect(await found('support_requests', other.orderNumber)).toEqual([]);
  });

  it('combines with the other filters', async () => {
    const res = await helper.get(
      `/admin/api/resources/applications/actions/list?filters.search=${customer.orderNumber}&filters.status=submitted`,
    );
    expect(res.body.meta.total).toBe(0);
  });
});
