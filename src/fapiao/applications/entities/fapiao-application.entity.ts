import {
  BaseEntity,
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
  VersionColumn,
} from 'typeorm';
import type { Locale } from '../../../common/locale';
import type { ApplicationPurpose, FapiaoType } from '../../titles/fapiao-title';
import type { ApplicationStatus } from '../application-status';
import { ApplicationShipping } from './application-shipping';
import { ApplicationTitle } from './application-title';

/** Name of the index that allows one holding application per bill (mapped to 409 BILL_ALREADY_APPLIED). */
export const ONE_TITLE_PER_BILL_INDEX = 'uq_fapiao_applications_order_id_holding';

/** Name of the index that allows one open draft per bill (mapped to 409 DRAFT_EXISTS). */
export const ONE_DRAFT_PER_BILL_INDEX = 'uq_fapiao_applications_draft_order_id';
/** The indexed expression: the bill of a draft, null (never conflicting) for any other status. */
export const DRAFT_ORDER_ID = `(CASE WHEN status = 'draft' THEN order_id END)`;

/**
 * A customer's request for a fapiao for one bill (order). The status only changes through
 * ApplicationStateMachine (guarded UPDATEs on `status` and `version`).
 */
@Entity('fapiao_applications')
@Check('ck_fapiao_applications_amount_fen_positive', '"amount_fen" > 0')
@Check('ck_fapiao_applications_type', `"type" IN ('normal', 'special')`)
@Check('ck_fapiao_applications_purpose', `"purpose" IN ('none', 'purchase_certificate', 'refund')`)
@Check(
  'ck_fapiao_applications_status',
  `"status" IN ('draft', 'submitted', 'processing', 'on_hold', 'issued', 'mailed_out', 'ready_for_pickup', 'picked_up', 'cancelled', 'rejected')`,
)
@Check(
  'ck_fapiao_applications_shipping_method',
  `"shipping_method" IN ('email', 'yunda', 'sf_freight_collect', 'pickup')`,
)
// An emailed fapiao has somewhere to go, and a paper one is never emailed.
@Check(
  'ck_fapiao_applications_delivery_emails',
  `("shipping_method" = 'email') = (COALESCE(cardinality("shipping_delivery_emails"), 0) > 0)`,
)
// One title per bill: at most one application per order that holds it.
@Index(ONE_TITLE_PER_BILL_INDEX, ['orderId'], {
  unique: true,
  where: `"status" NOT IN ('draft', 'cancelled', 'rejected')`,
})
// One open draft per bill (the customer's accounts share the bill, so its draft): a unique index
// on an expression, which TypeORM cannot declare (migration OneDraftPerBill). Not partial on
// status, so that, like the status index, it is never a way to drafts (see that migration).
@Index(ONE_DRAFT_PER_BILL_INDEX, { synchronize: false })
@Index('ix_fapiao_applications_order_id', ['orderId'])
// The customer's list, newest first.
@Index('ix_fapiao_applications_customer_id_created_at', ['customerId', 'createdAt', 'id'])
// Prefill: the account's most recent submitted application.
@Index('ix_fapiao_applications_account_id_submitted_at', ['accountId', 'submittedAt'])
// Queues (back office, out-of-use job). Without drafts: see migration StatusIndexWithoutDrafts.
@Index('ix_fapiao_applications_status', ['status'], { where: `"status" <> 'draft'` })
export class FapiaoApplication extends BaseEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** The bill (orders module); no foreign key across modules. */
  @Column({ type: 'uuid' })
  orderId: string;

  @Column({ type: 'varchar', length: 64 })
  orderNumber: string;

  /** The customer (tenant) the bill belongs to: every account of it sees the application. */
  @Column({ type: 'uuid' })
  customerId: string;

  /** The account that created it (prefill is per account). */
  @Column({ type: 'uuid' })
  accountId: string;

  /** Where the customer's mails go: the account's login email when it last acted. */
  @Column({ type: 'varchar', length: 254 })
  contactEmail: string;

  @Column({ type: 'varchar', length: 5 })
  locale: Locale;

  @Column({ type: 'varchar', length: 16 })
  type: FapiaoType;

  @Column({ type: 'varchar', length: 32, default: 'none' })
  purpose: ApplicationPurpose;

  @Column(() => ApplicationTitle, { prefix: 'title' })
  title: ApplicationTitle;

  @Column(() => ApplicationShipping, { prefix: 'shipping' })
  shipping: ApplicationShipping;

  /** The bill's amount, copied from the order. */
  @Column({ type: 'bigint' })
  amountFen: number;

  @Column({ type: 'varchar', length: 32 })
  status: ApplicationStatus;

  /** Optimistic version: every change bumps it; guarded UPDATEs compare it. */
  @VersionColumn({ type: 'integer', default: 1 })
  version: number;

  @Column({ type: 'timestamptz', nullable: true })
  submittedAt: Date | null;

  /** Two working days after submission (Asia/Shanghai). */
  @Column({ type: 'date', nullable: true })
  dueDate: string | null;

  /** The due date counted days of a provisional calendar year (recomputed when it is published). */
  @Column({ type: 'boolean', default: false })
  dueDateProvisional: boolean;

  /** Set while an out-of-use period holds the application. */
  @Column({ type: 'date', nullable: true })
  expectedIssueDate: string | null;

  /** The out-of-use period that put the application on hold. */
  @Column({ type: 'uuid', nullable: true })
  onHoldPeriodId: string | null;

  @Column({ type: 'varchar', length: 50, nullable: true })
  carrier: string | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  trackingNumber: string | null;

  @Column({ type: 'varchar', length: 1000, nullable: true })
  rejectionReason: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
