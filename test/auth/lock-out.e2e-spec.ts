import { ACCOUNT_FAILURE_LIMIT, LOGIN_FAILURE_LIMIT } from '../../src/auth/customer/login-limits';
import { pushOrder } from '../support/payment-platform';
import {
  deliverMail,
  latestLinkMail,
  linkToken,
  LOGIN_PATH,
  registerAndLogin,
  uniqueEmail,
} from '../support/customers';
import { createTestApp, TestApp } from '../support/test-app';

const SIGN_IN_LINK = '/api/v1/auth/sign-in-link';
const SIGN_IN_WITH_LINK = '/api/v1/auth/sign-in-with-link';

/**
 * A stranger cannot lock the owner out (OWASP Authentication Cheat Sheet, ASVS 6.3): failures
 * count per account and source, and a mailed sign-in link always gets the owner in. On 4f9013d
 * five failures from anywhere refused the owner's password from everywhere for 15 minutes.
 */
describe('lock-out is not a weapon', () => {
  let t: TestApp;
  let orderNumber: string;

  beforeAll(async () => {
    t = await createTestApp({ env: { TRUST_PROXY_HOPS: '1' } });
    orderNumber = (await pushOrder(t)).orderNumber;
  });
  afterAll(() => t.close());

  let ipCounter = 1;
  const freshIp = () => `198.18.${Math.floor(ipCounter / 250)}.${(ipCounter++ % 250) + 1}`;
  const loginFrom = (ip: string, email: string, password: string) =>
    t.http().post(LOGIN_PATH).set('X-Forwarded-For', ip).send({ email, password });

  it("refuses the stranger's address, not the owner's password from another", async () => {
    const owner = await registerAndLogin(t, { orderNumber });
    const stranger = freshIp();
    for (let i = 0; i < LOGIN_FAILURE_LIMIT.maxFailures; i++) {
      expect((await loginFrom(stranger, owner.email, `guess ${i}`)).status).toBe(401);
    }
    const refused = await loginFrom(stranger, owner.email, owner.password);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect(refused.body).toMatchObject({
      code: 'TOO_MANY_FAILED_LOGINS',
      signInLink: '/api/v1/auth/sign-in-link',
    });
    expect((await loginFrom(freshIp(), owner.email, owner.password)).status).toBe(200);
  });

  it('locks password sign-in after failures spread over many addresses, mails the owner a link that gets in and lifts the lock', async () => {
    const owner = await registerAndLogin(t, { orderNumber });
    for (let i = 0; i < ACCOUNT_FAILURE_LIMIT.maxFailures; i++) {
      expect((await loginFrom(freshIp(), owner.email, `spread guess ${i}`)).status).toBe(401);
    }
    const locked = await loginFrom(freshIp(), owner.email, owner.password);
    expect(locked.status).toBe(429);
    expect(locked.headers['retry-after']).toEqual(expect.any(String));

    // The lock mailed the owner a sign-in link.
    const mail = await latestLinkMail(t, owner.email, '/sign-in-link');
    expect(mail.subject).toMatch(/登录链接|sign-in link/i);
    const token = linkToken(mail, '/sign-in-link');
    const signedIn = await t
      .http()
      .post(SIGN_IN_WITH_LINK)
      .set('X-Forwarded-For', freshIp())
      .send({ token });
    expect(signedIn.status).toBe(200);
    expect(signedIn.body).toMatchObject({ tokenType: 'Bearer', accessToken: expect.any(String) });
    const me = await t
      .http()
      .get('/api/v1/me')
      .set('Authorization', `Bearer ${signedIn.body.accessToken}`);
    expect(me.status).toBe(200);

    // The link works once, and the password works again.
    const again = await t
      .http()
      .post(SIGN_IN_WITH_LINK)
      .set('X-Forwarded-For', freshIp())
      .send({ token });
    expect(again.status).toBe(410);
    expect(again.body.code).toBe('TOKEN_ALREADY_USED');
    expect((await loginFrom(freshIp(), owner.email, owner.password)).status).toBe(200);
  });

  it('mails a sign-in link on request to an active account only, answering every request the same', async () => {
    const owner = await registerAndLogin(t, { orderNumber });
    const ghost = uniqueEmail('ghost');
    const forOwner = await t
      .http()
      .post(SIGN_IN_LINK)
      .set('X-Forwarded-For', freshIp())
      .send({ email: owner.email.toUpperCase() });
    const forGhost = await t
      .http()
      .post(SIGN_IN_LINK)
      .set('X-Forwarded-For', freshIp())
      .send({ email: ghost });
    expect(forOwner.status).toBe(202);
    expect(forGhost.status).toBe(202);
    expect(forGhost.body).toEqual(forOwner.body);
    await deliverMail(t);
    expect(t.mail.to(ghost)).toHaveLength(0);
    const token = linkToken(await latestLinkMail(t, owner.email, '/sign-in-link'), '/sign-in-link');
    expect((await t.http().post(SIGN_IN_WITH_LINK).send({ token })).status).toBe(200);
    expect(
      (
        await t
          .http()
          .post(SIGN_IN_WITH_LINK)
          .send({ token: 'A'.repeat(43) })
      ).status,
    ).toBe(400);
  });
});
