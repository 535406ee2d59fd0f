import { AuthenticatedAccountCache } from '../../src/auth/customer/authenticated-account-cache';
import { pushOrder } from '../support/payment-platform';
import { registerAndLogin, RegisteredCustomer } from '../support/customers';
import { createTestApp, TestApp } from '../support/test-app';

/**
 * The guard's cache of authenticated accounts: it saves a query per request, but a change to an
 * account by any writer (here plain SQL, as a script or another instance would) must still end
 * the sessions, through the trigger's notification.
 */
describe('Authenticated account cache', () => {
  let t: TestApp;
  let orderNumber: string;

  beforeAll(async () => {
    t = await createTestApp();
    orderNumber = (await pushOrder(t)).orderNumber;
  });
  afterAll(() => t.close());

  const me = (token: string) => t.http().get('/api/v1/me').set('Authorization', `Bearer ${token}`);
  const cache = () => t.get(AuthenticatedAccountCache);
  /** What the cache holds for the token's account and version. */
  const cached = (customer: RegisteredCustomer) => {
    const payload = JSON.parse(
      Buffer.from(customer.accessToken.split('.')[1], 'base64url').toString('utf8'),
    ) as { sub: string; ver: number };
    return cache().get(payload.sub, payload.ver);
  };

  async function signedInAndCached(): Promise<RegisteredCustomer> {
    const customer = await registerAndLogin(t, { orderNumber });
    expect((await me(customer.accessToken)).status).toBe(200);
    expect(cached(customer)).toMatchObject({ accountId: customer.accountId });
    return customer;
  }

  /** Polls: the notification arrives asynchronously, a few milliseconds after the commit. */
  async function statusWithin(token: string, expected: number, ms = 3000): Promise<number> {
    const until = Date.now() + ms;
    let status = 0;
    while (Date.now() < until) {
      status = (await me(token)).status;
      if (status === expected) break;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    return status;
  }

  it('serves a signed-in account from the cache after its first request', async () => {
    const customer = await signedInAndCached();
    expect((await me(customer.accessToken)).status).toBe(200);
  });

  it('ends the sessions of an account disabled by plain SQL', async () => {
    const customer = await signedInAndCached();
    await t.dataSource.query(`UPDATE customer_accounts SET status = 'disabled' WHERE id = $1`, [
      customer.accountId,
    ]);
    expect(await statusWithin(customer.accessToken, 401)).toBe(401);
    expect(cached(customer)).toBeUndefined();
  });

  it('ends the sessions when the token version is bumped by plain SQL', async () => {
    const customer = await signedInAndCached();
    await t.dataSource.query(
      `UPDATE customer_accounts SET token_version = token_version + 1 WHERE id = $1`,
      [customer.accountId],
    );
    expect(await statusWithin(customer.accessToken, 401)).toBe(401);
  });

  it('drops the entry when the email changes, so requests see the new address', async () => {
    const customer = await signedInAndCached();
    const newEmail = `changed-${customer.email}`;
    await t.dataSource.query(`UPDATE customer_accounts SET email = $2 WHERE id = $1`, [
      customer.accountId,
      newEmail,
    ]);
    const until = Date.now() + 3000;
    while (cached(customer) && Date.now() < until) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(cached(customer)).toBeUndefined();
  });

  it('caches nothing while its listener is down, and requests still work', async () => {
    const customer = await signedInAndCached();
    await t.dataSource.query(
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
        WHERE datname = current_database() AND application_name = 'fapiao-listen'`,
    );
    const until = Date.now() + 3000;
    while (cached(customer) && Date.now() < until) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(cached(customer)).toBeUndefined();
    expect((await me(customer.accessToken)).status).toBe(200);
    expect(cached(customer)).toBeUndefined();
  });
});
