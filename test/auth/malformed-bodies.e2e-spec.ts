import { pushOrder } from '../support/payment-platform';
import { registerAndLogin, strongPassword } from '../support/customers';
import { createTestApp, TestApp } from '../support/test-app';

/** Every auth endpoint with a JSON body, and a valid body for it (filled in once a customer exists). */
const ENDPOINTS: { path: string; valid: () => Record<string, unknown>; auth?: boolean }[] = [];

describe('Malformed bodies on auth endpoints', () => {
  let t: TestApp;
  let accessToken: string;
  let countBefore: Record<string, number>;

  const counts = async (): Promise<Record<string, number>> => {
    const [row] = await t.dataSource.query(
      `SELECT (SELECT count(*) FROM customer_accounts)::int AS accounts,
              (SELECT count(*) FROM account_tokens)::int AS tokens,
              (SELECT count(*) FROM mail_outbox)::int AS mails,
              (SELECT string_agg(password_hash || email || token_version, ',' ORDER BY id) FROM customer_accounts) AS state`,
    );
    return row;
  };

  beforeAll(async () => {
    // Each request comes from its own address, so per-IP limits never interfere here.
    t = await createTestApp({ env: { TRUST_PROXY_HOPS: '1' } });
    const order = await pushOrder(t);
    const customer = await registerAndLogin(t, { orderNumber: order.orderNumber });
    accessToken = customer.accessToken;
    const email = customer.email;
    const token = 'A'.repeat(43);
    ENDPOINTS.push(
      {
        path: '/api/v1/auth/register',
        valid: () => ({
          orderNumber: order.orderNumber,
          email: 'x@example.com',
          password: strongPassword(),
        }),
      },
      { path: '/api/v1/auth/activate', valid: () => ({ token }) },
      { path: '/api/v1/auth/resend-activation', valid: () => ({ email }) },
      { path: '/api/v1/auth/login', valid: () => ({ email, password: customer.password }) },
      { path: '/api/v1/auth/forgot-password', valid: () => ({ email }) },
      {
        path: '/api/v1/auth/reset-password',
        valid: () => ({ token, newPassword: strongPassword() }),
      },
      { path: '/api/v1/auth/confirm-email-change', valid: () => ({ token }) },
      {
        path: '/api/v1/me/password',
        valid: () => ({ currentPassword: customer.password, newPassword: strongPassword() }),
        auth: true,
      },
      {
        path: '/api/v1/me/email',
        valid: () => ({ newEmail: 'new@example.com', password: customer.password }),
        auth: true,
      },
    );
    countBefore = await counts();
  });
  afterAll(() => t.close());

  let ip = 0;
  function post(path: string, auth: boolean | undefined, body: string) {
    ip += 1;
    const request = t
      .http()
      .post(path)
      .set('X-Forwarded-For', `198.51.100.${ip % 250}`)
      .set('Content-Type', 'application/json');
    if (auth) request.set('Authorization', `Bearer ${accessToken}`);
    return request.send(body);
  }

  const variants: [string, (valid: Record<string, unknown>) => string][] = [
    ['an empty body', () => '{}'],
    ['a missing field', (v) => JSON.stringify(Object.fromEntries(Object.entries(v).slice(1)))],
    ['a wrong type', (v) => JSON.stringify({ ...v, [Object.keys(v)[0]]: 12345 })],
    ['an unknown field', (v) => JSON.stringify({ ...v, isAdmin: true })],
    [
      'a 1 MB string',
      (v) => JSON.stringify({ ...v, [Object.keys(v)[0]]: 'x'.repeat(1024 * 1024) }),
    ],
    ['a __proto__ key', (v) => JSON.stringify(v).replace(/^\{/, '{"__proto__":{"admin":true},')],
    ['an array', (v) => JSON.stringify([v])],
    ['invalid JSON', (v) => JSON.stringify(v).slice(0, -1)],
  ];

  it.each(variants)(
    'answers %s with 400 problem details on every endpoint, writing nothing',
    async (_name, make) => {
      for (const endpoint of ENDPOINTS) {
        const res = await post(endpoint.path, endpoint.auth, make(endpoint.valid()));
        if (res.status !== 400) {
          throw new Error(
            `${endpoint.path}: expected 400, got ${res.status} ${JSON.stringify(res.body)}`,
          );
        }
        expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
        expect(res.body.detail).toEqual(expect.any(String));
      }
      expect(await counts()).toEqual(countBefore);
    },
  );

  it('names the failing fields', async () => {
    const res = await post(
      '/api/v1/auth/register',
      false,
      JSON.stringify({ email: 'not-an-email', password: 5, extra: 1 }),
    );
    const fields = new Set((res.body.errors as { field: string }[]).map((e) => e.field));
    expect(fields).toEqual(new Set(['orderNumber', 'email', 'password', 'extra']));
  });
});
