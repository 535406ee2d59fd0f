import { RequestMethod } from '@nestjs/common';
import { GUARDS_METADATA, METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { DiscoveryModule, DiscoveryService } from '@nestjs/core';
import { PortalCsrfGuard } from '../../src/portal/http/portal-csrf';
import { registerAndLogin, RegisteredCustomer } from '../support/customers';
import { pushOrder } from '../support/payment-platform';
import { createTestApp, TestApp } from '../support/test-app';
import { csrfTokenOf, portalAgent, PortalAgent, signInThroughForm } from './portal-kit';

interface PortalPost {
  controller: string;
  path: string;
}

/** Every state-changing route of every portal controller, found from Nest's own metadata. */
function portalPosts(t: TestApp): PortalPost[] {
  const posts: PortalPost[] = [];
  for (const wrapper of t.get(DiscoveryService).getControllers()) {
    const type = wrapper.metatype as (new (...args: never[]) => object) | undefined;
    if (!type) continue;
    const guards = (Reflect.getMetadata(GUARDS_METADATA, type) ?? []) as unknown[];
    if (!guards.includes(PortalCsrfGuard)) continue;
    const prefix = String(Reflect.getMetadata(PATH_METADATA, type) ?? '');
    const prototype = type.prototype as Record<string, unknown>;
    for (const name of Object.getOwnPropertyNames(prototype)) {
      const handler = prototype[name];
      if (typeof handler !== 'function' || name === 'constructor') continue;
      const method = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined;
      if (method === undefined || method === RequestMethod.GET) continue;
      const path =
        `/${[prefix, String(Reflect.getMetadata(PATH_METADATA, handler))].filter(Boolean).join('/')}`
          .replace(/\/+/g, '/')
          // Path parameters: any value reaches the guard, which runs before the route's pipes.
          .replace(/:(\w+)/g, 'x-$1');
      posts.push({ controller: type.name, path });
    }
  }
  return posts;
}

/** Every row of every table but the sessions' (reading a session may move its expiry). */
async function snapshot(t: TestApp): Promise<Record<string, unknown[]>> {
  const tables: { table_name: string }[] = await t.dataSource.query(
    `SELECT table_name FROM information_schema.tables
      WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> 'portal_sessions'
      ORDER BY table_name`,
  );
  const rows: Record<string, unknown[]> = {};
  for (const { table_name } of tables) {
    rows[table_name] = await t.dataSource.query(`SELECT * FROM "${table_name}" ORDER BY 1`);
  }
  return rows;
}

describe('CSRF: every state-changing portal form', () => {
  let t: TestApp;
  let customer: RegisteredCustomer;
  let agent: PortalAgent;
  let token: string;

  beforeAll(async () => {
    t = await createTestApp({ imports: [DiscoveryModule] });
    const order = await pushOrder(t);
    customer = await registerAndLogin(t, { orderNumber: order.orderNumber });
    agent = portalAgent(t, 'en');
    await signInThroughForm(agent, customer.email, customer.password);
    token = csrfTokenOf((await agent.get('/account')).text);
  });
  afterAll(() => t.close());

  const fields = () => ({
    email: customer.email,
    password: customer.password,
    newEmail: 'somewhere-else@example.com',
    currentPassword: customer.password,
    newPassword: 'A completely new passphrase',
    orderNumber: 'SO-ANY',
    locale: 'zh-CN',
  });

  it('finds the portal forms to check (the account pages at least)', () => {
    const paths = portalPosts(t).map((p) => p.path);
    for (const expected of [
      '/login',
      '/logout',
      '/language',
      '/register',
      '/resend-activation',
      '/forgot-password',
      '/reset-password',
      '/confirm-email-change',
      '/account/email',
      '/account/password',
      '/account/sign-out-everywhere',
    ]) {
      expect(paths).toContain(expected);
    }
  });

  it('refuses each one without the token, with the 403 page, and changes nothing', async () => {
    const before = await snapshot(t);
    for (const { path } of portalPosts(t)) {
      const res = await agent.post(path).type('form').send(fields());
      expect({ path, status: res.status }).toEqual({ path, status: 403 });
      expect(res.headers['content-type']).toMatch(/^text\/html/);
      expect(res.text).toContain('data-status="403"');
    }
    expect(await snapshot(t)).toEqual(before);
    expect((await agent.get('/account')).status).toBe(200);
  });

  it('refuses each one from another origin, even with the token, and changes nothing', async () => {
    const before = await snapshot(t);
    for (const { path } of portalPosts(t)) {
      const res = await agent
        .post(path)
        .set('Origin', 'https://attacker.example')
        .type('form')
        .send({ ...fields(), _csrf: token });
      expect({ path, status: res.status }).toEqual({ path, status: 403 });
      const fetchMetadata = await agent
        .post(path)
        .set('Sec-Fetch-Site', 'cross-site')
        .type('form')
        .send({ ...fields(), _csrf: token });
      expect({ path, status: fetchMetadata.status }).toEqual({ path, status: 403 });
    }
    expect(await snapshot(t)).toEqual(before);
    expect((await agent.get('/account')).status).toBe(200);
  });

  it("refuses another session's token", async () => {
    const other = portalAgent(t, 'en');
    const otherToken = csrfTokenOf((await other.get('/login')).text);
    const res = await agent
      .post('/account/sign-out-everywhere')
      .type('form')
      .send({ _csrf: otherToken });
    expect(res.status).toBe(403);
    expect((await agent.get('/account')).status).toBe(200);
  });

  it('puts the token in every form of the pages', async () => {
    for (const page of [
      '/login',
      '/register',
      '/resend-activation',
      '/forgot-password',
      '/account',
      '/register/check-mail',
    ]) {
      const html = (await agent.get(page)).text;
      const forms = html.match(/<form method="post"[\s\S]*?<\/form>/g) ?? [];
      expect(forms.length).toBeGreaterThan(0);
      for (const form of forms)
        expect({ page, form: form.includes('name="_csrf"') }).toEqual({ page, form: true });
    }
  });
});
