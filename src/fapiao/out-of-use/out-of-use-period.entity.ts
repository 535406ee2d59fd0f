import {
  BaseEntity,
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  PrimaryGeneratedColumn,
} from 'typeorm';

/**
 * A period in which fapiao cannot be issued (e.g. the fapiao stock is used up), declared by
 * staff. While it is active every customer sees its notice, and waiting applications are put
 * on hold with its expected issue date (OutOfUseJob).
 */
@Entity('out_of_use_periods')
@Check('ck_out_of_use_periods_ends_after_start', '"ends_at" IS NULL OR "ends_at" > "starts_at"')
@Index('ix_out_of_use_periods_starts_at', ['startsAt'])
export class OutOfUsePeriod extends BaseEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'timestamptz' })
  startsAt: Date;

  /** Null: open-ended until staff end it. */
  @Column({ type: 'timestamptz', nullable: true })
  endsAt: Date | null;

  /** When fapiao are expected to be issued again (`YYYY-MM-DD`, Asia/Shanghai). */
  @Column({ type: 'date' })
  expectedIssueDate: string;

  @Column({ type: 'varchar', length: 1000 })
  noticeZh: string;

  @Column({ type: 'varchar', length: 1000 })
  noticeEn: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
