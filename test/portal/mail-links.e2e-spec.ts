import { payingCustomer, submitted, authed } from '../fapiao/fapiao-fixtures';
import { deliverMail, REGISTER_PATH, strongPassword } from '../support/customers';
import { createTestApp, TestApp } from '../support/test-app';
import { portalAgent, signInThroughForm } from './portal-kit';

/**
 * Every link in every mail the product sends opens a portal page for a browser (through sign-in
 * where the page needs it): none leads to /api/... or a 404.
 */
describe('Mail links open portal pages', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('order, account, application and support mails', async () => {
    const customer = await payingCustomer(t, { locale: 'en' });
    // "Already registered", forgotten password, an email change and a password change.
    await t.http().post(REGISTER_PATH).send({
      orderNumber: customer.orderNumber,
      email: customer.email,
      password: strongPassword(),
    });
    await t.http().post('/api/v1/auth/forgot-password').send({ email: customer.email });
    await authed(t, customer.token)
      .post('/api/v1/me/email')
      .send({ newEmail: `new-${customer.email}`, password: customer.password });
    const applicationId = await submitted(t, customer);
    const support = await authed(t, customer.token).post('/api/v1/support-requests').send({
      type: 'other',
      orderNumber: customer.orderNumber,
      applicationId,
      message: 'Please call me.',
    });
    expect(support.status).toBe(201);
    await deliverMail(t);
    await t.mail.waitFor(() => true, { count: 6 });

    const templates = new Set<string>();
    const links = new Set<string>();
    for (const mail of t.mail.messages) {
      templates.add(mail.subject);
      for (const link of mail.links) if (link.startsWith('http://fapiao.test/')) links.add(link);
    }
    const paths = [...links].map((l) => new URL(l).pathname);
    for (const expected of [
      '/register',
      '/apply',
      '/activate',
      '/login',
      '/forgot-password',
      '/reset-password',
      '/confirm-email-change',
      `/applications/${applicationId}`,
      `/support-requests/${support.body.id}`,
    ]) {
      expect(paths).toContain(expected);
    }
    expect(paths.filter((p) => p.startsWith('/api/'))).toEqual([]);

    const signedIn = portalAgent(t, 'en');
    await signInThroughForm(signedIn, customer.email, customer.password);
    for (const link of links) {
      const url = new URL(link);
      const path = `${url.pathname}${url.search}`;
      const opened = await portalAgent(t, 'en').get(path);
      expect({ path, status: [200, 303, 410].includes(opened.status) }).toEqual({
        path,
        status: true,
      });
      if (opened.status === 303 && opened.headers.location.startsWith('/login?next=')) {
        // Signed out: through sign-in, back to the page afterwards.
        expect(decodeURIComponent(opened.headers.location.slice('/login?next='.length))).toBe(path);
        const page = await signedIn.get(path);
        expect({ path, status: page.status }).toEqual({ path, status: 200 });
        expect(page.headers['content-type']).toMatch(/^text\/html/);
      } else if (opened.status !== 303) {
        expect(opened.headers['content-type']).toMatch(/^text\/html/);
      }
    }
  });
});
