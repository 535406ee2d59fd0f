import type { ResourceWithOptions } from 'adminjs' with { 'resolution-mode': 'import' };
import { StaffRole } from '../../auth/staff/staff-role';
import { Order } from '../../orders/entities/order.entity';
import { roleGuardedActions } from '../admin-access';

export const ORDERS_RESOURCE = 'orders';

/** Bills pushed by the payment platform: read-only (they change only through its pushes). */
export function orderResource(): ResourceWithOptions {
  return {
    resource: Order,
    options: {
      id: ORDERS_RESOURCE,
      navigation: { name: 'orders', icon: 'ShoppingCart' },
      properties: {
        orderNumber: { isTitle: true },
        customerId: { reference: 'customers' },
        // Not a secret, but internal: the push's fingerprint.
        pushHash: { isVisible: false },
        items: { isVisible: { list: false, filter: false, show: true, edit: false } },
      },
      listProperties: ['orderNumber', 'contactEmail', 'amountFen', 'orderedAt', 'fapiaoStatus'],
      filterProperties: ['orderNumber', 'contactEmail', 'customerId', 'orderedAt', 'fapiaoStatus'],
      sort: { sortBy: 'orderedAt', direction: 'desc' },
      actions: roleGuardedActions(ORDERS_RESOURCE, {
        read: [StaffRole.SERVICE_CENTER, StaffRole.SUPPORT],
      }),
    },
  };
}
