import request from 'supertest';
import { StaffRole } from '../../src/auth/staff/staff-role';
import { AuditLogService } from '../../src/admin/audit/audit-log.service';
import { LOGIN_THROTTLE } from '../../src/admin/login/staff-login.service';
import { createTestApp, TestApp } from '../support/test-app';
import { MINUTE } from '../support/test-clock';
import { auditRows, createStaff, loginError, STAFF_PASSWORD, TestStaff } from './admin-test-kit';

describe('back office: audit log and staff login', () => {
  let t: TestApp;
  let admin: TestStaff;

  beforeAll(async () => {
    // One trusted proxy hop, so X-Forwarded-For / -Proto stand for different clients and TLS.
    t = await createTestApp({ env: { ADMIN_ENABLED: 'true', TRUST_PROXY_HOPS: '1' } });
    admin = await createStaff(t, StaffRole.ADMIN, 'ada@example.com');
  }, 60_000);
  afterAll(() => t?.close());

  const login = (email: string, password: string, ip = '203.0.113.7', proto = 'http') =>
    request(t.app.getHttpServer())
      .post('/admin/login')
      .set('Origin', t.config.publicBaseUrl)
      .set('X-Forwarded-For', ip)
      .set('X-Forwarded-Proto', proto)
      .type('form')
      .send({ email, password });

  describe('AuditLogService.record', () => {
    it('writes inside the caller’s transaction: a rollback leaves no entry', async () => {
      const audit = t.get(AuditLogService);
      await expect(
        t.dataSource.transaction(async (manager) => {
          await audit.record(manager, { actor: admin, action: 'test.rolled_back' });
          throw new Error('roll back');
        }),
      ).rejects.toThrow('roll back');
      await t.dataSource.transaction((manager) =>
        audit.record(manager, {
          actor: admin,
          action: 'test.committed',
          resource: 'staff_users',
          recordId: admin.id,
          before: { active: true, passwordHash: '$argon2id$x', nested: { resetToken: 'abc' } },
          after: { active: false },
        }),
      );
      expect(await auditRows(t, 'test.rolled_back')).toEqual([]);
      const [row] = await auditRows(t, 'test.committed');
      expect(row).toMatchObject({
        staff_id: admin.id,
        staff_email: 'ada@example.com',
        resource: 'staff_users',
        record_id: admin.id,
        before: { active: true, nested: {} },
        after: { active: false },
      });
    });

    it('is append-only: the database refuses UPDATE, DELETE and TRUNCATE', async () => {
      for (const sql of [
        `UPDATE audit_log SET action = 'forged'`,
        'DELETE FROM audit_log',
        'TRUNCATE audit_log',
      ]) {
        await expect(t.dataSource.query(sql)).rejects.toThrow(/append-only/);
      }
      expect((await auditRows(t, 'test.committed')).length).toBe(1);
    });
  });

  describe('login', () => {
    it('records a success with who and from where, and a failure with the typed email', async () => {
      const ok = await login('ADA@example.com', STAFF_PASSWORD, '198.51.100.1');
      expect(ok.status).toBe(302);
      const bad = await login('nobody@example.com', 'guess', '198.51.100.2');
      expect(bad.status).toBe(200);

      const successes = await auditRows(t, 'staff.login');
      expect(successes.at(-1)).toMatchObject({
        staff_id: admin.id,
        staff_email: 'ada@example.com',
        ip: '198.51.100.1',
      });
      const failures = await auditRows(t, 'staff.login_failed');
      expect(failures.at(-1)).toMatchObject({
        staff_id: null,
        staff_email: 'nobody@example.com',
        ip: '198.51.100.2',
      });
      expect(JSON.stringify(failures)).not.toContain('guess');
    });

    it('sets an httpOnly, SameSite cookie that is Secure when the request came over TLS', async () => {
      const plain = await login('ada@example.com', STAFF_PASSWORD, '198.51.100.3', 'http');
      const tls = await login('ada@example.com', STAFF_PASSWORD, '198.51.100.3', 'https');
      const plainCookie = plain.headers['set-cookie']?.toString() ?? '';
      const tlsCookie = tls.headers['set-cookie']?.toString() ?? '';
      expect(plainCookie).toMatch(/fapiao_admin=.*HttpOnly/);
      expect(plainCookie).toContain('SameSite=Lax');
      expect(plainCookie).not.toContain('Secure');
      expect(tlsCookie).toContain('Secure');
    });

    it(`blocks an email after ${LOGIN_THROTTLE.failuresPerEmail} failures, even with the right password, until the window passes`, async () => {
      const victim = await createStaff(t, StaffRole.SUPPORT, 'victim@example.com');
      for (let i = 0; i < LOGIN_THROTTLE.failuresPerEmail; i++) {
        // Different addresses: the per-email limit holds whatever the IP.
        const res = await login(victim.email, `wrong-${i}`, `192.0.2.${10 + i}`);
        expect(loginError(res.text)).toBe('invalidCredentials');
      }
      const blocked = await login(victim.email, STAFF_PASSWORD, '192.0.2.99');
      expect(blocked.status).toBe(400);
      expect(loginError(blocked.text)).toBe('tooManyLoginAttempts');
      expect(blocked.headers['set-cookie']?.toString() ?? '').not.toContain('fapiao_admin=');
      expect((await auditRows(t, 'staff.login_blocked')).at(-1)).toMatchObject({
        staff_email: victim.email,
        ip: '192.0.2.99',
      });

      t.clock.advance(LOGIN_THROTTLE.windowMs + MINUTE);
      const later = await login(victim.email, STAFF_PASSWORD, '192.0.2.99');
      expect(later.status).toBe(302);
      t.clock.reset();
    });

    it('counts failures only since the last successful login of that email', async () => {
      const staff = await createStaff(t, StaffRole.SUPPORT, 'forgetful@example.com');
      for (let i = 0; i < LOGIN_THROTTLE.failuresPerEmail - 1; i++) {
        await login(staff.email, 'wrong', '192.0.2.50');
      }
      expect((await login(staff.email, STAFF_PASSWORD, '192.0.2.50')).status).toBe(302);
      expect(loginError((await login(staff.email, 'wrong', '192.0.2.50')).text)).toBe(
        'invalidCredentials',
      );
      expect((await login(staff.email, STAFF_PASSWORD, '192.0.2.50')).status).toBe(302);
    });

    it(`blocks an address after ${LOGIN_THROTTLE.failuresPerIp} failures across emails`, async () => {
      const ip = '203.0.113.200';
      const attempts = Array.from({ length: LOGIN_THROTTLE.failuresPerIp }, (_, i) =>
        login(`spray-${i}@example.com`, 'wrong', ip),
      );
      // In parallel: the advisory lock serialises them, so none slips past the count.
      const results = await Promise.all(attempts);
      expect(results.map((r) => loginError(r.text))).toEqual(
        results.map(() => 'invalidCredentials'),
      );
      const blocked = await login('ada@example.com', STAFF_PASSWORD, ip);
      expect(blocked.status).toBe(400);
      expect(loginError(blocked.text)).toBe('tooManyLoginAttempts');
      // Another address is not affected.
      expect((await login('ada@example.com', STAFF_PASSWORD, '203.0.113.201')).status).toBe(302);
    });

    it('never lets more than the limit of parallel guesses for one email through', async () => {
      const staff = await createStaff(t, StaffRole.SUPPORT, 'burst@example.com');
      const results = await Promise.all(
        Array.from({ length: 12 }, (_, i) => login(staff.email, 'wrong', `198.51.100.${100 + i}`)),
      );
      const judged = results.filter((r) => loginError(r.text) === 'invalidCredentials').length;
      expect(judged).toBe(LOGIN_THROTTLE.failuresPerEmail);
      const [{ count }] = await t.dataSource.query(
        `SELECT count(*)::int AS count FROM audit_log WHERE action = 'staff.login_failed' AND staff_email = $1`,
        [staff.email],
      );
      expect(count).toBe(LOGIN_THROTTLE.failuresPerEmail);
    });
  });
});
