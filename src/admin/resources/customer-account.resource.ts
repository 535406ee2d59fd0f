import type { ResourceWithOptions } from 'adminjs' with { 'resolution-mode': 'import' };
import { Raw } from 'typeorm';
import type { AccountsService } from '../../auth/customer/accounts.service';
import { CustomerAccount } from '../../auth/customer/entities/customer-account.entity';
import { StaffRole } from '../../auth/staff/staff-role';
import { roleGuardedActions } from '../admin-access';
import { FormActionDeps, formAction } from '../actions/form-action';
import { stripParams } from './strip-params';
import { listWithVirtualFilters, VirtualFilter } from './virtual-filters';

export const CUSTOMER_ACCOUNTS_RESOURCE = 'customer_accounts';

/** Never sent to the browser (the hash is not even selected; this is the second lock). */
const HIDDEN = ['passwordHash', 'tokenVersion'] as const;

/** Longest order number the orders table holds (varchar(64)); longer input matches nothing. */
const ORDER_NUMBER_MAX = 64;

/**
 * `filters.orderNumber`: the accounts of the customer (company) that placed this order
 * (orders.order_number → orders.customer_id → customer_accounts.customer_id); an unknown number
 * matches none. Exact match on the unique order number, so it uses its index.
 */
const byOrderNumber: VirtualFilter = {
  name: 'orderNumber',
  toCondition: (value) =>
    value && value.length <= ORDER_NUMBER_MAX
      ? Raw(
          (id) =>
            `${id} IN (SELECT ca.id FROM customer_accounts ca
                         JOIN orders o ON o.customer_id = ca.customer_id
                        WHERE o.order_number = :accountOrderNumber)`,
          { accountOrderNumber: value },
        )
      : null,
};

/**
 * Customers' logins, for support: find an account by email or by one of the customer's order
 * numbers (e.g. a customer who forgot which email they used), send the activation link again, disable an account (revokes its tokens).
 * No password editing: customers reset their own.
 */
export function customerAccountResource(
  deps: FormActionDeps & { accounts: AccountsService },
): ResourceWithOptions {
  const hide = { after: stripParams(HIDDEN) };
  return {
    resource: CustomerAccount,
    options: {
      id: CUSTOMER_ACCOUNTS_RESOURCE,
      navigation: { name: 'customerCare', icon: 'Users' },
      properties: {
        email: { isTitle: true },
        orderNumber: {
          type: 'string',
          isVisible: { list: false, show: false, edit: false, filter: true },
        },
        ...Object.fromEntries(HIDDEN.map((name) => [name, { isVisible: false }])),
      },
      listProperties: ['email', 'status', 'locale', 'lastLoginAt', 'reportedAt', 'createdAt'],
      filterProperties: ['email', 'orderNumber', 'status', 'customerId', 'reportedAt', 'createdAt'],
      showProperties: [
        'id',
        'email',
        'status',
        'customerId',
        'locale',
        'activatedAt',
        'lastLoginAt',
        'reportedAt',
        'createdAt',
        'updatedAt',
      ],
      sort: { sortBy: 'createdAt', direction: 'desc' },
      actions: roleGuardedActions(
        CUSTOMER_ACCOUNTS_RESOURCE,
        { read: [StaffRole.SUPPORT] },
        {
          list: { handler: listWithVirtualFilters([byOrderNumber]), ...hide },
          show: hide,
          search: hide,
          resendActivation: {
            ...formAction(deps, {
              actionType: 'record',
              roles: [StaffRole.SUPPORT],
              auditAction: 'customer_account.resend_activation',
              icon: 'Mail',
              isAvailable: (params) => params.status === 'pending',
              // In the action's transaction: the link is sent only if the audit entry is written.
              run: async ({ recordId, manager }) => {
                await deps.accounts.resendActivation(recordId!, manager);
                return { after: { activationMail: 'sent' }, message: 'activationResent' };
              },
            }),
            ...hide,
          },
          disableAccount: {
            ...formAction(deps, {
              actionType: 'record',
              roles: [StaffRole.SUPPORT],
              auditAction: 'customer_account.disable',
              icon: 'UserX',
              variant: 'danger',
              isAvailable: (params) => params.status === 'pending' || params.status === 'active',
              run: async ({ recordId, manager }) => {
                const before = await manager.findOneBy(CustomerAccount, { id: recordId! });
                await deps.accounts.disableAccount(recordId!, manager);
                return {
                  before: before ? { status: before.status } : null,
                  after: { status: 'disabled' },
                  message: 'customerAccountDisabled',
                };
              },
            }),
            ...hide,
          },
        },
      ),
    },
  };
}
