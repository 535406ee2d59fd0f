import { createHash } from 'node:crypto';
import type { Locale } from '../../common/locale';
import type { PushedOrderDto } from '../dto/pushed-order.dto';
import type { PushedPaymentDto } from '../dto/pushed-payment.dto';

/**
 * Fingerprints of a push's meaning, not of its bytes: key order, whitespace and the way an
 * instant is written ("…T10:00:00+08:00" vs "…T02:00:00Z") do not make a replay a conflict.
 */
export function orderPushHash(push: PushedOrderDto, locale: Locale): string {
  return sha256([
    'order/v1',
    push.orderNumber,
    push.customer.externalId,
    push.customer.name,
    push.contactEmail,
    push.amountFen,
    push.currency,
    push.items.map((item) => [item.description, item.amountFen]),
    new Date(push.orderedAt).toISOString(),
    locale,
  ]);
}

export function paymentPushHash(push: PushedPaymentDto): string {
  return sha256([
    'payment/v1',
    push.orderNumber,
    push.paymentReference,
    push.payerName,
    push.amountFen,
    new Date(push.paidAt).toISOString(),
  ]);
}

function sha256(fields: unknown[]): string {
  return createHash('sha256').update(JSON.stringify(fields)).digest('hex');
}
