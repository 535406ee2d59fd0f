import type { ResourceWithOptions } from 'adminjs' with { 'resolution-mode': 'import' };
import { StaffRole } from '../../auth/staff/staff-role';
import { PaymentRecord } from '../../orders/entities/payment-record.entity';
import { roleGuardedActions } from '../admin-access';

export const PAYMENTS_RESOURCE = 'payments';

/** Payments pushed by the payment platform: read-only. */
export function paymentRecordResource(): ResourceWithOptions {
  return {
    resource: PaymentRecord,
    options: {
      id: PAYMENTS_RESOURCE,
      navigation: { name: 'orders', icon: 'ShoppingCart' },
      properties: {
        paymentReference: { isTitle: true },
        orderId: { reference: 'orders' },
        pushHash: { isVisible: false },
      },
      listProperties: ['paymentReference', 'orderId', 'payerName', 'amountFen', 'paidAt'],
      filterProperties: ['paymentReference', 'orderId', 'payerName', 'paidAt'],
      sort: { sortBy: 'paidAt', direction: 'desc' },
      actions: roleGuardedActions(PAYMENTS_RESOURCE, {
        read: [StaffRole.SERVICE_CENTER, StaffRole.SUPPORT],
      }),
    },
  };
}
