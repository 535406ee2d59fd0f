import { StaffRole } from '../../auth/staff/staff-role';
import type { DashboardProvider } from './dashboard-providers';

/**
 * A warning for admins from 1 October while next year's holiday arrangement is not official
 * (fapiao module's WorkingDaysService): due dates in it count only the statutory holidays.
 */
export const calendarSection: DashboardProvider = async ({ now, admin, sources }) => {
  if (admin.role !== StaffRole.ADMIN) return null;
  const year = await sources.calendar.missingNextYear(now);
  if (year === null) return null;
  return {
    key: 'calendar',
    metrics: [
      {
        key: 'calendarNotOfficial',
        value: year,
        tone: 'danger',
        href: '/admin/resources/calendar_years',
      },
    ],
  };
};
