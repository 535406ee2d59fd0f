import { payingCustomer } from '../fapiao/fapiao-fixtures';
import { registerAndLogin } from '../support/customers';
import { createTestApp, TestApp } from '../support/test-app';
import { csrfTokenOf, portalAgent, signInThroughForm, textOf } from './portal-kit';

/** The company's accounts, seen and reported from the account pages. */
describe('Portal: the company’s accounts', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('lists the company’s accounts and reports one to support', async () => {
    const owner = await payingCustomer(t, { locale: 'en' });
    const stranger = await registerAndLogin(t, { orderNumber: owner.orderNumber });
    const agent = portalAgent(t, 'en');
    await signInThroughForm(agent, owner.email, owner.password);

    expect((await agent.get('/account')).text).toContain('/account/company-accounts');
    const page = await agent.get('/account/company-accounts');
    expect(page.status).toBe(200);
    const text = textOf(page.text);
    expect(text).toContain(`${owner.email} (you)`);
    expect(text).toContain(stranger.email);

    const reported = await agent
      .post(`/account/company-accounts/${stranger.accountId}/report`)
      .type('form')
      .send({ _csrf: csrfTokenOf(page.text), message: 'Nobody here knows this address.' });
    expect(reported.status).toBe(303);
    const rows = await t.dataSource.query(
      'SELECT account_id, message FROM account_reports WHERE reported_by_account_id = $1',
      [owner.accountId],
    );
    expect(rows).toEqual([
      { account_id: stranger.accountId, message: 'Nobody here knows this address.' },
    ]);
    expect(textOf((await agent.get('/account/company-accounts')).text)).toContain(
      'Customer service has the report',
    );
  });

  it('refuses to report your own account or another company’s, changing nothing', async () => {
    const owner = await payingCustomer(t, { locale: 'en' });
    const other = await payingCustomer(t);
    const agent = portalAgent(t, 'en');
    await signInThroughForm(agent, owner.email, owner.password);
    for (const accountId of [owner.accountId, other.accountId]) {
      const page = await agent.get('/account/company-accounts');
      const refused = await agent
        .post(`/account/company-accounts/${accountId}/report`)
        .type('form')
        .send({ _csrf: csrfTokenOf(page.text) });
      expect([404, 422]).toContain(refused.status);
      expect(refused.headers['content-type']).toMatch(/text\/html/);
    }
    const rows = await t.dataSource.query(
      'SELECT 1 FROM account_reports WHERE reported_by_account_id = $1',
      [owner.accountId],
    );
    expect(rows).toEqual([]);
  });
});
