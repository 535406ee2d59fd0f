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
} from 'typeorm';
import type { FapiaoTitle } from '../../titles/fapiao-title';
import { FapiaoApplication } from './fapiao-application.entity';

export const FAPIAO_DOCUMENT_KINDS = ['blue', 'red'] as const;
export type FapiaoDocumentKind = (typeof FAPIAO_DOCUMENT_KINDS)[number];

export const DOCUMENT_NUMBER_INDEX = 'uq_fapiao_documents_number';

/**
 * An issued fapiao. `blue` is a normal fapiao; `red` (红字发票) reverses a blue one (a retitle:
 * the original is reversed and a new blue one issued). An application may have several (a split).
 * The buyer title is a snapshot: what was printed, whatever happens to the application later.
 */
@Entity('fapiao_documents')
@Check('ck_fapiao_documents_kind', `"kind" IN ('blue', 'red')`)
@Check(
  'ck_fapiao_documents_red_reverses_blue',
  `("kind" = 'red') = ("reverses_document_id" IS NOT NULL)`,
)
@Check(
  'ck_fapiao_documents_blue_amounts',
  `"kind" = 'red' OR ("amount_fen" > 0 AND "tax_amount_fen" >= 0)`,
)
@Check(
  'ck_fapiao_documents_invoice_code',
  `"invoice_code" IS NULL OR "invoice_code" ~ '^[0-9]{10}([0-9]{2})?$'`,
)
@Check(
  'ck_fapiao_documents_tax_rate',
  `"tax_rate_basis_points" IS NULL OR "tax_rate_basis_points" BETWEEN 0 AND 10000`,
)
@Index('ix_fapiao_documents_application_id', ['applicationId'])
export class FapiaoDocument extends BaseEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  applicationId: string;

  @ManyToOne(() => FapiaoApplication, { onDelete: 'RESTRICT', nullable: false })
  @JoinColumn({
    name: 'application_id',
    foreignKeyConstraintName: 'fk_fapiao_documents_application_id',
  })
  application?: FapiaoApplication;

  @Column({ type: 'varchar', length: 8 })
  kind: FapiaoDocumentKind;

  /** The fapiao number printed on the document (unique across all documents). */
  @Index(DOCUMENT_NUMBER_INDEX, { unique: true })
  @Column({ type: 'varchar', length: 32 })
  number: string;

  /** A legacy paper fapiao's invoice code (发票代码, 10 or 12 digits); digital ones have none. */
  @Column({ type: 'varchar', length: 12, nullable: true })
  invoiceCode: string | null;

  /** `YYYY-MM-DD` (Asia/Shanghai). */
  @Column({ type: 'date' })
  issueDate: string;

  /** Amount including tax, in fen. */
  @Column({ type: 'bigint' })
  amountFen: number;

  @Column({ type: 'bigint' })
  taxAmountFen: number;

  /** The tax rate in basis points (600 = 6%); unrecorded on documents issued before it was. */
  @Column({ type: 'integer', nullable: true })
  taxRateBasisPoints: number | null;

  @Column({ type: 'jsonb' })
  buyerTitle: FapiaoTitle;

  /** For a red document: the blue one it reverses (each blue one can be reversed once). */
  @Index('uq_fapiao_documents_reverses_document_id', { unique: true })
  @Column({ type: 'uuid', nullable: true })
  reversesDocumentId: string | null;

  @ManyToOne(() => FapiaoDocument, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({
    name: 'reverses_document_id',
    foreignKeyConstraintName: 'fk_fapiao_documents_reverses_document_id',
  })
  reversesDocument?: FapiaoDocument | null;

  /** The staff user who recorded it. */
  @Column({ type: 'uuid', nullable: true })
  issuedByStaffId: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
