import { StaffRole } from '../../src/auth/staff/staff-role';
import {
  APPLICATIONS,
  authed,
  mailsTo,
  PAYER,
  payingCustomer,
  signInAgain,
  submitted,
} from '../fapiao/fapiao-fixtures';
import { createTestApp, TestApp } from '../support/test-app';
import { Agent, auditRows, createStaff, signIn } from './admin-test-kit';
import {
  APPLICATIONS_API,
  issuedAndMailed,
  openRequest,
  REQUESTS,
  requestState,
  SUPPORT_API,
  supportAction as act,
} from './support-request-kit';

const TODAY = '2026-11-24';

describe('back office: support request actions', () => {
  let t: TestApp;
  let helper: Agent;
  let clerk: Agent;

  beforeAll(async () => {
    t = await createTestApp({ env: { ADMIN_ENABLED: 'true' } });
    t.clock.set(`${TODAY}T10:00:00+08:00`);
    helper = await signIn(t, (await createStaff(t, StaffRole.SUPPORT, 'help@example.com')).email);
    clerk = await signIn(
      t,
      (await createStaff(t, StaffRole.SERVICE_CENTER, 'clerk@example.com')).email,
    );
  }, 60_000);
  afterAll(() => t?.close());

  /** The audit actions for one record, sorted (the test clock stands still, so `at` ties). */
  const auditedFor = async (id: string) =>
    (await auditRows(t))
      .filter((r) => r.record_id === id)
      .map((r) => r.action)
      .sort();

  it('works a split request from the list to resolved; the customer sees three fapiao', async () => {
    const customer = await payingCustomer(t, { locale: 'en', amountFen: 12_800 });
    const appId = await submitted(t, customer);
    const id = await openRequest(t, customer, {
      type: 'split',
      lines: [
        { title: { buyerName: 'Alpha Trading Ltd.' }, amountFen: 5_000 },
        { title: { buyerName: 'Beta Trading Ltd.' }, amountFen: 4_000 },
        { title: { buyerName: PAYER }, amountFen: 3_800 },
      ],
    });

    const list = await helper.get(
      `${SUPPORT_API}/actions/list?filters.status=open&filters.type=split`,
    );
    const row = list.body.records.find((r: { id: string }) => r.id === id);
    expect(row.params).toMatchObject({ type: 'split', status: 'open', billAmountFen: 12_800 });
    expect(row.params.requestNumber).toMatch(/^SR\d{6}$/);
    const offered = row.recordActions.map((a: { name: string }) => a.name);
    expect(offered).toEqual(
      expect.arrayContaining(['reply', 'startProgress', 'resolve', 'reject']),
    );
    expect(offered).not.toContain('issueSplit');
    expect(offered).not.toContain('issueRetitle');
    // The form gets one row per line of the request from the record's (flattened) lines.
    const shown = await helper.get(`${SUPPORT_API}/records/${id}/show`);
    expect(shown.body.record.params['lines.2.amountFen']).toBe(3_800);

    expect((await act(helper, id, 'startProgress')).body.notice).toMatchObject({
      type: 'success',
      message: 'supportStarted',
    });
    const issued = await act(helper, id, 'issueSplit', {
      'documents.0.number': '05500001',
      'documents.0.issueDate': TODAY,
      'documents.0.taxAmountFen': '2.83',
      'documents.1.number': '05500002',
      'documents.1.issueDate': TODAY,
      'documents.1.taxAmountFen': '2.26',
      'documents.2.number': '05500003',
      'documents.2.issueDate': TODAY,
      'documents.2.taxAmountFen': '2.15',
    });
    expect(issued.body.notice).toMatchObject({ type: 'success', message: 'supportSplitIssued' });
    const resolved = await act(helper, id, 'resolve', { resolution: 'Issued as three fapiao.' });
    expect(resolved.body.record.params.status).toBe('resolved');

    const api = authed(t, customer.token);
    const seen = await api.get(`${REQUESTS}/${id}`);
    expect(seen.body).toMatchObject({ status: 'resolved', resolution: 'Issued as three fapiao.' });
    const app = await api.get(`${APPLICATIONS}/${appId}`);
    expect(app.body.status).toBe('issued');
    expect(
      app.body.documents.map((d: { number: string; amountFen: number }) => d.amountFen),
    ).toEqual([5_000, 4_000, 3_800]);
    expect(await mailsTo(t, customer.email, /Support request .* resolved/)).toHaveLength(1);
    expect(await mailsTo(t, customer.email, /05500003/)).not.toHaveLength(0);

    expect(await auditedFor(id)).toEqual(
      [
        'support_request.start_progress',
        'support_request.issue_split',
        'support_request.resolve',
      ].sort(),
    );
    const [resolveRow] = (await auditRows(t, 'support_request.resolve')).filter(
      (r) => r.record_id === id,
    );
    expect(resolveRow).toMatchObject({
      staff_email: 'help@example.com',
      resource: 'support_requests',
      before: { status: 'in_progress' },
      after: { status: 'resolved', resolution: 'Issued as three fapiao.' },
    });
  });

  it('answers a bad split form with field errors per row and changes nothing', async () => {
    const customer = await payingCustomer(t, { amountFen: 10_000 });
    await submitted(t, customer);
    const id = await openRequest(t, customer, {
      type: 'split',
      lines: [
        { title: { buyerName: 'Alpha Trading Ltd.' }, amountFen: 6_000 },
        { title: { buyerName: PAYER }, amountFen: 4_000 },
      ],
    });
    await act(helper, id, 'startProgress');
    const before = await requestState(t, id);

    // Rows that skip a number are refused before the service sees them.
    const gap = await act(helper, id, 'issueSplit', {
      'documents.0.number': '05510001',
      'documents.2.number': '05510002',
    });
    expect(gap.body.notice).toMatchObject({ type: 'error', message: 'VALIDATION_FAILED' });
    expect(gap.body.fieldErrors['documents.1'].message).toBe('rowMissing');
    // Values are judged by the service, cell by cell.
    const bad = await act(helper, id, 'issueSplit', {
      'documents.0.number': '05510001',
      'documents.0.issueDate': TODAY,
      'documents.0.taxAmountFen': 'ten',
      'documents.1.number': '12',
      'documents.1.issueDate': '2030-01-01',
      'documents.1.taxAmountFen': '0.05',
    });
    expect(bad.body.notice).toMatchObject({ type: 'error', message: 'SUPPORT_REQUEST_INVALID' });
    expect(Object.keys(bad.body.fieldErrors).sort()).toEqual(
      ['documents.0.taxAmountFen', 'documents.1.issueDate', 'documents.1.number'].sort(),
    );
    const oneRow = await act(helper, id, 'issueSplit', {
      'documents.0.number': '05510001',
      'documents.0.issueDate': TODAY,
      'documents.0.taxAmountFen': '0.05',
    });
    expect(oneRow.body.fieldErrors.documents).toEqual({
      message: 'onePerLine',
      options: { count: '2' },
    });
    expect(await requestState(t, id)).toEqual(before);
    expect(await auditedFor(id)).toEqual(['support_request.start_progress']);
  });

  it('works a retitle: refused before the original is back, then reversed, reissued, mailed', async () => {
    const customer = await payingCustomer(t, { locale: 'en' });
    const appId = await issuedAndMailed(t, customer, '06600001', TODAY);
    const id = await openRequest(t, customer, {
      type: 'retitle',
      applicationId: appId,
      newTitle: { buyerName: 'New Name Co., Ltd.', taxId: '91350100M000100Y43' },
    });
    await act(helper, id, 'startProgress');
    // A second click on a stale page: the state is re-checked on submit.
    expect((await act(helper, id, 'startProgress')).body.notice).toMatchObject({
      type: 'error',
      message: 'ILLEGAL_REQUEST_TRANSITION',
    });

    const retitle = {
      'red.number': '06600002',
      'red.issueDate': TODAY,
      'blue.number': '06600003',
      'blue.issueDate': TODAY,
      'blue.taxAmountFen': '7.25',
    };
    const before = await requestState(t, id);
    const early = await act(helper, id, 'issueRetitle', retitle);
    expect(early.body.notice).toMatchObject({
      type: 'error',
      message: 'ILLEGAL_REQUEST_TRANSITION',
    });
    expect(early.body.notice.options.defaultValue).toMatch(/original has come back/);
    expect(await requestState(t, id)).toEqual(before);

    await act(helper, id, 'reply', { message: 'Please send the original fapiao back to us.' });
    await act(helper, id, 'markAwaitingReturn');
    expect((await act(helper, id, 'issueRetitle', retitle)).body.notice).toMatchObject({
      type: 'error',
      message: 'ILLEGAL_REQUEST_TRANSITION',
    });
    t.clock.set('2026-11-27T10:00:00+08:00');
    try {
      const future = await act(helper, id, 'markReturned', { returnedOn: '2026-11-28' });
      expect(future.body.fieldErrors.returnedOn.message).toBe('dateNotInFuture');
      await act(helper, id, 'markReturned', { returnedOn: '2026-11-27' });
      const done = await act(helper, id, 'issueRetitle', {
        ...retitle,
        'red.issueDate': '2026-11-27',
        'blue.issueDate': '2026-11-27',
      });
      expect(done.body.notice).toMatchObject({ type: 'success', message: 'supportRetitleIssued' });
      // The service centre mails the new fapiao (an application action).
      const mailed = await clerk
        .post(`${APPLICATIONS_API}/records/${appId}/markMailedOut`)
        .type('form')
        .send({ carrier: 'SF Express', trackingNumber: 'SF7000000001' });
      expect(mailed.body.notice.type).toBe('success');
      await act(helper, id, 'resolve', { resolution: 'Reissued with the new title and mailed.' });

      const api = authed(t, (await signInAgain(t, customer)).token);
      const seen = await api.get(`${REQUESTS}/${id}`);
      expect(seen.body).toMatchObject({ status: 'resolved', returnedAt: '2026-11-27' });
      expect(seen.body.replies[0].message).toBe('Please send the original fapiao back to us.');
      const app = await api.get(`${APPLICATIONS}/${appId}`);
      expect(app.body).toMatchObject({
        status: 'mailed_out',
        trackingNumber: 'SF7000000001',
        title: { buyerName: 'New Name Co., Ltd.' },
      });
      expect(app.body.documents.map((d: { kind: string; number: string }) => d.number)).toEqual([
        '06600001',
        '06600002',
        '06600003',
      ]);
      expect(await mailsTo(t, customer.email, /06600003/)).not.toHaveLength(0);
      expect(await mailsTo(t, customer.email, /Support request .* resolved/)).toHaveLength(1);
    } finally {
      t.clock.set(`${TODAY}T10:00:00+08:00`);
    }
    expect(await auditedFor(id)).toEqual(
      [
        'support_request.start_progress',
        'support_request.reply',
        'support_request.awaiting_return',
        'support_request.returned',
        'support_request.issue_retitle',
        'support_request.resolve',
      ].sort(),
    );
  });

  it('re-mails a fapiao that never arrived and rejects a request, both audited', async () => {
    const customer = await payingCustomer(t);
    const appId = await issuedAndMailed(t, customer, '07700001', TODAY);
    const lost = await openRequest(t, customer, { type: 'not_received', applicationId: appId });
    await act(helper, lost, 'startProgress');
    const res = await act(helper, lost, 'reMail', {
      carrier: 'SF Express',
      trackingNumber: 'SF8000000001',
    });
    expect(res.body.notice).toMatchObject({ type: 'success', message: 'supportReMailed' });
    expect(await mailsTo(t, customer.email, /SF8000000001/)).toHaveLength(1);

    const other = await openRequest(t, customer, { type: 'other', message: 'Hello?' });
    await act(helper, other, 'reject', { reason: 'Nothing to do.' });
    expect((await requestState(t, other)).status).toBe('rejected');
    expect(await auditedFor(lost)).toEqual(
      ['support_request.remail', 'support_request.start_progress'].sort(),
    );
    expect(await auditedFor(other)).toEqual(['support_request.reject']);
  });

  it('writes the audit entry in the same transaction as the change: both or neither', async () => {
    const customer = await payingCustomer(t);
    const id = await openRequest(t, customer, { type: 'other', message: 'Call me.' });
    const before = await requestState(t, id);
    // The audit insert fails (as if the audit table refused it) after the service's change.
    await t.dataSource.query(`
      CREATE FUNCTION test_refuse_audit() RETURNS trigger LANGUAGE plpgsql AS
        $$ BEGIN RAISE EXCEPTION 'audit refused by the test'; END $$;
      CREATE TRIGGER test_refuse_audit BEFORE INSERT ON audit_log FOR EACH ROW
        WHEN (NEW.action = 'support_request.resolve') EXECUTE FUNCTION test_refuse_audit();`);
    try {
      const res = await act(helper, id, 'resolve', { resolution: 'Called back.' });
      expect(res.body.notice?.type).not.toBe('success');
      expect(await requestState(t, id)).toEqual(before);
    } finally {
      await t.dataSource.query(`DROP TRIGGER test_refuse_audit ON audit_log;
                                DROP FUNCTION test_refuse_audit();`);
    }
    expect(await auditedFor(id)).toEqual([]);
    // Nothing was left behind: the same step now commits both.
    await act(helper, id, 'resolve', { resolution: 'Called back.' });
    expect((await requestState(t, id)).status).toBe('resolved');
    expect(await auditedFor(id)).toEqual(['support_request.resolve']);
  });
});
