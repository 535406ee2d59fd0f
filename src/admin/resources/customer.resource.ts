import type { ResourceWithOptions } from 'adminjs' with { 'resolution-mode': 'import' };
import { StaffRole } from '../../auth/staff/staff-role';
import { Customer } from '../../orders/entities/customer.entity';
import { roleGuardedActions } from '../admin-access';

export const CUSTOMERS_RESOURCE = 'customers';

/** The payment platform's customers (tenants) that orders belong to: read-only. */
export function customerResource(): ResourceWithOptions {
  return {
    resource: Customer,
    options: {
      id: CUSTOMERS_RESOURCE,
      navigation: { name: 'orders', icon: 'ShoppingCart' },
      properties: { name: { isTitle: true } },
      actions: roleGuardedActions(CUSTOMERS_RESOURCE, {
        read: [StaffRole.SERVICE_CENTER, StaffRole.SUPPORT],
      }),
    },
  };
}
