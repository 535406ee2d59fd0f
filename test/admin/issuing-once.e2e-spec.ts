import { StaffRole } from '../../src/auth/staff/staff-role';
import { PAYER, payingCustomer, submitted } from '../fapiao/fapiao-fixtures';
import { createTestApp, TestApp } from '../support/test-app';
import { Agent, auditRows, createStaff, signIn } from './admin-test-kit';
import {
  issuedAndMailed,
  openRequest,
  requestState,
  SUPPORT_API,
  supportAction as act,
} from './support-request-kit';

const TODAY = '2026-11-24';

interface Notice {
  type: string;
  message: string;
  options?: { issuedBy?: string; issuedAt?: string; defaultValue?: string };
}

/** The documents of a request's application, oldest first. */
async function documentsOf(t: TestApp, requestId: string): Promise<string[]> {
  const rows: { number: string }[] = await t.dataSource.query(
    `SELECT d.number FROM fapiao_documents d
       JOIN support_requests r ON r.application_id = d.application_id
      WHERE r.id = $1 ORDER BY d.created_at, d.number`,
    [requestId],
  );
  return rows.map((r) => r.number);
}

describe('back office: a retitle or split issues its fapiao once', () => {
  let t: TestApp;
  let first: Agent;
  let second: Agent;

  beforeAll(async () => {
    t = await createTestApp({ env: { ADMIN_ENABLED: 'true' } });
    t.clock.set(`${TODAY}T10:00:00+08:00`);
    first = await signIn(t, (await createStaff(t, StaffRole.SUPPORT, 'li@example.com')).email);
    second = await signIn(t, (await createStaff(t, StaffRole.SUPPORT, 'wu@example.com')).email);
  }, 60_000);
  afterAll(() => t?.close());

  const offered = async (id: string) =>
    (
      (await first.get(`${SUPPORT_API}/records/${id}/show`)).body.record.recordActions as {
        name: string;
      }[]
    ).map((a) => a.name);

  /** A retitle request in progress whose original has come back: ready to issue. */
  async function retitleReady(prefix: string): Promise<string> {
    const customer = await payingCustomer(t, { locale: 'en' });
    const appId = await issuedAndMailed(t, customer, `${prefix}01`, TODAY);
    const id = await openRequest(t, customer, {
      type: 'retitle',
      applicationId: appId,
      newTitle: { buyerName: 'New Name Co., Ltd.', taxId: '91350100M000100Y43' },
    });
    await act(first, id, 'startProgress');
    await act(first, id, 'markAwaitingReturn');
    await act(first, id, 'markReturned', { returnedOn: TODAY });
    return id;
  }

  const retitleForm = (prefix: string, attempt: string) => ({
    'red.number': `${prefix}${attempt}02`,
    'red.issueDate': TODAY,
    'blue.number': `${prefix}${attempt}03`,
    'blue.issueDate': TODAY,
    'blue.taxAmountFen': '7.25',
  });

  const expectAlreadyIssued = (notice: Notice, by: string) => {
    expect(notice).toMatchObject({
      type: 'error',
      message: 'DOCUMENTS_ALREADY_ISSUED',
      options: { issuedBy: by, issuedAt: '2026-11-24 10:00' },
    });
    expect(notice.options?.defaultValue).toMatch(/already issued by .* at 2026-11-24 10:00/);
  };

  it('refuses a second retitle submit with who issued it and when; it is no longer offered', async () => {
    const id = await retitleReady('077000');
    expect(await offered(id)).toContain('issueRetitle');
    const done = await act(first, id, 'issueRetitle', retitleForm('0770', '00'));
    expect(done.body.notice).toMatchObject({ type: 'success', message: 'supportRetitleIssued' });
    const after = await requestState(t, id);
    const documents = await documentsOf(t, id);
    expect(documents).toHaveLength(3);

    expect(await offered(id)).not.toContain('issueRetitle');
    // Waiting for the original leads up to issuing: no longer offered either.
    expect(await offered(id)).not.toContain('markAwaitingReturn');
    // A second submit (a stale page, or the URL again), with other numbers: nothing issued.
    const again = await act(second, id, 'issueRetitle', retitleForm('0770', '11'));
    expectAlreadyIssued(again.body.notice as Notice, 'li@example.com');
    expect(await requestState(t, id)).toEqual(after);
    expect(await documentsOf(t, id)).toEqual(documents);
    expect(
      (await auditRows(t, 'support_request.issue_retitle')).filter((r) => r.record_id === id),
    ).toHaveLength(1);
  });

  it('issues one set of documents when two staff submit the retitle at the same time', async () => {
    const id = await retitleReady('078000');
    const results = await Promise.all([
      act(first, id, 'issueRetitle', retitleForm('0780', '00')),
      act(second, id, 'issueRetitle', retitleForm('0780', '11')),
    ]);
    const notices = results.map((r) => r.body.notice as Notice);
    const won = notices.filter((n) => n.type === 'success');
    expect(won).toHaveLength(1);
    const lost = notices.find((n) => n.type === 'error')!;
    const winner = notices[0].type === 'success' ? 'li@example.com' : 'wu@example.com';
    expectAlreadyIssued(lost, winner);
    expect(await documentsOf(t, id)).toHaveLength(3);
  });

  it('issues a split once, refusing a double submit and a concurrent one', async () => {
    for (const [round, concurrent] of [
      ['1', false],
      ['2', true],
    ] as const) {
      const customer = await payingCustomer(t, { locale: 'en', amountFen: 9_000 });
      await submitted(t, customer);
      const id = await openRequest(t, customer, {
        type: 'split',
        lines: [
          { title: { buyerName: 'Alpha Trading Ltd.' }, amountFen: 5_000 },
          { title: { buyerName: PAYER }, amountFen: 4_000 },
        ],
      });
      await act(first, id, 'startProgress');
      const form = (attempt: string) => ({
        'documents.0.number': `079${round}${attempt}001`,
        'documents.0.issueDate': TODAY,
        'documents.0.taxAmountFen': '2.83',
        'documents.1.number': `079${round}${attempt}002`,
        'documents.1.issueDate': TODAY,
        'documents.1.taxAmountFen': '2.26',
      });
      const submits = concurrent
        ? await Promise.all([
            act(first, id, 'issueSplit', form('0')),
            act(second, id, 'issueSplit', form('1')),
          ])
        : [
            await act(first, id, 'issueSplit', form('0')),
            await act(first, id, 'issueSplit', form('1')),
          ];
      const types = submits.map((r) => (r.body.notice as Notice).type).sort();
      expect(types).toEqual(['error', 'success']);
      const lost = submits.map((r) => r.body.notice as Notice).find((n) => n.type === 'error')!;
      expect(lost.message).toBe('DOCUMENTS_ALREADY_ISSUED');
      expect(await documentsOf(t, id)).toHaveLength(2);
      expect(await offered(id)).not.toContain('issueSplit');
    }
  });

  it('keeps the rule in the database: a second claim by a writer without the lock changes nothing', async () => {
    const id = await retitleReady('079900');
    await act(first, id, 'issueRetitle', retitleForm('0799', '00'));
    const [, affected] = await t.dataSource.query(
      `UPDATE support_requests SET documents_issued_at = now(), documents_issued_by = 'x@example.com'
        WHERE id = $1 AND documents_issued_at IS NULL`,
      [id],
    );
    expect(affected).toBe(0);
    await expect(
      t.dataSource.query(`UPDATE support_requests SET documents_issued_by = NULL WHERE id = $1`, [
        id,
      ]),
    ).rejects.toThrow(/ck_support_requests_documents_issued/);
  });

  describe('applications: two service-centre staff on one record', () => {
    let ana: Agent;
    let ben: Agent;
    beforeAll(async () => {
      ana = await signIn(
        t,
        (await createStaff(t, StaffRole.SERVICE_CENTER, 'ana@example.com')).email,
      );
      ben = await signIn(
        t,
        (await createStaff(t, StaffRole.SERVICE_CENTER, 'ben@example.com')).email,
      );
    });
    const appAction = (
      agent: Agent,
      id: string,
      action: string,
      form: Record<string, string> = {},
    ) =>
      agent
        .post(`/admin/api/resources/applications/records/${id}/${action}`)
        .type('form')
        .send(form);
    const documentCount = async (id: string) =>
      Number(
        (
          await t.dataSource.query(
            'SELECT count(*) AS n FROM fapiao_documents WHERE application_id = $1',
            [id],
          )
        )[0].n,
      );

    it('tells the one who is second what changed, by whom and when', async () => {
      const id = await submitted(t, await payingCustomer(t));
      const taken = await appAction(ana, id, 'startProcessing');
      expect(taken.body.notice.type).toBe('success');
      const late = await appAction(ben, id, 'startProcessing');
      expect(late.body.notice).toMatchObject({
        type: 'error',
        message: 'ILLEGAL_TRANSITION',
        options: {
          context: 'changed',
          changedBy: 'ana@example.com',
          changedAt: '2026-11-24 10:00',
          changedTo: 'processing',
        },
      });
      expect(late.body.notice.options.defaultValue).toMatch(
        /ana@example\.com changed it to processing at 2026-11-24 10:00 \(Beijing time\)/,
      );
    });

    it('issues an application once when both submit the issue form at the same time', async () => {
      const customer = await payingCustomer(t);
      const id = await submitted(t, customer);
      await appAction(ana, id, 'startProcessing');
      const results = await Promise.all([
        appAction(ana, id, 'issue', {
          documentNumber: '08100001',
          issueDate: TODAY,
          taxAmountFen: '7.25',
        }),
        appAction(ben, id, 'issue', {
          documentNumber: '08100002',
          issueDate: TODAY,
          taxAmountFen: '7.25',
        }),
      ]);
      const notices = results.map(
        (r) => r.body.notice as Notice & { options: { changedBy?: string } },
      );
      expect(notices.map((n) => n.type).sort()).toEqual(['error', 'success']);
      const winner = notices[0].type === 'success' ? 'ana@example.com' : 'ben@example.com';
      const lost = notices.find((n) => n.type === 'error')!;
      expect(['ILLEGAL_TRANSITION', 'VERSION_CONFLICT']).toContain(lost.message);
      expect(lost.options.changedBy).toBe(winner);
      expect(await documentCount(id)).toBe(1);
      // Issuing again is not offered, and refused by URL.
      const shown = await ana.get(`/admin/api/resources/applications/records/${id}/show`);
      expect(shown.body.record.recordActions.map((a: { name: string }) => a.name)).not.toContain(
        'issue',
      );
      const again = await appAction(ana, id, 'issue', {
        documentNumber: '08100003',
        issueDate: TODAY,
        taxAmountFen: '7.25',
      });
      expect(again.body.notice.type).toBe('error');
      expect(await documentCount(id)).toBe(1);
    });
  });
});
