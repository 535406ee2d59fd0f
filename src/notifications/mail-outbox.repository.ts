import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { Locale } from '../common/locale';
import { MailOutboxEntry } from './entities/mail-outbox-entry.entity';
import type { MailTemplateName } from './mail-catalogue';

/** An outbox row as `insertPending` sends it: keys are the columns of `jsonb_to_recordset`. */
export interface PendingMailRow {
  dedupe_key: string;
  recipient: string;
  locale: Locale;
  template: MailTemplateName;
  subject: string;
  context: Record<string, unknown>;
}

/** A mail claimed for sending. */
export interface ClaimedMail {
  id: string;
  recipient: string;
  subject: string;
  template: string;
  locale: string;
  context: Record<string, unknown>;
  legacy_html_body: string | null;
  legacy_text_body: string | null;
  attempts: number;
}

/** A claimed mail that was not sent: back to pending (with its next attempt) or failed. */
export interface UnsentMail {
  id: string;
  attempts: number;
  status: 'pending' | 'failed';
  nextAttemptAt: Date | null;
  error: string;
}

export interface FailedMail {
  id: string;
  recipient: string;
  template: string;
  subject: string;
  attempts: number;
  lastError: string | null;
  createdAt: Date;
}

/**
 * The notifications module's reads and writes of `mail_outbox`. Claims and outcomes are
 * set-based SQL (`FOR UPDATE SKIP LOCKED` under a lease); outcomes only touch rows still
 * claimed by the same attempt.
 */
@Injectable()
export class MailOutboxRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Pending rows in the caller's transaction, in the order given, as ONE json parameter (pg
   * escapes text[] parameters element by element); a known dedupe key inserts nothing.
   */
  async insertPending(
    manager: EntityManager,
    rows: readonly PendingMailRow[],
    at: Date,
  ): Promise<number> {
    const [{ inserted }] = await manager.query<{ inserted: number }[]>(
      `WITH inserted AS (
         INSERT INTO mail_outbox (dedupe_key, recipient, locale, template, subject, context, status,
                                  attempts, next_attempt_at, created_at)
         SELECT m.dedupe_key, m.recipient, m.locale, m.template, m.subject, m.context, 'pending', 0,
                $2, $2
           FROM jsonb_to_recordset($1::jsonb) AS m(dedupe_key varchar, recipient varchar,
                                                   locale varchar, template varchar,
                                                   subject varchar, context jsonb)
         ON CONFLICT (dedupe_key) DO NOTHING
         RETURNING id)
       SELECT count(*)::int AS inserted FROM inserted`,
      [JSON.stringify(rows), at],
    );
    return inserted;
  }

  /** Due mails (and claims whose lease ran out) marked `sending` until `leaseUntil`. */
  async claimDue(claim: {
    now: Date;
    leaseUntil: Date;
    limit: number;
    maxAttempts: number;
  }): Promise<ClaimedMail[]> {
    const [rows] = await this.dataSource.query<[ClaimedMail[], number]>(
      `UPDATE mail_outbox m
          SET status = 'sending', attempts = m.attempts + 1, locked_until = $2
        WHERE m.id IN (
                SELECT id FROM mail_outbox
                 WHERE (status = 'pending' AND next_attempt_at <= $1)
                    OR (status = 'sending' AND locked_until < $1 AND attempts < $4)
                 ORDER BY next_attempt_at
                 LIMIT $3
                   FOR UPDATE SKIP LOCKED)
       RETURNING m.id, m.recipient, m.subject, m.template, m.locale, m.context,
                 m.legacy_html_body, m.legacy_text_body, m.attempts`,
      [claim.now, claim.leaseUntil, claim.limit, claim.maxAttempts],
    );
    return rows;
  }

  /** Claims whose lease ran out on their last attempt: failed. */
  async failAbandonedClaims(now: Date, maxAttempts: number): Promise<number> {
    const [, count] = await this.dataSource.query<[unknown, number]>(
      `UPDATE mail_outbox
          SET status = 'failed', locked_until = NULL,
              last_error = 'Gave up after ' || attempts || ' attempts: the last one did not finish before its lease expired'
        WHERE status = 'sending' AND locked_until < $1 AND attempts >= $2`,
      [now, maxAttempts],
    );
    return count;
  }

  /** Sent: the context and bodies are dropped (they may hold personal data). */
  async markSent(sentAt: Date, claims: readonly { id: string; attempts: number }[]): Promise<void> {
    if (claims.length === 0) return;
    await this.dataSource.query(
      `UPDATE mail_outbox m
          SET status = 'sent', sent_at = $1, locked_until = NULL, context = '{}',
              legacy_html_body = NULL, legacy_text_body = NULL
         FROM unnest($2::uuid[], $3::int[]) AS claim(id, attempts)
        WHERE m.id = claim.id AND m.attempts = claim.attempts AND m.status = 'sending'`,
      [sentAt, claims.map((c) => c.id), claims.map((c) => c.attempts)],
    );
  }

  async recordUnsent(unsent: readonly UnsentMail[]): Promise<void> {
    if (unsent.length === 0) return;
    await this.dataSource.query(
      `UPDATE mail_outbox m
          SET status = claim.status, locked_until = NULL, last_error = claim.error,
              next_attempt_at = coalesce(claim.next_attempt_at, m.next_attempt_at)
         FROM unnest($1::uuid[], $2::int[], $3::text[], $4::timestamptz[], $5::text[])
                AS claim(id, attempts, status, next_attempt_at, error)
        WHERE m.id = claim.id AND m.attempts = claim.attempts AND m.status = 'sending'`,
      [
        unsent.map((u) => u.id),
        unsent.map((u) => u.attempts),
        unsent.map((u) => u.status),
        unsent.map((u) => u.nextAttemptAt),
        unsent.map((u) => u.error),
      ],
    );
  }

  /** Failed mails, newest first. */
  async findFailed(page: { limit: number; offset: number }): Promise<FailedMail[]> {
    const rows = await this.dataSource.manager.find(MailOutboxEntry, {
      select: {
        id: true,
        recipient: true,
        template: true,
        subject: true,
        attempts: true,
        lastError: true,
        createdAt: true,
      },
      where: { status: 'failed' },
      order: { createdAt: 'DESC', id: 'ASC' },
      take: page.limit,
      skip: page.offset,
    });
    return rows.map(({ id, recipient, template, subject, attempts, lastError, createdAt }) => ({
      id,
      recipient,
      template,
      subject,
      attempts,
      lastError,
      createdAt,
    }));
  }

  countFailed(manager: EntityManager = this.dataSource.manager): Promise<number> {
    return manager.count(MailOutboxEntry, { where: { status: 'failed' } });
  }

  /** A failed mail back in the queue with fresh attempts; false when it is not failed. */
  async requeueFailed(manager: EntityManager, id: string, at: Date): Promise<boolean> {
    const result = await manager
      .createQueryBuilder()
      .update(MailOutboxEntry)
      .set({ status: 'pending', attempts: 0, nextAttemptAt: at, lockedUntil: null })
      .where('id = :id AND status = :status', { id, status: 'failed' })
      .execute();
    return (result.affected ?? 0) > 0;
  }

  async findStatus(manager: EntityManager, id: string): Promise<string | null> {
    const mail = await manager.findOne(MailOutboxEntry, {
      select: { id: true, status: true },
      where: { id },
    });
    return mail?.status ?? null;
  }
}
