import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { isoUtcInstant, jsonObject } from '../../database/sql-json';
import type { OrderItem } from '../entities/order.entity';
import { OrdersException } from '../orders.exception';
import { Bill, isBillApplicable, NON_HOLDING_APPLICATION_STATUSES } from './bill';
import { BILL_COLUMNS, BILL_FROM, type BillRow, toBill } from './bill-row';

export interface BillingRecord {
  orderNumber: string;
  amountFen: number;
  currency: 'CNY';
  /** Instants as ISO 8601 UTC strings, made by PostgreSQL (see RECORD_COLUMNS). */
  orderedAt: string;
  paymentSynced: boolean;
  paymentSyncedAt?: string;
  payerName?: string;
  paidAt?: string;
  applicable: boolean;
  fapiaoStatus: string | null;
  applicationId?: string;
}

export interface BillingRecordDetail extends BillingRecord {
  items: OrderItem[];
}

export interface BillingRecordPage {
  items: BillingRecord[];
  page: number;
  pageSize: number;
  total: number;
}

const NON_HOLDING_SQL = NON_HOLDING_APPLICATION_STATUSES.map((s) => `'${s}'`).join(', ');

/** SQL for "can be applied for"; `o` is orders, `p` the LEFT JOINed payment record. */
const APPLICABLE_SQL = `(p.id IS NOT NULL AND (o.fapiao_status IS NULL OR o.fapiao_status IN (${NON_HOLDING_SQL})))`;

/** A billing record's SQL, by the key it has in `RecordRow`; `o` is orders, `p` the payment. */
const RECORD_FIELDS = {
  order_number: 'o.order_number',
  amount_fen: 'o.amount_fen',
  currency: 'o.currency',
  ordered_at: isoUtcInstant('o.ordered_at'),
  fapiao_status: 'o.fapiao_status',
  fapiao_application_id: 'o.fapiao_application_id',
  payer_name: 'p.payer_name',
  paid_at: isoUtcInstant('p.paid_at'),
  synced_at: isoUtcInstant('p.synced_at'),
} satisfies Record<keyof RecordRow, string>;

const RECORD_COLUMNS = Object.entries(RECORD_FIELDS)
  .map(([key, sql]) => `${sql} AS ${key}`)
  .join(', ');

/** A RecordRow as one JSON value. */
const RECORD_JSON = jsonObject(RECORD_FIELDS);

interface RecordRow {
  order_number: string;
  amount_fen: number | string;
  currency: 'CNY';
  ordered_at: string;
  fapiao_status: string | null;
  fapiao_application_id: string | null;
  payer_name: string | null;
  paid_at: string | null;
  synced_at: string | null;
}

const APPLICABLE_FILTERS = {
  all: '',
  applicable: `AND ${APPLICABLE_SQL}`,
  notApplicable: `AND NOT ${APPLICABLE_SQL}`,
} as const;
type ApplicableFilter = keyof typeof APPLICABLE_FILTERS;

function applicableFilter(applicable: boolean | undefined): ApplicableFilter {
  if (applicable === undefined) return 'all';
  return applicable ? 'applicable' : 'notApplicable';
}

interface RecordPage {
  records: RecordRow[] | null;
  total: number | string | null;
}

/**
 * The billing-records list, the page customers land on: one prepared statement per filter. The
 * page is ONE row holding its records as JSON: node-postgres sets up and runs a parser per
 * column of every row, which cost more than the rest of the answer.
 */
const BILLING_RECORD_PAGE = Object.fromEntries(
  Object.entries(APPLICABLE_FILTERS).map(([key, filter]) => [
    key,
    `SELECT json_agg(page.record ORDER BY page.ordered_at DESC, page.id DESC) AS records,
              max(page.total) AS total
         FROM (SELECT ${RECORD_JSON} AS record, count(*) OVER () AS total, o.ordered_at, o.id
                 FROM orders o LEFT JOIN payment_records p ON p.order_id = o.id
                WHERE o.customer_id = $1 ${filter}
                ORDER BY o.ordered_at DESC, o.id DESC
                LIMIT $2 OFFSET $3) page`,
  ]),
) as Record<ApplicableFilter, string>;

/** The bill behind every create and edit of an application. */
const CUSTOMER_BILL = `SELECT ${BILL_COLUMNS} ${BILL_FROM} WHERE o.order_number = $1 AND o.customer_id = $2`;

/**
 * The customer's view of its orders ("billing records") and the fapiao module's view of a bill.
 * Reads are single queries over `orders` with the one-to-one payment record; the bill's
 * application status lives on the order row, so no fapiao table is touched.
 */
@Injectable()
export class BillingRecordsService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async listForCustomer(
    customerId: string,
    query: { page: number; pageSize: number; applicable?: boolean },
  ): Promise<BillingRecordPage> {
    const offset = (query.page - 1) * query.pageSize;
    const [page] = await this.dataSource.query<RecordPage[]>(
      BILLING_RECORD_PAGE[applicableFilter(query.applicable)],
      [customerId, query.pageSize, offset],
    );
    const rows = page.records ?? [];
    let total = rows.length > 0 ? Number(page.total) : 0;
    if (rows.length === 0 && offset > 0) {
      // Past the last page the window count is not there; count separately (rare).
      const [counted]: { total: number | string }[] = await this.dataSource.query(
        `SELECT count(*) AS total FROM orders o LEFT JOIN payment_records p ON p.order_id = o.id
          WHERE o.customer_id = $1 ${APPLICABLE_FILTERS[applicableFilter(query.applicable)]}`,
        [customerId],
      );
      total = Number(counted.total);
    }
    return { items: rows.map(toBillingRecord), page: query.page, pageSize: query.pageSize, total };
  }

  /** One of the customer's billing records; another customer's order is "not found". */
  async getForCustomer(customerId: string, orderNumber: string): Promise<BillingRecordDetail> {
    const [row]: (RecordRow & { items: OrderItem[] })[] = await this.dataSource.query(
      `SELECT ${RECORD_COLUMNS}, o.items
         FROM orders o LEFT JOIN payment_records p ON p.order_id = o.id
        WHERE o.order_number = $1 AND o.customer_id = $2`,
      [orderNumber, customerId],
    );
    if (!row) throw OrdersException.orderNotFound(orderNumber);
    return { ...toBillingRecord(row), items: row.items };
  }

  /** The bill an application is for; 404 ORDER_NOT_FOUND unless it is this customer's order. */
  async getBillForCustomer(customerId: string, orderNumber: string): Promise<Bill> {
    const [row] = await this.dataSource.query<BillRow[]>(CUSTOMER_BILL, [orderNumber, customerId]);
    if (!row) throw OrdersException.orderNotFound(orderNumber);
    return toBill(row);
  }

  /**
   * The bill of an order as one JSON value inside a caller's statement, so that the fapiao module
   * reads an application and its bill in one round trip (confirmation); `orderId` is an SQL
   * expression of the caller's; `billFromJson` makes the value a Bill.
   */
  billJson(orderId: string): string {
    return `(SELECT row_to_json(b) FROM (SELECT ${BILL_COLUMNS} ${BILL_FROM}
                                          WHERE o.id = ${orderId}) b)`;
  }

  /** The Bill of a `billJson` value; 404 ORDER_NOT_FOUND when the order is not there. */
  billFromJson(json: BillRow | null, orderNumber: string): Bill {
    if (!json) throw OrdersException.orderNotFound(orderNumber);
    return toBill(json);
  }

  /**
   * The customer's bill while it can be applied for (payment synced, no application holding it),
   * as an SQL FROM item aliased `bill` with the columns `order_id`, `order_number` and
   * `amount_fen`, for a caller that writes an application in one statement
   * (`INSERT … SELECT … FROM <this>`): the write happens only when the bill allows it.
   * `orderNumber` and `customerId` are placeholders of the caller's statement. When the FROM item
   * is empty, `getBillForCustomer` tells why.
   */
  applicableBill(orderNumber: string, customerId: string): string {
    return `(SELECT o.id AS order_id, o.order_number, o.amount_fen
               FROM orders o JOIN payment_records p ON p.order_id = o.id
              WHERE o.order_number = ${orderNumber} AND o.customer_id = ${customerId}
                AND ${APPLICABLE_SQL}) bill`;
  }

  /**
   * The UPDATE that records application statuses on their orders, for a caller that writes it
   * into its own statement as a data-modifying CTE (the fapiao module's one-statement moves, and
   * the out-of-use job's set-based ones).
   * `changes` is a FROM item aliased `c` with the columns `order_id`, `application_id` and
   * `status`, each order at most once; the UPDATE returns the ids of the orders it changed.
   *
   * The order row shows the application that matters for the bill: the same application moves
   * on; a new application replaces one that no longer holds the bill (a draft, cancelled or
   * rejected one), unless the newcomer itself is cancelled or rejected (a stale draft going away
   * must not hide the live one).
   */
  applicationStatusUpdate(changes: string): string {
    return `UPDATE orders o SET fapiao_application_id = c.application_id, fapiao_status = c.status
              FROM ${changes}
             WHERE o.id = c.order_id
               AND (o.fapiao_application_id IS NULL
                    OR o.fapiao_application_id = c.application_id
                    OR (o.fapiao_status IN (${NON_HOLDING_SQL})
                        AND c.status NOT IN ('cancelled', 'rejected')))
            RETURNING o.id`;
  }
}

function toBillingRecord(row: RecordRow): BillingRecord {
  const paymentSynced = row.synced_at !== null;
  return {
    orderNumber: row.order_number,
    amountFen: Number(row.amount_fen),
    currency: row.currency,
    orderedAt: row.ordered_at,
    paymentSynced,
    ...(paymentSynced
      ? { paymentSyncedAt: row.synced_at!, payerName: row.payer_name!, paidAt: row.paid_at! }
      : {}),
    applicable: isBillApplicable(paymentSynced, row.fapiao_status),
    fapiaoStatus: row.fapiao_status,
    ...(row.fapiao_application_id ? { applicationId: row.fapiao_application_id } : {}),
  };
}
