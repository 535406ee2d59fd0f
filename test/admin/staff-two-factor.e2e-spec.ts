import request from 'supertest';
import { SECOND_FACTOR_THROTTLE } from '../../src/admin/login/staff-login.service';
import { StaffRole } from '../../src/auth/staff/staff-role';
import { RECOVERY_CODE_COUNT } from '../../src/auth/staff/staff-two-factor.service';
import { totpCode } from '../../src/auth/staff/totp';
import { createTestApp, TestApp } from '../support/test-app';
import { auditRows, createStaff, STAFF_PASSWORD } from './admin-test-kit';

type Agent = ReturnType<typeof request.agent>;

/** The code an authenticator app shows for this secret at the app's (test) clock. */
function codeAt(t: TestApp, secret: string, offsetSeconds = 0): string {
  return totpCode(secret, Math.floor(t.clock.now().getTime() / 1000) + offsetSeconds);
}

describe('back office: two-factor sign-in for staff', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({
      env: { ADMIN_ENABLED: 'true', TRUST_PROXY_HOPS: '1', STAFF_TWO_FACTOR_REQUIRED: 'true' },
    });
  }, 60_000);
  afterAll(() => t?.close());

  const agentFrom = (ip: string): Agent =>
    request
      .agent(t.app.getHttpServer())
      .set('Origin', t.config.publicBaseUrl)
      .set('X-Forwarded-For', ip)
      .set('Accept-Language', 'en-GB,en;q=0.9');

  const password = (agent: Agent, email: string) =>
    agent.post('/admin/login').type('form').send({ email, password: STAFF_PASSWORD });
  const code = (agent: Agent, value: string) =>
    agent.post('/admin/login/two-factor').type('form').send({ code: value });
  const signedIn = async (agent: Agent) =>
    (await agent.get('/admin/api/resources/applications/actions/list')).status === 200;

  /** Password, then the enrolment page: the secret it shows. */
  async function startEnrolment(agent: Agent, email: string): Promise<string> {
    const first = await password(agent, email);
    expect(first.status).toBe(302);
    expect(first.headers.location).toBe('/admin/login/two-factor');
    const page = await agent.get('/admin/login/two-factor');
    expect(page.status).toBe(200);
    expect(page.headers['cache-control']).toBe('no-store');
    expect(page.text).toContain('Set up two-step verification');
    expect(page.text).toMatch(/<img src="data:image\/png;base64,/);
    return /data-testid="totp-secret">([A-Z2-7]+)</.exec(page.text)![1];
  }

  /** A staff member enrolled through the pages; their secret and recovery codes. */
  async function enrolled(email: string, ip = '198.51.100.20', role = StaffRole.SERVICE_CENTER) {
    const staff = await createStaff(t, role, email);
    const agent = agentFrom(ip);
    const secret = await startEnrolment(agent, email);
    const confirmed = await code(agent, codeAt(t, secret));
    expect(confirmed.status).toBe(302);
    expect(confirmed.headers.location).toBe('/admin/login/recovery-codes');
    const codesPage = await agent.get('/admin/login/recovery-codes');
    const recoveryCodes = [...codesPage.text.matchAll(/<li>([a-z0-9-]+)<\/li>/g)].map((m) => m[1]);
    return { staff, agent, secret, recoveryCodes, codesPage };
  }

  it('asks a staff member without it to set it up at first sign-in, and signs in only after a code', async () => {
    const email = 'new.clerk@example.com';
    await createStaff(t, StaffRole.SERVICE_CENTER, email);
    const agent = agentFrom('198.51.100.10');
    const secret = await startEnrolment(agent, email);
    // The password alone does not sign in.
    expect(await signedIn(agent)).toBe(false);
    // Reloading the page keeps the same secret (the one the app has scanned).
    expect((await agent.get('/admin/login/two-factor')).text).toContain(secret);

    const wrong = await code(agent, '000000');
    expect(wrong.status).toBe(401);
    expect(wrong.text).toContain('That code is wrong');
    expect(await signedIn(agent)).toBe(false);

    const right = await code(agent, codeAt(t, secret));
    expect(right.status).toBe(302);
    const codesPage = await agent.get('/admin/login/recovery-codes');
    expect(codesPage.status).toBe(200);
    expect(codesPage.headers['cache-control']).toBe('no-store');
    const recoveryCodes = [...codesPage.text.matchAll(/<li>([a-z0-9-]+)<\/li>/g)].map((m) => m[1]);
    expect(recoveryCodes).toHaveLength(RECOVERY_CODE_COUNT);
    expect(new Set(recoveryCodes).size).toBe(RECOVERY_CODE_COUNT);
    // Shown once.
    expect((await agent.get('/admin/login/recovery-codes')).headers.location).toBe('/admin');
    expect(await signedIn(agent)).toBe(true);

    // At rest: the secret sealed (not in clear), the codes hashed with argon2.
    const [row] = await t.dataSource.query<
      { totp_secret_encrypted: string; recovery_code_hashes: string[]; totp_enrolled_at: Date }[]
    >(
      `SELECT totp_secret_encrypted, recovery_code_hashes, totp_enrolled_at FROM staff_users WHERE email = $1`,
      [email],
    );
    expect(row.totp_enrolled_at).not.toBeNull();
    expect(row.totp_secret_encrypted).toMatch(/^v1:/);
    expect(row.totp_secret_encrypted).not.toContain(secret);
    expect(row.recovery_code_hashes).toHaveLength(RECOVERY_CODE_COUNT);
    for (const hash of row.recovery_code_hashes) expect(hash).toMatch(/^\$argon2id\$/);
    const audit = JSON.stringify(await auditRows(t));
    expect(audit).not.toContain(secret);
    expect(audit).toContain('staff.two_factor_enrolled');
  });

  it('lets an admin reset another staff member’s set-up: their sessions end, the next sign-in enrols again, audited; not your own, not twice', async () => {
    const clerk = await enrolled('reset.clerk@example.com', '198.51.100.30');
    expect(await signedIn(clerk.agent)).toBe(true);
    const admin = await enrolled('reset.admin@example.com', '198.51.100.31', StaffRole.ADMIN);
    const reset = (staffId: string) =>
      admin.agent
        .post(`/admin/api/resources/staff_users/records/${staffId}/resetTwoFactor`)
        .type('form')
        .send({});
    const shown = await admin.agent.get(
      `/admin/api/resources/staff_users/records/${clerk.staff.id}/show`,
    );
    expect(shown.body.record.params.totpEnrolledAt).toBeTruthy();
    expect(shown.body.record.params).not.toHaveProperty('totpSecretEncrypted');
    expect(shown.body.record.params).not.toHaveProperty('recoveryCodeHashes');

    const done = await reset(clerk.staff.id);
    expect(done.body.notice).toMatchObject({ type: 'success', message: 'staffTwoFactorReset' });
    const [row] = await t.dataSource.query(
      `SELECT totp_secret_encrypted, totp_enrolled_at, cardinality(recovery_code_hashes) AS codes
         FROM staff_users WHERE id = $1`,
      [clerk.staff.id],
    );
    expect(row).toEqual({ totp_secret_encrypted: null, totp_enrolled_at: null, codes: 0 });
    const [audit] = (await auditRows(t, 'staff.reset_two_factor')).slice(-1);
    expect(audit).toMatchObject({
      staff_id: admin.staff.id,
      record_id: clerk.staff.id,
      before: { email: clerk.staff.email, twoFactorSetUpAt: expect.any(String) },
      after: { email: clerk.staff.email, twoFactorSetUpAt: null },
    });
    expect(JSON.stringify(audit)).not.toMatch(/totpSecret|recovery/i);
    expect(await signedIn(clerk.agent)).toBe(false);

    // The old device no longer works; the next sign-in shows the enrolment page again.
    const again = agentFrom('198.51.100.32');
    await startEnrolment(again, clerk.staff.email);
    expect(await signedIn(again)).toBe(false);

    const twice = await reset(clerk.staff.id);
    expect(twice.body.notice).toMatchObject({ type: 'error', message: 'STAFF_NOT_ENROLLED' });
    const own = await reset(admin.staff.id);
    expect(own.body.notice).toMatchObject({
      type: 'error',
      message: 'STAFF_SELF_TWO_FACTOR_RESET',
    });
    expect(await signedIn(admin.agent)).toBe(true);
  });

  it('asks an enrolled staff member for a code after the password; a code is accepted once', async () => {
    const { staff, secret } = await enrolled('enrolled.clerk@example.com');
    t.clock.advance(60_000);
    const agent = agentFrom('198.51.100.21');
    const first = await password(agent, staff.email);
    expect(first.headers.location).toBe('/admin/login/two-factor');
    const page = await agent.get('/admin/login/two-factor');
    expect(page.text).toContain('Enter the 6-digit code');
    expect(page.text).not.toContain('totp-secret');
    const current = codeAt(t, secret);
    expect((await code(agent, current)).headers.location).toBe('/admin');
    expect(await signedIn(agent)).toBe(true);

    // The same code again, in its window, from another browser: refused (replay).
    const other = agentFrom('198.51.100.22');
    await password(other, staff.email);
    expect((await code(other, current)).status).toBe(401);
    // So is the previous period's code, still within the tolerance.
    expect((await code(other, codeAt(t, secret, -30))).status).toBe(401);
    expect(await signedIn(other)).toBe(false);
    t.clock.advance(30_000);
    expect((await code(other, codeAt(t, secret))).status).toBe(302);
    const logins = await auditRows(t, 'staff.login');
    expect(logins.at(-1)).toMatchObject({ staff_id: staff.id, after: { secondFactor: 'totp' } });
    t.clock.reset();
  });

  it('accepts the same new code once when two requests race with it', async () => {
    const { staff, secret } = await enrolled('race.clerk@example.com');
    t.clock.advance(120_000);
    const agents = [agentFrom('198.51.100.30'), agentFrom('198.51.100.31')];
    for (const agent of agents) await password(agent, staff.email);
    const value = codeAt(t, secret);
    const answers = await Promise.all(agents.map((agent) => code(agent, value)));
    expect(answers.map((a) => a.status).sort()).toEqual([302, 401]);
    t.clock.reset();
  });

  it('takes a recovery code instead, each once', async () => {
    const { staff, recoveryCodes } = await enrolled('lost.phone@example.com');
    const agent = agentFrom('198.51.100.40');
    await password(agent, staff.email);
    // Typed in capitals and without the dash still counts.
    const typed = recoveryCodes[0].toUpperCase().replace('-', '');
    expect((await code(agent, typed)).headers.location).toBe('/admin');
    const again = agentFrom('198.51.100.41');
    await password(again, staff.email);
    expect((await code(again, recoveryCodes[0])).status).toBe(401);
    expect((await code(again, recoveryCodes[1])).status).toBe(302);
    const [{ left }] = await t.dataSource.query<{ left: number }[]>(
      `SELECT cardinality(recovery_code_hashes) AS left FROM staff_users WHERE id = $1`,
      [staff.id],
    );
    expect(left).toBe(RECOVERY_CODE_COUNT - 2);
  });

  it(`throttles wrong codes: after ${SECOND_FACTOR_THROTTLE.perAccountAndIp.maxFailures} a 429 with Retry-After, even for the right code`, async () => {
    const { staff, secret } = await enrolled('guessed.clerk@example.com');
    t.clock.advance(60_000);
    const attacker = agentFrom('203.0.113.66');
    await password(attacker, staff.email);
    for (let i = 0; i < SECOND_FACTOR_THROTTLE.perAccountAndIp.maxFailures; i++) {
      expect((await code(attacker, String(100000 + i))).status).toBe(401);
    }
    const blocked = await code(attacker, codeAt(t, secret));
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    expect(blocked.text).toContain('Too many wrong codes');
    expect(await signedIn(attacker)).toBe(false);
    expect((await auditRows(t, 'staff.two_factor_failed')).length).toBeGreaterThanOrEqual(5);
    expect((await auditRows(t, 'staff.two_factor_blocked')).at(-1)).toMatchObject({
      staff_id: staff.id,
      ip: '203.0.113.66',
    });
    // The owner, from another address, still gets in.
    const owner = agentFrom('198.51.100.50');
    await password(owner, staff.email);
    expect((await code(owner, codeAt(t, secret))).status).toBe(302);
    t.clock.reset();
  });

  it('shows the second step in Chinese to a browser that prefers it', async () => {
    await createStaff(t, StaffRole.SUPPORT, 'zh.support@example.com');
    const agent = agentFrom('198.51.100.60').set('Accept-Language', 'zh-CN,zh;q=0.9');
    await password(agent, 'zh.support@example.com');
    const page = await agent.get('/admin/login/two-factor');
    expect(page.text).toContain('<html lang="zh-CN">');
    expect(page.text).toContain('设置两步验证');
  });

  it('refuses the second step without a password step, or after it timed out', async () => {
    const stranger = agentFrom('198.51.100.70');
    const direct = await code(stranger, '123456');
    expect(direct.status).toBe(302);
    expect(direct.headers.location).toBe('/admin/login');
    const { staff, secret } = await enrolled('slow.clerk@example.com');
    const agent = agentFrom('198.51.100.71');
    await password(agent, staff.email);
    t.clock.advance(11 * 60_000);
    const late = await code(agent, codeAt(t, secret));
    expect(late.headers.location).toBe('/admin/login');
    expect(await signedIn(agent)).toBe(false);
    t.clock.reset();
  });

  it('refuses a second step posted from another site', async () => {
    const agent = request.agent(t.app.getHttpServer());
    const res = await agent
      .post('/admin/login/two-factor')
      .set('Origin', 'https://evil.example')
      .type('form')
      .send({ code: '123456' });
    expect(res.status).toBe(403);
  });
});
