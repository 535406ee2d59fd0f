import type { ResourceWithOptions } from 'adminjs' with { 'resolution-mode': 'import' };
import { StaffRole } from '../../auth/staff/staff-role';
import { CalendarOverride } from '../../fapiao/calendar/calendar-override.entity';
import { roleGuardedActions } from '../admin-access';
import { FormActionDeps } from '../actions/form-action';
import { auditedRawWrite } from './audited-raw-writes';

export const CALENDAR_OVERRIDES_RESOURCE = 'calendar_overrides';

/** Days set by hand as working days or days off (holidays, 调休): admins create and edit. */
export function calendarOverrideResource(deps: FormActionDeps): ResourceWithOptions {
  return {
    resource: CalendarOverride,
    options: {
      id: CALENDAR_OVERRIDES_RESOURCE,
      navigation: { name: 'administration', icon: 'Settings' },
      properties: { date: { isTitle: true } },
      listProperties: ['date', 'working', 'note', 'updatedAt'],
      sort: { sortBy: 'date', direction: 'desc' },
      actions: roleGuardedActions(
        CALENDAR_OVERRIDES_RESOURCE,
        { read: [StaffRole.SERVICE_CENTER, StaffRole.SUPPORT], raw: { new: [], edit: [] } },
        {
          new: { after: auditedRawWrite(deps, 'calendar_override.create') },
          edit: { after: auditedRawWrite(deps, 'calendar_override.edit') },
        },
      ),
    },
  };
}
