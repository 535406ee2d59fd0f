import request from 'supertest';
import { StaffManagementService } from '../../src/auth/staff/staff-management.service';
import { StaffRole } from '../../src/auth/staff/staff-role';
import { TestApp } from '../support/test-app';

export const STAFF_PASSWORD = 'correct horse battery staple';

export interface TestStaff {
  id: string;
  email: string;
  role: StaffRole;
}

/** A staff account made through the same service the back office uses. */
export async function createStaff(
  t: TestApp,
  role: StaffRole,
  email = `${role}-${Math.random().toString(36).slice(2, 8)}@example.com`,
): Promise<TestStaff> {
  const staff = await t.dataSource.transaction((manager) =>
    t.get(StaffManagementService).createStaff(manager, {
      email,
      displayName: `Test ${role}`,
      role,
      password: STAFF_PASSWORD,
    }),
  );
  return { id: staff.id, email: staff.email, role: staff.role };
}

export type Agent = ReturnType<typeof request.agent>;

/** A supertest agent signed in to /admin (fails the test if the login does not succeed). */
export async function signIn(t: TestApp, email: string, password = STAFF_PASSWORD): Promise<Agent> {
  // The back office refuses writes without its own origin (cross-site request forgery).
  const agent = request.agent(t.app.getHttpServer()).set('Origin', t.config.publicBaseUrl);
  const res = await agent.post('/admin/login').type('form').send({ email, password });
  if (res.status !== 302 || res.headers.location !== '/admin') {
    throw new Error(`Login of ${email} failed: ${res.status} ${res.headers.location ?? ''}`);
  }
  return agent;
}

export interface AuditRow {
  staff_id: string | null;
  staff_email: string | null;
  action: string;
  resource: string | null;
  record_id: string | null;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  ip: string | null;
}

export function auditRows(t: TestApp, action?: string): Promise<AuditRow[]> {
  return t.dataSource.query(
    `SELECT staff_id, staff_email, action, resource, record_id, before, after, ip
       FROM audit_log WHERE $1::text IS NULL OR action = $1 ORDER BY at, id`,
    [action ?? null],
  );
}

/** The error AdminJS's login page shows (a translation key such as `invalidCredentials`), if any. */
export function loginError(html: string): string | undefined {
  const state = /__APP_STATE__ = JSON\.parse\('(.*)'\);/.exec(html)?.[1];
  return state ? (JSON.parse(state) as { errorMessage?: string }).errorMessage : undefined;
}
