import { StaffRole } from '../../src/auth/staff/staff-role';
import { authed, payingCustomer, PayingCustomer, submitted } from '../fapiao/fapiao-fixtures';
import { deliverMail, REGISTER_PATH, strongPassword, uniqueEmail } from '../support/customers';
import { pushOrder } from '../support/payment-platform';
import { createTestApp, TestApp } from '../support/test-app';
import { Agent, auditRows, createStaff, signIn } from './admin-test-kit';

type Response = Awaited<ReturnType<Agent['get']>>;
const api = (resource: string) => `/admin/api/resources/${resource}`;

function isRefused(res: Response): boolean {
  return (
    res.status === 403 &&
    res.body?.record?.baseError?.type === 'ForbiddenError' &&
    res.body?.notice?.message === 'forbiddenError'
  );
}

/** Secrets that must never reach a back-office page or its JSON. */
const SECRETS =
  /argon2|passwordHash|password_hash|htmlBody|textBody|token=|\/activate\?|tokenVersion/;
/** What an outbox row must never show: its context and stored bodies (live links). */
const MAIL_SECRETS = /"context|legacyHtmlBody|legacyTextBody/;

describe('back office: orders, payments, customer accounts, mail outbox, dashboard', () => {
  let t: TestApp;
  const agents = new Map<StaffRole, Agent>();
  let customer: PayingCustomer;

  beforeAll(async () => {
    t = await createTestApp({ env: { ADMIN_ENABLED: 'true' } });
    t.clock.set('2026-11-24T10:00:00+08:00');
    for (const role of Object.values(StaffRole)) {
      agents.set(role, await signIn(t, (await createStaff(t, role)).email));
    }
    customer = await payingCustomer(t);
    await submitted(t, customer);
    await deliverMail(t);
  }, 60_000);
  afterAll(() => t?.close());

  const as = (role: StaffRole) => agents.get(role)!;

  const READERS: Record<string, StaffRole[]> = {
    customers: [StaffRole.ADMIN, StaffRole.SERVICE_CENTER, StaffRole.SUPPORT],
    orders: [StaffRole.ADMIN, StaffRole.SERVICE_CENTER, StaffRole.SUPPORT],
    payments: [StaffRole.ADMIN, StaffRole.SERVICE_CENTER, StaffRole.SUPPORT],
    customer_accounts: [StaffRole.ADMIN, StaffRole.SUPPORT],
    mail_outbox: [StaffRole.ADMIN],
  };
  const cases = Object.entries(READERS).flatMap(([resource, readers]) =>
    Object.values(StaffRole).map((role) => ({ resource, role, allowed: readers.includes(role) })),
  );

  it.each(cases)('$role reading $resource: allowed=$allowed, never with secrets', async (c) => {
    const res = await as(c.role).get(`${api(c.resource)}/actions/list`);
    if (c.allowed) {
      expect(isRefused(res)).toBe(false);
      expect(res.body.records.length).toBeGreaterThan(0);
      const shown = await as(c.role).get(
        `${api(c.resource)}/records/${res.body.records[0].id}/show`,
      );
      expect(shown.body.record.params.id).toBe(res.body.records[0].id);
      expect(JSON.stringify([res.body, shown.body])).not.toMatch(SECRETS);
    } else {
      expect(isRefused(res)).toBe(true);
    }
  });

  const EVERY_RESOURCE = [
    'applications',
    'audit_log',
    'calendar_years',
    'calendar_days',
    'customer_accounts',
    'customers',
    'mail_outbox',
    'orders',
    'out_of_use_periods',
    'payments',
    'staff_users',
    'support_requests',
  ];

  it.each(EVERY_RESOURCE)(
    'no list or page of %s shows a secret to an admin, linked records included',
    async (resource) => {
      const admin = as(StaffRole.ADMIN);
      const list = await admin.get(`${api(resource)}/actions/list`);
      expect(list.status).toBe(200);
      const shown = await Promise.all(
        list.body.records
          .slice(0, 3)
          .map((r: { id: string }) => admin.get(`${api(resource)}/records/${r.id}/show`)),
      );
      const bodies = JSON.stringify([list.body, ...shown.map((r) => r.body)]);
      expect(bodies).not.toMatch(SECRETS);
      expect(bodies).not.toMatch(/totpSecret|recoveryCodeHashes|totpLastTimeStep|tokenHash/);
    },
  );

  it.each(Object.keys(READERS))('nobody edits or deletes %s raw, not even an admin', async (r) => {
    const [{ id }] = (await as(StaffRole.ADMIN).get(`${api(r)}/actions/list`)).body.records;
    expect(
      isRefused(
        await as(StaffRole.ADMIN)
          .post(`${api(r)}/records/${id}/edit`)
          .send({ status: 'x' }),
      ),
    ).toBe(true);
    expect(isRefused(await as(StaffRole.ADMIN).post(`${api(r)}/records/${id}/delete`))).toBe(true);
    expect(
      isRefused(
        await as(StaffRole.ADMIN)
          .post(`${api(r)}/actions/new`)
          .send({}),
      ),
    ).toBe(true);
  });

  it('finds a customer account by email, and support disables it: its tokens stop working', async () => {
    const found = await as(StaffRole.SUPPORT).get(
      `${api('customer_accounts')}/actions/list?filters.email=${encodeURIComponent(customer.email)}`,
    );
    expect(found.body.records).toHaveLength(1);
    const [account] = found.body.records;
    expect(account.params).toMatchObject({ email: customer.email, status: 'active' });
    expect(account.recordActions.map((a: { name: string }) => a.name)).not.toContain(
      'resendActivation',
    );
    expect(
      isRefused(
        await as(StaffRole.SERVICE_CENTER).post(
          `${api('customer_accounts')}/records/${account.id}/disableAccount`,
        ),
      ),
    ).toBe(true);
    expect((await authed(t, customer.token).get('/api/v1/me')).status).toBe(200);

    const res = await as(StaffRole.SUPPORT)
      .post(`${api('customer_accounts')}/records/${account.id}/disableAccount`)
      .type('form')
      .send({});
    expect(res.body.notice).toMatchObject({ type: 'success', message: 'customerAccountDisabled' });
    expect(JSON.stringify(res.body)).not.toMatch(SECRETS);
    expect((await authed(t, customer.token).get('/api/v1/me')).status).toBe(401);
    const [row] = (await auditRows(t, 'customer_account.disable')).filter(
      (r) => r.record_id === account.id,
    );
    expect(row).toMatchObject({ before: { status: 'active' }, after: { status: 'disabled' } });
  });

  it('resends the activation mail of a pending account', async () => {
    const order = await pushOrder(t, {});
    const email = uniqueEmail('pending');
    const registered = await t
      .http()
      .post(REGISTER_PATH)
      .send({ orderNumber: order.orderNumber, email, password: strongPassword() });
    expect(registered.status).toBe(202);
    await deliverMail(t);
    const before = t.mail.to(email).length;
    const [{ id }] = await t.dataSource.query('SELECT id FROM customer_accounts WHERE email = $1', [
      email,
    ]);
    const res = await as(StaffRole.SUPPORT)
      .post(`${api('customer_accounts')}/records/${id}/resendActivation`)
      .type('form')
      .send({});
    expect(res.body.notice).toMatchObject({ type: 'success', message: 'activationResent' });
    await deliverMail(t);
    expect(t.mail.to(email).length).toBe(before + 1);
    expect((await auditRows(t, 'customer_account.resend_activation')).at(-1)?.record_id).toBe(id);
  });

  it('shows failed mails without their context and lets an admin send one again', async () => {
    // A failed mail keeps its context, live links included (only a sent one is cleared).
    const [[{ id }]] = await t.dataSource.query(
      `UPDATE mail_outbox SET status = 'failed', last_error = 'mailbox unavailable',
              context = '{"activationUrl": "http://127.0.0.1/activate?token=live"}'
        WHERE id = (SELECT id FROM mail_outbox WHERE status = 'sent' ORDER BY created_at LIMIT 1)
       RETURNING id`,
    );
    const shown = await as(StaffRole.ADMIN).get(`${api('mail_outbox')}/records/${id}/show`);
    expect(shown.body.record.params).toMatchObject({
      status: 'failed',
      lastError: 'mailbox unavailable',
    });
    expect(shown.body.record.params).toHaveProperty('template');
    expect(shown.body.record.params).toHaveProperty('locale');
    expect(JSON.stringify(shown.body)).not.toMatch(SECRETS);
    expect(JSON.stringify(shown.body)).not.toMatch(MAIL_SECRETS);
    const listed = await as(StaffRole.ADMIN).get(`${api('mail_outbox')}/actions/list`);
    expect(listed.body.records.map((r: { id: string }) => r.id)).toContain(id);
    expect(JSON.stringify(listed.body)).not.toMatch(SECRETS);
    expect(JSON.stringify(listed.body)).not.toMatch(MAIL_SECRETS);

    const dashboard = await as(StaffRole.ADMIN).get('/admin/api/dashboard');
    const mail = dashboard.body.sections.find((s: { key: string }) => s.key === 'mail');
    expect(mail.metrics).toEqual([expect.objectContaining({ key: 'failedMails', value: 1 })]);

    const retried = await as(StaffRole.ADMIN)
      .post(`${api('mail_outbox')}/records/${id}/retryMail`)
      .type('form')
      .send({});
    expect(retried.body.notice).toMatchObject({ type: 'success', message: 'mailRetried' });
    expect(JSON.stringify(retried.body)).not.toMatch(SECRETS);
    const [{ status }] = await t.dataSource.query('SELECT status FROM mail_outbox WHERE id = $1', [
      id,
    ]);
    expect(status).toBe('pending');
    // No longer failed: the action is not available any more, by URL either.
    const again = await as(StaffRole.ADMIN).post(`${api('mail_outbox')}/records/${id}/retryMail`);
    expect(again.body.notice).toMatchObject({ type: 'error', message: 'MAIL_NOT_FAILED' });
    expect((await auditRows(t, 'mail.retry')).map((r) => r.record_id)).toEqual([id]);
  });

  it('counts applications on the dashboard: by status, overdue and due today', async () => {
    const metric = async (role: StaffRole, key: string) => {
      const res = await as(role).get('/admin/api/dashboard');
      const section = res.body.sections.find((s: { key: string }) => s.key === 'applications');
      return section.metrics.find((m: { key: string }) => m.key === key)?.value;
    };
    const submittedNow = await metric(StaffRole.SERVICE_CENTER, 'status_submitted');
    expect(submittedNow).toBeGreaterThanOrEqual(1);
    expect(await metric(StaffRole.SERVICE_CENTER, 'overdue')).toBe(0);
    const other = await payingCustomer(t);
    await submitted(t, other);
    expect(await metric(StaffRole.SUPPORT, 'status_submitted')).toBe(submittedNow + 1);
    // Due Thursday 26 November: due today then, overdue the day after.
    t.clock.set('2026-11-26T09:00:00+08:00');
    expect(await metric(StaffRole.SERVICE_CENTER, 'dueToday')).toBe(submittedNow + 1);
    t.clock.set('2026-11-27T09:00:00+08:00');
    expect(await metric(StaffRole.SERVICE_CENTER, 'overdue')).toBe(submittedNow + 1);
    t.clock.set('2026-11-24T10:00:00+08:00');
    // The mail section is for admins only.
    const support = await as(StaffRole.SUPPORT).get('/admin/api/dashboard');
    expect(support.body.sections.map((s: { key: string }) => s.key)).not.toContain('mail');
  });

  it('lets only admins declare an out-of-use period (audited); customers then see its notice', async () => {
    const form = {
      startsAt: '2026-11-24T00:00:00.000Z',
      expectedIssueDate: '2026-12-03',
      noticeZh: '发票库存不足，预计12月3日恢复开票',
      noticeEn: 'Fapiao stock ran out; issuing resumes on 3 December',
    };
    const path = `${api('out_of_use_periods')}/actions/new`;
    expect(isRefused(await as(StaffRole.SERVICE_CENTER).post(path).type('form').send(form))).toBe(
      true,
    );
    const created = await as(StaffRole.ADMIN).post(path).type('form').send(form);
    expect(created.body.notice?.type).toBe('success');
    const id = created.body.record.id;
    const [row] = (await auditRows(t, 'out_of_use_period.create')).filter(
      (r) => r.record_id === id,
    );
    expect(row.after).toMatchObject({ noticeZh: form.noticeZh });
    const [saved] = await t.dataSource.query(
      `SELECT to_char(expected_issue_date, 'YYYY-MM-DD') AS date FROM out_of_use_periods WHERE id = $1`,
      [id],
    );
    expect(saved.date).toBe('2026-12-03');
    const notices = await t.http().get('/api/v1/notices').set('Accept-Language', 'en');
    expect(JSON.stringify(notices.body)).toContain('issuing resumes on 3 December');
  });
});
