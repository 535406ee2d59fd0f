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

    it(`blocks an email from an address after ${LOGIN_THROTTLE.failuresPerEmailAndIp} failures there, even with the right password, until the window passes`, async () => {
      // Frozen: on a busy machine real seconds pass between the answers, and the check below is
      // of the Retry-After's own second.
      t.clock.set(t.clock.now());
      const victim = await createStaff(t, StaffRole.SUPPORT, 'victim@example.com');
      const attackerIp = '192.0.2.10';
      for (let i = 0; i < LOGIN_THROTTLE.failuresPerEmailAndIp; i++) {
        const res = await login(victim.email, `wrong-${i}`, attackerIp);
        expect(loginError(res.text)).toBe('invalidCredentials');
      }
      const blocked = await login(victim.email, STAFF_PASSWORD, attackerIp);
      // A 429 with Retry-After (4f9013d answered 400 with no hint of when to try again).
      expect(blocked.status).toBe(429);
      const retryAfter = Number(blocked.headers['retry-after']);
      expect(retryAfter).toBeGreaterThan(0);
      expect(retryAfter).toBeLessThanOrEqual(LOGIN_THROTTLE.windowMs / 1000);
      expect(loginError(blocked.text)).toBe('tooManyLoginAttempts');
      expect(blocked.headers['set-cookie']?.toString() ?? '').not.toContain('fapiao_admin=');
      expect((await auditRows(t, 'staff.login_blocked')).at(-1)).toMatchObject({
        staff_email: victim.email,
        ip: attackerIp,
      });
      // Retry-After is not early: a second before it the address is still refused.
      t.clock.advance((retryAfter - 1) * 1000);
      expect((await login(victim.email, STAFF_PASSWORD, attackerIp)).status).toBe(429);
      // The owner, elsewhere, is not locked out by the stranger's failures (4f9013d refused it).
      expect((await login(victim.email, STAFF_PASSWORD, '192.0.2.99')).status).toBe(302);

      t.clock.advance(LOGIN_THROTTLE.windowMs + MINUTE);
      const later = await login(victim.email, STAFF_PASSWORD, attackerIp);
      expect(later.status).toBe(302);
      t.clock.reset();
    });

    it('does not block an office address from other accounts for failures on one account', async () => {
      const office = '198.51.100.77';
      const forgetful = await createStaff(t, StaffRole.SUPPORT, 'typo-prone@example.com');
      const colleague = await createStaff(t, StaffRole.SUPPORT, 'colleague@example.com');
      // Far more failures on one account than the old per-address limit of 20 (4f9013d).
      for (let i = 0; i < 25; i++) await login(forgetful.email, `wrong-${i}`, office);
      expect(loginError((await login(forgetful.email, STAFF_PASSWORD, office)).text)).toBe(
        'tooManyLoginAttempts',
      );
      expect((await login(colleague.email, STAFF_PASSWORD, office)).status).toBe(302);
    });

    it(`blocks an email from everywhere after ${LOGIN_THROTTLE.failuresPerEmail} failures spread over addresses`, async () => {
      const target = await createStaff(t, StaffRole.SUPPORT, 'spread@example.com');
      for (let i = 0; i < LOGIN_THROTTLE.failuresPerEmail; i++) {
        await login(target.email, 'wrong', `100.64.${Math.floor(i / 200)}.${i % 200}`);
      }
      expect(loginError((await login(target.email, STAFF_PASSWORD, '100.65.0.1')).text)).toBe(
        'tooManyLoginAttempts',
      );
    });

    it('counts failures only since the last successful login of that email', async () => {
      const staff = await createStaff(t, StaffRole.SUPPORT, 'forgetful@example.com');
      for (let i = 0; i < LOGIN_THROTTLE.failuresPerEmailAndIp - 1; i++) {
        await login(staff.email, 'wrong', '192.0.2.50');
      }
      expect((await login(staff.email, STAFF_PASSWORD, '192.0.2.50')).status).toBe(302);
      expect(loginError((await login(staff.email, 'wrong', '192.0.2.50')).text)).toBe(
        'invalidCredentials',
      );
      expect((await login(staff.email, STAFF_PASSWORD, '192.0.2.50')).status).toBe(302);
    });

    it(`blocks an address after failures on ${LOGIN_THROTTLE.emailsFailedPerIp} different emails`, async () => {
      const ip = '203.0.113.200';
      const attempts = Array.from({ length: LOGIN_THROTTLE.emailsFailedPerIp }, (_, i) =>
        login(`spray-${i}@example.com`, 'wrong', ip),
      );
      // In parallel: the advisory lock serialises them, so none slips past the count.
      const results = await Promise.all(attempts);
      expect(results.map((r) => loginError(r.text))).toEqual(
        results.map(() => 'invalidCredentials'),
      );
      const blocked = await login('ada@example.com', STAFF_PASSWORD, ip);
      expect(blocked.status).toBe(429);
      expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
      expect(loginError(blocked.text)).toBe('tooManyLoginAttempts');
      // Another address is not affected.
      expect((await login('ada@example.com', STAFF_PASSWORD, '203.0.113.201')).status).toBe(302);
    });

    it('never lets more than the limit of parallel guesses for one email through', async () => {
      const staff = await createStaff(t, StaffRole.SUPPORT, 'burst@example.com');
      const results = await Promise.all(
        Array.from({ length: 12 }, () => login(staff.email, 'wrong', '198.51.100.100')),
      );
      const judged = results.filter((r) => loginError(r.text) === 'invalidCredentials').length;
      expect(judged).toBe(LOGIN_THROTTLE.failuresPerEmailAndIp);
      const [{ count }] = await t.dataSource.query(
        `SELECT count(*)::int AS count FROM audit_log WHERE action = 'staff.login_failed' AND staff_email = $1`,
        [staff.email],
      );
      expect(count).toBe(LOGIN_THROTTLE.failuresPerEmailAndIp);
    });
  });
});
