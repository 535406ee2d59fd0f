import type { Action, ActionContext, ActionResponse, CurrentAdmin } from 'adminjs' with {
  'resolution-mode': 'import',
};
import { StaffRole } from '../auth/staff/staff-role';

export interface StaffAdmin extends CurrentAdmin {
  id: string;
  email: string;
  role: StaffRole;
}

type AccessCheck = (context: ActionContext) => boolean;

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

/** AdminJS's generic actions; every resource says who may use each (unlisted means nobody). */
export const BUILT_IN_ACTIONS = [
  'list',
  'show',
  'search',
  'new',
  'edit',
  'delete',
  'bulkDelete',
] as const;
export type BuiltInAction = (typeof BUILT_IN_ACTIONS)[number];

export interface RoleAccess {
  /** Who may list, show and search (admins always may). */
  read: readonly StaffRole[];
  /**
   * Who may use the generic, raw create/edit/delete forms. Leave out for business records:
   * those change only through their custom actions, which call the owning module's services.
   */
  raw?: Partial<Record<'new' | 'edit' | 'delete', readonly StaffRole[]>>;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type ActionOptions = Partial<Action<ActionResponse>> & { isAccessible?: any };

/**
 * The complete `actions` option of a resource: every built-in action guarded by role (raw
 * writes off unless granted) plus the resource's custom actions, each of which must bring its
 * own `isAccessible` (checked here, at start-up, so a forgotten guard fails loudly). Entries
 * named like a built-in action add options (e.g. hooks) to it and keep its guard.
 */
export function roleGuardedActions(
  resourceId: string,
  access: RoleAccess,
  custom: Record<string, ActionOptions> = {},
): Record<string, ActionOptions> {
  const readers = allowRoles(...access.read);
  const raw = (name: 'new' | 'edit' | 'delete') => {
    const roles = access.raw?.[name];
    return roles ? allowRoles(...roles) : nobody;
  };
  const builtIns: Record<BuiltInAction, ActionOptions> = {
    list: { isAccessible: readers },
    show: { isAccessible: readers },
    search: { isAccessible: readers },
    new: { isAccessible: raw('new') },
    edit: { isAccessible: raw('edit') },
    delete: { isAccessible: raw('delete') },
    bulkDelete: { isAccessible: raw('delete') },
  };
  for (const [name, action] of Object.entries(custom)) {
    const builtIn = (BUILT_IN_ACTIONS as readonly string[]).includes(name);
    if (!builtIn && typeof action.isAccessible !== 'function') {
      throw new Error(
        `Back office: action "${name}" of "${resourceId}" has no isAccessible by role`,
      );
    }
  }
  const merged: Record<string, ActionOptions> = { ...builtIns };
  for (const [name, action] of Object.entries(custom)) {
    merged[name] = { ...merged[name], ...action };
  }
  return merged;
}

/** Combines a role check with a further condition (e.g. the record's state). */
export function allOf(...checks: AccessCheck[]): AccessCheck {
  return (context) => checks.every((check) => check(context));
}
