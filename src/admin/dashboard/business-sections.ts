import { StaffRole } from '../../auth/staff/staff-role';
import type { ApplicationStatus } from '../../fapiao/applications/application-status';
import { OPEN_SUPPORT_REQUEST_STATUSES } from '../../fapiao/support/support-request-statistics';
import type { DashboardMetric, DashboardProvider } from './dashboard-providers';

const APPLICATIONS_LIST = '/admin/resources/applications';
/** The support-requests resource (`support_requests`, support-request.resource.ts). */
const SUPPORT_REQUESTS_LIST = '/admin/resources/support_requests';
/** Statuses worth a card; drafts and finished ones are left out. On hold has its own card. */
const SHOWN_STATUSES: ApplicationStatus[] = [
  'submitted',
  'processing',
  'issued',
  'ready_for_pickup',
];

/** Who sees the support requests: support, and the service centre, which reissues for them. */
const SUPPORT_REQUEST_READERS = [StaffRole.ADMIN, StaffRole.SUPPORT, StaffRole.SERVICE_CENTER];

const warnIf = (value: number, tone: 'warning' | 'danger' = 'warning') =>
  value ? tone : 'default';

/**
 * Applications (fapiao module's ApplicationStatistics): overdue, due today, on hold and counts by
 * status, each leading to the list filtered the same way (overdue and due today are virtual
 * filters of the applications resource).
 */
export const applicationsSection: DashboardProvider = async ({ manager, now, sources }) => {
  const counts = await sources.applications.countApplications(now, manager);
  const metrics: DashboardMetric[] = [
    {
      key: 'overdue',
      value: counts.overdue,
      tone: warnIf(counts.overdue, 'danger'),
      href: `${APPLICATIONS_LIST}?filters.overdue=true`,
    },
    {
      key: 'dueToday',
      value: counts.dueToday,
      tone: warnIf(counts.dueToday),
      href: `${APPLICATIONS_LIST}?filters.dueToday=true`,
    },
    {
      key: 'status_on_hold',
      value: counts.onHold,
      tone: warnIf(counts.onHold),
      href: `${APPLICATIONS_LIST}?filters.status=on_hold`,
    },
    ...SHOWN_STATUSES.map((status): DashboardMetric => ({
      key: `status_${status}`,
      value: counts.byStatus[status],
      href: `${APPLICATIONS_LIST}?filters.status=${status}`,
    })),
  ];
  return { key: 'applications', metrics };
};

/** Support requests not resolved or rejected yet (fapiao module's SupportRequestStatistics). */
export const supportSection: DashboardProvider = async ({ manager, admin, sources }) => {
  if (!SUPPORT_REQUEST_READERS.includes(admin.role)) return null;
  const open = await sources.supportRequests.countOpenRequests(manager);
  return {
    key: 'support',
    metrics: [
      {
        key: 'openSupportRequests',
        value: open.total,
        tone: warnIf(open.total),
        href: SUPPORT_REQUESTS_LIST,
      },
      ...OPEN_SUPPORT_REQUEST_STATUSES.map((status): DashboardMetric => ({
        key: `support_${status}`,
        value: open.byStatus[status] ?? 0,
        href: `${SUPPORT_REQUESTS_LIST}?filters.status=${status}`,
      })),
    ],
  };
};

/** Mail: failed deliveries in the outbox (admins, who may retry them). */
export const mailSection: DashboardProvider = async ({ manager, admin, sources }) => {
  if (admin.role !== StaffRole.ADMIN) return null;
  const failed = await sources.failedMails.countFailedMails(manager);
  return {
    key: 'mail',
    metrics: [
      {
        key: 'failedMails',
        value: failed,
        tone: warnIf(failed, 'danger'),
        href: '/admin/resources/mail_outbox?filters.status=failed',
      },
    ],
  };
};
