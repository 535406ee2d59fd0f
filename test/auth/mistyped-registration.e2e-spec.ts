import { pushOrder } from '../support/payment-platform';
import {
  ACTIVATE_PATH,
  activationToken,
  deliverMail,
  login,
  REGISTER_PATH,
  strongPassword,
  uniqueEmail,
} from '../support/customers';
import { createTestApp, TestApp } from '../support/test-app';

/**
 * When one registration of an order is activated, the order's other registrations still
 * pending (a mistyped address, a stranger's) stop working, and their links say so. On 4f9013d
 * the mistyped address's link, opened after the right one, made a second account of the company.
 */
describe('a mistyped registration does not outlive the right one', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  const register = (orderNumber: string, email: string, password = strongPassword()) =>
    t.http().post(REGISTER_PATH).send({ orderNumber, email, password });
  const activeAccounts = async (emails: string[]) =>
    (
      await t.dataSource.query(
        `SELECT email FROM customer_accounts WHERE email = ANY($1) AND status = 'active' ORDER BY email`,
        [emails],
      )
    ).map((row: { email: string }) => row.email);

  it("closes the order's other pending registrations when one is activated", async () => {
    const { orderNumber } = await pushOrder(t);
    const typo = uniqueEmail('buyer-typo');
    const right = uniqueEmail('buyer');
    expect((await register(orderNumber, typo)).status).toBe(202);
    expect((await register(orderNumber, right)).status).toBe(202);
    const typoToken = await activationToken(t, typo);
    const rightToken = await activationToken(t, right);

    expect((await t.http().post(ACTIVATE_PATH).send({ token: rightToken })).status).toBe(200);
    const late = await t.http().post(ACTIVATE_PATH).send({ token: typoToken });
    expect(late.status).toBe(410);
    expect(late.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(late.body.code).toBe('REGISTRATION_CLOSED');
    expect(late.body.detail).toMatch(/register again/);
    // The page the mail links to says so too, in the registration's language.
    const page = await t.http().get('/activate').query({ token: typoToken });
    expect(page.status).toBe(410);
    expect(page.text).toContain('此注册已关闭');
    expect(await activeAccounts([typo, right])).toEqual([right]);

    // Asking for a new link does not bring the closed registration back.
    await t.http().post('/api/v1/auth/resend-activation').send({ email: typo });
    await deliverMail(t);
    expect(
      t.mail.to(typo).filter((m) => m.links.some((l) => l.includes('/activate'))),
    ).toHaveLength(1);
  });

  it('lets the closed address register again later, as the design says', async () => {
    const { orderNumber } = await pushOrder(t);
    const first = uniqueEmail('first');
    const second = uniqueEmail('second');
    await register(orderNumber, first);
    await register(orderNumber, second);
    const secondToken = await activationToken(t, second);
    await activationToken(t, first);
    expect((await t.http().post(ACTIVATE_PATH).send({ token: secondToken })).status).toBe(200);

    const password = strongPassword();
    expect((await register(orderNumber, first, password)).status).toBe(202);
    const fresh = await activationToken(t, first);
    expect((await t.http().post(ACTIVATE_PATH).send({ token: fresh })).status).toBe(200);
    expect(await login(t, first, password)).toEqual(expect.any(String));
  });

  it("leaves other orders' pending registrations alone", async () => {
    const one = await pushOrder(t);
    const other = await pushOrder(t);
    const mine = uniqueEmail('mine');
    const theirs = uniqueEmail('theirs');
    await register(one.orderNumber, mine);
    await register(other.orderNumber, theirs);
    const theirToken = await activationToken(t, theirs);
    expect(
      (
        await t
          .http()
          .post(ACTIVATE_PATH)
          .send({ token: await activationToken(t, mine) })
      ).status,
    ).toBe(200);
    expect((await t.http().post(ACTIVATE_PATH).send({ token: theirToken })).status).toBe(200);
  });
});
