import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Clock } from '../common/time/clock';
import { NotificationsErrorCode, NotificationsException } from './notifications.exception';

export interface FailedMail {
  id: string;
  recipient: string;
  template: string;
  subject: string;
  attempts: number;
  lastError: string | null;
  createdAt: Date;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const MAX_PAGE_SIZE = 200;

/** For the back office: which mails could not be delivered, and sending one again. */
@Injectable()
export class FailedMailsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  /** Newest first. */
  async listFailedMails({ limit = 50, offset = 0 } = {}): Promise<FailedMail[]> {
    const rows = await this.dataSource.query<FailedMail[]>(
      `SELECT id, recipient, template, subject, attempts, last_error AS "lastError",
              created_at AS "createdAt"
         FROM mail_outbox WHERE status = 'failed'
        ORDER BY created_at DESC, id LIMIT $1 OFFSET $2`,
      [Math.min(Math.max(1, limit), MAX_PAGE_SIZE), Math.max(0, offset)],
    );
    return rows;
  }

  /** `manager` lets the caller count in its own transaction (e.g. the dashboard's snapshot). */
  async countFailedMails(manager: EntityManager = this.dataSource.manager): Promise<number> {
    const [{ count }] = await manager.query<{ count: number }[]>(
      `SELECT count(*)::int AS count FROM mail_outbox WHERE status = 'failed'`,
    );
    return count;
  }

  /**
   * Puts a failed mail back in the queue with a fresh set of attempts (e.g. after the customer
   * corrected a typo'd mailbox or the SMTP configuration was fixed). Only a failed mail: a sent
   * one is never sent twice this way. `manager`: the caller's transaction (the back office's
   * audited action), whose connection this must use.
   */
  async retryFailedMail(
    id: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<void> {
    const notFound = new NotificationsException(
      NotificationsErrorCode.MAIL_NOT_FOUND,
      `There is no mail with id ${id}.`,
    );
    if (!UUID.test(id)) throw notFound;
    const [rows] = await manager.query<[{ id: string }[], number]>(
      `UPDATE mail_outbox
          SET status = 'pending', attempts = 0, next_attempt_at = $2, locked_until = NULL
        WHERE id = $1 AND status = 'failed'
       RETURNING id`,
      [id, this.clock.now()],
    );
    if (rows.length > 0) return;
    const [current] = await manager.query<{ status: string }[]>(
      'SELECT status FROM mail_outbox WHERE id = $1',
      [id],
    );
    if (!current) throw notFound;
    throw new NotificationsException(
      NotificationsErrorCode.MAIL_NOT_FAILED,
      `Mail ${id} is ${current.status}, not failed; only a failed mail can be retried.`,
    );
  }
}
