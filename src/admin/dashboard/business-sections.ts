import { StaffRole } from '../../auth/staff/staff-role';
import { toBusinessDate } from '../../common/time/business-date';
import { APPLICATION_STATUSES } from '../../fapiao/applications/application-status';
import { MailOutboxEntry } from '../../notifications/entities/mail-outbox-entry.entity';
import type { DashboardMetric, DashboardProvider } from './dashboard-providers';

const APPLICATIONS_LIST = '/admin/resources/applications';
/** The statuses that wait for the service centre (their due date counts). */
const WAITING = ['submitted', 'processing'];
/** Statuses worth a card; drafts and finished ones are left out. */
const SHOWN_STATUSES = ['submitted', 'processing', 'on_hold', 'issued', 'ready_for_pickup'];

/**
 * Applications: counts by status, overdue, due today, on hold (read from the table the applications
 * resource shows; the fapiao module has no counting service yet).
 */
export const applicationsSection: DashboardProvider = async ({ manager, now }) => {
  const today = toBusinessDate(now);
  const byStatus = await manager.query<{ status: string; count: number }[]>(
    'SELECT status, count(*)::int AS count FROM fapiao_applications GROUP BY status',
  );
  const [dueCounts] = await manager.query<{ overdue: number; dueToday: number }[]>(
    `SELECT count(*) FILTER (WHERE due_date < $1::date)::int AS "overdue",
            count(*) FILTER (WHERE due_date = $1::date)::int AS "dueToday"
       FROM fapiao_applications WHERE status = ANY($2)`,
    [today, WAITING],
  );
  const count = (status: string) => byStatus.find((r) => r.status === status)?.count ?? 0;
  const overdue = dueCounts?.overdue ?? 0;
  const dueToday = dueCounts?.dueToday ?? 0;
  const metrics: DashboardMetric[] = [
    { key: 'overdue', value: overdue, tone: overdue ? 'danger' : 'default' },
    { key: 'dueToday', value: dueToday, tone: dueToday ? 'warning' : 'default' },
    ...SHOWN_STATUSES.filter((s) => (APPLICATION_STATUSES as readonly string[]).includes(s)).map(
      (status): DashboardMetric => ({
        key: `status_${status}`,
        value: count(status),
        tone: status === 'on_hold' && count(status) ? 'warning' : 'default',
        href: `${APPLICATIONS_LIST}?filters.status=${status}`,
      }),
    ),
  ];
  return { key: 'applications', metrics };
};

/** Mail: failed deliveries in the outbox (admins, who may retry them). */
export const mailSection: DashboardProvider = async ({ manager, admin }) => {
  if (admin.role !== StaffRole.ADMIN) return null;
  const failed = await manager.count(MailOutboxEntry, { where: { status: 'failed' } });
  return {
    key: 'mail',
    metrics: [
      {
        key: 'failedMails',
        value: failed,
        tone: failed ? 'danger' : 'default',
        href: '/admin/resources/mail_outbox?filters.status=failed',
      },
    ],
  };
};
