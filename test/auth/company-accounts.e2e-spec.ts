import { AccountsService } from '../../src/auth/customer/accounts.service';
import { deliverMail, login, registerAndLogin, uniqueEmail } from '../support/customers';
import { pushOrder } from '../support/payment-platform';
import { createTestApp, TestApp } from '../support/test-app';

const COMPANY_ACCOUNTS = '/api/v1/me/company-accounts';

/**
 * The order number is a weak credential, so the company hears of every new account, sees its
 * accounts and can report one, which support can disable. None of it existed on 4f9013d.
 */
describe("the company's accounts", () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  const joinedMails = async (to: string) => {
    await deliverMail(t);
    return t.mail.to(to).filter((m) => /新增了一个账户|joined your company/.test(m.subject));
  };
  const as = (token: string) => ({
    get: (path: string) => t.http().get(path).set('Authorization', `Bearer ${token}`),
    post: (path: string, body: object = {}) =>
      t.http().post(path).set('Authorization', `Bearer ${token}`).send(body),
  });

  it("mails the order's contact email and the company's accounts which email joined", async () => {
    const contactEmail = uniqueEmail('shop-contact');
    const order = await pushOrder(t, { contactEmail });
    const first = await registerAndLogin(t, { orderNumber: order.orderNumber });
    const [toContact] = await joinedMails(contactEmail);
    expect(toContact.text).toContain(first.email);
    expect(toContact.text).toContain(order.orderNumber);
    expect(toContact.links).toContain('http://fapiao.test/account');
    expect(await joinedMails(first.email)).toHaveLength(0);

    const second = await registerAndLogin(t, { orderNumber: order.orderNumber });
    const toContactAgain = await joinedMails(contactEmail);
    expect(toContactAgain).toHaveLength(2);
    expect(toContactAgain[1].text).toContain(second.email);
    const toFirst = await joinedMails(first.email);
    expect(toFirst).toHaveLength(1);
    expect(toFirst[0].text).toContain(second.email);
    expect(await joinedMails(second.email)).toHaveLength(0);
  });

  it('does not mail the contact address about its own account', async () => {
    const contactEmail = uniqueEmail('owner');
    const order = await pushOrder(t, { contactEmail });
    await registerAndLogin(t, { orderNumber: order.orderNumber, email: contactEmail });
    expect(await joinedMails(contactEmail)).toHaveLength(0);
  });

  it('lists the accounts, takes a report to support, and support can disable the account', async () => {
    const order = await pushOrder(t);
    const owner = await registerAndLogin(t, { orderNumber: order.orderNumber });
    const stranger = await registerAndLogin(t, { orderNumber: order.orderNumber });
    const other = await registerAndLogin(t, { orderNumber: (await pushOrder(t)).orderNumber });

    const list = await as(owner.accessToken).get(COMPANY_ACCOUNTS);
    expect(list.status).toBe(200);
    expect(list.body).toEqual([
      {
        id: owner.accountId,
        email: owner.email,
        since: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
        isYou: true,
      },
      { id: stranger.accountId, email: stranger.email, since: expect.any(String), isYou: false },
    ]);

    const report = `${COMPANY_ACCOUNTS}/${stranger.accountId}/report`;
    const reported = await as(owner.accessToken).post(report, {
      message: 'Nobody here\nknows them.',
    });
    expect(reported.status).toBe(202);
    expect((await as(owner.accessToken).post(report)).status).toBe(202);
    const rows = await t.dataSource.query(
      `SELECT r.message, a.reported_at IS NOT NULL AS marked FROM account_reports r
         JOIN customer_accounts a ON a.id = r.account_id WHERE r.account_id = $1`,
      [stranger.accountId],
    );
    expect(rows).toEqual([{ message: 'Nobody here\nknows them.', marked: true }]);

    const self = await as(owner.accessToken).post(`${COMPANY_ACCOUNTS}/${owner.accountId}/report`);
    expect(self.status).toBe(422);
    expect(self.body.code).toBe('CANNOT_REPORT_SELF');
    for (const id of [other.accountId, 'not-a-uuid']) {
      const res = await as(owner.accessToken).post(`${COMPANY_ACCOUNTS}/${id}/report`);
      expect(res.status).toBe(404);
      expect(res.body.code).toBe('ACCOUNT_NOT_FOUND');
    }

    await t.get(AccountsService).disableAccount(stranger.accountId);
    expect((await as(stranger.accessToken).get('/api/v1/me')).status).toBe(401);
    await expect(login(t, stranger.email, stranger.password)).rejects.toThrow(/403/);
    const after = await as(owner.accessToken).get(COMPANY_ACCOUNTS);
    expect(after.body.map((a: { id: string }) => a.id)).toEqual([owner.accountId]);
  });
});
