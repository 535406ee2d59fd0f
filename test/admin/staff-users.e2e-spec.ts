import { StaffRole } from '../../src/auth/staff/staff-role';
import { createTestApp, TestApp } from '../support/test-app';
import { Agent, auditRows, createStaff, signIn, STAFF_PASSWORD, TestStaff } from './admin-test-kit';

const API = '/admin/api/resources/staff_users';

describe('back office: staff users, managed by admins through audited actions', () => {
  let t: TestApp;
  let admin: TestStaff;
  let agent: Agent;

  beforeAll(async () => {
    t = await createTestApp({ env: { ADMIN_ENABLED: 'true' } });
    admin = await createStaff(t, StaffRole.ADMIN, 'root@example.com');
    agent = await signIn(t, admin.email);
  }, 60_000);
  afterAll(() => t?.close());

  const hashOf = async (id: string): Promise<string> =>
    (await t.dataSource.query('SELECT password_hash FROM staff_users WHERE id = $1', [id]))[0]
      .password_hash;

  it('creates a staff member with an argon2id-hashed password who can then sign in', async () => {
    const res = await agent.post(`${API}/actions/createStaff`).type('form').send({
      email: ' Carol@Example.com ',
      displayName: 'Carol Service',
      role: StaffRole.SERVICE_CENTER,
      password: 'a long enough password',
    });
    expect(res.status).toBe(200);
    expect(res.body.notice).toMatchObject({ type: 'success', message: 'staffCreated' });
    const id = res.body.record.id as string;
    expect(res.body.record.params).toMatchObject({
      email: 'carol@example.com',
      role: 'service_center',
      active: true,
    });
    expect(res.body.redirectUrl).toBe(`/admin/resources/staff_users/records/${id}/show`);
    expect(JSON.stringify(res.body)).not.toMatch(/argon2|passwordHash|password_hash|a long enough/);
    expect(await hashOf(id)).toMatch(/^\$argon2id\$/);

    await signIn(t, 'carol@example.com', 'a long enough password');

    const [entry] = (await auditRows(t, 'staff.create')).filter((r) => r.record_id === id);
    expect(entry).toMatchObject({ staff_id: admin.id, resource: 'staff_users', before: null });
    expect(entry.after).toEqual({
      id,
      email: 'carol@example.com',
      displayName: 'Carol Service',
      role: 'service_center',
      active: true,
    });
  });

  it('refuses bad input and a taken email with field errors, writing nothing', async () => {
    const before = (await auditRows(t, 'staff.create')).length;
    const invalid = await agent
      .post(`${API}/actions/createStaff`)
      .type('form')
      .send({ email: 'not-an-email', displayName: '', role: 'boss', password: 'short' });
    expect(invalid.body.notice).toMatchObject({ type: 'error', message: 'STAFF_INVALID' });
    expect(Object.keys(invalid.body.fieldErrors).sort()).toEqual([
      'displayName',
      'email',
      'password',
      'role',
    ]);

    const taken = await agent.post(`${API}/actions/createStaff`).type('form').send({
      email: 'ROOT@example.com',
      displayName: 'Copy',
      role: StaffRole.SUPPORT,
      password: 'another long password',
    });
    expect(taken.body.notice).toMatchObject({ type: 'error', message: 'STAFF_EMAIL_TAKEN' });
    expect(taken.body.fieldErrors.email).toBeDefined();
    expect((await auditRows(t, 'staff.create')).length).toBe(before);
  });

  it('does nothing on GET: a link cannot change data', async () => {
    const staff = await createStaff(t, StaffRole.SUPPORT);
    const res = await agent.get(`${API}/records/${staff.id}/disableStaff`);
    expect(res.status).toBe(200);
    expect(res.body.record.params.active).toBe(true);
    const [{ active }] = await t.dataSource.query('SELECT active FROM staff_users WHERE id = $1', [
      staff.id,
    ]);
    expect(active).toBe(true);
  });

  it('sets a new password (hash replaced, never shown, audited without it)', async () => {
    const staff = await createStaff(t, StaffRole.SUPPORT);
    const oldHash = await hashOf(staff.id);
    const res = await agent
      .post(`${API}/records/${staff.id}/setPassword`)
      .type('form')
      .send({ password: 'brand new staff password' });
    expect(res.body.notice).toMatchObject({ type: 'success', message: 'staffPasswordSet' });
    expect(JSON.stringify(res.body)).not.toMatch(/argon2|brand new/);
    expect(await hashOf(staff.id)).not.toBe(oldHash);
    await signIn(t, staff.email, 'brand new staff password');
    await expect(signIn(t, staff.email, STAFF_PASSWORD)).rejects.toThrow(/failed/);

    const [entry] = (await auditRows(t, 'staff.set_password')).filter(
      (r) => r.record_id === staff.id,
    );
    expect(entry.after).toEqual({ email: staff.email, changed: 'password' });
    expect(JSON.stringify(entry)).not.toMatch(/argon2|brand new/);
  });

  it('disables an account: its open session ends, it cannot sign in, and enabling restores it', async () => {
    const staff = await createStaff(t, StaffRole.SUPPORT);
    const theirs = await signIn(t, staff.email);
    expect((await theirs.get('/admin/api/dashboard')).status).toBe(200);

    const res = await agent.post(`${API}/records/${staff.id}/disableStaff`).type('form').send({});
    expect(res.body.notice).toMatchObject({ type: 'success', message: 'staffDisabled' });
    expect(res.body.record.params.active).toBe(false);

    const after = await theirs.get('/admin/api/dashboard');
    expect(after.status).toBe(302);
    expect(after.headers.location).toBe('/admin/login');
    await expect(signIn(t, staff.email)).rejects.toThrow(/failed/);

    // Only legal in the other state: disabling again is refused by the service, which says why.
    const again = await agent.post(`${API}/records/${staff.id}/disableStaff`).type('form').send({});
    expect(again.body.notice).toMatchObject({ type: 'error', message: 'STAFF_ALREADY_IN_STATE' });

    const enable = await agent.post(`${API}/records/${staff.id}/enableStaff`).type('form').send({});
    expect(enable.body.notice).toMatchObject({ type: 'success', message: 'staffEnabled' });
    await signIn(t, staff.email);

    const entries = (await auditRows(t)).filter(
      (r) => r.record_id === staff.id && r.action !== 'staff.login',
    );
    expect(entries.map((r) => r.action)).toEqual(['staff.disable', 'staff.enable']);
    expect(entries[0].before).toMatchObject({ active: true });
    expect(entries[0].after).toMatchObject({ active: false });
  });

  it('refuses to disable your own account', async () => {
    const self = await agent.post(`${API}/records/${admin.id}/disableStaff`).type('form').send({});
    expect(self.body.notice).toMatchObject({ type: 'error', message: 'STAFF_SELF_DISABLE' });
  });

  it('lists staff without any password hash', async () => {
    const list = await agent.get(`${API}/actions/list?perPage=50`);
    expect(list.status).toBe(200);
    expect(list.body.records.length).toBeGreaterThan(3);
    expect(JSON.stringify(list.body)).not.toMatch(/argon2|passwordHash|password_hash/);
    const show = await agent.get(`${API}/records/${admin.id}/show`);
    expect(JSON.stringify(show.body)).not.toMatch(/argon2|passwordHash|password_hash/);
  });

  it('feeds the dashboard from its providers', async () => {
    const res = await agent.get('/admin/api/dashboard');
    expect(res.status).toBe(200);
    const backOffice = res.body.sections.find((s: { key: string }) => s.key === 'backOffice');
    const metric = (key: string) =>
      backOffice.metrics.find((m: { key: string }) => m.key === key)?.value as number;
    const [{ active }] = await t.dataSource.query(
      'SELECT count(*)::int AS active FROM staff_users WHERE active',
    );
    expect(metric('activeStaff')).toBe(active);
    const failedBefore = metric('failedLogins24h');
    await expect(signIn(t, admin.email, 'wrong password')).rejects.toThrow(/failed/);
    const again = await agent.get('/admin/api/dashboard');
    const updated = again.body.sections.find((s: { key: string }) => s.key === 'backOffice');
    expect(updated.metrics.find((m: { key: string }) => m.key === 'failedLogins24h').value).toBe(
      failedBefore + 1,
    );
  });

  // Last: it leaves the first admin disabled.
  it('never lets two admins disabling each other at once leave no active admin', async () => {
    const [a, b] = [await createStaff(t, StaffRole.ADMIN), await createStaff(t, StaffRole.ADMIN)];
    const [agentA, agentB] = [await signIn(t, a.email), await signIn(t, b.email)];
    await t.dataSource.query('UPDATE staff_users SET active = false WHERE id = $1', [admin.id]);

    const results = await Promise.all([
      agentA.post(`${API}/records/${b.id}/disableStaff`).type('form').send({}),
      agentB.post(`${API}/records/${a.id}/disableStaff`).type('form').send({}),
    ]);
    const succeeded = results.filter((r) => r.body.notice?.type === 'success');
    expect(succeeded).toHaveLength(1);
    const loser = results.find((r) => r.body.notice?.type !== 'success')!;
    // Either refused by the rule, or its session was already ended by the winner.
    expect(loser.body.notice?.message === 'STAFF_LAST_ADMIN' || loser.status === 302).toBe(true);
    const [{ admins }] = await t.dataSource.query(
      `SELECT count(*)::int AS admins FROM staff_users WHERE role = 'admin' AND active`,
    );
    expect(admins).toBe(1);
  });
});
