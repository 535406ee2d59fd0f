import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ScheduledJob } from '../../common/jobs/scheduled-job.decorator';
import type { Locale } from '../../common/locale';
import { Clock } from '../../common/time/clock';
import { NotificationsService } from '../../notifications/notifications.service';
import { SupportRequestMails } from '../support/support-request-mails';
import { formatRequestNumber } from '../support/support-request-status';
import { formMessages } from './red-letter-messages';

/** pg_try_advisory_xact_lock key: one run at a time across every instance. */
const RED_LETTER_LAPSE_LOCK_KEY = 7_301_202_640;

interface LapsedRow {
  id: string;
  support_request_id: string;
  original_number: string;
  amount_fen: string;
  deadline_at: Date;
  sequence: string;
  order_number: string;
  contact_email: string;
  locale: Locale;
}

/**
 * Lapses red-letter forms the buyer did not confirm within 72 hours, set-based in one
 * transaction under an advisory lock: a guarded UPDATE (still waiting, deadline passed on the
 * Clock), the history entries in the same statement, and one mail per form (dedupe key), so a
 * second run or instance changes nothing.
 */
@Injectable()
export class RedLetterLapseJob {
  private readonly logger = new Logger('RedLetterLapseJob');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly notifications: NotificationsService,
    private readonly requestMails: SupportRequestMails,
  ) {}

  @ScheduledJob({ name: 'red-letter-lapse', cron: '0 * * * * *' })
  async tick(): Promise<void> {
    const { lapsed } = await this.run();
    if (lapsed > 0) this.logger.log(`Red-letter forms lapsed: ${lapsed}`);
  }

  async run(): Promise<{ ran: boolean; lapsed: number }> {
    return this.dataSource.transaction(async (manager) => {
      const [{ locked }]: { locked: boolean }[] = await manager.query(
        'SELECT pg_try_advisory_xact_lock($1) AS locked',
        [RED_LETTER_LAPSE_LOCK_KEY],
      );
      if (!locked) return { ran: false, lapsed: 0 };
      const now = this.clock.now();
      const rows: LapsedRow[] = await manager.query(
        `WITH lapsed AS (
           UPDATE red_letter_forms SET status = 'lapsed', updated_at = $1
            WHERE status = 'waiting_for_buyer' AND deadline_at <= $1
            RETURNING id, support_request_id, original_number, amount_fen, deadline_at
         )
         SELECT l.*, r.sequence, r.order_number, r.contact_email, r.locale
           FROM lapsed l JOIN support_requests r ON r.id = l.support_request_id`,
        [now],
      );
      if (rows.length === 0) return { ran: true, lapsed: 0 };
      // One statement for every entry, each message in its customer's language.
      await manager.query(
        `INSERT INTO red_letter_form_history (form_id, from_status, to_status, actor_type, message, at)
         SELECT f, 'waiting_for_buyer', 'lapsed', 'system', m, $3
           FROM unnest($1::uuid[], $2::text[]) AS x(f, m)`,
        [
          rows.map((r) => r.id),
          rows.map((r) => formMessages(r.locale).lapsed(r.original_number)),
          now,
        ],
      );
      for (const row of rows) {
        await this.notifications.enqueue(manager, {
          to: row.contact_email,
          template: 'red-letter-form-lapsed',
          locale: row.locale,
          context: {
            requestNumber: formatRequestNumber(row.sequence),
            orderNumber: row.order_number,
            requestUrl: this.requestMails.requestUrl(row.support_request_id),
            originalNumber: row.original_number,
            amountFen: Number(row.amount_fen),
            deadlineAt: new Date(row.deadline_at).toISOString(),
          },
          dedupeKey: `red-letter-form:${row.id}:lapsed`,
        });
      }
      return { ran: true, lapsed: rows.length };
    });
  }
}
