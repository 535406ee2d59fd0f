import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A customer's report that an account of their company is not one of theirs (the order number
 * is a weak credential). Support reads it with the account in the back office and may disable
 * the account. One report per reporter and account; a repeat keeps the first.
 */
@Entity('account_reports')
@Index('uq_account_reports_account_reporter', ['accountId', 'reportedByAccountId'], {
  unique: true,
})
export class AccountReport {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_account_reports' })
  id: string;

  /** The reported account. */
  @Column({ type: 'uuid' })
  accountId: string;

  @Column({ type: 'uuid' })
  reportedByAccountId: string;

  @Column({ type: 'varchar', length: 1000, nullable: true })
  message: string | null;

  @Column({ type: 'timestamptz' })
  createdAt: Date;
}
