import type { EntityTarget, ObjectLiteral } from 'typeorm';
import { AuditLogEntry } from '../../src/admin/audit/audit-log.entity';
import { INVALID_QUERY } from '../../src/admin/security/back-office-query-guard';
import { QUERY_POLICIES } from '../../src/admin/security/query-policy';
import { CustomerAccount } from '../../src/auth/customer/entities/customer-account.entity';
import { StaffRole } from '../../src/auth/staff/staff-role';
import { StaffUser } from '../../src/auth/staff/staff-user.entity';
import { FapiaoApplication } from '../../src/fapiao/applications/entities/fapiao-application.entity';
import { CalendarDay } from '../../src/fapiao/calendar/calendar-day.entity';
import { CalendarYear } from '../../src/fapiao/calendar/calendar-year.entity';
import { OutOfUsePeriod } from '../../src/fapiao/out-of-use/out-of-use-period.entity';
import { SupportRequest } from '../../src/fapiao/support/entities/support-request.entity';
import { MailOutboxEntry } from '../../src/notifications/entities/mail-outbox-entry.entity';
import { Customer } from '../../src/orders/entities/customer.entity';
import { Order } from '../../src/orders/entities/order.entity';
import { PaymentRecord } from '../../src/orders/entities/payment-record.entity';
import { payingCustomer, submitted } from '../fapiao/fapiao-fixtures';
import { createTestApp, TestApp } from '../support/test-app';
import { Agent, createStaff, signIn } from './admin-test-kit';

const api = (resource: string) => `/admin/api/resources/${resource}`;

/** The entity behind each back-office resource. */
const ENTITIES: Record<string, EntityTarget<ObjectLiteral>> = {
  applications: FapiaoApplication,
  support_requests: SupportRequest,
  orders: Order,
  customers: Customer,
  payments: PaymentRecord,
  customer_accounts: CustomerAccount,
  mail_outbox: MailOutboxEntry,
  out_of_use_periods: OutOfUsePeriod,
  calendar_years: CalendarYear,
  calendar_days: CalendarDay,
  staff_users: StaffUser,
  audit_log: AuditLogEntry,
};

/** Secrets and internals that must be among the refused keys of their resource. */
const MUST_BE_HIDDEN: Record<string, string[]> = {
  staff_users: ['passwordHash'],
  customer_accounts: ['passwordHash', 'tokenVersion'],
  mail_outbox: ['context', 'legacyHtmlBody', 'legacyTextBody', 'dedupeKey', 'lockedUntil'],
  orders: ['pushHash'],
  payments: ['pushHash'],
};

describe('back office: filters, sorting and searching only by listed fields', () => {
  let t: TestApp;
  const agents = new Map<StaffRole, Agent>();
  /** Every column of each resource's entity that its policy does not list, per key kind. */
  const hidden = new Map<string, { filter: string[]; sort: string[]; search: string[] }>();

  beforeAll(async () => {
    t = await createTestApp({ env: { ADMIN_ENABLED: 'true' } });
    for (const role of Object.values(StaffRole)) {
      agents.set(role, await signIn(t, (await createStaff(t, role)).email));
    }
    await submitted(t, await payingCustomer(t));
    for (const [resource, entity] of Object.entries(ENTITIES)) {
      const columns = t.dataSource.getMetadata(entity).columns.map((c) => c.propertyPath);
      const policy = QUERY_POLICIES[resource];
      hidden.set(resource, {
        filter: columns.filter((c) => !policy.filter.includes(c)),
        sort: columns.filter((c) => !policy.sort.includes(c)),
        search: columns.filter((c) => !(policy.search as readonly string[]).includes(c)),
      });
    }
  }, 120_000);
  afterAll(() => t?.close());

  it('has a policy for exactly the resources the back office serves', async () => {
    const page = await agents.get(StaffRole.ADMIN)!.get('/admin');
    const state = /window\.REDUX_STATE = (.*);\n/.exec(page.text)?.[1];
    const served = (JSON.parse(state!) as { resources: { id: string }[] }).resources
      .map((r) => r.id)
      .sort();
    expect(served).toEqual(Object.keys(QUERY_POLICIES).sort());
    expect(Object.keys(ENTITIES).sort()).toEqual(served);
  });

  it('counts the secrets among the refused keys', () => {
    for (const [resource, names] of Object.entries(MUST_BE_HIDDEN)) {
      const refused = hidden.get(resource)!;
      for (const name of names) {
        expect({ resource, name, filter: refused.filter.includes(name) }).toEqual({
          resource,
          name,
          filter: true,
        });
        expect(refused.sort).toContain(name);
        expect(refused.search).toContain(name);
      }
    }
  });

  const refusedWith400 = (res: { status: number; body: { code?: string } }) =>
    res.status === 400 && res.body.code === INVALID_QUERY;

  it('refuses a filter, a sort and a search on every unlisted column, for every role', async () => {
    const failures: string[] = [];
    for (const [role, agent] of agents) {
      for (const [resource, refused] of hidden) {
        const probes = [
          ...refused.filter.map((c) => `actions/list?filters.${c}=a`),
          ...refused.filter.map((c) => `actions/list?filters.${c}~~from=a`),
          ...refused.filter.map((c) => `actions/search/a?filters.${c}=a`),
          ...refused.sort.map((c) => `actions/list?sortBy=${c}`),
          ...refused.search.map((c) => `actions/search/a?searchProperty=${c}`),
          ...refused.search.map((c) => `search/a?searchProperty=${c}`),
        ];
        for (const probe of probes) {
          const res = await agent.get(`${api(resource)}/${probe}`);
          if (!refusedWith400(res)) failures.push(`${role} ${resource} ${probe}: ${res.status}`);
        }
      }
    }
    expect(failures).toEqual([]);
  });

  it('refuses unknown keys, nested paths and bad paging with a 400 in the staff language', async () => {
    const admin = agents.get(StaffRole.ADMIN)!;
    for (const probe of [
      'filters.noSuchField=a',
      'filters.title.noSuchField=a',
      'filters.passwordHash=%24argon2',
      'sortBy=noSuchField',
      'direction=sideways',
      'perPage=0',
      'perPage=501',
      'page=-1',
      'perPage=1e3',
    ]) {
      const res = await admin.get(`${api('applications')}/actions/list?${probe}`);
      expect({ probe, status: res.status, code: res.body.code }).toEqual({
        probe,
        status: 400,
        code: INVALID_QUERY,
      });
    }
    const zh = await admin.get(`${api('staff_users')}/actions/list?filters.passwordHash=a`);
    expect(zh.body.detail).toBe('不能按“passwordHash”筛选。');
    const en = await admin
      .get(`${api('staff_users')}/actions/list?filters.passwordHash=a`)
      .set('Accept-Language', 'en-GB,en;q=0.9');
    expect(en.body.detail).toBe('The list cannot be filtered by "passwordHash".');
    const unknown = await admin.get(`${api('no_such_resource')}/actions/list`);
    expect(unknown.status).toBe(404);
  });

  it('still filters, sorts and searches by the listed fields', async () => {
    const support = agents.get(StaffRole.SUPPORT)!;
    const all = await support.get(`${api('applications')}/actions/list`);
    expect(all.status).toBe(200);
    const orderNumber = all.body.records[0].params.orderNumber as string;
    const byNumber = await support.get(
      `${api('applications')}/actions/list?filters.orderNumber=${orderNumber}&sortBy=dueDate&direction=desc&perPage=5`,
    );
    expect(byNumber.status).toBe(200);
    expect(
      byNumber.body.records.map((r: { params: { orderNumber: string } }) => r.params.orderNumber),
    ).toEqual([orderNumber]);
    const searched = await support.get(`${api('applications')}/actions/search/${orderNumber}`);
    expect(searched.status).toBe(200);
    expect(searched.body.records).toHaveLength(1);
    const staff = await agents
      .get(StaffRole.ADMIN)!
      .get(`${api('staff_users')}/actions/list?filters.role=support&sortBy=email`);
    expect(staff.status).toBe(200);
    expect(staff.body.records.map((r: { params: { role: string } }) => r.params.role)).toEqual([
      'support',
    ]);
  });
});
