import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Clock } from '../common/time/clock';
import { type FailedMail, MailOutboxRepository } from './mail-outbox.repository';
import { NotificationsErrorCode, NotificationsException } from './notifications.exception';

export type { FailedMail } from './mail-outbox.repository';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const MAX_PAGE_SIZE = 200;

/** For the back office: which mails could not be delivered, and sending one again. */
@Injectable()
export class FailedMailsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly outbox: MailOutboxRepository,
  ) {}

  /** Newest first. */
  async listFailedMails({ limit = 50, offset = 0 } = {}): Promise<FailedMail[]> {
    return this.outbox.findFailed({
      limit: Math.min(Math.max(1, limit), MAX_PAGE_SIZE),
      offset: Math.max(0, offset),
    });
  }

  /** `manager` lets the caller count in its own transaction (e.g. the dashboard's snapshot). */
  async countFailedMails(manager: EntityManager = this.dataSource.manager): Promise<number> {
    return this.outbox.countFailed(manager);
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
    if (await this.outbox.requeueFailed(manager, id, this.clock.now())) return;
    const status = await this.outbox.findStatus(manager, id);
    if (!status) throw notFound;
    throw new NotificationsException(
      NotificationsErrorCode.MAIL_NOT_FAILED,
      `Mail ${id} is ${status}, not failed; only a failed mail can be retried.`,
    );
  }
}
