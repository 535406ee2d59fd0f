import { payingCustomer } from '../fapiao/fapiao-fixtures';
import { deliverMail } from '../support/customers';
import { createTestApp, TestApp } from '../support/test-app';
import { csrfTokenOf, portalAgent, submitForm, textOf } from './portal-kit';

/** The mailed sign-in link (the way in that failed sign-ins cannot close) as pages. */
describe('Portal: sign in with a link by mail', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  async function mailedLink(email: string): Promise<string> {
    t.mail.clear();
    const agent = portalAgent(t, 'en');
    const asked = await submitForm(agent, '/sign-in-link', '/sign-in-link/request', { email });
    expect(asked.status).toBe(303);
    await deliverMail(t);
    const [mail] = await t.mail.waitFor((m) => m.to.includes(email));
    const link = mail.links.find((l) => l.includes('/sign-in-link?token='));
    expect(link).toBeDefined();
    return new URL(link!).pathname + new URL(link!).search;
  }

  it('signs in from the mail with one press; opening the link uses nothing up', async () => {
    const customer = await payingCustomer(t, { locale: 'en' });
    const link = await mailedLink(customer.email);

    // A mail scanner opens the link first: the token moves into that session only.
    const scanner = portalAgent(t, 'en');
    expect((await scanner.get(link)).status).toBe(303);

    const browser = portalAgent(t, 'en');
    const opened = await browser.get(link);
    expect(opened.status).toBe(303);
    expect(opened.headers.location).toBe('/sign-in-link');
    const page = await browser.get('/sign-in-link');
    expect(textOf(page.text)).toContain('Press the button to sign in');
    const signedIn = await browser
      .post('/sign-in-link')
      .type('form')
      .send({ _csrf: csrfTokenOf(page.text) });
    expect(signedIn.status).toBe(303);
    expect(signedIn.headers.location).toBe('/billing-records');
    const records = await browser.get('/billing-records');
    expect(records.status).toBe(200);
    expect(records.text).toContain(customer.orderNumber);

    // The link worked once: the scanner's session cannot use it again.
    const stale = await scanner.get('/sign-in-link');
    const again = await scanner
      .post('/sign-in-link')
      .type('form')
      .send({ _csrf: csrfTokenOf(stale.text) });
    expect(again.status).toBe(410);
    expect((await scanner.get('/billing-records')).status).toBe(303);
  });

  it('answers an unknown email as a known one, and refuses a malformed one beside the field', async () => {
    const agent = portalAgent(t, 'zh-CN');
    const unknown = await submitForm(agent, '/sign-in-link', '/sign-in-link/request', {
      email: 'nobody@example.com',
    });
    expect(unknown.status).toBe(303);
    const bad = await submitForm(agent, '/sign-in-link', '/sign-in-link/request', {
      email: 'not an email',
    });
    expect(bad.status).toBe(422);
    expect(bad.text).toContain('id="field-email-error"');
    expect(bad.text).toContain('value="not an email"');
  });
});
