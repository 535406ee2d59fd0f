import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { type NamedStatement, queryNamed } from '../../database/named-statement';
import { isoUtcInstant, jsonObject } from '../../database/sql-json';
import type { OrderItem } from '../entities/order.entity';
import { NON_HOLDING_APPLICATION_STATUSES } from './bill';
import { BILL_COLUMNS, BILL_FROM, type BillRow } from './bill-row';

/** An application's status as its bill records it. */
export interface ApplicationStatusChange {
  orderId: string;
  applicationId: string;
  status: string;
}

/** A billing record as read: instants as ISO 8601 UTC strings, made by PostgreSQL. */
export interface RecordRow {
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

const NON_HOLDING_SQL = NON_HOLDING_APPLICATION_STATUSES.map((s) => `'${s}'`).join(', ');

/** "Can be applied for"; `o` is orders, `p` the LEFT JOINed payment record. */
const APPLICABLE_SQL = `(p.id IS NOT NULL AND (o.fapiao_status IS NULL OR o.fapiao_status IN (${NON_HOLDING_SQL})))`;

/** A billing record's SQL, by the key it has in `RecordRow`. */
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

const APPLICABLE_FILTERS = {
  all: '',
  applicable: `AND ${APPLICABLE_SQL}`,
  notApplicable: `AND NOT ${APPLICABLE_SQL}`,
} as const;

function filterName(applicable: boolean | undefined): keyof typeof APPLICABLE_FILTERS {
  if (applicable === undefined) return 'all';
  return applicable ? 'applicable' : 'notApplicable';
}

function applicableFilter(applicable: boolean | undefined): string {
  return APPLICABLE_FILTERS[filterName(applicable)];
}

/**
 * A page of the customer's records as one row of JSON (one parser instead of one per column and
 * row), with the total; named, as every billing-records page runs it.
 */
const RECORD_PAGE = Object.fromEntries(
  Object.entries(APPLICABLE_FILTERS).map(([name, filter]) => [
    name,
    {
      name: `billing_record_page_${name}`,
      text: `SELECT json_agg(page.record ORDER BY page.ordered_at DESC, page.id DESC) AS records,
                    max(page.total) AS total
               FROM (SELECT ${jsonObject(RECORD_FIELDS)} AS record, count(*) OVER () AS total,
                            o.ordered_at, o.id
                       FROM orders o LEFT JOIN payment_records p ON p.order_id = o.id
                      WHERE o.customer_id = $1 ${filter}
                      ORDER BY o.ordered_at DESC, o.id DESC
                      LIMIT $2 OFFSET $3) page`,
    },
  ]),
) as Record<keyof typeof APPLICABLE_FILTERS, NamedStatement>;

/**
 * Which application the order row shows: the same application moves on; a new one replaces one
 * that no longer holds the bill, unless the newcomer is itself cancelled or rejected (a stale
 * draft going away must not hide the live one). `c` is the change.
 */
const SHOWS_CHANGED_APPLICATION = `(o.fapiao_application_id IS NULL
   OR o.fapiao_application_id = c.application_id
   OR (o.fapiao_status IN (${NON_HOLDING_SQL}) AND c.status NOT IN ('cancelled', 'rejected')))`;

/** The orders module's reads and writes of `orders` and `payment_records` as bills. */
@Injectable()
export class BillingRecordsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** One page of the customer's records, newest first, and the total count. */
  async findRecordPage(
    customerId: string,
    page: { limit: number; offset: number; applicable?: boolean },
  ): Promise<{ rows: RecordRow[]; total: number }> {
    const filter = applicableFilter(page.applicable);
    const [found] = await queryNamed<{
      records: RecordRow[] | null;
      total: number | string | null;
    }>(this.dataSource.manager, RECORD_PAGE[filterName(page.applicable)], [
      customerId,
      page.limit,
      page.offset,
    ]);
    const rows = found.records ?? [];
    if (rows.length > 0 || page.offset === 0) return { rows, total: Number(found.total ?? 0) };
    // Past the last page the window count is not there.
    const [counted] = await this.dataSource.query<{ total: number | string }[]>(
      `SELECT count(*) AS total FROM orders o LEFT JOIN payment_records p ON p.order_id = o.id
        WHERE o.customer_id = $1 ${filter}`,
      [customerId],
    );
    return { rows, total: Number(counted.total) };
  }

  async findCustomerRecord(
    customerId: string,
    orderNumber: string,
  ): Promise<(RecordRow & { items: OrderItem[] }) | undefined> {
    const [row] = await this.dataSource.query<(RecordRow & { items: OrderItem[] })[]>(
      `SELECT ${RECORD_COLUMNS}, o.items
         FROM orders o LEFT JOIN payment_records p ON p.order_id = o.id
        WHERE o.order_number = $1 AND o.customer_id = $2`,
      [orderNumber, customerId],
    );
    return row;
  }

  async findCustomerBill(
    manager: EntityManager,
    customerId: string,
    orderNumber: string,
  ): Promise<BillRow | undefined> {
    const [row] = await manager.query<BillRow[]>(
      `SELECT ${BILL_COLUMNS} ${BILL_FROM} WHERE o.order_number = $1 AND o.customer_id = $2`,
      [orderNumber, customerId],
    );
    return row;
  }

  async findBillOfOrder(manager: EntityManager, orderId: string): Promise<BillRow | undefined> {
    const [row] = await manager.query<BillRow[]>(
      `SELECT ${BILL_COLUMNS} ${BILL_FROM} WHERE o.id = $1`,
      [orderId],
    );
    return row;
  }

  /**
   * Records a new draft on its bill while the bill can be applied for (payment synced, no
   * application holding it); false when it cannot (any more).
   */
  async claimForDraft(
    manager: EntityManager,
    orderId: string,
    applicationId: string,
  ): Promise<boolean> {
    const [, affected] = await manager.query<[unknown[], number]>(
      `UPDATE orders o SET fapiao_application_id = $2, fapiao_status = 'draft'
        WHERE o.id = $1
          AND EXISTS (SELECT 1 FROM payment_records p WHERE p.order_id = o.id)
          AND (o.fapiao_status IS NULL OR o.fapiao_status IN (${NON_HOLDING_SQL}))`,
      [orderId, applicationId],
    );
    return affected > 0;
  }

  /** Set-based: each order at most once in `changes`. */
  async recordApplicationStatuses(
    manager: EntityManager,
    changes: readonly ApplicationStatusChange[],
  ): Promise<void> {
    if (changes.length === 0) return;
    await manager.query(
      `UPDATE orders o SET fapiao_application_id = c.application_id, fapiao_status = c.status
         FROM jsonb_to_recordset($1::jsonb) AS c(order_id uuid, application_id uuid, status varchar)
        WHERE o.id = c.order_id AND ${SHOWS_CHANGED_APPLICATION}`,
      [
        JSON.stringify(
          changes.map((c) => ({
            order_id: c.orderId,
            application_id: c.applicationId,
            status: c.status,
          })),
        ),
      ],
    );
  }
}
