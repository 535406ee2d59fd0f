import { randomBytes } from 'node:crypto';
import type { Locale } from '../../src/common/locale';
import { MailDispatcher } from '../../src/notifications/mail-dispatcher';
import type { CapturedMail } from './smtp-capture';
import type { TestApp } from './test-app';

export const REGISTER_PATH = '/api/v1/auth/register';
export const ACTIVATE_PATH = '/api/v1/auth/activate';
export const LOGIN_PATH = '/api/v1/auth/login';

/** A password that passes the policy (8–128 characters, not a common one). */
export function strongPassword(): string {
  return `Fapiao-test ${randomBytes(6).toString('hex')}`;
}

export function uniqueEmail(prefix = 'customer'): string {
  return `${prefix}-${randomBytes(5).toString('hex')}@example.com`;
}

/** Sends every mail that is due (the outbox dispatcher), so `t.mail` holds it. */
export async function deliverMail(t: TestApp): Promise<void> {
  await t.get(MailDispatcher).dispatchDue();
}

/** The token of a link in a mail, e.g. `linkToken(mail, '/activate')`. */
export function linkToken(mail: CapturedMail, path: string): string {
  const link = mail.links.find((l) => new URL(l).pathname === path);
  const token = link ? new URL(link).searchParams.get('token') : null;
  if (!token) throw new Error(`No ${path}?token=… link in "${mail.subject}": ${mail.text}`);
  return token;
}

/** Delivers due mail and returns the newest mail to `email` that links to `path`. */
export async function latestLinkMail(
  t: TestApp,
  email: string,
  path: string,
): Promise<CapturedMail> {
  await deliverMail(t);
  const matches = await t.mail.waitFor(
    (m) => m.to.includes(email.toLowerCase()) && m.links.some((l) => new URL(l).pathname === path),
  );
  return matches[matches.length - 1];
}

/** The token from the newest activation mail to `email`. */
export async function activationToken(t: TestApp, email: string): Promise<string> {
  return linkToken(await latestLinkMail(t, email, '/activate'), '/activate');
}

export async function login(t: TestApp, email: string, password: string): Promise<string> {
  const res = await t.http().post(LOGIN_PATH).send({ email, password });
  if (res.status !== 200) {
    throw new Error(`login: expected 200, got ${res.status} ${JSON.stringify(res.body)}`);
  }
  return (res.body as { accessToken: string }).accessToken;
}

export interface RegisteredCustomer {
  accessToken: string;
  email: string;
  password: string;
  accountId: string;
}

/**
 * A signed-in customer of the order's customer (tenant): registers through the API, reads the
 * activation link from the captured mail, activates, and logs in.
 */
export async function registerAndLogin(
  t: TestApp,
  options: { orderNumber: string; email?: string; password?: string; locale?: Locale },
): Promise<RegisteredCustomer> {
  const email = (options.email ?? uniqueEmail()).toLowerCase();
  const password = options.password ?? strongPassword();
  const registered = await t
    .http()
    .post(REGISTER_PATH)
    .send({
      orderNumber: options.orderNumber,
      email,
      password,
      ...(options.locale ? { locale: options.locale } : {}),
    });
  if (registered.status !== 202) {
    throw new Error(
      `register: expected 202, got ${registered.status} ${JSON.stringify(registered.body)}`,
    );
  }
  const token = await activationToken(t, email);
  const activated = await t.http().post(ACTIVATE_PATH).send({ token });
  if (activated.status !== 200) {
    throw new Error(
      `activate: expected 200, got ${activated.status} ${JSON.stringify(activated.body)}`,
    );
  }
  const accessToken = await login(t, email, password);
  return { accessToken, email, password, accountId: accessTokenSubject(accessToken) };
}

/** The account id (`sub`) inside an access token. */
export function accessTokenSubject(accessToken: string): string {
  const payload = JSON.parse(Buffer.from(accessToken.split('.')[1], 'base64url').toString('utf8'));
  return (payload as { sub: string }).sub;
}
