import { pushOrder } from '../support/payment-platform';
import {
  activationToken,
  deliverMail,
  latestLinkMail,
  LOGIN_PATH,
  REGISTER_PATH,
  registerAndLogin,
  strongPassword,
  uniqueEmail,
} from '../support/customers';
import { createTestApp, TestApp } from '../support/test-app';

describe('Customer registration and login', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  const register = (body: object) => t.http().post(REGISTER_PATH).send(body);

  it('goes from an order to /me: register, activation mail, link page, login', async () => {
    const order = await pushOrder(t, { locale: 'en' });
    const email = uniqueEmail();
    const password = strongPassword();

    const registered = await register({
      orderNumber: order.orderNumber,
      email: email.toUpperCase(),
      password,
    });
    expect(registered.status).toBe(202);

    const mail = await latestLinkMail(t, email, '/activate');
    expect(mail.links.some((l) => l.startsWith('http://fapiao.test/activate?token='))).toBe(true);
    const token = await activationToken(t, email);
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);

    const page = await t.http().get(`/activate?token=${token}`);
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.headers['cache-control']).toBe('no-store');
    expect(page.text).toContain('<html lang="en">');
    expect(page.text).toContain('Your account is active');
    expect(page.text).not.toMatch(/<script|https?:\/\/(?!fapiao)/);

    const login = await t.http().post(LOGIN_PATH).send({ email, password });
    expect(login.status).toBe(200);
    expect(login.body).toEqual({
      accessToken: expect.any(String),
      tokenType: 'Bearer',
      expiresIn: 3600,
    });
    const header = JSON.parse(
      Buffer.from(login.body.accessToken.split('.')[0], 'base64url').toString(),
    );
    expect(header.alg).toBe('HS256');

    const me = await t
      .http()
      .get('/api/v1/me')
      .set('Authorization', `Bearer ${login.body.accessToken}`);
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ email, locale: 'en', status: 'active' });
    const [order_] = await t.dataSource.query(
      'SELECT customer_id FROM orders WHERE order_number = $1',
      [order.orderNumber],
    );
    expect(me.body.customerId).toBe(order_.customer_id);
  });

  it('stores an argon2id hash and the email lower-cased', async () => {
    const order = await pushOrder(t);
    const email = uniqueEmail('Mixed.Case');
    await registerAndLogin(t, { orderNumber: order.orderNumber, email });
    const [row] = await t.dataSource.query(
      'SELECT email, password_hash FROM customer_accounts WHERE email = $1',
      [email.toLowerCase()],
    );
    expect(row.password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,p=1,t=2\$/);
  });

  it('refuses an unknown order number with 422 ORDER_NOT_FOUND and writes nothing', async () => {
    const before = await t.dataSource.query('SELECT count(*)::int AS n FROM customer_accounts');
    const res = await register({
      orderNumber: 'SO-DOES-NOT-EXIST',
      email: uniqueEmail(),
      password: strongPassword(),
    });
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ code: 'ORDER_NOT_FOUND', errors: [{ field: 'orderNumber' }] });
    const after = await t.dataSource.query('SELECT count(*)::int AS n FROM customer_accounts');
    expect(after[0].n).toBe(before[0].n);
  });

  it('refuses short and common passwords (any case) with 422 PASSWORD_POLICY', async () => {
    const order = await pushOrder(t);
    for (const password of ['short7!', 'Password123', 'QWERTYUIOP', '😀'.repeat(129)]) {
      const res = await register({
        orderNumber: order.orderNumber,
        email: uniqueEmail(),
        password,
      });
      expect(res.status).toBe(422);
      expect(res.body.code).toBe('PASSWORD_POLICY');
      expect(res.body.errors[0].field).toBe('password');
    }
  });

  it('lets the right email register after a pending one with a wrong email', async () => {
    const order = await pushOrder(t);
    const wrong = uniqueEmail('typo');
    expect(
      (await register({ orderNumber: order.orderNumber, email: wrong, password: strongPassword() }))
        .status,
    ).toBe(202);
    const right = await registerAndLogin(t, { orderNumber: order.orderNumber });
    expect(right.accessToken).toBeTruthy();
  });

  it('re-sends activation when a pending email registers again; only the new link works', async () => {
    const order = await pushOrder(t);
    const email = uniqueEmail();
    const firstPassword = strongPassword();
    await register({ orderNumber: order.orderNumber, email, password: firstPassword });
    const first = await activationToken(t, email);
    const secondPassword = strongPassword();
    expect(
      (await register({ orderNumber: order.orderNumber, email, password: secondPassword })).status,
    ).toBe(202);
    const second = await activationToken(t, email);
    expect(second).not.toBe(first);

    const old = await t.http().post('/api/v1/auth/activate').send({ token: first });
    expect(old.status).toBe(410);
    expect(old.body.code).toBe('TOKEN_SUPERSEDED');
    expect((await t.http().post('/api/v1/auth/activate').send({ token: second })).status).toBe(200);
    // The latest registration's password is the account's.
    expect((await t.http().post(LOGIN_PATH).send({ email, password: secondPassword })).status).toBe(
      200,
    );
  });

  it('answers register identically for a new and an active email, and mails the owner', async () => {
    const order = await pushOrder(t);
    const existing = await registerAndLogin(t, { orderNumber: order.orderNumber });
    t.mail.clear();

    const known = await register({
      orderNumber: order.orderNumber,
      email: existing.email,
      password: strongPassword(),
    });
    const unknown = await register({
      orderNumber: order.orderNumber,
      email: uniqueEmail(),
      password: strongPassword(),
    });
    expect(known.status).toBe(202);
    expect(unknown.status).toBe(202);
    expect(known.body).toEqual(unknown.body);

    await deliverMail(t);
    const [notice] = await t.mail.waitFor((m) => m.to.includes(existing.email));
    expect(notice.links.some((l) => l.includes('/activate'))).toBe(false);
    // The existing account is untouched: its password still works.
    expect(
      (await t.http().post(LOGIN_PATH).send({ email: existing.email, password: existing.password }))
        .status,
    ).toBe(200);
  });

  it('answers resend-activation and forgot-password identically for known and unknown emails', async () => {
    const order = await pushOrder(t);
    const active = await registerAndLogin(t, { orderNumber: order.orderNumber });
    const pending = uniqueEmail();
    await register({ orderNumber: order.orderNumber, email: pending, password: strongPassword() });

    for (const path of ['/api/v1/auth/resend-activation', '/api/v1/auth/forgot-password']) {
      const answers = await Promise.all(
        [active.email, pending, uniqueEmail('nobody')].map((email) =>
          t.http().post(path).send({ email }),
        ),
      );
      for (const answer of answers) {
        expect(answer.status).toBe(202);
        expect(answer.body).toEqual(answers[0].body);
      }
    }
  });

  it('gives the same 401 for an unknown email and a wrong password', async () => {
    const order = await pushOrder(t);
    const customer = await registerAndLogin(t, { orderNumber: order.orderNumber });
    const unknown = await t
      .http()
      .post(LOGIN_PATH)
      .send({ email: uniqueEmail(), password: customer.password });
    const wrong = await t
      .http()
      .post(LOGIN_PATH)
      .send({ email: customer.email, password: 'not the password' });
    expect(unknown.status).toBe(401);
    expect(wrong.status).toBe(401);
    expect(unknown.body).toEqual(wrong.body);
  });

  it('answers a correct password on a pending account with 403 ACCOUNT_NOT_ACTIVATED and a hint', async () => {
    const order = await pushOrder(t);
    const email = uniqueEmail();
    const password = strongPassword();
    await register({ orderNumber: order.orderNumber, email, password });
    const res = await t.http().post(LOGIN_PATH).send({ email, password });
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('ACCOUNT_NOT_ACTIVATED');
    expect(res.body.resendActivation).toBe('/api/v1/auth/resend-activation');
  });

  it('tells a customer who forgot the login email to call customer service', async () => {
    const res = await t.http().get('/api/v1/auth/forgot-email');
    expect(res.status).toBe(200);
    expect(res.body.customerServicePhone).toBe('(86) 400-089-0365');
  });
});
