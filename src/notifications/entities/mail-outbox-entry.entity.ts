import { BaseEntity, Check, Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export const MAIL_STATUSES = ['pending', 'sending', 'sent', 'failed'] as const;
export type MailStatus = (typeof MAIL_STATUSES)[number];

/** Constraint names code relies on (unique violations, claim query plans). */
export const MAIL_OUTBOX_DEDUPE_KEY_UNIQUE = 'uq_mail_outbox_dedupe_key';

/**
 * One mail in the transactional outbox. Written by `NotificationsService.enqueue` in the caller's
 * transaction with its template, locale and context (checked by rendering it once, but only the
 * subject is kept), rendered again by the dispatcher when it sends, and moved along
 * pending → sending → sent, or back to pending with a later `nextAttemptAt`, or to failed.
 * Extends BaseEntity because the back office shows it as an AdminJS resource.
 */
@Entity('mail_outbox')
@Index(MAIL_OUTBOX_DEDUPE_KEY_UNIQUE, ['dedupeKey'], { unique: true })
// The two halves of the claim query: due pending rows, and sending rows whose lease expired.
@Index('ix_mail_outbox_pending_due', ['nextAttemptAt'], { where: `"status" = 'pending'` })
@Index('ix_mail_outbox_sending_lease', ['lockedUntil'], { where: `"status" = 'sending'` })
// The back office lists failed mails, newest first.
@Index('ix_mail_outbox_failed', ['createdAt'], { where: `"status" = 'failed'` })
@Check('ck_mail_outbox_status', `"status" IN ('pending', 'sending', 'sent', 'failed')`)
@Check('ck_mail_outbox_attempts', `"attempts" >= 0`)
export class MailOutboxEntry extends BaseEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** The caller's name for the event this mail reports; a second enqueue with it is a no-op. */
  @Column({ type: 'varchar', length: 200 })
  dedupeKey: string;

  @Column({ type: 'varchar', length: 320 })
  recipient: string;

  @Column({ type: 'varchar', length: 8 })
  locale: string;

  @Column({ type: 'varchar', length: 64 })
  template: string;

  @Column({ type: 'varchar', length: 500 })
  subject: string;

  /**
   * What the template is rendered from. Emptied (`{}`) once the mail is sent: it holds live
   * single-use links (activation, reset), which the database otherwise keeps only hashed.
   */
  @Column({ type: 'jsonb' })
  context: Record<string, unknown>;

  /**
   * Rendered bodies of a mail enqueued before the outbox stored contexts (migration
   * MailOutboxContext), sent as they are; NULL for every newer mail, and cleared once sent.
   */
  @Column({ type: 'text', nullable: true })
  legacyHtmlBody: string | null;

  @Column({ type: 'text', nullable: true })
  legacyTextBody: string | null;

  @Column({ type: 'varchar', length: 16, default: 'pending' })
  status: MailStatus;

  /** Delivery attempts started so far; also identifies the current claim (see MailDispatcher). */
  @Column({ type: 'integer', default: 0 })
  attempts: number;

  @Column({ type: 'timestamptz' })
  nextAttemptAt: Date;

  /** While `sending`: the claim's lease; after it another dispatcher may take the row over. */
  @Column({ type: 'timestamptz', nullable: true })
  lockedUntil: Date | null;

  @Column({ type: 'text', nullable: true })
  lastError: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  sentAt: Date | null;

  @Column({ type: 'timestamptz' })
  createdAt: Date;
}
