import {
  BaseEntity,
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import { FapiaoApplication } from '../../applications/entities/fapiao-application.entity';
import { FapiaoDocument } from '../../applications/entities/fapiao-document.entity';
import { SupportRequest } from '../../support/entities/support-request.entity';
import type { RedLetterReason, RedLetterStatus } from '../red-letter-status';

export const OPEN_FORM_PER_DOCUMENT_INDEX = 'uq_red_letter_forms_open_document';
export const RED_DOCUMENT_INDEX = 'uq_red_letter_forms_red_document_id';

/**
 * A red-letter confirmation form (红字发票信息确认单) for reversing a digital fapiao, fully or in
 * part, raised by support for a retitle or reversal request. Status changes only by guarded
 * UPDATEs (RedLetterService, RedLetterLapseJob); every change lands in its history.
 */
@Entity('red_letter_forms')
@Check(
  'ck_red_letter_forms_status',
  `"status" IN ('waiting_for_buyer', 'confirmed', 'lapsed', 'void')`,
)
@Check('ck_red_letter_forms_reason_code', `"reason_code" IN ('01', '02', '03', '04')`)
@Check('ck_red_letter_forms_amount', `"amount_fen" > 0`)
// Only a form waiting for the buyer runs against a deadline, and each one that waits has one.
@Check(
  'ck_red_letter_forms_deadline',
  `"status" <> 'waiting_for_buyer' OR ("needs_buyer_confirmation" AND "deadline_at" IS NOT NULL)`,
)
@Check('ck_red_letter_forms_red_document', `"red_document_id" IS NULL OR "status" = 'confirmed'`)
// One form that still stands per original fapiao: a second one would reverse it twice.
@Index(OPEN_FORM_PER_DOCUMENT_INDEX, ['originalDocumentId'], {
  unique: true,
  where: `"status" IN ('waiting_for_buyer', 'confirmed')`,
})
@Index('ix_red_letter_forms_support_request_id', ['supportRequestId'])
@Index('ix_red_letter_forms_application_id', ['applicationId'])
// The lapse job's scan: only forms still waiting.
@Index('ix_red_letter_forms_deadline_at', ['deadlineAt'], {
  where: `"status" = 'waiting_for_buyer'`,
})
export class RedLetterForm extends BaseEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_red_letter_forms' })
  id: string;

  @Column({ type: 'uuid' })
  supportRequestId: string;

  @ManyToOne(() => SupportRequest, { onDelete: 'RESTRICT', nullable: false })
  @JoinColumn({
    name: 'support_request_id',
    foreignKeyConstraintName: 'fk_red_letter_forms_support_request_id',
  })
  supportRequest?: SupportRequest;

  @Column({ type: 'uuid' })
  applicationId: string;

  @ManyToOne(() => FapiaoApplication, { onDelete: 'RESTRICT', nullable: false })
  @JoinColumn({
    name: 'application_id',
    foreignKeyConstraintName: 'fk_red_letter_forms_application_id',
  })
  application?: FapiaoApplication;

  /** The blue fapiao the form reverses. */
  @Column({ type: 'uuid' })
  originalDocumentId: string;

  @ManyToOne(() => FapiaoDocument, { onDelete: 'RESTRICT', nullable: false })
  @JoinColumn({
    name: 'original_document_id',
    foreignKeyConstraintName: 'fk_red_letter_forms_original_document_id',
  })
  originalDocument?: FapiaoDocument;

  /** The original's 20-digit number, as the form cites it. */
  @Column({ type: 'varchar', length: 32 })
  originalNumber: string;

  @Column({ type: 'varchar', length: 2 })
  reasonCode: RedLetterReason;

  /** The amount reversed, tax included, in fen: the whole original or part of it. */
  @Column({ type: 'bigint' })
  amountFen: number;

  @Column({ type: 'varchar', length: 20 })
  status: RedLetterStatus;

  /** The buyer has booked the fapiao on its e-tax platform and must confirm the form there. */
  @Column({ type: 'boolean' })
  needsBuyerConfirmation: boolean;

  /** When a waiting form lapses (72 hours after it was raised). */
  @Column({ type: 'timestamptz', nullable: true })
  deadlineAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  confirmedAt: Date | null;

  /** The red fapiao issued on the confirmed form (set once). */
  @Index(RED_DOCUMENT_INDEX, { unique: true })
  @Column({ type: 'uuid', nullable: true })
  redDocumentId: string | null;

  @ManyToOne(() => FapiaoDocument, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({
    name: 'red_document_id',
    foreignKeyConstraintName: 'fk_red_letter_forms_red_document_id',
  })
  redDocument?: FapiaoDocument | null;

  @Column({ type: 'uuid', nullable: true })
  createdByStaffId: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
