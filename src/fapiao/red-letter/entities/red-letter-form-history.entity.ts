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
import type { RedLetterStatus } from '../red-letter-status';
import { RedLetterForm } from './red-letter-form.entity';

/**
 * Append-only: every status change of a red-letter form, and the red fapiao recorded on it
 * (from = to). `message` is shown to the customer; the staff identity is not.
 */
@Entity('red_letter_form_history')
@Check('ck_red_letter_form_history_actor_type', `"actor_type" IN ('customer', 'staff', 'system')`)
@Check(
  'ck_red_letter_form_history_to_status',
  `"to_status" IN ('waiting_for_buyer', 'confirmed', 'lapsed', 'void')`,
)
@Index('ix_red_letter_form_history_form_id_id', ['formId', 'id'])
export class RedLetterFormHistory extends BaseEntity {
  @PrimaryGeneratedColumn('increment', {
    type: 'bigint',
    primaryKeyConstraintName: 'pk_red_letter_form_history',
  })
  id: number;

  @Column({ type: 'uuid' })
  formId: string;

  @ManyToOne(() => RedLetterForm, { onDelete: 'RESTRICT', nullable: false })
  @JoinColumn({ name: 'form_id', foreignKeyConstraintName: 'fk_red_letter_form_history_form_id' })
  form?: RedLetterForm;

  @Column({ type: 'varchar', length: 20, nullable: true })
  fromStatus: RedLetterStatus | null;

  @Column({ type: 'varchar', length: 20 })
  toStatus: RedLetterStatus;

  @Column({ type: 'varchar', length: 16 })
  actorType: HistoryActorType;

  @Column({ type: 'uuid', nullable: true })
  actorId: string | null;

  @Column({ type: 'varchar', length: 254, nullable: true })
  actorEmail: string | null;

  @Column({ type: 'varchar', length: 1000, nullable: true })
  message: string | null;

  @Column({ type: 'timestamptz' })
  at: Date;
}
