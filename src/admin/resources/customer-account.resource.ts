import type { ResourceWithOptions } from 'adminjs' with { 'resolution-mode': 'import' };
import type { AccountsService } from '../../auth/customer/accounts.service';
import { CustomerAccount } from '../../auth/customer/entities/customer-account.entity';
import { StaffRole } from '../../auth/staff/staff-role';
import { roleGuardedActions } from '../admin-access';
import { FormActionDeps, formAction } from '../actions/form-action';
import { stripParams } from './strip-params';

export const CUSTOMER_ACCOUNTS_RESOURCE = 'customer_accounts';

/** Never sent to the browser (the hash is not even selected; this is the second lock). */
const HIDDEN = ['passwordHash', 'tokenVersion'] as const;

/**
 * Customers' logins, for support: find an account by email (e.g. a customer who forgot which
 * email they used), send the activation link again, disable an account (revokes its tokens).
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
        ...Object.fromEntries(HIDDEN.map((name) => [name, { isVisible: false }])),
      },
      listProperties: ['email', 'status', 'locale', 'lastLoginAt', 'createdAt'],
      filterProperties: ['email', 'status', 'customerId', 'createdAt'],
      showProperties: [
        'id',
        'email',
        'status',
        'customerId',
        'locale',
        'activatedAt',
        'lastLoginAt',
        'createdAt',
        'updatedAt',
      ],
      sort: { sortBy: 'createdAt', direction: 'desc' },
      actions: roleGuardedActions(
        CUSTOMER_ACCOUNTS_RESOURCE,
        { read: [StaffRole.SUPPORT] },
        {
          list: hide,
          show: hide,
          search: hide,
          resendActivation: {
            ...formAction(deps, {
              actionType: 'record',
              roles: [StaffRole.SUPPORT],
              auditAction: 'customer_account.resend_activation',
              icon: 'Mail',
              isAvailable: (params) => params.status === 'pending',
              run: async ({ recordId }) => {
                await deps.accounts.resendActivation(recordId!);
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
                await deps.accounts.disableAccount(recordId!);
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
