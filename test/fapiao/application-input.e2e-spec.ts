import { createTestApp, TestApp } from '../support/test-app';
import {
  APPLICATIONS,
  applicationBody,
  authed,
  createDraft,
  fapiaoRowCounts,
  mailedShipping,
  payingCustomer,
  PayingCustomer,
  specialTitle,
  STAFF,
  staff,
  submitted,
} from './fapiao-fixtures';

type Problem = {
  status: number;
  code: string;
  errors?: { field: string; message: string }[];
  detail: string;
};

describe('fapiao applications: bad input changes nothing', () => {
  let t: TestApp;
  let customer: PayingCustomer;
  let draftId: string;

  beforeAll(async () => {
    t = await createTestApp();
    customer = await payingCustomer(t);
    draftId = await createDraft(t, customer);
  });
  afterAll(() => t.close());

  /** Sends the request and checks it is a problem document and that nothing was written. */
  async function refused(
    send: () => Promise<{ status: number; body: Problem; headers: Record<string, string> }>,
  ) {
    const before = await fapiaoRowCounts(t);
    const res = await send();
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(await fapiaoRowCounts(t)).toEqual(before);
    return res.body;
  }
  const fields = (problem: Problem) => (problem.errors ?? []).map((e) => e.field);
  const create = (body: unknown) => () =>
    authed(t, customer.token).post(APPLICATIONS, body as object);

  describe('unified social credit code through the API', () => {
    it('stores the normalised form of what was typed', async () => {
      const other = await payingCustomer(t);
      const res = await authed(t, other.token).post(
        APPLICATIONS,
        applicationBody(other.orderNumber, {
          type: 'special',
          title: { ...specialTitle, taxId: ' ９１３５０１００m000 100y43 ' },
        }),
      );
      expect(res.status).toBe(201);
      expect(res.body.title.taxId).toBe('91350100M000100Y43');
    });

    it.each([
      ['a 15-character legacy number', '110108123456789'],
      ['a 17-character number', '12345678901234567'],
      ['a 20-character number', 'L1234567890123456789'],
    ])('accepts %s for a special fapiao', async (_what, taxId) => {
      const other = await payingCustomer(t);
      const res = await authed(t, other.token).post(
        APPLICATIONS,
        applicationBody(other.orderNumber, { type: 'special', title: { buyerName: 'A', taxId } }),
      );
      expect(res.status).toBe(201);
      expect(res.body.title).toMatchObject({ buyerName: 'A', taxId });
    });

    it('accepts a resident ID number for a normal fapiao to an individual', async () => {
      const other = await payingCustomer(t);
      const res = await authed(t, other.token).post(
        APPLICATIONS,
        applicationBody(other.orderNumber, {
          type: 'normal',
          title: { buyerName: '李四', taxId: '34052419800101001x' },
        }),
      );
      expect(res.status).toBe(201);
      expect(res.body.title.taxId).toBe('34052419800101001X');
    });

    it('accepts the valid example', async () => {
      const other = await payingCustomer(t);
      const res = await authed(t, other.token).post(
        APPLICATIONS,
        applicationBody(other.orderNumber, { type: 'special', title: specialTitle }),
      );
      expect(res.status).toBe(201);
      expect(res.body.title.taxId).toBe('91350100M000100Y43');
    });

    it.each([
      ['a changed check character', '91350100M000100Y44', /check character does not match/],
      ['an I', '9135010010001I0Y43', /invalid character 'I' at position 14/],
      ['an O', '91350100MO00100Y43', /invalid character 'O' at position 10/],
      ['16 characters', '91350100M000100Y', /it has 16 characters/],
      ['19 characters', '91350100M000100Y430', /it has 19 characters/],
      ['a 17-character ID with a dash', '91350100-00100Y43', /other than digits and capital/],
      [
        'a resident ID number (a natural person)',
        '34052419800101001X',
        /is a resident ID number, which names a natural person/,
      ],
    ])('refuses %s with title.taxId named (422)', async (_what, taxId, message) => {
      const problem = await refused(
        create(
          applicationBody(customer.orderNumber, {
            type: 'special',
            title: { ...specialTitle, taxId },
          }),
        ),
      );
      expect(problem).toMatchObject({ status: 422, code: 'APPLICATION_INVALID' });
      expect(problem.errors).toEqual([
        { field: 'title.taxId', message: expect.stringMatching(message) },
      ]);
    });
  });

  it('names every missing field of a special title (name and taxpayer ID) and of a mailing address', async () => {
    const problem = await refused(
      create(
        applicationBody(customer.orderNumber, {
          type: 'special',
          title: { buyerName: 'A' },
          shipping: { method: 'yunda' },
        }),
      ),
    );
    expect(problem.status).toBe(422);
    expect(fields(problem)).toEqual([
      'title.taxId',
      'shipping.recipient',
      'shipping.phone',
      'shipping.province',
      'shipping.city',
      'shipping.district',
      'shipping.address',
      'shipping.postalCode',
    ]);
  });

  it('checks the mobile number and postal code of a mailing address', async () => {
    const problem = await refused(
      create(
        applicationBody(customer.orderNumber, {
          shipping: { ...mailedShipping, phone: '12345678901', postalCode: '20120' },
        }),
      ),
    );
    expect(fields(problem)).toEqual(['shipping.phone', 'shipping.postalCode']);
  });

  it('refuses address fields with pick-up (illegal method/field combination)', async () => {
    const problem = await refused(
      create(
        applicationBody(customer.orderNumber, {
          shipping: { ...mailedShipping, method: 'pickup' },
        }),
      ),
    );
    expect(problem.status).toBe(422);
    expect(fields(problem)).toEqual([
      'shipping.province',
      'shipping.city',
      'shipping.district',
      'shipping.address',
      'shipping.postalCode',
    ]);
  });

  it.each([
    ['an unknown top-level field', { extra: 1 }, 'extra'],
    ['an unknown title field', { title: { buyerName: 'A', admin: true } }, 'title.admin'],
    ['a wrong type', { type: 'vat' }, 'type'],
    ['a number as buyer name', { title: { buyerName: 5 } }, 'title.buyerName'],
    ['a missing title', { title: undefined }, 'title'],
    ['a title that is a string', { title: 'ACME' }, 'title'],
    [
      'an unknown shipping method',
      { shipping: { ...mailedShipping, method: 'ems' } },
      'shipping.method',
    ],
    ['an unknown purpose', { purpose: 'gift' }, 'purpose'],
    ['a client-chosen amount', { amountFen: 1 }, 'amountFen'],
    ['a client-chosen status', { status: 'issued' }, 'status'],
    ['an over-long buyer name', { title: { buyerName: 'x'.repeat(201) } }, 'title.buyerName'],
  ])('answers %s with 400 naming the field', async (_what, overrides, field) => {
    const problem = await refused(create(applicationBody(customer.orderNumber, overrides)));
    expect(problem).toMatchObject({ status: 400, code: 'VALIDATION_FAILED' });
    expect(fields(problem)).toContain(field);
  });

  it('answers malformed JSON with 400', async () => {
    const problem = await refused(() =>
      authed(t, customer.token)
        .post(APPLICATIONS)
        .set('Content-Type', 'application/json')
        .send('{"orderNumber":'),
    );
    expect(problem.status).toBe(400);
  });

  it('refuses a bill whose payment has not synced, mentioning the three days', async () => {
    const unpaid = await payingCustomer(t, { paid: false });
    const before = await fapiaoRowCounts(t);
    const res = await authed(t, unpaid.token).post(
      APPLICATIONS,
      applicationBody(unpaid.orderNumber),
    );
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('PAYMENT_NOT_SYNCED');
    expect(res.body.detail).toMatch(/about three days/);
    expect(await fapiaoRowCounts(t)).toEqual(before);
  });

  it('refuses an unknown order number with 404', async () => {
    const problem = await refused(create(applicationBody('SO-NO-SUCH-ORDER')));
    expect(problem).toMatchObject({ status: 404, code: 'ORDER_NOT_FOUND' });
  });

  it('answers an unknown order number before incomplete fields (404, not 422)', async () => {
    const problem = await refused(
      create(applicationBody('SO-NO-SUCH-ORDER', { type: 'special', title: { buyerName: 'X' } })),
    );
    expect(problem).toMatchObject({ status: 404, code: 'ORDER_NOT_FOUND' });
  });

  it("refuses another customer's order as unknown (404), for every purpose", async () => {
    const other = await payingCustomer(t);
    for (const purpose of ['none', 'purchase_certificate']) {
      const problem = await refused(create(applicationBody(other.orderNumber, { purpose })));
      expect(problem).toMatchObject({ status: 404, code: 'ORDER_NOT_FOUND' });
    }
  });

  it.each(['purchase_certificate', 'refund'])(
    'requires the payer as title for %s (422 TITLE_MUST_MATCH_PAYER)',
    async (purpose) => {
      const problem = await refused(
        create(
          applicationBody(customer.orderNumber, {
            purpose,
            title: { buyerName: 'Somebody Else Ltd.' },
          }),
        ),
      );
      expect(problem).toMatchObject({ status: 422, code: 'TITLE_MUST_MATCH_PAYER' });
      expect(fields(problem)).toEqual(['title.buyerName']);
    },
  );

  it('matches the payer after full-width/half-width normalisation and trimming', async () => {
    const other = await payingCustomer(t);
    const res = await authed(t, other.token).post(
      APPLICATIONS,
      applicationBody(other.orderNumber, {
        purpose: 'purchase_certificate',
        title: { buyerName: '　Ｓｈａｎｇｈａｉ Example Trading Co.， Ltd. ' },
      }),
    );
    expect(res.status).toBe(201);
  });

  describe('PATCH', () => {
    const patch =
      (body: unknown, id = draftId) =>
      () =>
        authed(t, customer.token).patch(`${APPLICATIONS}/${id}`, body as object);

    it.each([
      ['the order number', { orderNumber: 'SO-OTHER' }, 'orderNumber'],
      ['an unknown field', { foo: 'bar' }, 'foo'],
      ['a string version', { version: '1' }, 'version'],
      ['an empty title', { title: {} }, 'title'],
      ['a wrong type', { type: 3 }, 'type'],
    ])('refuses %s with 400', async (_what, body, field) => {
      const problem = await refused(patch(body));
      expect(problem.status).toBe(400);
      expect(fields(problem)).toContain(field);
    });

    it('re-checks the rules of the result', async () => {
      const problem = await refused(patch({ type: 'special' }));
      expect(problem.status).toBe(422);
      expect(fields(problem)).toContain('title.taxId');
      const pickup = await refused(patch({ shipping: { method: 'pickup', recipient: 'A' } }));
      expect(fields(pickup)).toEqual(['shipping.phone']);
    });

    it('answers an id that is not a uuid, or unknown, with 404', async () => {
      expect((await refused(patch({ purpose: 'none' }, 'not-a-uuid'))).code).toBe(
        'APPLICATION_NOT_FOUND',
      );
      expect(
        (await refused(patch({ purpose: 'none' }, '00000000-0000-4000-8000-000000000000'))).status,
      ).toBe(404);
    });
  });

  it('refuses bad query parameters on the list', async () => {
    for (const query of [
      'page=0',
      'pageSize=101',
      'page=abc',
      'status=lost',
      'pageSize=1.5',
      'other=1',
    ]) {
      const res = await authed(t, customer.token).get(`${APPLICATIONS}?${query}`);
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
    }
  });

  it('refuses bodies on confirm and cancel that are not a version', async () => {
    const problem = await refused(() =>
      authed(t, customer.token).post(`${APPLICATIONS}/${draftId}/confirm`, { force: true }),
    );
    expect(fields(problem)).toEqual(['force']);
    const cancel = await refused(() =>
      authed(t, customer.token).post(`${APPLICATIONS}/${draftId}/cancel`, { version: 'x' }),
    );
    expect(cancel.status).toBe(400);
  });

  describe('staff actions with bad input', () => {
    let id: string;
    beforeAll(async () => {
      const other = await payingCustomer(t, { amountFen: 20_000 });
      id = await submitted(t, other);
      await staff(t).startProcessing(id, STAFF);
    });

    async function staffRefused(
      action: () => Promise<unknown>,
      code: string,
      errorFields?: string[],
    ) {
      const before = await fapiaoRowCounts(t);
      const error = (await action().then(
        () => {
          throw new Error('expected a refusal');
        },
        (e: unknown) => e,
      )) as Problem;
      expect(error.code).toBe(code);
      if (errorFields) expect(fields(error)).toEqual(errorFields);
      expect(await fapiaoRowCounts(t)).toEqual(before);
    }

    it('refuses documents that do not add up, bad numbers, future dates and tax above the amount', async () => {
      await staffRefused(() => staff(t).issue(id, STAFF, []), 'APPLICATION_INVALID', ['documents']);
      await staffRefused(
        () =>
          staff(t).issue(id, STAFF, [
            { number: '123', issueDate: '2099-01-01', amountFen: 1.5, taxAmountFen: -1 },
          ]),
        'APPLICATION_INVALID',
        [
          'documents.0.number',
          'documents.0.issueDate',
          'documents.0.amountFen',
          'documents.0.taxAmountFen',
        ],
      );
      await staffRefused(
        () =>
          staff(t).issue(id, STAFF, [
            { number: '04400001', issueDate: '2026-01-05', amountFen: 19_999, taxAmountFen: 10 },
          ]),
        'APPLICATION_INVALID',
        ['documents'],
      );
      await staffRefused(
        () =>
          staff(t).issue(id, STAFF, [
            {
              number: '04400001',
              issueDate: '2026-01-05',
              amountFen: 20_000,
              taxAmountFen: 20_000,
            },
          ]),
        'APPLICATION_INVALID',
        ['documents.0.taxAmountFen'],
      );
    });

    it('refuses a document number already recorded', async () => {
      const other = await payingCustomer(t, { amountFen: 20_000 });
      const otherId = await submitted(t, other);
      await staff(t).startProcessing(otherId, STAFF);
      await staff(t).issue(otherId, STAFF, [
        { number: '04477777', issueDate: '2026-01-05', amountFen: 20_000, taxAmountFen: 1 },
      ]);
      await staffRefused(
        () =>
          staff(t).issue(id, STAFF, [
            { number: '04477777', issueDate: '2026-01-05', amountFen: 20_000, taxAmountFen: 1 },
          ]),
        'DOCUMENT_NUMBER_TAKEN',
      );
    });

    it('refuses a mailing without tracking number, a blank reason or remark, and steps out of order', async () => {
      await staffRefused(
        () => staff(t).markMailedOut(id, STAFF, { carrier: '', trackingNumber: '#' }),
        'APPLICATION_INVALID',
        ['carrier', 'trackingNumber'],
      );
      await staffRefused(() => staff(t).reject(id, STAFF, '  '), 'APPLICATION_INVALID', ['reason']);
      await staffRefused(() => staff(t).addRemark(id, STAFF, ''), 'APPLICATION_INVALID', [
        'remark',
      ]);
      await staffRefused(
        () => staff(t).markMailedOut(id, STAFF, { carrier: 'Yunda', trackingNumber: 'YD123456' }),
        'ILLEGAL_TRANSITION',
      );
      await staffRefused(() => staff(t).markPickedUp(id, STAFF), 'ILLEGAL_TRANSITION');
      await staffRefused(() => staff(t).release(id, STAFF), 'ILLEGAL_TRANSITION');
      await staffRefused(() => staff(t).startProcessing(id, STAFF), 'ILLEGAL_TRANSITION');
      await staffRefused(() => staff(t).startProcessing('nope', STAFF), 'APPLICATION_NOT_FOUND');
      await staffRefused(
        () => staff(t).startProcessing(id, STAFF, { expectedVersion: 1 }),
        'VERSION_CONFLICT',
      );
    });
  });
});
