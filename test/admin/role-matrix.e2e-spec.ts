import { StaffRole } from '../../src/auth/staff/staff-role';
import { createTestApp, TestApp } from '../support/test-app';
import { Agent, createStaff, signIn, TestStaff } from './admin-test-kit';

type Response = Awaited<ReturnType<Agent['get']>>;

/** How the back office refuses an action whose isAccessible is false: 403 with AdminJS's ForbiddenError body. */
function isRefused(res: Response): boolean {
  return (
    res.status === 403 &&
    res.body?.record?.baseError?.type === 'ForbiddenError' &&
    res.body?.notice?.message === 'forbiddenError'
  );
}

interface Probe {
  resource: 'staff_users' | 'audit_log';
  action: string;
  /** Roles that may use it; everyone else must be refused. */
  allowed: StaffRole[];
  call(agent: Agent, ids: Ids): Promise<Response>;
  /** What "it worked" means for an allowed call. */
  worked(res: Response): boolean;
}

interface Ids {
  target: string;
  auditEntry: string;
}

const ADMIN_ONLY = [StaffRole.ADMIN];
const NOBODY: StaffRole[] = [];
const api = (resource: string) => `/admin/api/resources/${resource}`;
const hasRecords = (res: Response) =>
  Array.isArray(res.body.records) && res.body.records.length > 0;
const hasRecord = (res: Response) =>
  Boolean(res.body.record?.params?.id) && !res.body.record.baseError;
const succeeded = (res: Response) => res.body.notice?.type === 'success';

let counter = 0;
const PROBES: Probe[] = (['staff_users', 'audit_log'] as const).flatMap((resource): Probe[] => [
  {
    resource,
    action: 'list',
    allowed: ADMIN_ONLY,
    call: (a) => a.get(`${api(resource)}/actions/list`),
    worked: hasRecords,
  },
  {
    resource,
    action: 'search',
    allowed: ADMIN_ONLY,
    call: (a) => a.get(`${api(resource)}/actions/search/`),
    worked: hasRecords,
  },
  {
    resource,
    action: 'show',
    allowed: ADMIN_ONLY,
    call: (a, ids) =>
      a.get(
        `${api(resource)}/records/${resource === 'audit_log' ? ids.auditEntry : ids.target}/show`,
      ),
    worked: hasRecord,
  },
  {
    resource,
    action: 'new',
    allowed: NOBODY,
    call: (a) =>
      a
        .post(`${api(resource)}/actions/new`)
        .type('form')
        .send({ email: 'raw@example.com', action: 'forged' }),
    worked: () => false,
  },
  {
    resource,
    action: 'edit',
    allowed: NOBODY,
    call: (a, ids) =>
      a
        .post(
          `${api(resource)}/records/${resource === 'audit_log' ? ids.auditEntry : ids.target}/edit`,
        )
        .type('form')
        .send({ role: 'admin', action: 'forged' }),
    worked: () => false,
  },
  {
    resource,
    action: 'delete',
    allowed: NOBODY,
    call: (a, ids) =>
      a.post(
        `${api(resource)}/records/${resource === 'audit_log' ? ids.auditEntry : ids.target}/delete`,
      ),
    worked: () => false,
  },
  {
    resource,
    action: 'bulkDelete',
    allowed: NOBODY,
    call: (a, ids) =>
      a.post(
        `${api(resource)}/bulk/bulkDelete?recordIds=${resource === 'audit_log' ? ids.auditEntry : ids.target}`,
      ),
    worked: () => false,
  },
]);

PROBES.push(
  {
    resource: 'staff_users',
    action: 'createStaff',
    allowed: ADMIN_ONLY,
    call: (a) =>
      a
        .post(`${api('staff_users')}/actions/createStaff`)
        .type('form')
        .send({
          email: `made-${++counter}@example.com`,
          displayName: 'Made',
          role: StaffRole.SUPPORT,
          password: 'a long enough password',
        }),
    worked: succeeded,
  },
  {
    resource: 'staff_users',
    action: 'setPassword',
    allowed: ADMIN_ONLY,
    call: (a, ids) =>
      a
        .post(`${api('staff_users')}/records/${ids.target}/setPassword`)
        .type('form')
        .send({ password: 'another long password' }),
    worked: succeeded,
  },
  {
    resource: 'staff_users',
    action: 'disableStaff',
    allowed: ADMIN_ONLY,
    call: (a, ids) =>
      a
        .post(`${api('staff_users')}/records/${ids.target}/disableStaff`)
        .type('form')
        .send({}),
    worked: succeeded,
  },
  {
    resource: 'staff_users',
    action: 'enableStaff',
    allowed: ADMIN_ONLY,
    call: (a, ids) =>
      a
        .post(`${api('staff_users')}/records/${ids.target}/enableStaff`)
        .type('form')
        .send({}),
    worked: succeeded,
  },
);

describe('back office role matrix (enforced on the server, by direct URL)', () => {
  let t: TestApp;
  const agents = new Map<StaffRole, Agent>();
  const ids: Ids = { target: '', auditEntry: '' };
  let snapshot: () => Promise<string>;

  beforeAll(async () => {
    t = await createTestApp({ env: { ADMIN_ENABLED: 'true' } });
    for (const role of Object.values(StaffRole)) {
      const staff: TestStaff = await createStaff(t, role);
      agents.set(role, await signIn(t, staff.email));
    }
    ids.target = (await createStaff(t, StaffRole.SUPPORT, 'target@example.com')).id;
    ids.auditEntry = (await t.dataSource.query('SELECT id FROM audit_log LIMIT 1'))[0].id;
    // Everything a refused call could have changed.
    snapshot = async () =>
      JSON.stringify(
        await t.dataSource.query(
          `SELECT (SELECT json_agg(s ORDER BY s.id) FROM staff_users s) AS staff,
                  (SELECT count(*) FROM audit_log WHERE action NOT LIKE 'staff.login%') AS audited`,
        ),
      );
  }, 60_000);
  afterAll(() => t?.close());

  const cases = PROBES.flatMap((probe) =>
    Object.values(StaffRole).map((role) => ({
      ...probe,
      role,
      allowedHere: probe.allowed.includes(role),
    })),
  );

  it.each(cases.filter((c) => !c.allowedHere))(
    '$role is refused $resource / $action, and nothing changes',
    async (c) => {
      const before = await snapshot();
      const res = await c.call(agents.get(c.role)!, ids);
      expect(isRefused(res)).toBe(true);
      expect(JSON.stringify(res.body)).not.toMatch(/argon2|passwordHash|password_hash/);
      expect(await snapshot()).toBe(before);
    },
  );

  // In order: disable before enable, on the same target.
  it.each(cases.filter((c) => c.allowedHere))('$role may $resource / $action', async (c) => {
    const res = await c.call(agents.get(c.role)!, ids);
    expect(isRefused(res)).toBe(false);
    expect(c.worked(res)).toBe(true);
    expect(JSON.stringify(res.body)).not.toMatch(/argon2|passwordHash|password_hash/);
  });

  it.each(Object.values(StaffRole))('%s sees the dashboard', async (role) => {
    const res = await agents.get(role)!.get('/admin/api/dashboard');
    expect(res.status).toBe(200);
    expect(res.body.sections.length).toBeGreaterThan(0);
  });

  it('an anonymous visitor is sent to the login page for every API route', async () => {
    const anonymous = (await import('supertest')).default(t.app.getHttpServer());
    for (const path of [
      `${api('staff_users')}/actions/list`,
      `${api('audit_log')}/records/${ids.auditEntry}/show`,
      '/admin/api/dashboard',
    ]) {
      const res = await anonymous.get(path);
      expect(res.status).toBe(302);
      expect(res.headers.location).toBe('/admin/login');
    }
  });
});
