import { StaffAuthService } from '../../src/auth/staff/staff-auth.service';
import { StaffRole } from '../../src/auth/staff/staff-role';
import { createTestApp, TestApp } from '../support/test-app';

describe('back office (AdminJS at /admin)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ env: { ADMIN_ENABLED: 'true' } });
    await t.get(StaffAuthService).create({
      email: 'Admin@Example.com',
      displayName: 'Ada Admin',
      password: 'correct horse battery staple',
      role: StaffRole.ADMIN,
    });
  }, 60_000);
  afterAll(() => t.close());

  it('shows the login page', async () => {
    const res = await t.http().get('/admin/login');
    expect(res.status).toBe(200);
    expect(res.text).toContain('<html');
  });

  it('redirects an anonymous visitor to the login page', async () => {
    const res = await t.http().get('/admin/resources/staff_users');
    expect(res.status).toBe(302);
    expect(res.headers.location).toBe('/admin/login');
  });

  it('refuses a wrong password', async () => {
    const res = await t
      .http()
      .post('/admin/login')
      // The back office refuses writes without its own origin (cross-site request forgery).
      .set('Origin', t.config.publicBaseUrl)
      .type('form')
      .send({ email: 'admin@example.com', password: 'wrong' });
    expect(res.status).toBe(200);
    expect(res.headers['set-cookie']?.toString() ?? '').not.toContain('fapiao_admin=');
  });

  it('signs a staff member in with a Postgres-backed, httpOnly session and lists staff without password hashes', async () => {
    const agent = (await import('supertest')).default
      .agent(t.app.getHttpServer())
      .set('Origin', t.config.publicBaseUrl);
    const login = await agent.post('/admin/login').type('form').send({
      email: 'admin@example.com',
      password: 'correct horse battery staple',
    });
    expect(login.status).toBe(302);
    expect(login.headers.location).toBe('/admin');
    const cookie = login.headers['set-cookie']?.toString() ?? '';
    expect(cookie).toContain('fapiao_admin=');
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Lax');

    const [{ count }] = await t.dataSource.query(
      'SELECT count(*)::int AS count FROM admin_sessions',
    );
    expect(count).toBe(1);

    const list = await agent.get('/admin/api/resources/staff_users/actions/list');
    expect(list.status).toBe(200);
    expect(list.body.records).toHaveLength(1);
    expect(list.body.records[0].params.email).toBe('admin@example.com');
    expect(JSON.stringify(list.body)).not.toMatch(/argon2|passwordHash|password_hash/);

    // Read-only: no way to edit or delete staff through the generic actions.
    const id = list.body.records[0].id as string;
    const remove = await agent.post(`/admin/api/resources/staff_users/records/${id}/delete`);
    // A refused action: 403, with AdminJS's ForbiddenError in the body.
    expect(remove.body.record?.baseError?.type).toBe('ForbiddenError');
    const [{ remaining }] = await t.dataSource.query(
      'SELECT count(*)::int AS remaining FROM staff_users',
    );
    expect(remaining).toBe(1);
  });
});
