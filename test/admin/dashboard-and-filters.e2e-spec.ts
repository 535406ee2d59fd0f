import { StaffRole } from '../../src/auth/staff/staff-role';
import { authed, payingCustomer, PayingCustomer, submitted } from '../fapiao/fapiao-fixtures';
import { deliverMail, REGISTER_PATH, strongPassword, uniqueEmail } from '../support/customers';
import { pushOrder } from '../support/payment-platform';
import { createTestApp, TestApp } from '../support/test-app';
import { Agent, auditRows, createStaff, signIn } from './admin-test-kit';

const api = (resource: string) => `/admin/api/resources/${resource}`;
const REQUESTS = '/api/v1/support-requests';

interface ListBody {
  meta: { total: number; page: number; perPage: number };
  records: { id: string; params: Record<string, unknown> }[];
}

/**
 * Seeded applications on Tuesday 24 November 2026 (Asia/Shanghai): which ones are overdue
 * (waiting for the service centre, due before today) is known in advance.
 */
const SEEDS = {
  overdueSubmitted: { status: 'submitted', dueDate: '2026-11-20' },
  overdueProcessing: { status: 'processing', dueDate: '2026-11-23' },
  dueToday: { status: 'submitted', dueDate: '2026-11-24' },
  onHoldPastDue: { status: 'on_hold', dueDate: '2026-11-20' },
  notYetDue: { status: 'submitted', dueDate: '2026-11-26' },
  issuedPastDue: { status: 'issued', dueDate: '2026-11-19' },
} as const;
type Seed = keyof typeof SEEDS;

describe('back office: dashboard counts, overdue and order-number filters, audited account actions', () => {
  let t: TestApp;
  const agents = new Map<StaffRole, Agent>();
  const apps = {} as Record<Seed, string>;
  const customers = {} as Record<Seed, PayingCustomer>;

  beforeAll(async () => {
    t = await createTestApp({ env: { ADMIN_ENABLED: 'true' } });
    // 10:00 in Shanghai is 02:00 UTC: still the 24th in both, so this also checks the zone below.
    t.clock.set('2026-11-24T10:00:00+08:00');
    for (const role of Object.values(StaffRole)) {
      agents.set(role, await signIn(t, (await createStaff(t, role)).email));
    }
    for (const [name, seed] of Object.entries(SEEDS) as [Seed, (typeof SEEDS)[Seed]][]) {
      customers[name] = await payingCustomer(t);
      apps[name] = await submitted(t, customers[name]);
      // Test data: put each application straight into the state under test.
      await t.dataSource.query(
        'UPDATE fapiao_applications SET status = $2, due_date = $3 WHERE id = $1',
        [apps[name], seed.status, seed.dueDate],
      );
    }
    await deliverMail(t);
  }, 120_000);
  afterAll(() => t?.close());

  const as = (role: StaffRole) => agents.get(role)!;
  const list = async (role: StaffRole, resource: string, query: string): Promise<ListBody> => {
    const res = await as(role).get(`${api(resource)}/actions/list?${query}`);
    expect(res.status).toBe(200);
    return res.body as ListBody;
  };
  const ids = (body: ListBody) => body.records.map((r) => r.id).sort();
  const appIds = (...names: Seed[]) => names.map((n) => apps[n]).sort();

  describe('applications: overdue and due-today filters', () => {
    it('lists exactly the overdue applications, paged, with the right total', async () => {
      const first = await list(
        StaffRole.SERVICE_CENTER,
        'applications',
        'filters.overdue=true&perPage=1',
      );
      expect(first.meta.total).toBe(2);
      expect(first.records).toHaveLength(1);
      const second = await list(
        StaffRole.SERVICE_CENTER,
        'applications',
        'filters.overdue=true&perPage=1&page=2',
      );
      expect(second.meta.total).toBe(2);
      expect([...ids(first), ...ids(second)].sort()).toEqual(
        appIds('overdueSubmitted', 'overdueProcessing'),
      );
      // The same rule as the list's highlight.
      expect([...first.records, ...second.records].every((r) => r.params.overdue === true)).toBe(
        true,
      );
    });

    it('agrees with the highlight over the whole list, and "not overdue" is the rest', async () => {
      const all = await list(StaffRole.SUPPORT, 'applications', 'perPage=50');
      const flagged = all.records.filter((r) => r.params.overdue === true).map((r) => r.id);
      expect(flagged.sort()).toEqual(appIds('overdueSubmitted', 'overdueProcessing'));
      const rest = await list(
        StaffRole.SUPPORT,
        'applications',
        'filters.overdue=false&perPage=50',
      );
      expect(rest.meta.total).toBe(all.meta.total - 2);
      expect(ids(rest)).toEqual(
        all.records
          .map((r) => r.id)
          .filter((id) => !flagged.includes(id))
          .sort(),
      );
    });

    it('combines with the other filters', async () => {
      const processing = await list(
        StaffRole.SERVICE_CENTER,
        'applications',
        'filters.overdue=true&filters.status=processing',
      );
      expect(ids(processing)).toEqual(appIds('overdueProcessing'));
      const onHold = await list(
        StaffRole.SERVICE_CENTER,
        'applications',
        'filters.overdue=true&filters.status=on_hold',
      );
      expect(onHold.meta.total).toBe(0);
      const byId = await list(
        StaffRole.SERVICE_CENTER,
        'applications',
        `filters.overdue=true&filters.id=${apps.overdueSubmitted}`,
      );
      expect(ids(byId)).toEqual(appIds('overdueSubmitted'));
    });

    it('filters due today and on hold; refuses a value that is not yes or no', async () => {
      expect(
        ids(await list(StaffRole.SERVICE_CENTER, 'applications', 'filters.dueToday=true')),
      ).toEqual(appIds('dueToday'));
      expect(
        ids(await list(StaffRole.SERVICE_CENTER, 'applications', 'filters.status=on_hold')),
      ).toEqual(appIds('onHoldPastDue'));
      const odd = await as(StaffRole.SERVICE_CENTER).get(
        `${api('applications')}/actions/list?filters.overdue=maybe`,
      );
      expect(odd.status).toBe(400);
    });

    it('moves with the clock: two days later the due-today one is overdue too', async () => {
      t.clock.set('2026-11-26T09:00:00+08:00');
      try {
        const later = await list(StaffRole.SERVICE_CENTER, 'applications', 'filters.overdue=true');
        expect(ids(later)).toEqual(appIds('overdueSubmitted', 'overdueProcessing', 'dueToday'));
      } finally {
        t.clock.set('2026-11-24T10:00:00+08:00');
      }
    });
  });

  describe('customer accounts: search by order number', () => {
    it("finds the account of the order's customer", async () => {
      const customer = customers.notYetDue;
      const found = await list(
        StaffRole.SUPPORT,
        'customer_accounts',
        `filters.orderNumber=${encodeURIComponent(customer.orderNumber)}`,
      );
      expect(found.meta.total).toBe(1);
      expect(found.records.map((r) => r.params.email)).toEqual([customer.email]);
      expect(JSON.stringify(found)).not.toMatch(/passwordHash|argon2|tokenVersion/);
    });

    it('answers an empty list for an unknown order number, not an error', async () => {
      const none = await list(
        StaffRole.SUPPORT,
        'customer_accounts',
        'filters.orderNumber=NO-SUCH-ORDER',
      );
      expect(none.meta.total).toBe(0);
      expect(none.records).toEqual([]);
      const tooLong = await list(
        StaffRole.ADMIN,
        'customer_accounts',
        `filters.orderNumber=${'9'.repeat(200)}`,
      );
      expect(tooLong.meta.total).toBe(await accountCount());
    });

    it('combines with the email filter', async () => {
      const other = await list(
        StaffRole.SUPPORT,
        'customer_accounts',
        `filters.orderNumber=${customers.dueToday.orderNumber}&filters.email=${encodeURIComponent(customers.notYetDue.email)}`,
      );
      expect(other.meta.total).toBe(0);
    });
  });

  async function accountCount(): Promise<number> {
    const [{ count }] = await t.dataSource.query<{ count: number }[]>(
      'SELECT count(*)::int AS count FROM customer_accounts',
    );
    return count;
  }

  describe('dashboard', () => {
    beforeAll(async () => {
      await seedSupportRequests();
      // Two mails the SMTP server refused for good.
      await t.dataSource.query(
        `UPDATE mail_outbox SET status = 'failed', last_error = 'mailbox unavailable'
          WHERE id IN (SELECT id FROM mail_outbox WHERE status = 'sent' ORDER BY created_at LIMIT 2)`,
      );
    });

    /** Open, in progress, resolved and rejected: two are open. */
    async function seedSupportRequests(): Promise<void> {
      const statuses = ['open', 'in_progress', 'resolved', 'rejected'];
      for (const [index, status] of statuses.entries()) {
        const customer = Object.values(customers)[index];
        const created = await authed(t, customer.token).post(REQUESTS, {
          type: 'other',
          orderNumber: customer.orderNumber,
          message: `Question ${index}`,
        });
        expect(created.status).toBe(201);
        await t.dataSource.query('UPDATE support_requests SET status = $2 WHERE id = $1', [
          created.body.id,
          status,
        ]);
      }
    }

    type Metric = { key: string; value: number; href?: string };
    async function dashboard(role: StaffRole): Promise<Map<string, Map<string, Metric>>> {
      const res = await as(role).get('/admin/api/dashboard');
      expect(res.status).toBe(200);
      return new Map(
        (res.body.sections as { key: string; metrics: Metric[] }[]).map((s) => [
          s.key,
          new Map(s.metrics.map((m) => [m.key, m])),
        ]),
      );
    }

    it.each(Object.values(StaffRole))(
      '%s: application counts match the seeded data',
      async (role) => {
        const applications = (await dashboard(role)).get('applications')!;
        const value = (key: string) => applications.get(key)?.value;
        expect(value('overdue')).toBe(2);
        expect(value('dueToday')).toBe(1);
        expect(value('status_on_hold')).toBe(1);
        expect(value('status_submitted')).toBe(3);
        expect(value('status_processing')).toBe(1);
        expect(value('status_issued')).toBe(1);
        expect(applications.get('overdue')!.href).toBe(
          '/admin/resources/applications?filters.overdue=true',
        );
      },
    );

    it.each(Object.values(StaffRole))('%s: open support requests, by status', async (role) => {
      const support = (await dashboard(role)).get('support')!;
      expect(support.get('openSupportRequests')).toMatchObject({
        value: 2,
        href: '/admin/resources/support_requests',
      });
      expect(support.get('support_open')?.value).toBe(1);
      expect(support.get('support_in_progress')?.value).toBe(1);
      expect(support.get('support_awaiting_return')?.value).toBe(0);
    });

    it('shows failed mails to admins only', async () => {
      expect((await dashboard(StaffRole.ADMIN)).get('mail')?.get('failedMails')?.value).toBe(2);
      expect((await dashboard(StaffRole.SUPPORT)).has('mail')).toBe(false);
      expect((await dashboard(StaffRole.SERVICE_CENTER)).has('mail')).toBe(false);
    });

    it('each link leads to a list with as many rows as the card counts', async () => {
      const sections = await dashboard(StaffRole.ADMIN);
      for (const section of ['applications', 'support', 'mail']) {
        for (const metric of sections.get(section)!.values()) {
          const [path, query = ''] = metric.href!.split('?');
          const resource = path.replace('/admin/resources/', '');
          const body = await list(StaffRole.ADMIN, resource, query);
          if (metric.key === 'openSupportRequests') continue; // the whole list, closed ones too
          expect({ key: metric.key, total: body.meta.total }).toEqual({
            key: metric.key,
            total: metric.value,
          });
        }
      }
    });
  });

  describe('customer-account actions and their audit entry: one transaction', () => {
    const failOn = (table: string, when: string) =>
      t.dataSource.query(
        `CREATE OR REPLACE FUNCTION test_fail() RETURNS trigger LANGUAGE plpgsql AS
           $$ BEGIN RAISE EXCEPTION 'injected failure'; END $$;
         CREATE TRIGGER test_fail BEFORE INSERT OR UPDATE ON ${table}
           FOR EACH ROW WHEN (${when}) EXECUTE FUNCTION test_fail();`,
      );
    const stopFailing = (table: string) =>
      t.dataSource.query(`DROP TRIGGER IF EXISTS test_fail ON ${table}`);

    const statusOf = async (accountId: string) =>
      (
        await t.dataSource.query<{ status: string }[]>(
          'SELECT status FROM customer_accounts WHERE id = $1',
          [accountId],
        )
      )[0].status;
    const auditedFor = async (action: string, accountId: string) =>
      (await auditRows(t, action)).filter((r) => r.record_id === accountId).length;
    const disable = (accountId: string) =>
      as(StaffRole.SUPPORT)
        .post(`${api('customer_accounts')}/records/${accountId}/disableAccount`)
        .type('form')
        .send({});

    it('a disable whose audit entry fails is not done', async () => {
      const { accountId } = customers.issuedPastDue;
      await failOn('audit_log', "NEW.action = 'customer_account.disable'");
      try {
        const res = await disable(accountId);
        expect(res.body?.notice?.type).not.toBe('success');
      } finally {
        await stopFailing('audit_log');
      }
      expect(await statusOf(accountId)).toBe('active');
      expect(await auditedFor('customer_account.disable', accountId)).toBe(0);
      expect((await authed(t, customers.issuedPastDue.token).get('/api/v1/me')).status).toBe(200);
    });

    it('a disable that fails leaves no audit entry', async () => {
      const { accountId } = customers.issuedPastDue;
      await failOn('customer_accounts', "NEW.status = 'disabled'");
      try {
        const res = await disable(accountId);
        expect(res.body?.notice?.type).not.toBe('success');
      } finally {
        await stopFailing('customer_accounts');
      }
      expect(await statusOf(accountId)).toBe('active');
      expect(await auditedFor('customer_account.disable', accountId)).toBe(0);
    });

    it('a disable that works is audited once', async () => {
      const { accountId } = customers.issuedPastDue;
      const res = await disable(accountId);
      expect(res.body.notice).toMatchObject({ type: 'success' });
      expect(await statusOf(accountId)).toBe('disabled');
      expect(await auditedFor('customer_account.disable', accountId)).toBe(1);
    });

    it('a resent activation whose audit entry fails sends nothing and issues no link', async () => {
      const order = await pushOrder(t, {});
      const email = uniqueEmail('pending');
      const registered = await t
        .http()
        .post(REGISTER_PATH)
        .send({ orderNumber: order.orderNumber, email, password: strongPassword() });
      expect(registered.status).toBe(202);
      const [{ id }] = await t.dataSource.query<{ id: string }[]>(
        'SELECT id FROM customer_accounts WHERE email = $1',
        [email],
      );
      const traces = async () =>
        (
          await t.dataSource.query<{ tokens: number; mails: number }[]>(
            `SELECT (SELECT count(*)::int FROM account_tokens WHERE account_id = $1) AS tokens,
                    (SELECT count(*)::int FROM mail_outbox WHERE recipient = $2) AS mails`,
            [id, email],
          )
        )[0];
      const before = await traces();
      const resend = () =>
        as(StaffRole.SUPPORT)
          .post(`${api('customer_accounts')}/records/${id}/resendActivation`)
          .type('form')
          .send({});

      await failOn('audit_log', "NEW.action = 'customer_account.resend_activation'");
      try {
        expect((await resend()).body?.notice?.type).not.toBe('success');
      } finally {
        await stopFailing('audit_log');
      }
      expect(await traces()).toEqual(before);
      expect(await auditedFor('customer_account.resend_activation', id)).toBe(0);

      expect((await resend()).body.notice).toMatchObject({ type: 'success' });
      expect((await traces()).mails).toBe(before.mails + 1);
      expect(await auditedFor('customer_account.resend_activation', id)).toBe(1);
    });
  });
});
