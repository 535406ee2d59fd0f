import type { ResourceWithOptions } from 'adminjs' with { 'resolution-mode': 'import' };
import { StaffUser } from '../../auth/staff/staff-user.entity';
import { allowRoles, nobody } from '../admin-access';

/** Staff accounts: visible to admins only; password hashes are never shown. */
export function staffUserResource(): ResourceWithOptions {
  const adminsOnly = allowRoles();
  return {
    resource: StaffUser,
    options: {
      id: 'staff_users',
      navigation: { name: 'Administration', icon: 'Settings' },
      properties: {
        passwordHash: { isVisible: false },
        id: { isVisible: { list: false, show: true, edit: false, filter: false } },
      },
      listProperties: ['email', 'displayName', 'role', 'active', 'lastLoginAt'],
      actions: {
        list: { isAccessible: adminsOnly },
        show: { isAccessible: adminsOnly },
        search: { isAccessible: adminsOnly },
        new: { isAccessible: nobody },
        edit: { isAccessible: nobody },
        delete: { isAccessible: nobody },
        bulkDelete: { isAccessible: nobody },
      },
    },
  };
}
