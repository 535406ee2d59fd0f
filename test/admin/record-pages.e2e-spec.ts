import { StaffRole } from '../../src/auth/staff/staff-role';
import { ADMIN_TRANSLATIONS } from '../../src/admin/admin-locale';
import { payingCustomer, PAYER, STAFF, staff } from '../fapiao/fapiao-fixtures';
import { createTestApp, TestApp } from '../support/test-app';
import { Agent, createStaff, signIn } from './admin-test-kit';
import { issuedAndMailed, openRequest, supportAction } from './support-request-kit';

const TODAY = '2026-11-24';

interface ApplicationView {
  application: {
    title: Record<string, string>;
    shipping: Record<string, string>;
    documents: { number: string; issueDate: string; amountFen: number }[];
    remarks: { text: string }[];
  };
  history: { to: string; actorEmail: string | null; remark: string | null }[];
  supportRequests: { id: string; requestNumber: string; type: string }[];
}

describe('back office: the application and support request pages show what staff work from', () => {
  let t: TestApp;
  let clerk: Agent;
  let helper: Agent;

  beforeAll(async () => {
    t = await createTestApp({ env: { ADMIN_ENABLED: 'true' } });
    t.clock.set(`${TODAY}T10:00:00+08:00`);
    clerk = await signIn(
      t,
      (await createStaff(t, StaffRole.SERVICE_CENTER, 'qian@example.com')).email,
    );
    helper = await signIn(t, (await createStaff(t, StaffRole.SUPPORT, 'sun@example.com')).email);
  }, 60_000);
  afterAll(() => t?.close());

  it('shows the title, full mailing address and phone, documents, history, remarks and requests', async () => {
    const customer = await payingCustomer(t, { locale: 'en' });
    const appId = await issuedAndMailed(t, customer, '09500001', TODAY);
    await staff(t).addRemark(appId, STAFF, 'Customer asked to call before delivery');
    const requestId = await openRequest(t, customer, {
      type: 'retitle',
      applicationId: appId,
      newTitle: { buyerName: 'New Name Co., Ltd.', taxId: '91350100M000100Y43' },
    });

    const res = await clerk.get(`/admin/api/resources/applications/records/${appId}/show`);
    expect(res.status).toBe(200);
    const params = res.body.record.params as Record<string, unknown>;
    expect(params.customerId).toBeDefined();
    expect(res.body.record.populated.customerId.title).toEqual(expect.any(String));
    const view = JSON.parse(params.staffView as string) as ApplicationView;
    expect(view.application.title.buyerName).toBe(PAYER);
    expect(Object.keys(view.application.shipping)).toEqual(
      expect.arrayContaining(['method', 'recipient', 'phone', 'province', 'city', 'address']),
    );
    expect(view.application.documents).toEqual([
      expect.objectContaining({
        number: '09500001',
        issueDate: TODAY,
        amountFen: customer.amountFen,
      }),
    ]);
    expect(view.history.map((h) => h.to)).toEqual(
      expect.arrayContaining(['submitted', 'processing', 'issued', 'mailed_out']),
    );
    expect(
      view.history.find((h) => h.remark === 'Customer asked to call before delivery'),
    ).toBeDefined();
    expect(view.history.some((h) => h.actorEmail === STAFF.staffEmail)).toBe(true);
    expect(view.supportRequests).toEqual([
      expect.objectContaining({
        id: requestId,
        type: 'retitle',
        requestNumber: expect.stringMatching(/^SR\d{6}$/),
      }),
    ]);
  });

  it('shows a support request’s lines, new title, documents and history', async () => {
    const customer = await payingCustomer(t, { locale: 'en', amountFen: 9_000 });
    const appId = await issuedAndMailed(t, customer, '09600001', TODAY);
    const split = await openRequest(t, customer, {
      type: 'split',
      applicationId: appId,
      lines: [
        { title: { buyerName: 'Alpha Trading Ltd.' }, amountFen: 5_000 },
        { title: { buyerName: PAYER }, amountFen: 4_000 },
      ],
    });
    await supportAction(helper, split, 'startProgress', { message: 'We are on it.' });
    const res = await helper.get(`/admin/api/resources/support_requests/records/${split}/show`);
    const view = JSON.parse(res.body.record.params.staffView as string) as {
      request: {
        lines: { amountFen: number; title: { buyerName: string } }[];
        history: { to: string }[];
      };
      documents: { number: string }[];
    };
    expect(view.request.lines.map((l) => [l.title.buyerName, l.amountFen])).toEqual([
      ['Alpha Trading Ltd.', 5_000],
      [PAYER, 4_000],
    ]);
    expect(view.request.history.map((h) => h.to)).toEqual(['open', 'in_progress']);
    expect(view.documents.map((d) => d.number)).toEqual(['09600001']);
  });

  it('has every stored value and every page word in both languages', () => {
    const zh = ADMIN_TRANSLATIONS['zh-CN'] as unknown as Record<string, Record<string, unknown>>;
    const en = ADMIN_TRANSLATIONS.en as unknown as Record<string, Record<string, unknown>>;
    const keys = (tree: unknown, prefix = ''): string[] =>
      typeof tree === 'object' && tree
        ? Object.entries(tree).flatMap(([k, v]) => keys(v, `${prefix}${k}.`))
        : [prefix];
    // AdminJS's own English wording of the login form stays (admin-access.spec.ts).
    const ours = (list: string[]) => list.filter((k) => !k.startsWith('Login.properties.')).sort();
    expect(ours(keys(zh.components))).toEqual(ours(keys(en.components)));
    expect(keys(zh.resources).sort()).toEqual(keys(en.resources).sort());
    const values = zh.components.Values as Record<string, Record<string, string>>;
    expect(values.status.mailed_out).toBe('已寄出');
    expect(values.shippingMethod.sf_freight_collect).toBe('顺丰到付');
  });
});
