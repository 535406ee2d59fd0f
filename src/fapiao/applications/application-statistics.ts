import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { toBusinessDate } from '../../common/time/business-date';
import { APPLICATION_STATUSES, ApplicationStatus } from './application-status';

/**
 * The statuses in which an application waits for the service centre: its due date counts, so it
 * is overdue once the due date (Asia/Shanghai) has passed.
 */
export const AWAITING_SERVICE_STATUSES: readonly ApplicationStatus[] = ['submitted', 'processing'];

export interface ApplicationCounts {
  /** Every status, zero when there is none. */
  byStatus: Record<ApplicationStatus, number>;
  /** Waiting for the service centre with a due date before today. */
  overdue: number;
  /** Waiting for the service centre and due today. */
  dueToday: number;
  onHold: number;
}

interface CountRow {
  status: ApplicationStatus;
  count: number;
  overdue: number;
  due_today: number;
}

/** Counts of applications for the back office's dashboard. */
@Injectable()
export class ApplicationStatistics {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * By status, overdue, due today and on hold, in one pass over the table. `manager` lets the
   * caller read them in its own (e.g. repeatable-read) transaction, together with other counts.
   */
  async countApplications(
    now: Date,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<ApplicationCounts> {
    const rows = await manager.query<CountRow[]>(
      `SELECT status, count(*)::int AS count,
              count(*) FILTER (WHERE status = ANY($2) AND due_date < $1::date)::int AS overdue,
              count(*) FILTER (WHERE status = ANY($2) AND due_date = $1::date)::int AS due_today
         FROM fapiao_applications GROUP BY status`,
      [toBusinessDate(now), AWAITING_SERVICE_STATUSES],
    );
    const byStatus = Object.fromEntries(APPLICATION_STATUSES.map((s) => [s, 0])) as Record<
      ApplicationStatus,
      number
    >;
    for (const row of rows) byStatus[row.status] = row.count;
    return {
      byStatus,
      overdue: rows.reduce((sum, row) => sum + row.overdue, 0),
      dueToday: rows.reduce((sum, row) => sum + row.due_today, 0),
      onHold: byStatus.on_hold,
    };
  }
}
