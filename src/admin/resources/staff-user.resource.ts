import type { ResourceWithOptions } from 'adminjs' with { 'resolution-mode': 'import' };
import type { EntityManager } from 'typeorm';
import { StaffRole } from '../../auth/staff/staff-role';
import { StaffUser } from '../../auth/staff/staff-user.entity';
import { roleGuardedActions } from '../admin-access';
import { formAction } from '../actions/form-action';
import { AdminResourceDeps } from './admin-resource-deps';

export const STAFF_USERS_RESOURCE = 'staff_users';

const ROLE_OPTIONS = Object.values(StaffRole).map((role) => ({
  value: role,
  label: `role.${role}`,
}));

/** Signs the staff member out everywhere: their back-office sessions are deleted. */
function endSessionsOf(manager: EntityManager, staffId: string): Promise<unknown> {
  return manager.query(`DELETE FROM admin_sessions WHERE sess -> 'adminUser' ->> 'id' = $1`, [
    staffId,
  ]);
}

/**
 * Staff accounts: admins only. Created, re-passworded, disabled and enabled through actions
 * (audited); the generic create/edit/delete forms are off, and password hashes are never shown.
 */
export function staffUserResource(deps: AdminResourceDeps): ResourceWithOptions {
  const { staffManagement } = deps;
  return {
    resource: StaffUser,
    options: {
      id: STAFF_USERS_RESOURCE,
      navigation: { name: 'administration', icon: 'Settings' },
      properties: {
        // `select: false` keeps it out of queries too; hidden here in case a query adds it.
        passwordHash: { isVisible: false },
        totpSecretEncrypted: { isVisible: false },
        totpLastTimeStep: { isVisible: false },
        recoveryCodeHashes: { isVisible: false },
        id: { isVisible: { list: false, show: true, edit: false, filter: false } },
        displayName: { isTitle: true },
      },
      listProperties: ['email', 'displayName', 'role', 'active', 'totpEnrolledAt', 'lastLoginAt'],
      showProperties: [
        'id',
        'email',
        'displayName',
        'role',
        'active',
        'lastLoginAt',
        'totpEnrolledAt',
        'createdAt',
        'updatedAt',
      ],
      filterProperties: ['email', 'displayName', 'role', 'active'],
      sort: { sortBy: 'email', direction: 'asc' },
      actions: roleGuardedActions(
        STAFF_USERS_RESOURCE,
        { read: [] },
        {
          createStaff: formAction(deps, {
            actionType: 'resource',
            roles: [],
            auditAction: 'staff.create',
            icon: 'UserPlus',
            fields: [
              { name: 'email', type: 'email', required: true },
              { name: 'displayName', required: true },
              { name: 'role', type: 'select', required: true, options: ROLE_OPTIONS },
              { name: 'password', type: 'password', required: true },
            ],
            run: async ({ manager, payload }) => {
              const created = await staffManagement.createStaff(manager, {
                email: payload.email,
                displayName: payload.displayName,
                role: payload.role as StaffRole,
                password: payload.password,
              });
              return {
                recordId: created.id,
                before: null,
                after: created,
                message: 'staffCreated',
              };
            },
          }),
          setPassword: formAction(deps, {
            actionType: 'record',
            roles: [],
            auditAction: 'staff.set_password',
            icon: 'Key',
            fields: [{ name: 'password', type: 'password', required: true }],
            run: async ({ manager, payload, recordId }) => {
              const staff = await staffManagement.setPassword(manager, recordId!, payload.password);
              // The audit log notes that the password changed, never the password or its hash.
              return {
                after: { email: staff.email, changed: 'password' },
                message: 'staffPasswordSet',
              };
            },
          }),
          disableStaff: formAction(deps, {
            actionType: 'record',
            roles: [],
            auditAction: 'staff.disable',
            icon: 'UserX',
            variant: 'danger',
            isAvailable: (params) => params.active === true,
            run: async ({ manager, recordId, admin }) => {
              const { before, after } = await staffManagement.setActive(
                manager,
                recordId!,
                false,
                admin.id,
              );
              // A disabled account must not keep working through a session opened before.
              await endSessionsOf(manager, recordId!);
              return { before, after, message: 'staffDisabled' };
            },
          }),
          resetTwoFactor: formAction(deps, {
            actionType: 'record',
            roles: [],
            auditAction: 'staff.reset_two_factor',
            icon: 'Smartphone',
            variant: 'danger',
            isAvailable: (params) => params.totpEnrolledAt != null,
            run: async ({ manager, recordId, admin }) => {
              const reset = await staffManagement.resetTwoFactor(manager, recordId!, admin.id);
              // Signed in with the old device: the next sign-in must enrol the new one.
              await endSessionsOf(manager, recordId!);
              return {
                before: { email: reset.email, twoFactorSetUpAt: reset.enrolledAt },
                after: { email: reset.email, twoFactorSetUpAt: null },
                message: 'staffTwoFactorReset',
              };
            },
          }),
          enableStaff: formAction(deps, {
            actionType: 'record',
            roles: [],
            auditAction: 'staff.enable',
            icon: 'UserCheck',
            isAvailable: (params) => params.active === false,
            run: async ({ manager, recordId, admin }) => {
              const { before, after } = await staffManagement.setActive(
                manager,
                recordId!,
                true,
                admin.id,
              );
              return { before, after, message: 'staffEnabled' };
            },
          }),
        },
      ),
    },
  };
}
