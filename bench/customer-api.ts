import { randomBytes } from 'node:crypto';
import type { Client } from 'pg';
import { signatureHeader } from '../src/orders/payment-platform/webhook-signature';
import { BENCH_WEBHOOK_SECRET } from './app-process';
import { PAYER } from './volume';

export interface BenchCustomer {
  orderNumber: string;
  customerId: string;
  accountId: string;
  accessToken: string;
  email: string;
  password: string;
}

async function call(baseUrl: string, path: string, body: object, headers = {}): Promise<unknown> {
  const raw = JSON.stringify(body);
  const res = await fetch(`${baseUrl}${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: raw,
  });
  const text = await res.text();
  if (res.status >= 300) throw new Error(`POST ${path}: ${res.status} ${text}`);
  return text ? JSON.parse(text) : {};
}

function signedPost(baseUrl: string, path: string, body: object): Promise<unknown> {
  const raw = Buffer.from(JSON.stringify(body), 'utf8');
  const signature = signatureHeader(BENCH_WEBHOOK_SECRET, Math.floor(Date.now() / 1000), raw);
  return call(baseUrl, path, body, { 'X-Signature': signature });
}

/**
 * A signed-in customer made through the real API: the payment platform pushes an order and its
 * payment (signed), the customer registers, activates with the token from the outbox mail (jobs
 * are off, so it is still there) and logs in.
 */
export async function createCustomerThroughApi(
  baseUrl: string,
  db: Client,
  name: string,
): Promise<BenchCustomer> {
  const suffix = randomBytes(4).toString('hex').toUpperCase();
  const orderNumber = `BENCH-${name}-${suffix}`;
  const email = `${name.toLowerCase()}-${suffix.toLowerCase()}@bench.test`;
  const password = `Bench-password ${suffix}`;
  await signedPost(baseUrl, '/api/v1/integrations/payment-platform/orders', {
    orderNumber,
    customer: { externalId: `BENCH-API-${name}-${suffix}`, name: PAYER },
    contactEmail: email,
    amountFen: 12_800,
    currency: 'CNY',
    items: [{ description: 'Cloud server, 1 month', amountFen: 12_800 }],
    orderedAt: '2026-03-01T10:15:00+08:00',
    locale: 'zh-CN',
  });
  await signedPost(baseUrl, '/api/v1/integrations/payment-platform/payments', {
    orderNumber,
    paymentReference: `BENCH-PAY-${name}-${suffix}`,
    payerName: PAYER,
    amountFen: 12_800,
    paidAt: '2026-03-01T10:20:00+08:00',
  });
  await call(baseUrl, '/api/v1/auth/register', { orderNumber, email, password });
  // The link is in the outbox row's context until the mail is sent (then it is cleared).
  const { rows } = await db.query<{ activation_url: string | null }>(
    `SELECT context->>'activationUrl' AS activation_url FROM mail_outbox
      WHERE recipient = $1 AND template = 'account-activation' ORDER BY created_at DESC LIMIT 1`,
    [email],
  );
  const token = /\/activate\?token=([^\s&"<>]+)/.exec(rows[0]?.activation_url ?? '')?.[1];
  if (!token) throw new Error(`No activation link in the outbox for ${email}`);
  await call(baseUrl, '/api/v1/auth/activate', { token: decodeURIComponent(token) });
  const { accessToken } = (await call(baseUrl, '/api/v1/auth/login', { email, password })) as {
    accessToken: string;
  };
  const ids = await db.query<{ customer_id: string; account_id: string }>(
    `SELECT a.customer_id, a.id AS account_id FROM customer_accounts a WHERE a.email = $1
        AND a.status = 'active'`,
    [email],
  );
  return {
    orderNumber,
    customerId: ids.rows[0].customer_id,
    accountId: ids.rows[0].account_id,
    accessToken,
    email,
    password,
  };
}
