import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import {
  FINAL_STATUSES,
  SUPPORT_REQUEST_STATUSES,
  SupportRequestStatus,
} from './support-request-status';

/** The statuses of a request support still has to work on (not resolved, not rejected). */
export const OPEN_SUPPORT_REQUEST_STATUSES = SUPPORT_REQUEST_STATUSES.filter(
  (status) => !FINAL_STATUSES.includes(status),
);

export interface OpenSupportRequestCounts {
  total: number;
  /** Each open status, zero when there is none. */
  byStatus: Partial<Record<SupportRequestStatus, number>>;
}

/** Counts of support requests for the back office's dashboard. */
@Injectable()
export class SupportRequestStatistics {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Open requests by status; `manager` lets the caller read them in its own transaction. */
  async countOpenRequests(
    manager: EntityManager = this.dataSource.manager,
  ): Promise<OpenSupportRequestCounts> {
    const rows = await manager.query<{ status: SupportRequestStatus; count: number }[]>(
      `SELECT status, count(*)::int AS count FROM support_requests
        WHERE status = ANY($1) GROUP BY status`,
      [OPEN_SUPPORT_REQUEST_STATUSES],
    );
    const byStatus: Partial<Record<SupportRequestStatus, number>> = Object.fromEntries(
      OPEN_SUPPORT_REQUEST_STATUSES.map((status) => [status, 0]),
    );
    for (const row of rows) byStatus[row.status] = row.count;
    return { total: rows.reduce((sum, row) => sum + row.count, 0), byStatus };
  }
}
