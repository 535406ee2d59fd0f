import { ADMIN_TRANSLATIONS } from '../../src/admin/admin-locale';
import { AUDIT_ACTIONS } from '../../src/admin/audit/audit-action-names';
import { StaffRole } from '../../src/auth/staff/staff-role';
import { payingCustomer, STAFF, staff, submitted } from '../fapiao/fapiao-fixtures';
import { createTestApp, TestApp } from '../support/test-app';
import { Agent, createStaff, signIn } from './admin-test-kit';

const TODAY = '2026-11-24';

interface Row {
  id: string;
  action: string;
  staff_email: string;
  subject: string | null;
  ip: string | null;
  user_agent: string | null;
}

describe('back office: a readable audit log', () => {
  let t: TestApp;
  let clerk: Agent;
  let admin: Agent;

  beforeAll(async () => {
    t = await createTestApp({ env: { ADMIN_ENABLED: 'true', TRUST_PROXY_HOPS: '1' } });
    t.clock.set(`${TODAY}T10:00:00+08:00`);
    clerk = await signIn(
      t,
      (await createStaff(t, StaffRole.SERVICE_CENTER, 'he@example.com')).email,
    );
    admin = await signIn(t, (await createStaff(t, StaffRole.ADMIN)).email);
  }, 60_000);
  afterAll(() => t?.close());

  it('names the order and fapiao numbers, the staff, IP and browser, and what changed', async () => {
    const customer = await payingCustomer(t);
    const id = await submitted(t, customer);
    await staff(t).startProcessing(id, STAFF);
    const res = await clerk
      .post(`/admin/api/resources/applications/records/${id}/issue`)
      .set('User-Agent', 'AuditTest/1.0 (X11)')
      .set('X-Forwarded-For', '198.51.100.23')
      .type('form')
      .send({ documentNumber: '09800001', issueDate: TODAY, taxAmountFen: '7.25' });
    expect(res.body.notice.type).toBe('success');
    const [row] = await t.dataSource.query<Row[]>(
      `SELECT id, action, staff_email, subject, ip, user_agent FROM audit_log WHERE record_id = $1`,
      [id],
    );
    expect(row).toMatchObject({
      action: 'application.issue',
      staff_email: 'he@example.com',
      subject: `${customer.orderNumber} · 09800001`,
      ip: '198.51.100.23',
      user_agent: 'AuditTest/1.0 (X11)',
    });

    const shown = await admin.get(`/admin/api/resources/audit_log/records/${row.id}/show`);
    expect(shown.status).toBe(200);
    expect(shown.body.record.params.changes).toContain('status: processing → issued');
    expect(shown.body.record.params.changes).not.toContain('dueDate');
    const list = await admin.get(
      '/admin/api/resources/audit_log/actions/list?filters.subject=09800001',
    );
    expect(list.body.records.map((r: { id: string }) => r.id)).toEqual([row.id]);
  });

  it('keeps the browser of a sign-in too', async () => {
    const res = await t
      .http()
      .post('/admin/login')
      .set('Origin', t.config.publicBaseUrl)
      .set('User-Agent', 'LoginTest/2.0')
      .type('form')
      .send({ email: 'he@example.com', password: 'wrong password' });
    expect(res.status).toBe(200);
    const [row] = await t.dataSource.query<Row[]>(
      `SELECT user_agent FROM audit_log WHERE action = 'staff.login_failed' ORDER BY at DESC LIMIT 1`,
    );
    expect(row.user_agent).toBe('LoginTest/2.0');
  });

  it('has words for every action it records, in both languages', async () => {
    const actions = (
      await t.dataSource.query<{ action: string }[]>('SELECT DISTINCT action FROM audit_log')
    ).map((r) => r.action);
    expect(actions.length).toBeGreaterThan(1);
    for (const action of actions) expect(AUDIT_ACTIONS).toContain(action);
    for (const locale of ['zh-CN', 'en'] as const) {
      const labels = (
        ADMIN_TRANSLATIONS[locale] as unknown as {
          resources: { audit_log: { labels: { action: Record<string, Record<string, string>> } } };
        }
      ).resources.audit_log.labels.action;
      for (const action of AUDIT_ACTIONS) {
        const [group, name] = action.split('.');
        expect({ locale, action, word: typeof labels[group][name] }).toEqual({
          locale,
          action,
          word: 'string',
        });
      }
    }
    expect(
      (
        ADMIN_TRANSLATIONS['zh-CN'] as unknown as {
          resources: { audit_log: { labels: { action: Record<string, Record<string, string>> } } };
        }
      ).resources.audit_log.labels.action.application.issue,
    ).toBe('开票');
  });
});
