import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { ScheduledJob } from '../../common/jobs/scheduled-job.decorator';
import type { Locale } from '../../common/locale';
import { Clock } from '../../common/time/clock';
import { BillingRecordsService } from '../../orders/billing-records/billing-records.service';
import { ApplicationMails } from '../applications/application-mails';
import { SQL_STATUS_LIST } from '../applications/application-status';
import { TRANSITIONS } from '../applications/application-transitions';
import { defaultRemarks } from '../applications/default-remarks';
import { PERIOD_ACTIVE_AT } from './out-of-use.service';

/** pg_try_advisory_xact_lock key: one run at a time across every instance. */
const OUT_OF_USE_LOCK_KEY = 7_301_202_606;

export interface OutOfUseRunResult {
  /** False when another instance was running it (this run did nothing). */
  ran: boolean;
  held: number;
  released: number;
}

/** An application a set-based move changed, for its bill. */
interface MovedRow {
  id: string;
  order_id: string;
  status: string;
}

interface HeldRow extends MovedRow {
  order_number: string;
  contact_email: string;
  locale: Locale;
  period_id: string;
  expected_issue_date: string;
  notice: string;
}

const HOLDABLE = SQL_STATUS_LIST(TRANSITIONS.putOnHold.from);

/**
 * Applies out-of-use periods to applications, set-based, in one transaction under an advisory
 * lock (exactly one instance at a time; idempotent):
 * - applications held by a period that is no longer active go back to `processing`
 *   (the `release` edge);
 * - while a period is active, `submitted`/`processing` applications go `on_hold` with its
 *   expected issue date (the `putOnHold` edge), and each customer is mailed once per period.
 * Each is one statement with its history, then the bills' statuses (orders module); both move
 * only applications that hold their bill, so each order appears once.
 */
@Injectable()
export class OutOfUseJob {
  private readonly logger = new Logger('OutOfUseJob');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly billingRecords: BillingRecordsService,
    private readonly mails: ApplicationMails,
  ) {}

  @ScheduledJob({ name: 'out-of-use', cron: '0 * * * * *' })
  async tick(): Promise<void> {
    const result = await this.run();
    if (result.held || result.released) {
      this.logger.log(`Out-of-use: ${result.held} put on hold, ${result.released} released`);
    }
  }

  async run(): Promise<OutOfUseRunResult> {
    return this.dataSource.transaction(async (manager) => {
      const [{ locked }]: { locked: boolean }[] = await manager.query(
        'SELECT pg_try_advisory_xact_lock($1) AS locked',
        [OUT_OF_USE_LOCK_KEY],
      );
      if (!locked) return { ran: false, held: 0, released: 0 };
      const now = this.clock.now();
      const released = await this.releaseEnded(manager, now);
      const held = await this.holdWaiting(manager, now);
      return { ran: true, held, released };
    });
  }

  private async releaseEnded(manager: EntityManager, now: Date): Promise<number> {
    const rows: MovedRow[] = await manager.query(
      `WITH released AS (
         UPDATE fapiao_applications a
            SET status = '${TRANSITIONS.release.to}', version = a.version + 1, updated_at = $1,
                expected_issue_date = NULL, on_hold_period_id = NULL
          WHERE a.status = 'on_hold' AND a.on_hold_period_id IS NOT NULL
            AND NOT EXISTS (SELECT 1 FROM out_of_use_periods p
                             WHERE p.id = a.on_hold_period_id AND ${PERIOD_ACTIVE_AT('p', '$1')})
          RETURNING a.id, a.order_id, a.status, a.locale
       ), history AS (
         INSERT INTO application_history (application_id, from_status, to_status, actor_type, remark, at)
         SELECT id, 'on_hold', '${TRANSITIONS.release.to}', 'system',
                CASE locale WHEN 'en' THEN $2 ELSE $3 END, $1
           FROM released
       )
       SELECT id, order_id, status FROM released`,
      [now, defaultRemarks.released('en'), defaultRemarks.released('zh-CN')],
    );
    await this.recordBillStatuses(manager, rows);
    return rows.length;
  }

  private async holdWaiting(manager: EntityManager, now: Date): Promise<number> {
    const rows: HeldRow[] = await manager.query(
      `WITH period AS (
         SELECT p.id, p.expected_issue_date, p.notice_zh, p.notice_en
           FROM out_of_use_periods p
          WHERE ${PERIOD_ACTIVE_AT('p', '$1')}
          ORDER BY p.expected_issue_date DESC, p.starts_at
          LIMIT 1
       ), waiting AS (
         SELECT a.id, a.status AS from_status
           FROM fapiao_applications a
          WHERE a.status IN (${HOLDABLE}) AND EXISTS (SELECT 1 FROM period)
          FOR UPDATE OF a
       ), held AS (
         UPDATE fapiao_applications a
            SET status = '${TRANSITIONS.putOnHold.to}', version = a.version + 1, updated_at = $1,
                expected_issue_date = period.expected_issue_date, on_hold_period_id = period.id
           FROM period, waiting w
          WHERE a.id = w.id AND a.status = w.from_status
          RETURNING a.id, a.order_id, a.status, a.order_number, a.contact_email, a.locale,
                    w.from_status,
                    period.id AS period_id,
                    to_char(period.expected_issue_date, 'YYYY-MM-DD') AS expected_issue_date,
                    CASE a.locale WHEN 'en' THEN period.notice_en ELSE period.notice_zh END AS notice
       ), history AS (
         INSERT INTO application_history (application_id, from_status, to_status, actor_type, remark, at)
         SELECT id, from_status, '${TRANSITIONS.putOnHold.to}', 'system', notice, $1 FROM held
       )
       SELECT id, order_id, status, order_number, contact_email, locale, period_id,
              expected_issue_date, notice
         FROM held`,
      [now],
    );
    await this.recordBillStatuses(manager, rows);
    await this.mails.onHoldMany(
      manager,
      rows.map((row) => ({
        app: {
          id: row.id,
          orderNumber: row.order_number,
          contactEmail: row.contact_email,
          locale: row.locale,
        },
        holdKey: row.period_id,
        expectedIssueDate: row.expected_issue_date,
        notice: row.notice,
      })),
    );
    return rows.length;
  }

  private recordBillStatuses(manager: EntityManager, rows: MovedRow[]): Promise<void> {
    return this.billingRecords.recordApplicationStatuses(
      manager,
      rows.map((row) => ({ orderId: row.order_id, applicationId: row.id, status: row.status })),
    );
  }
}
