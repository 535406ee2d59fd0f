import { BaseEntity, Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * One thing a staff member did in the back office (or tried to: failed logins are here too).
 * Append-only: a trigger refuses UPDATE, DELETE and TRUNCATE (see the AuditLog migration).
 */
@Entity('audit_log')
// Used as an AdminJS resource, which needs BaseEntity.
@Index('idx_audit_log_at', ['at'])
@Index('idx_audit_log_record', ['resource', 'recordId'])
// The login throttle counts recent failures per email and per IP address.
@Index('idx_audit_log_staff_email_action_at', ['staffEmail', 'action', 'at'])
@Index('idx_audit_log_ip_action_at', ['ip', 'action', 'at'])
export class AuditLogEntry extends BaseEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** Null when nobody is known (a failed login for an unknown email). */
  @Column({ type: 'uuid', nullable: true })
  staffId: string | null;

  /** As typed at login, or the staff member's email at the time; kept if the account changes. */
  @Column({ type: 'varchar', length: 254, nullable: true })
  staffEmail: string | null;

  /** Dotted verb, e.g. `staff.login`, `staff.login_failed`, `staff.disable`, `application.issue`. */
  @Column({ type: 'varchar', length: 64 })
  action: string;

  /** The AdminJS resource id (table) the action concerned, if any. */
  @Column({ type: 'varchar', length: 64, nullable: true })
  resource: string | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  recordId: string | null;

  /** The record's relevant fields before and after; secrets are stripped before writing. */
  @Column({ type: 'jsonb', nullable: true })
  before: Record<string, unknown> | null;

  @Column({ type: 'jsonb', nullable: true })
  after: Record<string, unknown> | null;

  @Column({ type: 'varchar', length: 45, nullable: true })
  ip: string | null;

  /** What the entry concerned as people name it: the order number, fapiao numbers, an email. */
  @Column({ type: 'varchar', length: 200, nullable: true })
  subject: string | null;

  /** The browser the action came from (its User-Agent header). */
  @Column({ type: 'varchar', length: 512, nullable: true })
  userAgent: string | null;

  @Column({ type: 'timestamptz' })
  at: Date;
}
