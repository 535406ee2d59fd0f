import {
  BaseEntity,
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Generated,
  Index,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
  VersionColumn,
} from 'typeorm';
import type { Locale } from '../../../common/locale';
import type { FapiaoTitle } from '../../titles/fapiao-title';
import type { SupportRequestStatus, SupportRequestType } from '../support-request-status';

/** One line of a split: the title printed on one fapiao and its amount (fen, tax included). */
export interface SplitLine {
  title: FapiaoTitle;
  amountFen: number;
}

/**
 * A customer's request to support about one bill (order), optionally about its fapiao
 * application: split the bill into several fapiao, change the title of an issued fapiao
 * (red-letter reversal), a fapiao that never arrived, or anything else. Status changes only by
 * guarded UPDATEs (SupportRequestsService / StaffSupportRequestsService).
 */
@Entity('support_requests')
@Check('ck_support_requests_type', `"type" IN ('split', 'retitle', 'not_received', 'other')`)
@Check(
  'ck_support_requests_status',
  `"status" IN ('open', 'in_progress', 'awaiting_return', 'resolved', 'rejected')`,
)
@Check('ck_support_requests_split_lines', `("type" = 'split') = ("lines" IS NOT NULL)`)
@Check(
  'ck_support_requests_documents_issued',
  `("documents_issued_at" IS NULL) = ("documents_issued_by" IS NULL)`,
)
@Check('ck_support_requests_retitle_title', `("type" = 'retitle') = ("new_title" IS NOT NULL)`)
@Index('ix_support_requests_customer_id_created_at', ['customerId', 'createdAt', 'id'])
@Index('ix_support_requests_order_id', ['orderId'])
@Index('ix_support_requests_application_id', ['applicationId'])
@Index('ix_support_requests_status', ['status'])
export class SupportRequest extends BaseEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** Sequence behind the request number people quote (SR000042). */
  @Index('uq_support_requests_sequence', { unique: true })
  @Column({ type: 'bigint' })
  @Generated('increment')
  sequence: number;

  @Column({ type: 'varchar', length: 16 })
  type: SupportRequestType;

  @Column({ type: 'varchar', length: 32 })
  status: SupportRequestStatus;

  @VersionColumn({ type: 'integer', default: 1 })
  version: number;

  /** The customer (tenant); every account of it sees the request. */
  @Column({ type: 'uuid' })
  customerId: string;

  @Column({ type: 'uuid' })
  accountId: string;

  @Column({ type: 'varchar', length: 254 })
  contactEmail: string;

  @Column({ type: 'varchar', length: 5 })
  locale: Locale;

  /** The bill (orders module); no foreign key across modules. */
  @Column({ type: 'uuid' })
  orderId: string;

  @Column({ type: 'varchar', length: 64 })
  orderNumber: string;

  /** The bill's amount when the request was made (fen). */
  @Column({ type: 'bigint' })
  billAmountFen: number;

  /** The application concerned (required for split, retitle and not_received). */
  @Column({ type: 'uuid', nullable: true })
  applicationId: string | null;

  /** Split: at least two lines adding up to the bill. */
  @Column({ type: 'jsonb', nullable: true })
  lines: SplitLine[] | null;

  /** Retitle: the title the new fapiao carries. */
  @Column({ type: 'jsonb', nullable: true })
  newTitle: FapiaoTitle | null;

  @Column({ type: 'varchar', length: 2000 })
  message: string;

  /** When the original paper fapiao came back (retitle / split after issue), `YYYY-MM-DD`. */
  @Column({ type: 'date', nullable: true })
  returnedAt: string | null;

  /** The outcome told to the customer (resolved or rejected). */
  @Column({ type: 'varchar', length: 1000, nullable: true })
  resolution: string | null;

  /**
   * When a retitle or split request's new fapiao were issued, and the staff member's email: set
   * once, by a guarded UPDATE, so that the issuing step cannot happen twice.
   */
  @Column({ type: 'timestamptz', nullable: true })
  documentsIssuedAt: Date | null;

  @Column({ type: 'varchar', length: 254, nullable: true })
  documentsIssuedBy: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
