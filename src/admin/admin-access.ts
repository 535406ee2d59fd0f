import type { ActionContext, CurrentAdmin } from 'adminjs' with { 'resolution-mode': 'import' };
import { StaffRole } from '../auth/staff/staff-role';

export interface StaffAdmin extends CurrentAdmin {
  id: string;
  email: string;
  role: StaffRole;
}

/**
 * `isAccessible` for an action: true only for the given roles (admins always). AdminJS checks it
 * on the server for every request to the action, so it protects, unlike `isVisible`.
 */
export function allowRoles(...roles: StaffRole[]) {
  return ({ currentAdmin }: Pick<ActionContext, 'currentAdmin'>): boolean => {
    const role = (currentAdmin as StaffAdmin | undefined)?.role;
    return role === StaffRole.ADMIN || (role !== undefined && roles.includes(role));
  };
}

export const nobody = (): boolean => false;
