import { Client } from 'pg';
import { ActivationExpiryJob } from '../../src/auth/customer/jobs/activation-expiry.job';
import { pushOrder } from '../support/payment-platform';
import {
  ACTIVATE_PATH,
  activationToken,
  deliverMail,
  LOGIN_PATH,
  REGISTER_PATH,
  strongPassword,
  uniqueEmail,
} from '../support/customers';
import { createTestApp, TestApp } from '../support/test-app';
import { databaseUrl } from '../support/test-database';
import { HOUR, MINUTE, SECOND } from '../support/test-clock';

describe('Activation links', () => {
  let t: TestApp;
  let orderNumber: string;

  beforeAll(async () => {
    t = await createTestApp();
    orderNumber = (await pushOrder(t)).orderNumber;
  });
  afterAll(() => t.close());
  afterEach(() => t.clock.reset());

  async function registerPending(
    email = uniqueEmail(),
    password = strongPassword(),
    locale?: string,
  ): Promise<{ email: string; password: string; token: string }> {
    const res = await t
      .http()
      .post(REGISTER_PATH)
      .send({ orderNumber, email, password, ...(locale ? { locale } : {}) });
    expect(res.status).toBe(202);
    return { email, password, token: await activationToken(t, email) };
  }

  const activate = (token: string) => t.http().post(ACTIVATE_PATH).send({ token });

  it('works 1 second before 24 hours', async () => {
    t.clock.set('2026-11-24T08:00:00Z');
    const { token } = await registerPending();
    t.clock.advance(24 * HOUR - SECOND);
    const res = await activate(token);
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('active');
  });

  it('is refused 1 second after 24 hours, with a clear message, in the API and on the page', async () => {
    t.clock.set('2026-11-24T08:00:00Z');
    const { token } = await registerPending(uniqueEmail(), strongPassword(), 'en');
    t.clock.advance(24 * HOUR + SECOND);
    const res = await activate(token);
    expect(res.status).toBe(410);
    expect(res.body.code).toBe('TOKEN_EXPIRED');
    expect(res.body.detail).toMatch(/expired .*request a new one/);

    const page = await t.http().get(`/activate?token=${token}`);
    expect(page.status).toBe(410);
    expect(page.text).toContain('This activation link has expired');
    expect(page.text).toContain('Resend activation email');
  });

  it('refuses a used link, in the account language on the page', async () => {
    const { token } = await registerPending();
    expect((await activate(token)).status).toBe(200);
    const again = await activate(token);
    expect(again.status).toBe(410);
    expect(again.body.code).toBe('TOKEN_ALREADY_USED');
    const page = await t.http().get(`/activate?token=${token}`);
    expect(page.status).toBe(410);
    expect(page.text).toContain('<html lang="zh-CN">');
    expect(page.text).toContain('此激活链接已经使用过');
  });

  it('refuses an unknown token with 400 and an invalid page', async () => {
    expect((await activate('A'.repeat(43))).body.code).toBe('TOKEN_INVALID');
    const page = await t.http().get('/activate');
    expect(page.status).toBe(400);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
  });

  it('after resend, refuses the old link and accepts the new one; one resend mail a minute', async () => {
    t.clock.set('2026-11-24T08:00:00Z');
    const { email, token: old } = await registerPending();
    const resend = () => t.http().post('/api/v1/auth/resend-activation').send({ email });

    t.clock.advance(30 * SECOND);
    expect((await resend()).status).toBe(202);
    await deliverMail(t);
    expect(t.mail.to(email)).toHaveLength(1); // within the minute: no second mail

    t.clock.advance(MINUTE);
    expect((await resend()).status).toBe(202);
    await deliverMail(t);
    await t.mail.waitFor((m) => m.to.includes(email), { count: 2 });
    const fresh = await activationToken(t, email);
    expect(fresh).not.toBe(old);

    expect((await activate(old)).body.code).toBe('TOKEN_SUPERSEDED');
    expect((await activate(fresh)).status).toBe(200);
  });

  it('lets exactly one of 20 concurrent activations with one token succeed', async () => {
    const { token } = await registerPending();
    const answers = await Promise.all(Array.from({ length: 20 }, () => activate(token)));
    const statuses = answers.map((a) => a.status).sort();
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 410)).toHaveLength(19);
  });

  describe('the expiry job', () => {
    it('releases registrations whose links ran out, once, and the email can register again', async () => {
      t.clock.set('2026-11-24T08:00:00Z');
      const stale = await registerPending();
      t.clock.advance(23 * HOUR);
      const fresh = await registerPending();
      t.clock.advance(HOUR + SECOND);

      const job = t.get(ActivationExpiryJob);
      const first = await job.expireStaleActivations();
      expect(first.ran).toBe(true);
      const statusOf = async (email: string) =>
        (
          await t.dataSource.query<{ status: string }[]>(
            'SELECT status FROM customer_accounts WHERE email = $1 ORDER BY created_at',
            [email],
          )
        ).map((r) => r.status);
      expect(await statusOf(stale.email)).toEqual(['expired']);
      expect(await statusOf(fresh.email)).toEqual(['pending']);
      expect((await job.expireStaleActivations()).released).toBe(0); // idempotent

      // The released email registers again (a new account), and its link works.
      const again = await registerPending(stale.email);
      expect(await statusOf(stale.email)).toEqual(['expired', 'pending']);
      expect((await activate(again.token)).status).toBe(200);
      expect(
        (await t.http().post(LOGIN_PATH).send({ email: stale.email, password: again.password }))
          .status,
      ).toBe(200);
    });

    it('works in batches (one statement each) and skips when another instance holds the lock', async () => {
      t.clock.set('2026-11-25T08:00:00Z');
      const emails = [uniqueEmail(), uniqueEmail(), uniqueEmail()];
      for (const email of emails) await registerPending(email);
      t.clock.advance(25 * HOUR);
      const job = t.get(ActivationExpiryJob);

      // Another instance (a connection of its own) is running: this one does nothing.
      const otherInstance = new Client({ connectionString: databaseUrl(t.databaseName) });
      await otherInstance.connect();
      try {
        await otherInstance.query('BEGIN');
        await otherInstance.query('SELECT pg_advisory_xact_lock(4202611004)');
        expect(await job.expireStaleActivations(2)).toEqual({ released: 0, ran: false });
        await otherInstance.query('ROLLBACK');
      } finally {
        await otherInstance.end();
      }

      const result = await job.expireStaleActivations(2);
      expect(result.ran).toBe(true);
      expect(result.released).toBeGreaterThanOrEqual(3);
    });
  });
});
