import type { Locale } from '../../common/locale';

/** What the fapiao module needs to know about a bill (an order) it applies against. */
export interface Bill {
  orderId: string;
  orderNumber: string;
  customerId: string;
  amountFen: number;
  currency: 'CNY';
  orderedAt: Date;
  /** Null until the payment platform has pushed the payment record (about three days). */
  payment: {
    paymentReference: string;
    payerName: string;
    amountFen: number;
    paidAt: Date;
    syncedAt: Date;
  } | null;
  /** Status of the application the bill's record shows (null when never applied for). */
  applicationStatus: string | null;
}

/** The order as registration sees it. */
export interface OrderSummary {
  id: string;
  orderNumber: string;
  customerId: string;
  contactEmail: string;
  locale: Locale;
}

/**
 * Application statuses that do NOT hold a bill: while the bill's application is in one of these
 * (or there is none), a paid bill can be applied for. Every other status (submitted, processing,
 * on_hold, issued, mailed_out, ready_for_pickup, picked_up, ...) holds it.
 */
export const NON_HOLDING_APPLICATION_STATUSES = ['draft', 'cancelled', 'rejected'] as const;

export function applicationHoldsBill(status: string | null): boolean {
  return (
    status !== null && !(NON_HOLDING_APPLICATION_STATUSES as readonly string[]).includes(status)
  );
}

/** A bill can be applied for once its payment has synced and no application holds it. */
export function isBillApplicable(paymentSynced: boolean, fapiaoStatus: string | null): boolean {
  return paymentSynced && !applicationHoldsBill(fapiaoStatus);
}
