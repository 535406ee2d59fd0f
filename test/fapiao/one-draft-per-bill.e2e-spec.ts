import { registerAndLogin } from '../support/customers';
import { createTestApp, TestApp } from '../support/test-app';
import { APPLICATIONS, applicationBody, authed, payingCustomer } from './fapiao-fixtures';

/**
 * One open draft per bill and customer, held by a partial unique index. On 4f9013d fifty
 * concurrent creates for one bill made fifty drafts.
 */
describe('one open draft per bill', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  const draftsOf = async (orderNumber: string): Promise<string[]> =>
    (
      await t.dataSource.query(
        `SELECT id FROM fapiao_applications WHERE order_number = $1 AND status = 'draft'`,
        [orderNumber],
      )
    ).map((row: { id: string }) => row.id);

  it('makes one draft of fifty concurrent creates; the others answer 409 DRAFT_EXISTS naming it', async () => {
    const customer = await payingCustomer(t);
    const api = authed(t, customer.token);
    const answers = await Promise.all(
      Array.from({ length: 50 }, () =>
        api.post(APPLICATIONS, applicationBody(customer.orderNumber)),
      ),
    );
    const created = answers.filter((r) => r.status === 201);
    expect(created).toHaveLength(1);
    const draftId = created[0].body.id as string;
    const refused = answers.filter((r) => r.status !== 201);
    expect(new Set(refused.map((r) => r.status))).toEqual(new Set([409]));
    for (const res of refused) {
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body).toMatchObject({ code: 'DRAFT_EXISTS', draftId });
    }
    expect(await draftsOf(customer.orderNumber)).toEqual([draftId]);
    const [{ history }] = await t.dataSource.query(
      `SELECT count(*)::int AS history FROM application_history h
         JOIN fapiao_applications a ON a.id = h.application_id WHERE a.order_number = $1`,
      [customer.orderNumber],
    );
    expect(history).toBe(1);
  });

  it("counts the company's draft, whichever of its accounts made it", async () => {
    const customer = await payingCustomer(t);
    const colleague = await registerAndLogin(t, { orderNumber: customer.orderNumber });
    const first = await authed(t, customer.token).post(
      APPLICATIONS,
      applicationBody(customer.orderNumber),
    );
    expect(first.status).toBe(201);
    const second = await authed(t, colleague.accessToken).post(
      APPLICATIONS,
      applicationBody(customer.orderNumber),
    );
    expect(second.status).toBe(409);
    expect(second.body).toMatchObject({ code: 'DRAFT_EXISTS', draftId: first.body.id });
  });

  it('allows a new draft once the open one is cancelled, and refuses one after confirmation', async () => {
    const customer = await payingCustomer(t);
    const api = authed(t, customer.token);
    const first = await api.post(APPLICATIONS, applicationBody(customer.orderNumber));
    expect((await api.post(`${APPLICATIONS}/${first.body.id}/cancel`)).status).toBe(200);
    const second = await api.post(APPLICATIONS, applicationBody(customer.orderNumber));
    expect(second.status).toBe(201);
    expect((await api.post(`${APPLICATIONS}/${second.body.id}/confirm`)).status).toBe(200);
    const third = await api.post(APPLICATIONS, applicationBody(customer.orderNumber));
    expect(third.status).toBe(409);
    expect(third.body.code).toBe('BILL_ALREADY_APPLIED');
  });

  it('is held by the database, whoever writes', async () => {
    const customer = await payingCustomer(t);
    const created = await authed(t, customer.token).post(
      APPLICATIONS,
      applicationBody(customer.orderNumber),
    );
    await expect(
      t.dataSource.query(
        `INSERT INTO fapiao_applications
           SELECT (jsonb_populate_record(a, jsonb_build_object('id', gen_random_uuid()))).* FROM fapiao_applications a WHERE id = $1`,
        [created.body.id],
      ),
    ).rejects.toMatchObject({
      driverError: { constraint: 'uq_fapiao_applications_draft_order_id' },
    });
  });
});
