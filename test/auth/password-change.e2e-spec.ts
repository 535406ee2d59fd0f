import { deliverMail, registerAndLogin, strongPassword } from '../support/customers';
import { pushOrder } from '../support/payment-platform';
import { createTestApp, TestApp } from '../support/test-app';

const CHANGE_PASSWORD = '/api/v1/me/password';

/**
 * A change to the current password is refused; the notice says what happened to the sessions
 * (every one ended, this one too). On 4f9013d the same password was accepted and the mail said
 * only other devices were signed out.
 */
describe('password change', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  const change = (token: string, currentPassword: string, newPassword: string) =>
    t
      .http()
      .post(CHANGE_PASSWORD)
      .set('Authorization', `Bearer ${token}`)
      .send({ currentPassword, newPassword });
  const changedMails = async (email: string) => {
    await deliverMail(t);
    return t.mail
      .to(email)
      .filter((m) => /密码已更改|password was changed|已更改/.test(m.subject + m.text));
  };

  it('refuses the current password as the new one with 422, changing nothing', async () => {
    const customer = await registerAndLogin(t, { orderNumber: (await pushOrder(t)).orderNumber });
    const res = await change(customer.accessToken, customer.password, customer.password);
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({
      code: 'PASSWORD_UNCHANGED',
      errors: [{ field: 'newPassword', message: 'newPassword must differ from the current one' }],
    });
    const me = await t
      .http()
      .get('/api/v1/me')
      .set('Authorization', `Bearer ${customer.accessToken}`);
    expect(me.status).toBe(200);
    expect(await changedMails(customer.email)).toHaveLength(0);
  });

  it('mails that every session ended, this one included, which is what happens', async () => {
    const customer = await registerAndLogin(t, {
      orderNumber: (await pushOrder(t, { locale: 'en' })).orderNumber,
      locale: 'en',
    });
    expect((await change(customer.accessToken, customer.password, strongPassword())).status).toBe(
      204,
    );
    const me = await t
      .http()
      .get('/api/v1/me')
      .set('Authorization', `Bearer ${customer.accessToken}`);
    expect(me.status).toBe(401);
    const [mail] = await changedMails(customer.email);
    expect(mail.text).toContain('Every session of the account has been signed out');
    expect(mail.text).toContain('the one used for the change too');
    expect(mail.text).not.toContain('Other devices');
  });
});
