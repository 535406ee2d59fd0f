import { readBillLedger } from '../../../src/fapiao/support/bill-ledger';
import { StaffSupportRequestsService } from '../../../src/fapiao/support/staff-support-requests.service';
import { createTestApp, TestApp } from '../../support/test-app';
import {
  APPLICATIONS,
  authed,
  createDraft,
  mailsTo,
  PayingCustomer,
  payingCustomer,
  PAYER,
  STAFF,
  staff,
  signInAgain,
  submitted,
} from '../fapiao-fixtures';

const REQUESTS = '/api/v1/support-requests';

describe('support requests', () => {
  let t: TestApp;
  const support = () => t.get(StaffSupportRequestsService);

  beforeAll(async () => {
    t = await createTestApp();
    t.clock.set('2026-11-24T10:00:00+08:00');
  });
  afterAll(() => t.close());

  async function orderIdOf(orderNumber: string): Promise<string> {
    const [row]: { id: string }[] = await t.dataSource.query(
      'SELECT id FROM orders WHERE order_number = $1',
      [orderNumber],
    );
    return row.id;
  }

  async function issuedAndMailed(customer: PayingCustomer, number: string): Promise<string> {
    const id = await submitted(t, customer);
    await staff(t).startProcessing(id, STAFF);
    await staff(t).issue(id, STAFF, [
      { number, issueDate: '2026-11-24', amountFen: customer.amountFen, taxAmountFen: 725 },
    ]);
    await staff(t).markMailedOut(id, STAFF, {
      carrier: 'SF Express',
      trackingNumber: `SF${number}`,
    });
    return id;
  }

  it('splits a bill before issue into three fapiao with the three titles and amounts', async () => {
    const customer = await payingCustomer(t, { locale: 'en', amountFen: 12_800 });
    const api = authed(t, customer.token);
    const appId = await submitted(t, customer);
    const lines = [
      { title: { buyerName: 'Alpha Trading Ltd.' }, amountFen: 5_000 },
      { title: { buyerName: 'Beta Trading Ltd.', taxId: '91350100M000100Y43' }, amountFen: 4_000 },
      { title: { buyerName: PAYER }, amountFen: 3_800 },
    ];

    for (const delta of [1, -1]) {
      const off = lines.map((l, i) => (i === 0 ? { ...l, amountFen: l.amountFen + delta } : l));
      const res = await api.post(REQUESTS, {
        type: 'split',
        orderNumber: customer.orderNumber,
        lines: off,
      });
      expect(res.status).toBe(422);
      expect(res.body.code).toBe('SPLIT_TOTAL_MISMATCH');
      expect(res.body.detail).toContain('12800');
      expect(res.body.detail).toContain(String(12_800 + delta));
    }
    const oneLine = await api.post(REQUESTS, {
      type: 'split',
      orderNumber: customer.orderNumber,
      lines: [{ title: { buyerName: PAYER }, amountFen: 12_800 }],
    });
    expect(oneLine.status).toBe(422);
    const badTitle = await api.post(REQUESTS, {
      type: 'split',
      orderNumber: customer.orderNumber,
      lines: [lines[0], { ...lines[1], title: { buyerName: 'X', taxId: '123' } }, lines[2]],
    });
    expect(badTitle.status).toBe(422);
    expect(badTitle.body.errors.map((e: { field: string }) => e.field)).toEqual([
      'lines.1.title.taxId',
    ]);

    const created = await api.post(REQUESTS, {
      type: 'split',
      orderNumber: customer.orderNumber,
      lines,
      message: 'Three departments, three fapiao please.',
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      type: 'split',
      status: 'open',
      orderNumber: customer.orderNumber,
      applicationId: appId,
      billAmountFen: 12_800,
      lines,
    });
    expect(created.body.requestNumber).toMatch(/^SR\d{6}$/);
    const requestId = created.body.id as string;
    const [received] = await mailsTo(t, customer.email, /Support request .* received/);
    expect(received.subject).toContain(created.body.requestNumber);

    await support().startProgress(requestId, STAFF);
    await support().issueSplit(requestId, STAFF, {
      documents: [
        { number: '05500001', issueDate: '2026-11-24', taxAmountFen: 283 },
        { number: '05500002', issueDate: '2026-11-24', taxAmountFen: 226 },
        { number: '05500003', issueDate: '2026-11-24', taxAmountFen: 215 },
      ],
    });
    const app = await api.get(`${APPLICATIONS}/${appId}`);
    expect(app.body.status).toBe('issued');
    expect(app.body.documents).toEqual([
      expect.objectContaining({ kind: 'blue', number: '05500001', amountFen: 5_000 }),
      expect.objectContaining({ kind: 'blue', number: '05500002', amountFen: 4_000 }),
      expect.objectContaining({ kind: 'blue', number: '05500003', amountFen: 3_800 }),
    ]);
    const titles: { number: string; buyer_title: { buyerName: string } }[] =
      await t.dataSource.query(
        `SELECT number, buyer_title FROM fapiao_documents WHERE application_id = $1 ORDER BY number`,
        [appId],
      );
    expect(titles.map((d) => d.buyer_title.buyerName)).toEqual(lines.map((l) => l.title.buyerName));
    expect(app.body.remarks.map((r: { text: string }) => r.text)).toContainEqual(
      expect.stringMatching(/Split into 3 fapiao \(support request SR\d{6}\)/),
    );
    expect(app.body.remarks[0].text).toBe(
      `Split requested (support request ${created.body.requestNumber}): 3 fapiao, ` +
        `Alpha Trading Ltd. ¥50.00; Beta Trading Ltd. ¥40.00; ${PAYER} ¥38.00`,
    );
    expect(
      await readBillLedger(t.dataSource.manager, await orderIdOf(customer.orderNumber)),
    ).toEqual({
      netFen: 12_800,
      validBlueCount: 3,
    });

    await support().resolve(requestId, STAFF, 'Issued as three fapiao.');
    const seen = await api.get(`${REQUESTS}/${requestId}`);
    expect(seen.body.status).toBe('resolved');
    expect(seen.body.resolution).toBe('Issued as three fapiao.');
    const resolved = await mailsTo(t, customer.email, /resolved/);
    expect(resolved).toHaveLength(1);
    expect(resolved[0].text).toContain('Issued as three fapiao.');
  });

  it('retitles a mailed fapiao: return, red reversal, new blue, mailed again; every step visible', async () => {
    const customer = await payingCustomer(t, { locale: 'en' });
    const api = authed(t, customer.token);
    const appId = await issuedAndMailed(customer, '06600001');

    const created = await api.post(REQUESTS, {
      type: 'retitle',
      orderNumber: customer.orderNumber,
      applicationId: appId,
      newTitle: { buyerName: 'New Name Co., Ltd.', taxId: '91350100M000100Y43' },
      message: 'Our company was renamed.',
    });
    expect(created.status).toBe(201);
    const requestId = created.body.id as string;
    expect(await mailsTo(t, customer.email, /Support request .* received/)).toHaveLength(1);

    await support().startProgress(requestId, STAFF);
    // A delivered paper fapiao is reversed only once it has come back.
    await expect(
      support().issueRetitle(requestId, STAFF, {
        red: { number: '06600002', issueDate: '2026-11-24' },
        blue: { number: '06600003', issueDate: '2026-11-24', taxAmountFen: 725 },
      }),
    ).rejects.toMatchObject({ status: 409 });
    await support().reply(requestId, STAFF, 'Please send the original fapiao back to us.');
    await support().markAwaitingReturn(requestId, STAFF);
    expect((await api.get(`${REQUESTS}/${requestId}`)).body.status).toBe('awaiting_return');

    t.clock.set('2026-11-27T10:00:00+08:00');
    await support().markReturned(requestId, STAFF, '2026-11-27');
    await support().issueRetitle(requestId, STAFF, {
      red: { number: '06600002', issueDate: '2026-11-27' },
      blue: { number: '06600003', issueDate: '2026-11-27', taxAmountFen: 725 },
    });
    await staff(t).markMailedOut(appId, STAFF, {
      carrier: 'SF Express',
      trackingNumber: 'SF7000000001',
    });
    await support().resolve(requestId, STAFF, 'Reissued with the new title and mailed.');

    // Access tokens expire by the app's clock, which moved.
    const again = await signInAgain(t, customer);
    const api2 = authed(t, again.token);
    const seen = await api2.get(`${REQUESTS}/${requestId}`);
    expect(seen.status).toBe(200);
    expect(seen.body).toMatchObject({ status: 'resolved', returnedAt: '2026-11-27' });
    expect(
      seen.body.history.map(
        (h: { from: string; to: string; kind: string }) => `${h.from}→${h.to}:${h.kind}`,
      ),
    ).toEqual([
      'null→open:status',
      'open→in_progress:status',
      'in_progress→in_progress:reply',
      'in_progress→awaiting_return:status',
      'awaiting_return→in_progress:status',
      'in_progress→in_progress:reply',
      'in_progress→resolved:status',
    ]);
    expect(seen.body.replies[0].message).toBe('Please send the original fapiao back to us.');
    expect(JSON.stringify(seen.body)).not.toContain(STAFF.staffEmail);

    const app = await api2.get(`${APPLICATIONS}/${appId}`);
    expect(app.body).toMatchObject({
      status: 'mailed_out',
      trackingNumber: 'SF7000000001',
      title: { buyerName: 'New Name Co., Ltd.' },
    });
    expect(app.body.documents).toEqual([
      expect.objectContaining({ kind: 'blue', number: '06600001', amountFen: customer.amountFen }),
      expect.objectContaining({
        kind: 'red',
        number: '06600002',
        reverses: '06600001',
        amountFen: -customer.amountFen,
        taxAmountFen: -725,
      }),
      expect.objectContaining({ kind: 'blue', number: '06600003', amountFen: customer.amountFen }),
    ]);
    const sum = app.body.documents.reduce(
      (s: number, d: { amountFen: number }) => s + d.amountFen,
      0,
    );
    expect(sum).toBe(customer.amountFen);
    const [link]: { reversed: string }[] = await t.dataSource.query(
      `SELECT b.number AS reversed FROM fapiao_documents r JOIN fapiao_documents b ON b.id = r.reverses_document_id
        WHERE r.number = '06600002'`,
    );
    expect(link.reversed).toBe('06600001');
    const [printed]: { buyer_title: { buyerName: string } }[] = await t.dataSource.query(
      `SELECT buyer_title FROM fapiao_documents WHERE number = '06600003'`,
    );
    expect(printed.buyer_title.buyerName).toBe('New Name Co., Ltd.');

    const billing = await api2.get(`/api/v1/billing-records/${customer.orderNumber}`);
    expect(billing.body).toMatchObject({ applicationId: appId, fapiaoStatus: 'mailed_out' });

    expect(await mailsTo(t, customer.email, /06600003/)).toHaveLength(1);
    expect(await mailsTo(t, customer.email, /SF7000000001/)).toHaveLength(1);
    expect(await mailsTo(t, customer.email, /Support request .* resolved/)).toHaveLength(1);

    // A second reversal of the same fapiao is impossible; the chain still sums to the bill.
    await expect(
      support().issueRetitle(requestId, STAFF, {
        red: { number: '06600004', issueDate: '2026-11-27' },
        blue: { number: '06600005', issueDate: '2026-11-27', taxAmountFen: 725 },
      }),
    ).rejects.toMatchObject({ status: 409 });
    expect(
      await readBillLedger(t.dataSource.manager, await orderIdOf(customer.orderNumber)),
    ).toEqual({
      netFen: customer.amountFen,
      validBlueCount: 1,
    });
    t.clock.set('2026-11-24T10:00:00+08:00');
  });

  it('refuses a retitle of a draft or a not-yet-issued application with 409: edit or cancel instead', async () => {
    const customer = await payingCustomer(t);
    const api = authed(t, customer.token);
    const draftId = await createDraft(t, customer);
    const body = {
      type: 'retitle',
      orderNumber: customer.orderNumber,
      newTitle: { buyerName: 'Other Ltd.' },
    };

    const onDraft = await api.post(REQUESTS, { ...body, applicationId: draftId });
    expect(onDraft.status).toBe(409);
    expect(onDraft.body.code).toBe('APPLICATION_NOT_ELIGIBLE');
    expect(onDraft.body.detail).toMatch(/Edit the application .* or cancel it/);

    await api.post(`${APPLICATIONS}/${draftId}/confirm`);
    const onSubmitted = await api.post(REQUESTS, body);
    expect(onSubmitted.status).toBe(409);
    expect(onSubmitted.body.detail).toMatch(/edit|cancel/i);
    const [{ n }]: { n: string }[] = await t.dataSource.query(
      'SELECT count(*) AS n FROM support_requests WHERE order_number = $1',
      [customer.orderNumber],
    );
    expect(Number(n)).toBe(0);
  });

  it("answers 404 for another customer's order, application or request", async () => {
    const mine = await payingCustomer(t);
    const theirs = await payingCustomer(t);
    const theirApp = await submitted(t, theirs);
    const api = authed(t, mine.token);

    const order = await api.post(REQUESTS, {
      type: 'other',
      orderNumber: theirs.orderNumber,
      message: 'Hi',
    });
    expect(order.status).toBe(404);
    const app = await api.post(REQUESTS, {
      type: 'not_received',
      orderNumber: mine.orderNumber,
      applicationId: theirApp,
    });
    expect(app.status).toBe(404);

    const their = await authed(t, theirs.token).post(REQUESTS, {
      type: 'other',
      orderNumber: theirs.orderNumber,
      message: 'A question about my bill.',
    });
    expect(their.status).toBe(201);
    expect((await api.get(`${REQUESTS}/${their.body.id}`)).status).toBe(404);
    expect((await api.get(REQUESTS)).body.items).toEqual([]);
    expect((await authed(t, theirs.token).get(REQUESTS)).body.items).toHaveLength(1);
  });

  it('re-mails a fapiao that never arrived with a new tracking number, without new documents', async () => {
    const customer = await payingCustomer(t, { locale: 'en' });
    const appId = await issuedAndMailed(customer, '07700001');
    const api = authed(t, customer.token);
    const created = await api.post(REQUESTS, {
      type: 'not_received',
      orderNumber: customer.orderNumber,
    });
    expect(created.status).toBe(201);
    const requestId = created.body.id as string;
    expect(await support().get(requestId)).toMatchObject({
      carrier: 'SF Express',
      trackingNumber: 'SF07700001',
    });

    await support().startProgress(requestId, STAFF);
    await support().reMail(requestId, STAFF, {
      carrier: 'SF Express',
      trackingNumber: 'SF7700000002',
    });
    await support().resolve(requestId, STAFF, 'Mailed again.');
    const app = await api.get(`${APPLICATIONS}/${appId}`);
    expect(app.body).toMatchObject({ status: 'mailed_out', trackingNumber: 'SF7700000002' });
    expect(app.body.documents).toHaveLength(1);
    expect(await mailsTo(t, customer.email, /SF7700000002/)).toHaveLength(1);
  });

  it('splits an issued fapiao: red reversal plus one blue per line; never more than the bill', async () => {
    const customer = await payingCustomer(t, { amountFen: 10_000 });
    const api = authed(t, customer.token);
    const appId = await submitted(t, customer);
    await staff(t).startProcessing(appId, STAFF);
    await staff(t).issue(appId, STAFF, [
      { number: '08800001', issueDate: '2026-11-24', amountFen: 10_000, taxAmountFen: 566 },
    ]);
    const created = await api.post(REQUESTS, {
      type: 'split',
      orderNumber: customer.orderNumber,
      lines: [
        { title: { buyerName: 'Alpha Ltd.' }, amountFen: 6_000 },
        { title: { buyerName: 'Beta Ltd.' }, amountFen: 4_000 },
      ],
    });
    expect(created.status).toBe(201);
    const requestId = created.body.id as string;
    await support().startProgress(requestId, STAFF);
    // Without reversing the issued fapiao the bill would be invoiced twice: refused, nothing written.
    await expect(
      support().issueSplit(requestId, STAFF, {
        documents: [
          { number: '08800002', issueDate: '2026-11-24', taxAmountFen: 340 },
          { number: '08800003', issueDate: '2026-11-24', taxAmountFen: 226 },
        ],
      }),
    ).rejects.toMatchObject({ status: 422 });
    await support().issueSplit(requestId, STAFF, {
      reversals: [{ number: '08800009', issueDate: '2026-11-24' }],
      documents: [
        { number: '08800003', issueDate: '2026-11-24', taxAmountFen: 340 },
        { number: '08800004', issueDate: '2026-11-24', taxAmountFen: 226 },
      ],
    });
    const app = await api.get(`${APPLICATIONS}/${appId}`);
    expect(app.body.status).toBe('issued');
    expect(
      app.body.documents.map((d: { kind: string; amountFen: number }) => `${d.kind}${d.amountFen}`),
    ).toEqual(['blue10000', 'red-10000', 'blue6000', 'blue4000']);
    expect(
      await readBillLedger(t.dataSource.manager, await orderIdOf(customer.orderNumber)),
    ).toEqual({
      netFen: 10_000,
      validBlueCount: 2,
    });
  });

  it('refuses and rolls back any document write that would take a bill above its amount', async () => {
    const customer = await payingCustomer(t, { amountFen: 10_000 });
    const appId = await submitted(t, customer);
    await staff(t).startProcessing(appId, STAFF);
    await staff(t).issue(appId, STAFF, [
      { number: '09900001', issueDate: '2026-11-24', amountFen: 10_000, taxAmountFen: 566 },
    ]);
    const created = await authed(t, customer.token).post(REQUESTS, {
      type: 'retitle',
      orderNumber: customer.orderNumber,
      newTitle: { buyerName: 'Gamma Ltd.' },
    });
    await support().startProgress(created.body.id, STAFF);
    // A stray blue document (say, recorded by hand): the bill is now invoiced twice.
    await t.dataSource.query(
      `INSERT INTO fapiao_documents (application_id, kind, number, issue_date, amount_fen, tax_amount_fen, buyer_title)
       VALUES ($1, 'blue', '09900009', '2026-11-24', 10000, 566, '{"buyerName":"Stray"}')`,
      [appId],
    );
    await expect(
      support().issueRetitle(created.body.id, STAFF, {
        documentNumber: '09900001',
        red: { number: '09900002', issueDate: '2026-11-24' },
        blue: { number: '09900003', issueDate: '2026-11-24', taxAmountFen: 566 },
      }),
    ).rejects.toMatchObject({ status: 409, code: 'BILL_TOTAL_VIOLATED' });
    const numbers: { number: string }[] = await t.dataSource.query(
      'SELECT number FROM fapiao_documents WHERE application_id = $1 ORDER BY number',
      [appId],
    );
    expect(numbers.map((d) => d.number)).toEqual(['09900001', '09900009']);
  });
});
