import type { Bill } from './bill';

/** A bill's columns: `o` is orders, `p` the LEFT JOINed payment record (BILL_FROM). */
export const BILL_COLUMNS = `o.id, o.order_number, o.customer_id, o.amount_fen, o.ordered_at,
  o.fapiao_status, p.payment_reference, p.payer_name, p.amount_fen AS payment_amount_fen,
  p.paid_at, p.synced_at`;

export const BILL_FROM = 'FROM orders o LEFT JOIN payment_records p ON p.order_id = o.id';

/** As node-postgres gives it (instants as Date), or as row_to_json does (instants as text). */
export interface BillRow {
  id: string;
  order_number: string;
  customer_id: string;
  amount_fen: number | string;
  ordered_at: Date | string;
  fapiao_status: string | null;
  payment_reference: string | null;
  payer_name: string | null;
  payment_amount_fen: number | string | null;
  paid_at: Date | string | null;
  synced_at: Date | string | null;
}

export function toBill(row: BillRow): Bill {
  return {
    orderId: row.id,
    orderNumber: row.order_number,
    customerId: row.customer_id,
    amountFen: Number(row.amount_fen),
    currency: 'CNY',
    orderedAt: new Date(row.ordered_at),
    payment:
      row.payment_reference === null
        ? null
        : {
            paymentReference: row.payment_reference,
            payerName: row.payer_name!,
            amountFen: Number(row.payment_amount_fen),
            paidAt: new Date(row.paid_at!),
            syncedAt: new Date(row.synced_at!),
          },
    applicationStatus: row.fapiao_status,
  };
}
