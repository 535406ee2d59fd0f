import { createTestApp, TestApp } from '../support/test-app';
import { authed, payingCustomer, PayingCustomer, specialTitle } from '../fapiao/fapiao-fixtures';

const PROFILES = '/api/v1/title-profiles';

describe('title profiles API (/api/v1/title-profiles)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  async function profileRows(customer?: PayingCustomer): Promise<string> {
    const rows: unknown[] = await t.dataSource.query(
      `SELECT p.id, p.buyer_name, p.tax_id, p.is_default, p.updated_at
         FROM title_profiles p
        WHERE $1::text IS NULL OR p.customer_id = (
          SELECT o.customer_id FROM orders o WHERE o.order_number = $1)
        ORDER BY p.id`,
      [customer?.orderNumber ?? null],
    );
    return JSON.stringify(rows);
  }

  it('saves titles, the first as default, and lists the default first', async () => {
    const customer = await payingCustomer(t);
    const api = authed(t, customer.token);
    expect((await api.get(PROFILES)).body).toEqual({ items: [] });

    const first = await api.post(PROFILES, { kind: 'company', title: specialTitle });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ kind: 'company', title: specialTitle, isDefault: true });

    const second = await api.post(PROFILES, {
      kind: 'individual',
      title: { buyerName: '李四', taxId: '34052419800101001x' },
    });
    expect(second.status).toBe(201);
    expect(second.body).toMatchObject({
      isDefault: false,
      title: { buyerName: '李四', taxId: '34052419800101001X' },
    });
    expect(second.body.title).not.toHaveProperty('address');

    const list = await api.get(PROFILES);
    expect(list.body.items.map((p: { id: string }) => p.id)).toEqual([
      first.body.id,
      second.body.id,
    ]);

    // Making the second the default takes it from the first, in one transaction.
    const made = await api.patch(`${PROFILES}/${second.body.id}`, { isDefault: true });
    expect(made.status).toBe(200);
    expect(made.body.isDefault).toBe(true);
    const after = (await api.get(PROFILES)).body.items;
    expect(after.map((p: { id: string; isDefault: boolean }) => [p.id, p.isDefault])).toEqual([
      [second.body.id, true],
      [first.body.id, false],
    ]);

    // A new title with isDefault becomes the default.
    const third = await api.post(PROFILES, {
      kind: 'company',
      title: { buyerName: '北京示例科技有限公司', taxId: '110108123456789' },
      isDefault: true,
    });
    expect(third.body.isDefault).toBe(true);
    expect((await api.get(`${PROFILES}/${second.body.id}`)).body.isDefault).toBe(false);
  });

  it("prefills the next application's title with the default saved title", async () => {
    const customer = await payingCustomer(t);
    const api = authed(t, customer.token);
    expect((await api.get('/api/v1/fapiao/prefill')).body).toEqual({});
    await api.post(PROFILES, { kind: 'company', title: specialTitle });
    expect((await api.get('/api/v1/fapiao/prefill')).body).toEqual({ title: specialTitle });
    const person = await api.post(PROFILES, {
      kind: 'individual',
      title: { buyerName: '王五' },
      isDefault: true,
    });
    expect(person.status).toBe(201);
    expect((await api.get('/api/v1/fapiao/prefill')).body).toEqual({
      title: { buyerName: '王五' },
    });
  });

  it('changes a title, replacing it whole, and deletes one', async () => {
    const customer = await payingCustomer(t);
    const api = authed(t, customer.token);
    const created = await api.post(PROFILES, { kind: 'company', title: specialTitle });
    const id = created.body.id as string;
    const changed = await api.patch(`${PROFILES}/${id}`, {
      title: { buyerName: 'Example Branch', taxId: ' 9135 0100 m000 100y43 ' },
    });
    expect(changed.status).toBe(200);
    expect(changed.body.title).toEqual({
      buyerName: 'Example Branch',
      taxId: '91350100M000100Y43',
    });

    const other = await api.post(PROFILES, { kind: 'individual', title: { buyerName: '王五' } });
    const removed = await t
      .http()
      .delete(`${PROFILES}/${id}`)
      .set('Authorization', `Bearer ${customer.token}`);
    expect(removed.status).toBe(204);
    const left = (await api.get(PROFILES)).body.items;
    expect(left).toEqual([expect.objectContaining({ id: other.body.id, isDefault: true })]);
    expect((await api.get(`${PROFILES}/${id}`)).status).toBe(404);
  });

  describe('bad input changes nothing', () => {
    let customer: PayingCustomer;
    let id: string;
    beforeAll(async () => {
      customer = await payingCustomer(t);
      id = (
        await authed(t, customer.token).post(PROFILES, { kind: 'company', title: specialTitle })
      ).body.id;
    });

    async function refused(
      send: () => Promise<{
        status: number;
        headers: Record<string, string>;
        body: { code: string; errors?: { field: string; message: string }[] };
      }>,
    ) {
      const before = await profileRows();
      const res = await send();
      expect(res.status).toBeGreaterThanOrEqual(400);
      expect(res.status).toBeLessThan(500);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(await profileRows()).toBe(before);
      return res;
    }

    it.each([
      [
        'a mistyped taxpayer ID',
        { kind: 'company', title: { buyerName: 'A', taxId: '91350100M000100Y44' } },
        'title.taxId',
        /check character/,
      ],
      [
        'a resident ID on a company title',
        { kind: 'company', title: { buyerName: 'A', taxId: '34052419800101001X' } },
        'title.taxId',
        /save it as an individual title/,
      ],
      [
        'no buyer name',
        { kind: 'individual', title: { buyerName: ' ' } },
        'title.buyerName',
        /required/,
      ],
      [
        'a bad bank account',
        { kind: 'company', title: { buyerName: 'A', bankAccount: 'ABC' } },
        'title.bankAccount',
        /bank account/,
      ],
    ])('refuses %s (422)', async (_what, body, field, message) => {
      const res = await refused(() => authed(t, customer.token).post(PROFILES, body));
      expect(res.status).toBe(422);
      expect(res.body.code).toBe('TITLE_PROFILE_INVALID');
      expect(res.body.errors).toEqual([{ field, message: expect.stringMatching(message) }]);
    });

    it.each([
      ['an unknown kind', { kind: 'family', title: { buyerName: 'A' } }],
      ['no title', { kind: 'company' }],
      ['an unknown field', { kind: 'company', title: { buyerName: 'A' }, customerId: 'x' }],
      ['a string default', { kind: 'company', title: { buyerName: 'A' }, isDefault: 'yes' }],
    ])('refuses %s (400)', async (_what, body) => {
      const res = await refused(() => authed(t, customer.token).post(PROFILES, body));
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
    });

    it('refuses a change that breaks the rules (422)', async () => {
      const res = await refused(() =>
        authed(t, customer.token).patch(`${PROFILES}/${id}`, {
          title: { buyerName: 'A', taxId: '123' },
        }),
      );
      expect(res.status).toBe(422);
    });

    it("answers another customer's title, an unknown id and a malformed one with 404", async () => {
      const stranger = await payingCustomer(t);
      const api = authed(t, stranger.token);
      expect((await api.get(PROFILES)).body.items).toEqual([]);
      for (const path of [
        `${PROFILES}/${id}`,
        `${PROFILES}/00000000-0000-4000-8000-000000000000`,
        `${PROFILES}/not-a-uuid`,
      ]) {
        const got = await refused(() => api.get(path));
        expect(got.status).toBe(404);
        expect(got.body.code).toBe('TITLE_PROFILE_NOT_FOUND');
        expect((await refused(() => api.patch(path, { isDefault: true }))).status).toBe(404);
        const deleted = await refused(() =>
          t.http().delete(path).set('Authorization', `Bearer ${stranger.token}`),
        );
        expect(deleted.status).toBe(404);
      }
    });

    it('answers without a token with 401', async () => {
      const res = await refused(() => t.http().get(PROFILES));
      expect(res.status).toBe(401);
    });
  });

  it('keeps at most 20 titles per customer (409)', async () => {
    const customer = await payingCustomer(t);
    const api = authed(t, customer.token);
    for (let i = 1; i <= 20; i++) {
      expect(
        (await api.post(PROFILES, { kind: 'individual', title: { buyerName: `N${i}` } })).status,
      ).toBe(201);
    }
    const res = await api.post(PROFILES, { kind: 'individual', title: { buyerName: 'N21' } });
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('TITLE_PROFILE_LIMIT');
    expect((await api.get(PROFILES)).body.items).toHaveLength(20);
  });

  it('keeps one default when several requests make one at the same moment', async () => {
    const customer = await payingCustomer(t);
    const api = authed(t, customer.token);
    const answers = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        api.post(PROFILES, { kind: 'individual', title: { buyerName: `P${i}` }, isDefault: true }),
      ),
    );
    expect(answers.map((a) => a.status)).toEqual(Array(6).fill(201));
    const items: { isDefault: boolean }[] = (await api.get(PROFILES)).body.items;
    expect(items).toHaveLength(6);
    expect(items.filter((p) => p.isDefault)).toHaveLength(1);
    expect(await profileRows(customer)).toContain('"is_default":true');
  });

  it('is documented in OpenAPI', async () => {
    const res = await t.http().get('/api/docs-json');
    expect(Object.keys(res.body.paths)).toEqual(
      expect.arrayContaining([PROFILES, `${PROFILES}/{id}`]),
    );
    expect(Object.keys(res.body.paths[`${PROFILES}/{id}`])).toEqual(
      expect.arrayContaining(['get', 'patch', 'delete']),
    );
  });
});
