import {
  deliverMail,
  latestLinkMail,
  registerAndLogin,
  strongPassword,
  uniqueEmail,
} from '../support/customers';
import { pushOrder } from '../support/payment-platform';
import { createTestApp, TestApp } from '../support/test-app';
import {
  csrfTokenOf,
  portalAgent,
  PortalAgent,
  signInThroughForm,
  submitForm,
  textOf,
} from './portal-kit';

/** The path and query of a link in a mail, as a browser would open it on this app. */
function pathOf(link: string): string {
  const url = new URL(link);
  return `${url.pathname}${url.search}`;
}

async function linkIn(t: TestApp, email: string, path: string): Promise<string> {
  const mail = await latestLinkMail(t, email, path);
  return pathOf(mail.links.find((l) => new URL(l).pathname === path)!);
}

describe('Portal account pages', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('registers from the order mail link, keeps typed values on a wrong input, activates twice without harm', async () => {
    const order = await pushOrder(t, { locale: 'en' });
    await deliverMail(t);
    const orderMail = await t.mail.waitFor((m) => m.to.includes(order.contactEmail));
    const registerLink = pathOf(
      orderMail[0].links.find((l) => new URL(l).pathname === '/register')!,
    );
    expect(registerLink).toBe(`/register?orderNumber=${order.orderNumber}`);

    const agent = portalAgent(t, 'en');
    const page = await agent.get(registerLink);
    expect(page.status).toBe(200);
    expect(page.text).toContain(`value="${order.orderNumber}"`);

    const email = uniqueEmail('portal');
    const weak = await agent
      .post('/register')
      .type('form')
      .send({
        _csrf: csrfTokenOf(page.text),
        orderNumber: order.orderNumber,
        email,
        password: 'short',
        locale: 'en',
      });
    expect(weak.status).toBe(422);
    expect(weak.text).toContain('The password needs 8–128 characters');
    expect(weak.text).toContain(`value="${email}"`);
    expect(weak.text).toContain(`value="${order.orderNumber}"`);
    expect(weak.text).not.toContain('value="short"');
    expect(weak.text).toMatch(/id="field-password-error"/);

    const unknownOrder = await agent
      .post('/register')
      .type('form')
      .send({
        _csrf: csrfTokenOf(page.text),
        orderNumber: 'SO-NOPE',
        email,
        password: strongPassword(),
        locale: 'en',
      });
    expect(unknownOrder.status).toBe(422);
    expect(textOf(unknownOrder.text)).toContain('There is no order with this number');

    const password = strongPassword();
    const done = await agent
      .post('/register')
      .type('form')
      .send({
        _csrf: csrfTokenOf(page.text),
        orderNumber: order.orderNumber,
        email,
        password,
        locale: 'en',
      });
    expect(done.status).toBe(303);
    expect(done.headers.location).toBe('/register/check-mail');
    const checkMail = await agent.get('/register/check-mail');
    expect(textOf(checkMail.text)).toContain(`We sent an email to ${email}`);

    const activation = await linkIn(t, email, '/activate');
    const first = await portalAgent(t).get(activation);
    expect(first.status).toBe(200);
    expect(first.text).toContain('<html lang="en">');
    expect(textOf(first.text)).toContain('Your account is active');
    const second = await portalAgent(t).get(activation);
    expect(second.status).toBe(410);
    expect(second.text).toContain('href="/login"');

    await signInThroughForm(agent, email, password);
  });

  it('resends the activation mail from the form, with the same answer for an unknown email', async () => {
    const order = await pushOrder(t);
    const email = uniqueEmail('resend');
    const agent = portalAgent(t, 'en');
    const page = await agent.get('/register');
    await agent
      .post('/register')
      .type('form')
      .send({
        _csrf: csrfTokenOf(page.text),
        orderNumber: order.orderNumber,
        email,
        password: strongPassword(),
      });
    const old = await linkIn(t, email, '/activate');
    t.clock.advance(2 * 60_000);

    const resent = await submitForm(agent, '/resend-activation', '/resend-activation', { email });
    expect(resent.status).toBe(303);
    const after = await agent.get(resent.headers.location);
    expect(textOf(after.text)).toContain('a new activation link is on its way');
    await deliverMail(t);
    await t.mail.waitFor((m) => m.to.includes(email), { count: 2 });
    const fresh = await linkIn(t, email, '/activate');
    expect(fresh).not.toBe(old);

    const unknown = await submitForm(agent, '/resend-activation', '/resend-activation', {
      email: uniqueEmail('nobody'),
    });
    expect(unknown.status).toBe(303);
    const bad = await submitForm(agent, '/resend-activation', '/resend-activation', {
      email: 'not-an-email',
    });
    expect(bad.status).toBe(422);
    expect(bad.text).toContain('value="not-an-email"');
    expect(bad.text).toContain('Enter a valid email address.');
  });

  it('resets a password through the mail link; opening the link uses nothing and drops the token from the URL', async () => {
    const order = await pushOrder(t);
    const customer = await registerAndLogin(t, { orderNumber: order.orderNumber, locale: 'en' });
    const agent = portalAgent(t, 'en');
    expect(
      (await submitForm(agent, '/forgot-password', '/forgot-password', { email: customer.email }))
        .status,
    ).toBe(303);
    const resetLink = await linkIn(t, customer.email, '/reset-password');

    // A mail scanner opens the link first: nothing is used up.
    expect((await portalAgent(t).get(resetLink)).status).toBe(303);
    const opened = await agent.get(resetLink);
    expect(opened.status).toBe(303);
    expect(opened.headers.location).toBe('/reset-password');
    const form = await agent.get('/reset-password');
    expect(form.text).not.toContain(new URL(`http://x${resetLink}`).searchParams.get('token')!);

    const weak = await agent
      .post('/reset-password')
      .type('form')
      .send({ _csrf: csrfTokenOf(form.text), newPassword: 'password' });
    expect(weak.status).toBe(422);
    expect(weak.text).toContain('id="field-newPassword-error"');

    const newPassword = strongPassword();
    const reset = await agent
      .post('/reset-password')
      .type('form')
      .send({ _csrf: csrfTokenOf(weak.text), newPassword });
    expect(reset.status).toBe(303);
    expect(reset.headers.location).toBe('/login');
    expect(textOf((await agent.get('/login')).text)).toContain('Your password is changed');

    const oldPassword = await submitForm(portalAgent(t, 'en'), '/login', '/login', {
      email: customer.email,
      password: customer.password,
    });
    expect(oldPassword.status).toBe(401);
    await signInThroughForm(portalAgent(t), customer.email, newPassword);
    // The API's token from before the reset no longer works.
    expect(
      (await t.http().get('/api/v1/me').auth(customer.accessToken, { type: 'bearer' })).status,
    ).toBe(401);
  });

  it('changes the sign-in email, confirmed from the new address through the mail link', async () => {
    const order = await pushOrder(t);
    const customer = await registerAndLogin(t, { orderNumber: order.orderNumber, locale: 'en' });
    const agent = portalAgent(t, 'en');
    await signInThroughForm(agent, customer.email, customer.password);
    const newEmail = uniqueEmail('moved');

    const wrong = await submitForm(agent, '/account', '/account/email', {
      newEmail,
      password: 'wrong password',
    });
    expect(wrong.status).toBe(422);
    expect(wrong.text).toContain(`value="${newEmail}"`);
    expect(wrong.text).toContain('id="field-password-error"');

    const asked = await submitForm(agent, '/account', '/account/email', {
      newEmail,
      password: customer.password,
    });
    expect(asked.status).toBe(303);
    expect(textOf((await agent.get('/account')).text)).toContain(
      `A confirmation link was sent to ${newEmail}`,
    );

    const confirmLink = await linkIn(t, newEmail, '/confirm-email-change');
    expect((await agent.get(confirmLink)).headers.location).toBe('/confirm-email-change');
    const confirmed = await submitForm(agent, '/confirm-email-change', '/confirm-email-change', {});
    expect(confirmed.status).toBe(303);
    const account = await agent.get('/account');
    expect(textOf(account.text)).toContain('Your sign-in email is changed.');
    expect(textOf(account.text)).toContain(newEmail);
    await signInThroughForm(portalAgent(t), newEmail, customer.password);
  });

  it('a password change ends every other session and token and keeps this one; sign out everywhere ends all', async () => {
    const order = await pushOrder(t);
    const customer = await registerAndLogin(t, { orderNumber: order.orderNumber, locale: 'en' });
    const here: PortalAgent = portalAgent(t, 'en');
    const elsewhere: PortalAgent = portalAgent(t, 'en');
    await signInThroughForm(here, customer.email, customer.password);
    await signInThroughForm(elsewhere, customer.email, customer.password);

    const weak = await submitForm(here, '/account', '/account/password', {
      currentPassword: customer.password,
      newPassword: 'short',
    });
    expect(weak.status).toBe(422);
    expect(weak.text).toContain('id="field-newPassword-error"');

    const newPassword = strongPassword();
    const changed = await submitForm(here, '/account', '/account/password', {
      currentPassword: customer.password,
      newPassword,
    });
    expect(changed.status).toBe(303);
    expect(textOf((await here.get('/account')).text)).toContain('Your password is changed');
    const other = await elsewhere.get('/account');
    expect(other.status).toBe(303);
    expect(other.headers.location).toBe('/login?next=%2Faccount');
    expect(
      (await t.http().get('/api/v1/me').auth(customer.accessToken, { type: 'bearer' })).status,
    ).toBe(401);

    await signInThroughForm(elsewhere, customer.email, newPassword);
    const token = (
      await t
        .http()
        .post('/api/v1/auth/login')
        .send({ email: customer.email, password: newPassword })
    ).body.accessToken;
    const out = await submitForm(here, '/account', '/account/sign-out-everywhere', {});
    expect(out.status).toBe(303);
    expect(out.headers.location).toBe('/login?signedOut=everywhere');
    expect((await here.get('/account')).status).toBe(303);
    expect((await elsewhere.get('/account')).status).toBe(303);
    expect((await t.http().get('/api/v1/me').auth(token, { type: 'bearer' })).status).toBe(401);
  });

  it('/apply?orderNumber= leads through sign-in to that bill, or straight there when signed in', async () => {
    const order = await pushOrder(t);
    const customer = await registerAndLogin(t, { orderNumber: order.orderNumber });
    const agent = portalAgent(t, 'en');
    const entry = await agent.get(`/apply?orderNumber=${order.orderNumber}`);
    expect(entry.status).toBe(200);
    expect(entry.text).toContain(`/register?orderNumber=${order.orderNumber}`);
    const target = `/billing-records/${order.orderNumber}/apply`;
    const signedIn = await signInThroughForm(agent, customer.email, customer.password);
    expect(signedIn.headers.location).toBe(target);
    const again = await agent.get(`/apply?orderNumber=${order.orderNumber}`);
    expect(again.status).toBe(303);
    expect(again.headers.location).toBe(target);
    expect((await agent.get('/apply?orderNumber=')).status).toBe(400);
  });

  it('says what to do about a forgotten sign-in email, in both languages', async () => {
    expect(textOf((await portalAgent(t, 'en').get('/forgot-email')).text)).toContain(
      '(86) 400-089-0365',
    );
    expect(textOf((await portalAgent(t, 'zh-CN').get('/forgot-email')).text)).toContain(
      '请致电客服 (86) 400-089-0365',
    );
  });
});
