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
import type { HistoryActorType } from '../../applications/entities/application-history.entity';
import type { SupportRequestStatus } from '../support-request-status';
import { SupportRequest } from './support-request.entity';

/**
 * Append-only: every status change of a support request and every staff reply (from = to).
 * `message` is shown to the customer; the staff identity is not.
 */
@Entity('support_request_history')
@Check('ck_support_request_history_actor_type', `"actor_type" IN ('customer', 'staff', 'system')`)
@Index('ix_support_request_history_request_id_id', ['requestId', 'id'])
export class SupportRequestHistory extends BaseEntity {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  id: number;

  @Column({ type: 'uuid' })
  requestId: string;

  @ManyToOne(() => SupportRequest, { onDelete: 'RESTRICT', nullable: false })
  @JoinColumn({
    name: 'request_id',
    foreignKeyConstraintName: 'fk_support_request_history_request_id',
  })
  request?: SupportRequest;

  @Column({ type: 'varchar', length: 32, nullable: true })
  fromStatus: SupportRequestStatus | null;

  @Column({ type: 'varchar', length: 32 })
  toStatus: SupportRequestStatus;

  /** `reply` for a staff reply without a status change. */
  @Column({ type: 'varchar', length: 16, default: 'status' })
  kind: 'status' | 'reply';

  @Column({ type: 'varchar', length: 16 })
  actorType: HistoryActorType;

  @Column({ type: 'uuid', nullable: true })
  actorId: string | null;

  @Column({ type: 'varchar', length: 254, nullable: true })
  actorEmail: string | null;

  @Column({ type: 'varchar', length: 2000, nullable: true })
  message: string | null;

  @Column({ type: 'timestamptz' })
  at: Date;
}
