import { pushOrder } from '../support/payment-platform';
import { registerAndLogin, RegisteredCustomer } from '../support/customers';
import { createTestApp, TestApp } from '../support/test-app';
import { portalAgent, signInThroughForm, submitForm, textOf } from './portal-kit';

describe('Portal sessions (passport-local, PostgreSQL store)', () => {
  let t: TestApp;
  let customer: RegisteredCustomer;

  beforeAll(async () => {
    t = await createTestApp();
    const order = await pushOrder(t);
    customer = await registerAndLogin(t, { orderNumber: order.orderNumber });
  });
  afterAll(() => t.close());

  it('serves the home page as HTML in zh-CN by default, with security headers', async () => {
    const res = await portalAgent(t, '').get('/');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.text).toContain('<html lang="zh-CN">');
    expect(res.text).toContain('发票服务');
    const csp = res.headers['content-security-policy'];
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).toContain("frame-ancestors 'none'");
    expect(res.headers['x-frame-options']).toBe('DENY');
    expect(res.headers['referrer-policy']).toBe('same-origin');
    // Nothing typed, nothing stored: a visitor without a form gets no session.
    expect(res.headers['set-cookie']).toBeUndefined();
  });

  it('signs in with a new session id, shows the account, and signs out', async () => {
    const agent = portalAgent(t);
    const before = await agent.get('/login');
    const anonymousCookie = /fapiao\.portal\.sid=([^;]+)/.exec(
      String(before.headers['set-cookie']),
    )?.[1];
    expect(anonymousCookie).toBeDefined();

    const signedIn = await signInThroughForm(agent, customer.email, customer.password, '/help');
    expect(signedIn.headers.location).toBe('/help');
    const cookie = String(signedIn.headers['set-cookie']);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(/fapiao\.portal\.sid=([^;]+)/.exec(cookie)?.[1]).not.toBe(anonymousCookie);

    const home = await agent.get('/');
    expect(textOf(home.text)).toContain(customer.email);

    const out = await submitForm(agent, '/logout', '/logout', {});
    expect(out.status).toBe(303);
    expect(textOf((await agent.get('/')).text)).not.toContain(customer.email);
  });

  it('keeps what was typed and says what is wrong on a failed sign-in', async () => {
    const agent = portalAgent(t, 'en');
    const res = await submitForm(agent, '/login', '/login', {
      email: customer.email,
      password: 'not the password',
    });
    expect(res.status).toBe(401);
    expect(res.text).toContain('The email or password is not correct.');
    expect(res.text).toContain(`value="${customer.email}"`);
    expect(res.text).not.toContain('not the password');
  });

  it('answers an unknown page with the 404 page, and an unknown API path with problem details', async () => {
    const page = await portalAgent(t, 'en').get('/no-such-page');
    expect(page.status).toBe(404);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.text).toContain('Page not found');
    const api = await t.http().get('/api/v1/no-such-thing');
    expect(api.status).toBe(404);
    expect(api.headers['content-type']).toMatch(/^application\/problem\+json/);
  });

  it('refuses a sign-in without the CSRF token, or from another origin, with the 403 page', async () => {
    const agent = portalAgent(t, 'en');
    await agent.get('/login');
    const noToken = await agent
      .post('/login')
      .type('form')
      .send({ email: customer.email, password: customer.password });
    expect(noToken.status).toBe(403);
    expect(noToken.headers['content-type']).toMatch(/^text\/html/);
    expect(noToken.text).toContain('Request refused');
    expect(noToken.headers['set-cookie'] ?? []).toHaveLength(0);

    const crossSite = await submitFormFrom(agent, 'https://evil.example');
    expect(crossSite.status).toBe(403);
    expect(textOf((await agent.get('/')).text)).not.toContain(customer.email);
  });

  async function submitFormFrom(agent: ReturnType<typeof portalAgent>, origin: string) {
    const form = await agent.get('/login');
    const token = /name="_csrf" value="([^"]+)"/.exec(form.text)![1];
    return agent
      .post('/login')
      .set('Origin', origin)
      .type('form')
      .send({ email: customer.email, password: customer.password, _csrf: token });
  }
});
