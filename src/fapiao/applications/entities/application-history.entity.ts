import {
  BaseEntity,
  Check,
  Column,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import type { ApplicationStatus } from '../application-status';
import { FapiaoApplication } from './fapiao-application.entity';

export type HistoryActorType = 'customer' | 'staff' | 'system';

/**
 * Append-only record of every status change (and staff remark) of an application: who, when,
 * from, to, remark. A remark without a status change has `from = to`.
 */
@Entity('application_history')
@Check('ck_application_history_actor_type', `"actor_type" IN ('customer', 'staff', 'system')`)
@Index('ix_application_history_application_id_id', ['applicationId', 'id'])
export class ApplicationHistory extends BaseEntity {
  /** Sequential, so entries written in the same instant keep their order. */
  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  id: number;

  @Column({ type: 'uuid' })
  applicationId: string;

  @ManyToOne(() => FapiaoApplication, { onDelete: 'RESTRICT', nullable: false })
  @JoinColumn({
    name: 'application_id',
    foreignKeyConstraintName: 'fk_application_history_application_id',
  })
  application?: FapiaoApplication;

  /** Null for the entry that created the application. */
  @Column({ type: 'varchar', length: 32, nullable: true })
  fromStatus: ApplicationStatus | null;

  @Column({ type: 'varchar', length: 32 })
  toStatus: ApplicationStatus;

  @Column({ type: 'varchar', length: 16 })
  actorType: HistoryActorType;

  /** The customer account or the staff user; null for the system (jobs). */
  @Column({ type: 'uuid', nullable: true })
  actorId: string | null;

  /** Staff email, for the back office and audits; never shown to customers. */
  @Column({ type: 'varchar', length: 254, nullable: true })
  actorEmail: string | null;

  @Column({ type: 'varchar', length: 1000, nullable: true })
  remark: string | null;

  @Column({ type: 'timestamptz' })
  at: Date;
}
