import {
  BaseEntity,
  Check,
  Column,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
} from 'typeorm';
import type { CalendarDayKind } from './calendar-day-kind';
import { CalendarYear } from './calendar-year.entity';

/**
 * A special date of an official year: a holiday or an adjusted working day (调休), as the
 * State Council's notice lists it. Every other date is a working day from Monday to Friday.
 */
@Entity('calendar_days')
@Check('ck_calendar_days_kind', `"kind" IN ('holiday', 'working_day')`)
@Check('ck_calendar_days_year', `"year" = date_part('year', "date")`)
@Index('ix_calendar_days_year', ['year'])
export class CalendarDay extends BaseEntity {
  /** The business date (Asia/Shanghai). */
  @PrimaryColumn({ type: 'date' })
  date: string;

  @Column({ type: 'integer' })
  year: number;

  @ManyToOne(() => CalendarYear, { onDelete: 'RESTRICT', nullable: false })
  @JoinColumn({ name: 'year', foreignKeyConstraintName: 'fk_calendar_days_year' })
  calendarYear?: CalendarYear;

  @Column({ type: 'varchar', length: 16 })
  kind: CalendarDayKind;

  @Column({ type: 'varchar', length: 100 })
  name: string;
}
