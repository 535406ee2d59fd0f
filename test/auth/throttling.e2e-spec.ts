import { PostgresThrottlerStorage } from '../../src/common/throttling/postgres-throttler.storage';
import { ThrottleCleanupJob } from '../../src/common/throttling/throttle-cleanup.job';
import { pushOrder } from '../support/payment-platform';
import {
  LOGIN_PATH,
  REGISTER_PATH,
  registerAndLogin,
  strongPassword,
  uniqueEmail,
} from '../support/customers';
import { createTestApp, TestApp } from '../support/test-app';
import { MINUTE, SECOND } from '../support/test-clock';

describe('Throttling', () => {
  let t: TestApp;
  let orderNumber: string;

  beforeAll(async () => {
    t = await createTestApp({ env: { TRUST_PROXY_HOPS: '1' } });
    orderNumber = (await pushOrder(t)).orderNumber;
  });
  afterAll(() => t.close());
  afterEach(() => t.clock.reset());

  /** Each test speaks from its own client address (trusted through one proxy hop). */
  let ipCounter = 10;
  const freshIp = () => `203.0.113.${ipCounter++}`;

  describe('login, per account', () => {
    it('answers the 6th failed login from an address within 15 minutes with 429 and Retry-After; after the lock the right password works', async () => {
      const customer = await registerAndLogin(t, { orderNumber });
      t.clock.set(new Date(Date.now()));
      const ip = freshIp();
      const attempt = (password: string) =>
        t
          .http()
          .post(LOGIN_PATH)
          .set('X-Forwarded-For', ip)
          .send({ email: customer.email, password });

      for (let i = 1; i <= 5; i++) {
        expect((await attempt(`wrong password ${i}`)).status).toBe(401);
        t.clock.advance(10 * SECOND);
      }
      const locked = await attempt('wrong password 6');
      expect(locked.status).toBe(429);
      expect(locked.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(locked.body.code).toBe('TOO_MANY_FAILED_LOGINS');
      const retryAfter = Number(locked.headers['retry-after']);
      expect(retryAfter).toBeGreaterThan(14 * 60);
      expect(retryAfter).toBeLessThanOrEqual(15 * 60);
      // Locked means locked for that address: even the right password waits there.
      expect((await attempt(customer.password)).status).toBe(429);

      t.clock.advance(retryAfter * SECOND + SECOND);
      expect((await attempt(customer.password)).status).toBe(200);
    });

    it('locks an unknown email the same way (no enumeration through the lock)', async () => {
      const email = uniqueEmail('ghost');
      const ip = freshIp();
      const attempt = () =>
        t
          .http()
          .post(LOGIN_PATH)
          .set('X-Forwarded-For', ip)
          .send({ email, password: 'whatever it is' });
      for (let i = 0; i < 5; i++) expect((await attempt()).status).toBe(401);
      expect((await attempt()).status).toBe(429);
    });

    it('counts failures across app instances sharing the database', async () => {
      const customer = await registerAndLogin(t, { orderNumber });
      const second = await createTestApp({ databaseName: t.databaseName });
      try {
        const attempt = (app: TestApp) =>
          app.http().post(LOGIN_PATH).send({ email: customer.email, password: 'wrong password!' });
        for (const app of [t, second, t, second, t]) expect((await attempt(app)).status).toBe(401);
        expect((await attempt(second)).status).toBe(429);
      } finally {
        await second.close();
      }
    });
  });

  describe('per client IP', () => {
    it('limits registrations per address (429 problem details with Retry-After), not per server', async () => {
      const ip = freshIp();
      const register = (from: string) =>
        t.http().post(REGISTER_PATH).set('X-Forwarded-For', from).send({
          orderNumber,
          email: uniqueEmail(),
          password: strongPassword(),
        });
      for (let i = 0; i < 30; i++) expect((await register(ip)).status).toBe(202);
      const limited = await register(ip);
      expect(limited.status).toBe(429);
      expect(limited.body.code).toBe('TOO_MANY_REQUESTS');
      expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
      expect((await register(freshIp())).status).toBe(202);
    });

    it('limits forgot-password per address', async () => {
      const ip = freshIp();
      const forgot = () =>
        t
          .http()
          .post('/api/v1/auth/forgot-password')
          .set('X-Forwarded-For', ip)
          .send({ email: uniqueEmail() });
      for (let i = 0; i < 10; i++) expect((await forgot()).status).toBe(202);
      expect((await forgot()).status).toBe(429);
      t.clock.advance(15 * MINUTE + SECOND);
      expect((await forgot()).status).toBe(202);
    });
  });

  describe('PostgresThrottlerStorage', () => {
    it('counts in a fixed window, blocks past the limit, and starts afresh after the block', async () => {
      const storage = t.get(PostgresThrottlerStorage);
      t.clock.set('2026-11-24T00:00:00Z');
      const hit = () => storage.increment('unit-key', 60_000, 2, 120_000, 'unit');
      expect(await hit()).toEqual({
        totalHits: 1,
        timeToExpire: 60,
        isBlocked: false,
        timeToBlockExpire: 0,
      });
      expect((await hit()).totalHits).toBe(2);
      const blocked = await hit();
      expect(blocked).toMatchObject({ totalHits: 3, isBlocked: true, timeToBlockExpire: 120 });
      t.clock.advance(60 * SECOND);
      expect(await hit()).toMatchObject({ isBlocked: true, timeToBlockExpire: 60, totalHits: 0 });
      t.clock.advance(60 * SECOND);
      expect(await hit()).toEqual({
        totalHits: 1,
        timeToExpire: 60,
        isBlocked: false,
        timeToBlockExpire: 0,
      });

      t.clock.advance(10 * MINUTE);
      expect(await t.get(ThrottleCleanupJob).purgeExpired()).toBeGreaterThanOrEqual(1);
      expect(await storage.peek('unit-key', 'unit')).toBeNull();
    });

    it('counts concurrent hits exactly', async () => {
      const storage = t.get(PostgresThrottlerStorage);
      const results = await Promise.all(
        Array.from({ length: 25 }, () => storage.increment('race-key', 60_000, 1000, 0, 'unit')),
      );
      expect(results.map((r) => r.totalHits).sort((a, b) => a - b)).toEqual(
        Array.from({ length: 25 }, (_, i) => i + 1),
      );
    });
  });
});
