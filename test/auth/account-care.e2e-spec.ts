import { AccountsService } from '../../src/auth/customer/accounts.service';
import { pushOrder } from '../support/payment-platform';
import {
  deliverMail,
  latestLinkMail,
  linkToken,
  login,
  LOGIN_PATH,
  registerAndLogin,
  RegisteredCustomer,
  strongPassword,
  uniqueEmail,
} from '../support/customers';
import { createTestApp, TestApp } from '../support/test-app';
import { HOUR, SECOND } from '../support/test-clock';

describe('Account care', () => {
  let t: TestApp;
  let orderNumber: string;

  beforeAll(async () => {
    t = await createTestApp();
    orderNumber = (await pushOrder(t)).orderNumber;
  });
  afterAll(() => t.close());
  afterEach(() => t.clock.reset());

  const me = (token: string) => t.http().get('/api/v1/me').set('Authorization', `Bearer ${token}`);
  const newCustomer = (): Promise<RegisteredCustomer> => registerAndLogin(t, { orderNumber });

  async function resetToken(email: string): Promise<string> {
    expect((await t.http().post('/api/v1/auth/forgot-password').send({ email })).status).toBe(202);
    return linkToken(await latestLinkMail(t, email, '/reset-password'), '/reset-password');
  }

  it('refuses /me without, or with a forged, token', async () => {
    expect((await t.http().get('/api/v1/me')).status).toBe(401);
    const customer = await newCustomer();
    const [h, p] = customer.accessToken.split('.');
    const none = `${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${p}.`;
    expect((await me(none)).status).toBe(401);
    expect((await me(`${h}.${p}.${'A'.repeat(43)}`)).status).toBe(401);
    const res = await me('garbage');
    expect(res.status).toBe(401);
    expect(res.body.code).toBe('UNAUTHENTICATED');
  });

  it('refuses an access token once the app clock passes its expiry, even one used before', async () => {
    t.clock.set(new Date(Date.now()));
    const customer = await newCustomer();
    expect((await me(customer.accessToken)).status).toBe(200);
    t.clock.advance(HOUR - SECOND);
    expect((await me(customer.accessToken)).status).toBe(200);
    t.clock.advance(2 * SECOND);
    expect((await me(customer.accessToken)).status).toBe(401);
  });

  it('changing the password ends earlier sessions, needs the current one, and mails a notice', async () => {
    const customer = await newCustomer();
    const other = await login(t, customer.email, customer.password);
    const change = (body: object) =>
      t
        .http()
        .post('/api/v1/me/password')
        .set('Authorization', `Bearer ${customer.accessToken}`)
        .send(body);

    const wrong = await change({ currentPassword: 'not it at all', newPassword: strongPassword() });
    expect(wrong.status).toBe(422);
    expect(wrong.body.code).toBe('CURRENT_PASSWORD_INCORRECT');
    const weak = await change({ currentPassword: customer.password, newPassword: 'password1' });
    expect(weak.body.code).toBe('PASSWORD_POLICY');
    expect((await me(other)).status).toBe(200); // nothing changed yet

    const newPassword = strongPassword();
    expect((await change({ currentPassword: customer.password, newPassword })).status).toBe(204);
    expect((await me(customer.accessToken)).status).toBe(401);
    expect((await me(other)).status).toBe(401);
    expect(
      (await t.http().post(LOGIN_PATH).send({ email: customer.email, password: customer.password }))
        .status,
    ).toBe(401);
    expect((await me(await login(t, customer.email, newPassword))).status).toBe(200);
    await deliverMail(t);
    await t.mail.waitFor((m) => m.to.includes(customer.email) && m.text.includes('400-089-0365'));
  });

  it('resets a forgotten password with a one-hour single-use link that ends every session', async () => {
    const customer = await newCustomer();
    t.clock.set(new Date(Date.now()));
    const token = await resetToken(customer.email);
    const reset = (newPassword: string) =>
      t.http().post('/api/v1/auth/reset-password').send({ token, newPassword });

    expect((await reset('qwerty123')).body.code).toBe('PASSWORD_POLICY'); // the link survives
    const newPassword = strongPassword();
    t.clock.advance(HOUR - SECOND);
    expect((await reset(newPassword)).status).toBe(204);
    expect((await reset(strongPassword())).body.code).toBe('TOKEN_ALREADY_USED');
    expect((await me(customer.accessToken)).status).toBe(401);
    expect((await me(await login(t, customer.email, newPassword))).status).toBe(200);
    // The mail never contains a password.
    const mails = t.mail.to(customer.email);
    expect(mails.some((m) => m.text.includes(newPassword))).toBe(false);
  });

  it('refuses a reset link after one hour', async () => {
    const customer = await newCustomer();
    t.clock.set(new Date(Date.now()));
    const token = await resetToken(customer.email);
    t.clock.advance(HOUR + SECOND);
    const res = await t
      .http()
      .post('/api/v1/auth/reset-password')
      .send({ token, newPassword: strongPassword() });
    expect(res.status).toBe(410);
    expect(res.body.code).toBe('TOKEN_EXPIRED');
  });

  it('lets exactly one of 20 concurrent resets with one token succeed', async () => {
    const customer = await newCustomer();
    const token = await resetToken(customer.email);
    const answers = await Promise.all(
      Array.from({ length: 20 }, () =>
        t.http().post('/api/v1/auth/reset-password').send({ token, newPassword: strongPassword() }),
      ),
    );
    expect(answers.filter((a) => a.status === 204)).toHaveLength(1);
    expect(answers.filter((a) => a.status === 410)).toHaveLength(19);
  });

  it('changes the login email after confirmation from the new address, and tells the old one', async () => {
    const customer = await newCustomer();
    const taken = await newCustomer();
    const request = (body: object) =>
      t
        .http()
        .post('/api/v1/me/email')
        .set('Authorization', `Bearer ${customer.accessToken}`)
        .send(body);

    expect(
      (await request({ newEmail: uniqueEmail(), password: 'wrong password!' })).body.code,
    ).toBe('CURRENT_PASSWORD_INCORRECT');
    const clash = await request({
      newEmail: taken.email.toUpperCase(),
      password: customer.password,
    });
    expect(clash.status).toBe(409);
    expect(clash.body.code).toBe('EMAIL_TAKEN');

    const newEmail = uniqueEmail('new');
    expect((await request({ newEmail, password: customer.password })).status).toBe(202);
    const token = linkToken(
      await latestLinkMail(t, newEmail, '/confirm-email-change'),
      '/confirm-email-change',
    );
    expect((await me(customer.accessToken)).body.email).toBe(customer.email); // not before confirming

    const confirm = () => t.http().post('/api/v1/auth/confirm-email-change').send({ token });
    expect((await confirm()).status).toBe(204);
    expect((await confirm()).body.code).toBe('TOKEN_ALREADY_USED');
    expect((await me(customer.accessToken)).body.email).toBe(newEmail);
    await login(t, newEmail, customer.password);
    expect(
      (await t.http().post(LOGIN_PATH).send({ email: customer.email, password: customer.password }))
        .status,
    ).toBe(401);
    await deliverMail(t);
    await t.mail.waitFor((m) => m.to.includes(customer.email) && m.text.includes(newEmail));
  });

  it('disabling an account (back office) revokes its tokens', async () => {
    const customer = await newCustomer();
    await t.get(AccountsService).disableAccount(customer.accountId);
    expect((await me(customer.accessToken)).status).toBe(401);
    const res = await t
      .http()
      .post(LOGIN_PATH)
      .send({ email: customer.email, password: customer.password });
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('ACCOUNT_DISABLED');
  });
});
