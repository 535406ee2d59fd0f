import { createTestApp, TestApp } from '../support/test-app';
import {
  APPLICATIONS,
  applicationBody,
  authed,
  createDraft,
  mailsTo,
  payingCustomer,
} from './fapiao-fixtures';

describe('one title per bill', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('lets exactly one of 50 concurrent create+confirm requests submit; the rest get 409', async () => {
    const customer = await payingCustomer(t);
    const api = authed(t, customer.token);

    const attempt = async () => {
      const created = await api.post(APPLICATIONS, applicationBody(customer.orderNumber));
      if (created.status !== 201) return created;
      return api.post(`${APPLICATIONS}/${created.body.id}/confirm`);
    };
    const results = await Promise.all(Array.from({ length: 50 }, attempt));

    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(49);
    // Refused either at create (one open draft per bill) or at confirm (one title per bill).
    for (const res of results.filter((r) => r.status === 409)) {
      expect(['DRAFT_EXISTS', 'BILL_ALREADY_APPLIED']).toContain(res.body.code);
      if (res.body.code === 'BILL_ALREADY_APPLIED')
        expect(res.body.detail).toMatch(/support request/);
    }

    const rows: { status: string; count: number }[] = await t.dataSource.query(
      `SELECT status, count(*) FROM fapiao_applications GROUP BY status ORDER BY status`,
    );
    expect(rows.find((r) => r.status === 'submitted')?.count).toBe(1);
    const winner = results.find((r) => r.status === 200)!;
    const billing = await api.get(`/api/v1/billing-records/${customer.orderNumber}`);
    expect(billing.body).toMatchObject({
      fapiaoStatus: 'submitted',
      applicationId: winner.body.id,
      applicable: false,
    });
    expect(await mailsTo(t, customer.email, /已收到|received/i)).toHaveLength(1);
  });

  it('refuses a second application for a submitted bill, and a confirmation of a leftover draft', async () => {
    const customer = await payingCustomer(t);
    const api = authed(t, customer.token);
    const first = await createDraft(t, customer);
    expect((await api.post(`${APPLICATIONS}/${first}/confirm`)).status).toBe(200);

    const again = await api.post(APPLICATIONS, applicationBody(customer.orderNumber));
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('BILL_ALREADY_APPLIED');
    // A draft left from before one draft per bill (written as the migration found them).
    const [{ id: leftover }] = await t.dataSource.query(
      `INSERT INTO fapiao_applications
         SELECT (jsonb_populate_record(a, jsonb_build_object(
                   'id', gen_random_uuid(), 'status', 'draft', 'version', 1))).*
           FROM fapiao_applications a WHERE id = $1
       RETURNING id`,
      [first],
    );
    const late = await api.post(`${APPLICATIONS}/${leftover}/confirm`);
    expect(late.status).toBe(409);
    expect(late.body.code).toBe('BILL_ALREADY_APPLIED');
    expect((await api.get(`${APPLICATIONS}/${leftover}`)).body.status).toBe('draft');

    // Cancelling the submitted one frees the bill again.
    expect((await api.post(`${APPLICATIONS}/${first}/cancel`)).status).toBe(200);
    expect((await api.post(`${APPLICATIONS}/${leftover}/confirm`)).status).toBe(200);
    const billing = await api.get(`/api/v1/billing-records/${customer.orderNumber}`);
    expect(billing.body).toMatchObject({ fapiaoStatus: 'submitted', applicationId: leftover });
  });
});
