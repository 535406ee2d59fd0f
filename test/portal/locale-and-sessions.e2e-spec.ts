import { deliverMail, registerAndLogin, RegisteredCustomer } from '../support/customers';
import { pushOrder } from '../support/payment-platform';
import { createTestApp, TestApp } from '../support/test-app';
import { portalAgent, signInThroughForm, submitForm } from './portal-kit';

const langOf = (html: string) => /<html lang="([^"]+)">/.exec(html)?.[1];

describe('Portal language and session rules', () => {
  let t: TestApp;
  let customer: RegisteredCustomer;

  beforeAll(async () => {
    t = await createTestApp();
    const order = await pushOrder(t);
    customer = await registerAndLogin(t, { orderNumber: order.orderNumber, locale: 'zh-CN' });
  });
  afterAll(() => t.close());

  it('signed out: the switch cookie, else Accept-Language, else zh-CN', async () => {
    expect(langOf((await portalAgent(t, '').get('/')).text)).toBe('zh-CN');
    const visitor = portalAgent(t, 'en-US,en;q=0.9');
    expect(langOf((await visitor.get('/')).text)).toBe('en');
    const switched = await visitor.get('/language?locale=zh-CN&next=%2Fhelp');
    expect(switched.status).toBe(303);
    expect(switched.headers.location).toBe('/help');
    expect(langOf((await visitor.get('/help')).text)).toBe('zh-CN');
    // Never a way off the site.
    expect(
      (await visitor.get('/language?locale=en&next=%2F%2Fevil.example')).headers.location,
    ).toBe('/');
  });

  it("signed in: the account's language wins, and the switch changes it (the API and mails follow)", async () => {
    const agent = portalAgent(t, 'en');
    await agent.get('/language?locale=en&next=%2F');
    await signInThroughForm(agent, customer.email, customer.password);
    expect(langOf((await agent.get('/account')).text)).toBe('zh-CN');

    const changed = await submitForm(agent, '/account', '/language', {
      locale: 'en',
      next: '/account',
    });
    expect(changed.status).toBe(303);
    expect(langOf((await agent.get('/account')).text)).toBe('en');
    const me = await t.http().get('/api/v1/me').auth(customer.accessToken, { type: 'bearer' });
    expect(me.body.locale).toBe('en');

    await submitForm(agent, '/account', '/account/email', {
      newEmail: `en-${customer.email}`,
      password: customer.password,
    });
    await deliverMail(t);
    const [mail] = await t.mail.waitFor((m) => m.to.includes(`en-${customer.email}`));
    expect(mail.subject).toMatch(/[A-Za-z]/);
    expect(mail.subject).not.toMatch(/[\u4e00-\u9fff]/);
  });

  it('keeps a flash message for the page that shows it: a request rendering nothing leaves it', async () => {
    const agent = portalAgent(t, 'en');
    const sent = await submitForm(agent, '/forgot-password', '/forgot-password', {
      email: customer.email,
    });
    expect(sent.status).toBe(303);
    // A redirect renders no page: it must not use the message up (nor write the session back).
    expect((await agent.get('/language?locale=en&next=%2Fforgot-password')).status).toBe(303);
    const page = await agent.get('/forgot-password');
    expect(page.text).toContain('a password reset link is on its way');
    expect((await agent.get('/forgot-password')).text).not.toContain(
      'a password reset link is on its way',
    );
  });

  it('ends a session left idle past its expiry', async () => {
    const agent = portalAgent(t, 'en');
    await signInThroughForm(agent, customer.email, customer.password);
    expect((await agent.get('/account')).status).toBe(200);
    await t.dataSource.query(
      `UPDATE portal_sessions SET expire = now() - interval '1 second'
        WHERE sess->'passport'->'user'->>'accountId' = $1`,
      [customer.accountId],
    );
    const after = await agent.get('/account');
    expect(after.status).toBe(303);
    expect(after.headers.location).toBe('/login?next=%2Faccount');
  });

  it('keeps the session id in a cookie that scripts cannot read and other sites do not send', async () => {
    const res = await portalAgent(t).get('/login');
    const cookie = String(res.headers['set-cookie']);
    expect(cookie).toMatch(/^fapiao\.portal\.sid=/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    // Plain HTTP here: `secure` is set only behind TLS (req.secure, with TRUST_PROXY_HOPS).
    expect(cookie).not.toMatch(/Secure/);
    // A forwarded header from a client is not trusted without TRUST_PROXY_HOPS.
    const spoofed = await portalAgent(t).get('/login').set('X-Forwarded-Proto', 'https');
    expect(String(spoofed.headers['set-cookie'])).not.toMatch(/Secure/);
  });
});

describe('Portal session cookie behind a TLS proxy', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ env: { TRUST_PROXY_HOPS: '1' } });
  });
  afterAll(() => t.close());

  it('is Secure when the proxy says the request came over TLS', async () => {
    const res = await portalAgent(t).get('/login').set('X-Forwarded-Proto', 'https');
    expect(String(res.headers['set-cookie'])).toMatch(/; Secure/);
  });
});
