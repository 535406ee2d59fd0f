import {
  BaseEntity,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import type { Locale } from '../../../common/locale';
import { AccountStatus } from './account-status';

export const UQ_CUSTOMER_ACCOUNTS_EMAIL = 'uq_customer_accounts_email_live';

/** A customer's login: linked to the orders module's customer (tenant) through an order number. */
@Entity('customer_accounts')
// Released (expired) registrations keep their row but no longer hold the email.
@Index(UQ_CUSTOMER_ACCOUNTS_EMAIL, ['email'], { unique: true, where: `"status" <> 'expired'` })
@Index('idx_customer_accounts_customer', ['customerId'])
// The activation-expiry job scans only pending accounts.
@Index('idx_customer_accounts_pending', ['id'], { where: `"status" = 'pending'` })
// Activation closes the other pending registrations of the same order.
@Index('idx_customer_accounts_pending_order', ['registrationOrderId'], {
  where: `"status" = 'pending'`,
})
export class CustomerAccount extends BaseEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** The orders module's customer id; no foreign key, modules do not share tables. */
  @Column({ type: 'uuid' })
  customerId: string;

  /** Stored trimmed and lower-cased. */
  @Column({ type: 'varchar', length: 254 })
  email: string;

  @Column({ type: 'varchar', length: 255, select: false })
  passwordHash: string;

  @Column({ type: 'enum', enum: AccountStatus, enumName: 'customer_account_status' })
  status: AccountStatus;

  @Column({ type: 'varchar', length: 10 })
  locale: Locale;

  /** Copied into every access token; bumping it revokes all tokens issued before. */
  @Column({ type: 'integer', default: 0 })
  tokenVersion: number;

  /** The order (orders module) the account was registered with; no foreign key across modules. */
  @Column({ type: 'uuid', nullable: true })
  registrationOrderId: string | null;

  /**
   * When another email registered with the same order was activated while this one was still
   * pending: this registration was closed then (status `expired`) and is never revived.
   */
  @Column({ type: 'timestamptz', nullable: true })
  supersededAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  activatedAt: Date | null;

  /** When another account of the company last reported this one to support (account_reports). */
  @Column({ type: 'timestamptz', nullable: true })
  reportedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  lastLoginAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
