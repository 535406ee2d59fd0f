import type { EntityManager } from 'typeorm';
import type { ApplicationStatistics } from '../../fapiao/applications/application-statistics';
import type { WorkingDaysService } from '../../fapiao/calendar/working-days.service';
import type { SupportRequestStatistics } from '../../fapiao/support/support-request-statistics';
import type { FailedMailsService } from '../../notifications/failed-mails.service';
import { StaffRole } from '../../auth/staff/staff-role';
import { StaffAdmin } from '../admin-access';
import { LOGIN_AUDIT_ACTIONS } from '../login/staff-login.service';
import { applicationsSection, mailSection, supportSection } from './business-sections';
import { calendarSection } from './calendar-section';

export type MetricTone = 'default' | 'warning' | 'danger';

export interface DashboardMetric {
  /** Translation key under `components.Dashboard.metrics` (e.g. `overdue`). */
  key: string;
  value: number;
  tone?: MetricTone;
  /** Where clicking the metric leads, e.g. a filtered list (`/admin/resources/…?filters.status=…`). */
  href?: string;
}

export interface DashboardSection {
  /** Translation key under `components.Dashboard.sections`. */
  key: string;
  metrics: DashboardMetric[];
}

/** The owning modules' counting services; providers pass them `manager` (one snapshot). */
export interface DashboardSources {
  applications: ApplicationStatistics;
  supportRequests: SupportRequestStatistics;
  failedMails: FailedMailsService;
  calendar: WorkingDaysService;
}

export interface DashboardQuery {
  manager: EntityManager;
  now: Date;
  admin: StaffAdmin;
  sources: DashboardSources;
}

/** One part of the dashboard; returns null when it has nothing to show (or not for this role). */
export type DashboardProvider = (query: DashboardQuery) => Promise<DashboardSection | null>;

const DAY_MS = 24 * 3600 * 1000;

/** Staff and login activity, from what the back office itself owns: for admins only. */
export const backOfficeSection: DashboardProvider = async ({ manager, now, admin }) => {
  if (admin.role !== StaffRole.ADMIN) return null;
  const [row] = await manager.query<
    { active_staff: number; failed_logins: number; blocked_logins: number }[]
  >(
    `SELECT
       (SELECT count(*)::int FROM staff_users WHERE active) AS active_staff,
       (SELECT count(*)::int FROM audit_log WHERE action = $2 AND at > $1) AS failed_logins,
       (SELECT count(*)::int FROM audit_log WHERE action = $3 AND at > $1) AS blocked_logins`,
    [new Date(now.getTime() - DAY_MS), LOGIN_AUDIT_ACTIONS.failed, LOGIN_AUDIT_ACTIONS.blocked],
  );
  return {
    key: 'backOffice',
    metrics: [
      { key: 'activeStaff', value: row.active_staff },
      {
        key: 'failedLogins24h',
        value: row.failed_logins,
        tone: row.failed_logins ? 'warning' : 'default',
      },
      {
        key: 'blockedLogins24h',
        value: row.blocked_logins,
        tone: row.blocked_logins ? 'danger' : 'default',
      },
    ],
  };
};

/** The dashboard, top to bottom. */
export const DASHBOARD_PROVIDERS: DashboardProvider[] = [
  calendarSection,
  applicationsSection,
  supportSection,
  mailSection,
  backOfficeSection,
];
