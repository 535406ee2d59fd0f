import { randomBytes } from 'node:crypto';
import { signatureHeader } from '../../src/orders/payment-platform/webhook-signature';
import type { TestApp } from './test-app';

export const ORDERS_PATH = '/api/v1/integrations/payment-platform/orders';
export const PAYMENTS_PATH = '/api/v1/integrations/payment-platform/payments';

export interface PushedOrderBody {
  orderNumber: string;
  customer: { externalId: string; name: string };
  contactEmail: string;
  amountFen: number;
  currency: string;
  items: { description: string; amountFen: number }[];
  orderedAt: string;
  locale?: string;
}

export interface PushedPaymentBody {
  orderNumber: string;
  paymentReference: string;
  payerName: string;
  amountFen: number;
  paidAt: string;
}

let sequence = 0;
function unique(prefix: string): string {
  sequence += 1;
  return `${prefix}-${process.pid}-${sequence}-${randomBytes(3).toString('hex')}`.toUpperCase();
}

/**
 * `X-Signature` for a body, as the payment platform computes it. `timestamp` is unix seconds
 * (default: now by the real clock; pass the app's `t.clock` time when it is frozen).
 */
export function signPayload(secret: string, body: string, timestamp?: number): string {
  const t = timestamp ?? Math.floor(Date.now() / 1000);
  return signatureHeader(secret, t, Buffer.from(body, 'utf8'));
}

/** Unix seconds of the app's clock, so signatures stay fresh when a test moves time. */
export function appUnixTime(t: TestApp): number {
  return Math.floor(t.clock.now().getTime() / 1000);
}

/** POSTs a raw body signed with the app's secret at the app's time (override either). */
export function postSigned(
  t: TestApp,
  path: string,
  body: string | object,
  options: { secret?: string; timestamp?: number } = {},
) {
  const raw = typeof body === 'string' ? body : JSON.stringify(body);
  return t
    .http()
    .post(path)
    .set('Content-Type', 'application/json')
    .set(
      'X-Signature',
      signPayload(
        options.secret ?? t.config.paymentWebhookSecret,
        raw,
        options.timestamp ?? appUnixTime(t),
      ),
    )
    .send(raw);
}

/** A valid order body with a fresh order number; items follow `amountFen` unless given. */
export function orderBody(overrides: Partial<PushedOrderBody> = {}): PushedOrderBody {
  const amountFen = overrides.amountFen ?? 12_800;
  return {
    orderNumber: unique('SO'),
    customer: { externalId: unique('CUST'), name: 'Shanghai Example Trading Co., Ltd.' },
    contactEmail: `buyer-${randomBytes(4).toString('hex')}@example.com`,
    amountFen,
    currency: 'CNY',
    items: [{ description: 'Cloud server, 1 month', amountFen }],
    orderedAt: '2026-03-01T10:15:00+08:00',
    locale: 'zh-CN',
    ...overrides,
  };
}

/** Pushes a new order (asserting 201) and returns the body that was pushed. */
export async function pushOrder(
  t: TestApp,
  overrides: Partial<PushedOrderBody> = {},
): Promise<PushedOrderBody> {
  const body = orderBody(overrides);
  const res = await postSigned(t, ORDERS_PATH, body);
  if (res.status !== 201 && res.status !== 200) {
    throw new Error(`pushOrder: expected 200/201, got ${res.status} ${JSON.stringify(res.body)}`);
  }
  return body;
}

/**
 * Pushes the payment of an order (asserting 200/201) and returns the body. The amount defaults
 * to the order's amount as stored.
 */
export async function pushPayment(
  t: TestApp,
  orderNumber: string,
  overrides: Partial<PushedPaymentBody> = {},
): Promise<PushedPaymentBody> {
  let amountFen = overrides.amountFen;
  if (amountFen === undefined) {
    const rows: { amount_fen: number | string }[] = await t.dataSource.query(
      'SELECT amount_fen FROM orders WHERE order_number = $1',
      [orderNumber],
    );
    if (rows.length === 0) throw new Error(`pushPayment: no order ${orderNumber}`);
    amountFen = Number(rows[0].amount_fen);
  }
  const body: PushedPaymentBody = {
    orderNumber,
    paymentReference: unique('PAY'),
    payerName: 'Shanghai Example Trading Co., Ltd.',
    amountFen,
    paidAt: '2026-03-01T10:20:00+08:00',
    ...overrides,
  };
  const res = await postSigned(t, PAYMENTS_PATH, body);
  if (res.status !== 201 && res.status !== 200) {
    throw new Error(`pushPayment: expected 200/201, got ${res.status} ${JSON.stringify(res.body)}`);
  }
  return body;
}
