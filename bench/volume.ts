import type { Client } from 'pg';

export const PAYER = 'Shanghai Example Trading Co., Ltd.';
/** The amount of each bill `addPaidOrders` makes, in fen. */
export const BENCH_BILL_FEN = 12_800;
export const VOLUME = {
  customers: 10_000,
  orders: 100_000,
  applications: 50_000,
  expiredActivationTokens: 100_000,
};

/**
 * Loads the volume with set-based SQL (generate_series) into the tables the app migrated:
 * 10,000 customers with one active account each, 100,000 orders with their payments,
 * 50,000 applications (every 5th waiting: `submitted`) with history and, once issued, a
 * document, and 100,000 pending registrations whose only activation token expired.
 */
export async function loadVolume(db: Client): Promise<Record<string, number>> {
  const timings: Record<string, number> = {};
  const step = async (name: string, sql: string, params: unknown[] = []) => {
    const started = performance.now();
    await db.query(sql, params);
    timings[name] = Math.round(performance.now() - started);
  };
  await db.query('BEGIN');
  await step(
    'customers',
    `INSERT INTO customers (external_id, name)
     SELECT 'BENCH-C' || lpad(i::text, 6, '0'), 'Bench Customer ' || i || ' Co., Ltd.'
       FROM generate_series(1, $1::int) i`,
    [VOLUME.customers],
  );
  await step(
    'accounts',
    `INSERT INTO customer_accounts (customer_id, email, password_hash, status, locale, activated_at)
     SELECT c.id, 'account-' || substr(c.external_id, 8) || '@bench.test', 'not-a-hash', 'active',
            'zh-CN', timestamptz '2026-01-01'
       FROM customers c WHERE c.external_id LIKE 'BENCH-C%'`,
  );
  await step(
    'orders',
    `INSERT INTO orders (order_number, customer_id, contact_email, locale, items, amount_fen,
                         ordered_at, push_hash)
     SELECT 'BENCH-O' || lpad(i::text, 7, '0'), c.id, 'buyer-' || i || '@bench.test',
            CASE WHEN i % 5 = 0 THEN 'en' ELSE 'zh-CN' END,
            jsonb_build_array(jsonb_build_object('description', 'Cloud server, 1 month',
                                                 'amountFen', 10000 + i % 5000)),
            10000 + i % 5000, timestamptz '2026-01-01' + i * interval '1 minute',
            md5(i::text) || md5('o' || i)
       FROM generate_series(1, $1::int) i
       JOIN customers c ON c.external_id = 'BENCH-C' || lpad(((i - 1) % $2 + 1)::text, 6, '0')`,
    [VOLUME.orders, VOLUME.customers],
  );
  await step(
    'payments',
    `INSERT INTO payment_records (order_id, payment_reference, payer_name, amount_fen, paid_at,
                                  synced_at, push_hash)
     SELECT o.id, 'BENCH-P' || substr(o.order_number, 8), $1, o.amount_fen,
            o.ordered_at + interval '5 minutes', o.ordered_at + interval '6 minutes', o.push_hash
       FROM orders o WHERE o.order_number LIKE 'BENCH-O%'`,
    [PAYER],
  );
  await step(
    'applications',
    `INSERT INTO fapiao_applications (order_id, order_number, customer_id, account_id, contact_email,
        locale, type, amount_fen, status, submitted_at, due_date, created_at, updated_at,
        title_buyer_name, shipping_method, shipping_recipient, shipping_phone, shipping_province,
        shipping_city, shipping_district, shipping_address, shipping_postal_code,
        carrier, tracking_number)
     SELECT o.id, o.order_number, o.customer_id, a.id, o.contact_email, o.locale, 'normal',
            o.amount_fen, s.status, o.ordered_at + interval '1 hour',
            (o.ordered_at + interval '3 days')::date, o.ordered_at + interval '50 minutes',
            o.ordered_at + interval '2 days', $2, 'sf_freight_collect', '张三', '13812345678',
            '上海市', '上海市', '浦东新区', '科苑路88号', '201203',
            CASE WHEN s.status = 'mailed_out' THEN 'SF Express' END,
            CASE WHEN s.status = 'mailed_out' THEN 'SF' || substr(o.order_number, 8) END
       FROM orders o
       JOIN customer_accounts a ON a.customer_id = o.customer_id AND a.status = 'active'
       CROSS JOIN LATERAL (SELECT (ARRAY['submitted', 'issued', 'mailed_out', 'mailed_out',
                                         'cancelled'])[substr(o.order_number, 8)::int % 5 + 1]
                                  AS status) s
      WHERE o.order_number LIKE 'BENCH-O%' AND substr(o.order_number, 8)::int <= $1`,
    [VOLUME.applications, PAYER],
  );
  await step(
    'history',
    `INSERT INTO application_history (application_id, from_status, to_status, actor_type, remark, at)
     SELECT a.id, s.from_status, s.to_status,
            CASE WHEN s.step <= 2 OR s.to_status = 'cancelled' THEN 'customer' ELSE 'staff' END,
            NULL, a.created_at + s.step * interval '1 hour'
       FROM fapiao_applications a
       JOIN (VALUES (1, NULL, 'draft'), (2, 'draft', 'submitted'), (3, 'submitted', 'processing'),
                    (4, 'processing', 'issued'), (5, 'issued', 'mailed_out'),
                    (6, 'draft', 'cancelled')) AS s(step, from_status, to_status)
         ON CASE a.status WHEN 'submitted' THEN s.step <= 2
                          WHEN 'issued' THEN s.step <= 4
                          WHEN 'mailed_out' THEN s.step <= 5
                          ELSE s.step IN (1, 6) END`,
  );
  await step(
    'documents',
    `INSERT INTO fapiao_documents (application_id, kind, number, issue_date, amount_fen,
                                  tax_amount_fen, buyer_title)
     SELECT a.id, 'blue', 'BENCH-F' || substr(a.order_number, 8), a.due_date, a.amount_fen,
            round(a.amount_fen * 6 / 106.0)::bigint, jsonb_build_object('buyerName', a.title_buyer_name)
       FROM fapiao_applications a WHERE a.status IN ('issued', 'mailed_out')`,
  );
  await step(
    'order-statuses',
    `UPDATE orders o SET fapiao_application_id = a.id, fapiao_status = a.status
       FROM fapiao_applications a WHERE a.order_id = o.id`,
  );
  await step(
    'expired-registrations',
    `WITH pending AS (
       INSERT INTO customer_accounts (customer_id, email, password_hash, status, locale, created_at,
                                      updated_at)
       SELECT c.id, 'pending-' || i || '@bench.test', 'not-a-hash', 'pending', 'zh-CN',
              now() - interval '3 days', now() - interval '3 days'
         FROM generate_series(1, $1::int) i
         JOIN customers c ON c.external_id = 'BENCH-C' || lpad(((i - 1) % $2 + 1)::text, 6, '0')
       RETURNING id, created_at)
     INSERT INTO account_tokens (account_id, purpose, token_hash, expires_at, created_at)
     SELECT id, 'activation', encode(sha256(convert_to(id::text, 'UTF8')), 'hex'),
            created_at + interval '24 hours', created_at
       FROM pending`,
    [VOLUME.expiredActivationTokens, VOLUME.customers],
  );
  await db.query('COMMIT');
  const started = performance.now();
  await db.query('VACUUM ANALYZE');
  timings['vacuum-analyze'] = Math.round(performance.now() - started);
  return timings;
}

/** `count` more paid orders of a customer (`prefix` numbers them), ordered before `before`. */
export async function addPaidOrders(
  db: Client,
  customerId: string,
  prefix: string,
  count: number,
): Promise<string[]> {
  const { rows } = await db.query<{ order_number: string }>(
    `WITH o AS (
       INSERT INTO orders (order_number, customer_id, contact_email, locale, items, amount_fen,
                           ordered_at, push_hash)
       SELECT $2 || lpad(i::text, 6, '0'), $1, 'buyer@bench.test', 'zh-CN',
              jsonb_build_array(jsonb_build_object('description', 'Cloud server, 1 month',
                                                   'amountFen', $5::bigint)),
              $5::bigint, timestamptz '2026-02-01' + i * interval '1 minute', md5($2 || i) || md5(i::text)
         FROM generate_series(1, $3::int) i
       RETURNING id, order_number, amount_fen, ordered_at, push_hash)
     , p AS (
       INSERT INTO payment_records (order_id, payment_reference, payer_name, amount_fen, paid_at,
                                    synced_at, push_hash)
       SELECT id, 'P' || order_number, $4, amount_fen, ordered_at + interval '5 minutes',
              ordered_at + interval '6 minutes', push_hash FROM o)
     SELECT order_number FROM o ORDER BY order_number`,
    [customerId, prefix, count, PAYER, BENCH_BILL_FEN],
  );
  return rows.map((r) => r.order_number);
}

/** An application of `customer`'s order, mailed out, with five history rows and a document. */
export async function addMailedOutApplication(
  db: Client,
  orderNumber: string,
  accountId: string,
): Promise<string> {
  const { rows } = await db.query<{ id: string }>(
    `WITH a AS (
       INSERT INTO fapiao_applications (order_id, order_number, customer_id, account_id,
          contact_email, locale, type, amount_fen, status, submitted_at, due_date,
          title_buyer_name, shipping_method, shipping_recipient, shipping_phone,
          shipping_province, shipping_city, shipping_district, shipping_address,
          shipping_postal_code, carrier, tracking_number)
       SELECT o.id, o.order_number, o.customer_id, $2, o.contact_email, o.locale, 'normal',
              o.amount_fen, 'mailed_out', o.ordered_at + interval '1 hour',
              (o.ordered_at + interval '3 days')::date, $3, 'sf_freight_collect', '张三',
              '13812345678', '上海市', '上海市', '浦东新区', '科苑路88号', '201203',
              'SF Express', 'SF1234567890'
         FROM orders o WHERE o.order_number = $1
       RETURNING id, order_id, amount_fen, due_date, created_at
     ), h AS (
       INSERT INTO application_history (application_id, from_status, to_status, actor_type, at)
       SELECT a.id, s.from_status, s.to_status, s.actor, a.created_at + s.step * interval '1 hour'
         FROM a, (VALUES (1, NULL, 'draft', 'customer'), (2, 'draft', 'submitted', 'customer'),
                         (3, 'submitted', 'processing', 'staff'), (4, 'processing', 'issued', 'staff'),
                         (5, 'issued', 'mailed_out', 'staff')) AS s(step, from_status, to_status, actor)
     ), d AS (
       INSERT INTO fapiao_documents (application_id, kind, number, issue_date, amount_fen,
                                     tax_amount_fen, buyer_title)
       SELECT a.id, 'blue', 'BENCH-DETAIL-1', a.due_date, a.amount_fen,
              round(a.amount_fen * 6 / 106.0)::bigint, jsonb_build_object('buyerName', $3::text)
         FROM a
     ), o AS (
       UPDATE orders SET fapiao_application_id = a.id, fapiao_status = 'mailed_out'
         FROM a WHERE orders.id = a.order_id
     )
     SELECT id FROM a`,
    [orderNumber, accountId, PAYER],
  );
  return rows[0].id;
}

/**
 * A digital (email-delivered) application in `processing` for each of `orderNumbers` (the
 * customer's paid orders), ready for staff to issue; their ids, in order-number order.
 */
export async function addDigitalApplicationsInProcessing(
  db: Client,
  orderNumbers: string[],
  accountId: string,
): Promise<string[]> {
  const { rows } = await db.query<{ id: string }>(
    `WITH a AS (
       INSERT INTO fapiao_applications (order_id, order_number, customer_id, account_id,
          contact_email, locale, type, amount_fen, status, submitted_at, due_date,
          title_buyer_name, shipping_method, shipping_delivery_emails)
       SELECT o.id, o.order_number, o.customer_id, $2, o.contact_email, o.locale, 'normal',
              o.amount_fen, 'processing', o.ordered_at + interval '1 hour',
              (o.ordered_at + interval '3 days')::date, $3, 'email', ARRAY[o.contact_email]
         FROM orders o WHERE o.order_number = ANY($1::text[])
       RETURNING id, order_id, order_number, created_at
     ), h AS (
       INSERT INTO application_history (application_id, from_status, to_status, actor_type, at)
       SELECT a.id, s.from_status, s.to_status, s.actor, a.created_at
         FROM a, (VALUES (NULL, 'draft', 'customer'), ('draft', 'submitted', 'customer'),
                         ('submitted', 'processing', 'staff')) AS s(from_status, to_status, actor)
     ), o AS (
       UPDATE orders SET fapiao_application_id = a.id, fapiao_status = 'processing'
         FROM a WHERE orders.id = a.order_id
     )
     SELECT id FROM a ORDER BY order_number`,
    [orderNumbers, accountId, PAYER],
  );
  return rows.map((r) => r.id);
}
