import { createTestApp, TestApp } from '../support/test-app';
import {
  anotherPaidOrder,
  APPLICATIONS,
  applicationBody,
  authed,
  createDraft,
  mailsTo,
  payingCustomer,
  PAYER,
  specialTitle,
  STAFF,
  staff,
  submitted,
} from './fapiao-fixtures';

describe('fapiao application journey', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
    // Tuesday 24 November 2026, 10:00 in Shanghai: due two working days later, Thursday.
    t.clock.set('2026-11-24T10:00:00+08:00');
  });
  afterAll(() => t.close());

  it('goes from a synced bill to a mailed-out fapiao, visible and mailed at every step', async () => {
    const customer = await payingCustomer(t, { locale: 'en' });
    const api = authed(t, customer.token);

    const created = await api.post(
      APPLICATIONS,
      applicationBody(customer.orderNumber, { title: { buyerName: 'Wrong Name Ltd.' } }),
    );
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      orderNumber: customer.orderNumber,
      type: 'normal',
      purpose: 'none',
      status: 'draft',
      amountFen: customer.amountFen,
      version: 1,
      history: [{ from: null, to: 'draft' }],
      documents: [],
      remarks: [],
    });
    expect(created.body.dueDate).toBeUndefined();
    // Instants as JSON.stringify writes a Date: made by PostgreSQL, they must not differ.
    const clockNow = '2026-11-24T02:00:00.000Z';
    expect(created.body).toMatchObject({ createdAt: clockNow, updatedAt: clockNow });
    expect(created.body.history[0].at).toBe(clockNow);
    const id = created.body.id as string;

    const edited = await api.patch(`${APPLICATIONS}/${id}`, {
      type: 'special',
      title: specialTitle,
      version: 1,
    });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({
      status: 'draft',
      type: 'special',
      title: specialTitle,
      version: 2,
    });

    const confirmed = await api.post(`${APPLICATIONS}/${id}/confirm`);
    expect(confirmed.status).toBe(200);
    expect(confirmed.body).toMatchObject({ status: 'submitted', dueDate: '2026-11-26' });
    expect(confirmed.body.submittedAt).toBe('2026-11-24T02:00:00.000Z');
    const [received] = await mailsTo(t, customer.email, /received/i);
    expect(received.subject).toContain(customer.orderNumber);
    expect(received.text).toContain('2026-11-26');

    const billing = await api.get(`/api/v1/billing-records/${customer.orderNumber}`);
    expect(billing.body).toMatchObject({
      fapiaoStatus: 'submitted',
      applicable: false,
      applicationId: id,
    });

    await staff(t).startProcessing(id, STAFF);
    const issued = await staff(t).issue(id, STAFF, [
      { number: '04412345', issueDate: '2026-11-24', amountFen: 10_000, taxAmountFen: 566 },
      {
        number: '04412346',
        issueDate: '2026-11-24',
        amountFen: customer.amountFen - 10_000,
        taxAmountFen: 158,
      },
    ]);
    expect(issued.status).toBe('issued');
    await staff(t).addRemark(id, STAFF, 'Both fapiao are in one envelope.');
    await staff(t).markMailedOut(id, STAFF, {
      carrier: 'SF Express',
      trackingNumber: 'SF1234567890',
    });

    const seen = await api.get(`${APPLICATIONS}/${id}`);
    expect(seen.status).toBe(200);
    expect(seen.body).toMatchObject({
      status: 'mailed_out',
      carrier: 'SF Express',
      trackingNumber: 'SF1234567890',
      dueDate: '2026-11-26',
      documents: [
        {
          kind: 'blue',
          number: '04412345',
          issueDate: '2026-11-24',
          amountFen: 10_000,
          taxAmountFen: 566,
        },
        {
          kind: 'blue',
          number: '04412346',
          issueDate: '2026-11-24',
          amountFen: customer.amountFen - 10_000,
          taxAmountFen: 158,
        },
      ],
    });
    expect(seen.body.history.map((h: { from: string; to: string }) => `${h.from}→${h.to}`)).toEqual(
      [
        'null→draft',
        'draft→submitted',
        'submitted→processing',
        'processing→issued',
        'issued→issued',
        'issued→mailed_out',
      ],
    );
    expect(seen.body.remarks.map((r: { text: string }) => r.text)).toEqual([
      'Being processed',
      'Issued: fapiao no. 04412345, 04412346',
      'Both fapiao are in one envelope.',
      'Mailed out by SF Express, tracking number SF1234567890',
    ]);
    for (const entry of seen.body.history) expect(entry.at).toMatch(/^\d{4}-\d\d-\d\dT.*Z$/);
    // Staff identities stay in the back office.
    expect(JSON.stringify(seen.body)).not.toContain(STAFF.staffEmail);
    expect(JSON.stringify(seen.body)).not.toContain(STAFF.staffId);

    const issuedMail = await mailsTo(t, customer.email, /04412346/);
    expect(issuedMail).toHaveLength(1);
    const mailedOut = await mailsTo(t, customer.email, /SF1234567890/);
    expect(mailedOut).toHaveLength(1);
    expect(mailedOut[0].text).toContain('SF Express');

    const history: { actor_type: string; actor_email: string | null }[] = await t.dataSource.query(
      `SELECT actor_type, actor_email FROM application_history WHERE application_id = $1 ORDER BY id`,
      [id],
    );
    expect(
      history.slice(2).every((h) => h.actor_type === 'staff' && h.actor_email === STAFF.staffEmail),
    ).toBe(true);
    const [document]: { buyer_title: { taxId: string } }[] = await t.dataSource.query(
      `SELECT buyer_title FROM fapiao_documents WHERE application_id = $1 LIMIT 1`,
      [id],
    );
    expect(document.buyer_title.taxId).toBe(specialTitle.taxId);
  });

  it('hands a pick-up over at the branch with the address in the mail', async () => {
    const customer = await payingCustomer(t);
    const id = await submitted(t, customer, {
      shipping: { method: 'pickup', recipient: '李四', phone: '13912345678' },
    });
    await staff(t).startProcessing(id, STAFF);
    await staff(t).issue(id, STAFF, [
      {
        number: '04419999',
        issueDate: '2026-11-24',
        amountFen: customer.amountFen,
        taxAmountFen: 725,
      },
    ]);
    await expect(
      staff(t).markMailedOut(id, STAFF, { carrier: 'SF Express', trackingNumber: 'SF0000000001' }),
    ).rejects.toMatchObject({ code: 'ILLEGAL_TRANSITION' });
    await staff(t).markReadyForPickup(id, STAFF);
    const [mail] = await mailsTo(t, customer.email, /科苑路88号/);
    expect(mail.text).toContain('021-28986102');
    await staff(t).markPickedUp(id, STAFF);
    const seen = await authed(t, customer.token).get(`${APPLICATIONS}/${id}`);
    expect(seen.body.status).toBe('picked_up');
    const billing = await authed(t, customer.token).get(
      `/api/v1/billing-records/${customer.orderNumber}`,
    );
    expect(billing.body.fapiaoStatus).toBe('picked_up');
  });

  it('rejects with a reason the customer reads and gets by mail; the bill can then be applied for again', async () => {
    const customer = await payingCustomer(t);
    const id = await submitted(t, customer);
    const reason = 'The bank account does not belong to the buyer.';
    await staff(t).reject(id, STAFF, reason);
    const seen = await authed(t, customer.token).get(`${APPLICATIONS}/${id}`);
    expect(seen.body).toMatchObject({ status: 'rejected', rejectionReason: reason });
    expect(seen.body.remarks.map((r: { text: string }) => r.text)).toContain(reason);
    expect(await mailsTo(t, customer.email, /does not belong to the buyer/)).toHaveLength(1);
    await expect(staff(t).startProcessing(id, STAFF)).rejects.toMatchObject({
      status: 409,
      code: 'ILLEGAL_TRANSITION',
    });
    const again = await submitted(t, customer);
    expect(again).not.toBe(id);
  });

  it('lets the customer cancel before processing but not after', async () => {
    const customer = await payingCustomer(t);
    const api = authed(t, customer.token);
    const draft = await createDraft(t, customer);
    expect((await api.post(`${APPLICATIONS}/${draft}/cancel`)).body.status).toBe('cancelled');

    const id = await submitted(t, customer);
    await staff(t).startProcessing(id, STAFF);
    const late = await api.post(`${APPLICATIONS}/${id}/cancel`);
    expect(late.status).toBe(409);
    expect(late.body).toMatchObject({ code: 'ILLEGAL_TRANSITION', currentStatus: 'processing' });
    expect(late.body.detail).toMatch(/processing: it cannot be cancelled/);
    const again = await api.post(`${APPLICATIONS}/${id}/confirm`);
    expect(again.status).toBe(409);
    const edit = await api.patch(`${APPLICATIONS}/${id}`, { title: { buyerName: 'X' } });
    expect(edit.status).toBe(409);
    expect(edit.body.code).toBe('ILLEGAL_TRANSITION');
  });

  it('refuses a stale version', async () => {
    const customer = await payingCustomer(t);
    const api = authed(t, customer.token);
    const id = await createDraft(t, customer);
    expect(
      (await api.patch(`${APPLICATIONS}/${id}`, { purpose: 'refund', version: 1 })).status,
    ).toBe(200);
    const stale = await api.patch(`${APPLICATIONS}/${id}`, { purpose: 'none', version: 1 });
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({ code: 'VERSION_CONFLICT', currentVersion: 2 });
    expect((await api.post(`${APPLICATIONS}/${id}/confirm`, { version: 1 })).status).toBe(409);
  });

  it('lists the customer’s applications by status and hides other customers’ ones', async () => {
    const customer = await payingCustomer(t);
    const api = authed(t, customer.token);
    const first = await submitted(t, customer);
    // The clock is frozen: move it so the two are created at different instants (newest first).
    t.clock.advance(1000);
    const secondOrder = await anotherPaidOrder(t, customer);
    const second = await createDraft(t, { ...customer, orderNumber: secondOrder });

    const all = await api.get(`${APPLICATIONS}?pageSize=1`);
    expect(all.status).toBe(200);
    expect(all.body).toMatchObject({ page: 1, pageSize: 1, total: 2 });
    expect(all.body.items.map((a: { id: string }) => a.id)).toEqual([second]);
    const page2 = await api.get(`${APPLICATIONS}?pageSize=1&page=2`);
    expect(page2.body.items.map((a: { id: string }) => a.id)).toEqual([first]);
    const drafts = await api.get(`${APPLICATIONS}?status=draft`);
    expect(drafts.body.items.map((a: { id: string }) => a.id)).toEqual([second]);
    expect((await api.get(`${APPLICATIONS}?page=9`)).body).toMatchObject({ items: [], total: 2 });

    const stranger = await payingCustomer(t);
    const strangerApi = authed(t, stranger.token);
    for (const response of [
      await strangerApi.get(`${APPLICATIONS}/${first}`),
      await strangerApi.patch(`${APPLICATIONS}/${second}`, { purpose: 'none' }),
      await strangerApi.post(`${APPLICATIONS}/${second}/confirm`),
      await strangerApi.post(`${APPLICATIONS}/${first}/cancel`),
    ]) {
      expect(response.status).toBe(404);
      expect(response.body.code).toBe('APPLICATION_NOT_FOUND');
    }
    expect((await strangerApi.get(APPLICATIONS)).body.total).toBe(0);
    const foreignBill = await strangerApi.post(APPLICATIONS, applicationBody(customer.orderNumber));
    expect(foreignBill.status).toBe(404);
  });

  it('prefills from the account’s most recent submitted application', async () => {
    const customer = await payingCustomer(t);
    const api = authed(t, customer.token);
    expect((await api.get('/api/v1/fapiao/prefill')).body).toEqual({});
    await submitted(t, customer, {
      type: 'special',
      title: specialTitle,
      shipping: { method: 'pickup', recipient: '李四', phone: '021-28986102' },
    });
    const prefill = await api.get('/api/v1/fapiao/prefill');
    expect(prefill.status).toBe(200);
    expect(prefill.body).toEqual({
      type: 'special',
      title: specialTitle,
      shipping: { method: 'pickup', recipient: '李四', phone: '021-28986102' },
    });
  });

  it('answers without a login with 401', async () => {
    expect((await t.http().get(APPLICATIONS)).status).toBe(401);
    expect((await t.http().post(APPLICATIONS).send(applicationBody('X'))).status).toBe(401);
  });

  it('keeps the buyer name the payer wrote for a refund', async () => {
    const customer = await payingCustomer(t, { payerName: '上海示例贸易有限公司（浦东）' });
    const res = await authed(t, customer.token).post(
      APPLICATIONS,
      applicationBody(customer.orderNumber, {
        purpose: 'refund',
        title: { buyerName: ' 上海示例贸易有限公司(浦东) ' },
      }),
    );
    expect(res.status).toBe(201);
    expect(res.body.title.buyerName).toBe('上海示例贸易有限公司(浦东)');
    expect(PAYER).toBeDefined();
  });
});
