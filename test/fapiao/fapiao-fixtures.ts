import type { Locale } from '../../src/common/locale';
import { StaffApplicationsService } from '../../src/fapiao/applications/staff-applications.service';
import { deliverMail, login, registerAndLogin } from '../support/customers';
import { pushOrder, pushPayment } from '../support/payment-platform';
import type { CapturedMail } from '../support/smtp-capture';
import type { TestApp } from '../support/test-app';

export const APPLICATIONS = '/api/v1/fapiao/applications';
export const PAYER = 'Shanghai Example Trading Co., Ltd.';
export const STAFF = {
  staffId: '00000000-0000-4000-8000-000000000001',
  staffEmail: 'clerk@fapiao.test',
};

export interface PayingCustomer {
  orderNumber: string;
  amountFen: number;
  token: string;
  email: string;
  password: string;
  accountId: string;
}

/** A customer with a paid (synced) order, signed in. `paid: false` leaves the payment out. */
export async function payingCustomer(
  t: TestApp,
  options: { paid?: boolean; amountFen?: number; locale?: Locale; payerName?: string } = {},
): Promise<PayingCustomer> {
  const order = await pushOrder(t, { amountFen: options.amountFen ?? 12_800 });
  if (options.paid !== false) {
    await pushPayment(t, order.orderNumber, { payerName: options.payerName ?? PAYER });
  }
  const account = await registerAndLogin(t, {
    orderNumber: order.orderNumber,
    locale: options.locale,
  });
  return {
    orderNumber: order.orderNumber,
    amountFen: order.amountFen,
    token: account.accessToken,
    email: account.email,
    password: account.password,
    accountId: account.accountId,
  };
}

/** Signs in again (access tokens expire by the app's clock, which tests move). */
export async function signInAgain(t: TestApp, customer: PayingCustomer): Promise<PayingCustomer> {
  return { ...customer, token: await login(t, customer.email, customer.password) };
}

/** Another order of the same customer (tenant) as `customer`'s, paid. */
export async function anotherPaidOrder(t: TestApp, customer: PayingCustomer): Promise<string> {
  const [row]: { external_id: string; name: string }[] = await t.dataSource.query(
    `SELECT c.external_id, c.name FROM orders o JOIN customers c ON c.id = o.customer_id WHERE o.order_number = $1`,
    [customer.orderNumber],
  );
  const order = await pushOrder(t, { customer: { externalId: row.external_id, name: row.name } });
  await pushPayment(t, order.orderNumber, { payerName: PAYER });
  return order.orderNumber;
}

export const mailedShipping = {
  method: 'sf_freight_collect',
  recipient: '张三',
  phone: '13812345678',
  province: '上海市',
  city: '上海市',
  district: '浦东新区',
  address: '科苑路88号德国中心3号楼657室',
  postalCode: '201203',
};

export const specialTitle = {
  buyerName: PAYER,
  taxId: '91350100M000100Y43',
  address: '上海市浦东新区科苑路88号',
  phone: '021-28986102',
  bankName: '中国银行上海分行',
  bankAccount: '4563 5100 0000 1234',
};

export function applicationBody(orderNumber: string, overrides: Record<string, unknown> = {}) {
  return {
    orderNumber,
    type: 'normal',
    title: { buyerName: PAYER },
    shipping: mailedShipping,
    ...overrides,
  };
}

export function authed(t: TestApp, token: string) {
  const http = () => t.http();
  const auth = `Bearer ${token}`;
  return {
    get: (path: string) => http().get(path).set('Authorization', auth),
    post: (path: string, body?: object | string) =>
      http()
        .post(path)
        .set('Authorization', auth)
        .send(body ?? {}),
    patch: (path: string, body: object | string) =>
      http().patch(path).set('Authorization', auth).send(body),
  };
}

/** Creates a draft through the API and returns its id. */
export async function createDraft(
  t: TestApp,
  customer: PayingCustomer,
  overrides: Record<string, unknown> = {},
): Promise<string> {
  const res = await authed(t, customer.token).post(
    APPLICATIONS,
    applicationBody(customer.orderNumber, overrides),
  );
  if (res.status !== 201) throw new Error(`create: ${res.status} ${JSON.stringify(res.body)}`);
  return (res.body as { id: string }).id;
}

/** A submitted application (create + confirm through the API). */
export async function submitted(
  t: TestApp,
  customer: PayingCustomer,
  overrides: Record<string, unknown> = {},
): Promise<string> {
  const id = await createDraft(t, customer, overrides);
  const res = await authed(t, customer.token).post(`${APPLICATIONS}/${id}/confirm`);
  if (res.status !== 200) throw new Error(`confirm: ${res.status} ${JSON.stringify(res.body)}`);
  return id;
}

export function staff(t: TestApp): StaffApplicationsService {
  return t.get(StaffApplicationsService);
}

/** Delivers due mail; returns the mails to `email` whose subject or text matches. */
export async function mailsTo(
  t: TestApp,
  email: string,
  pattern?: RegExp,
): Promise<CapturedMail[]> {
  await deliverMail(t);
  return t.mail
    .to(email)
    .filter((m) => !pattern || pattern.test(m.subject) || pattern.test(m.text));
}

/** Counts of every table this module writes, to show that a refused request wrote nothing. */
export async function fapiaoRowCounts(t: TestApp): Promise<Record<string, number>> {
  const [row]: Record<string, string>[] = await t.dataSource.query(
    `SELECT (SELECT count(*) FROM fapiao_applications) AS applications,
            (SELECT count(*) FROM application_history) AS history,
            (SELECT count(*) FROM fapiao_documents) AS documents,
            (SELECT count(*) FROM mail_outbox) AS outbox,
            (SELECT string_agg(status || version, ',' ORDER BY id) FROM fapiao_applications) AS states`,
  );
  return Object.fromEntries(
    Object.entries(row).map(([k, v]) => [k, k === 'states' ? (v as never) : Number(v)]),
  );
}
