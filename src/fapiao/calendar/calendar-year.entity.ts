import { BaseEntity, Check, Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { CalendarDayEntry, CalendarYearStatus } from './calendar-day-kind';

/**
 * A year of the working-day calendar that staff have worked on (or that came with the data of
 * chinese-days). A year without a row, or with a `provisional` one, counts on its computed
 * statutory holidays; it becomes `official` only when staff publish the State Council's notice.
 */
@Entity('calendar_years')
@Check('ck_calendar_years_status', `"status" IN ('provisional', 'official')`)
export class CalendarYear extends BaseEntity {
  @PrimaryColumn({ type: 'integer' })
  year: number;

  @Column({ type: 'varchar', length: 16 })
  status: CalendarYearStatus;

  /** Entered or imported, not yet published: due dates do not use it until then. */
  @Column({ type: 'jsonb', nullable: true })
  draftDays: CalendarDayEntry[] | null;

  /** The notice's title or number, e.g. 国办发明电〔2026〕7号. */
  @Column({ type: 'varchar', length: 300, nullable: true })
  notice: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  publishedAt: Date | null;

  /** The staff email of whoever published (or `migration` for the package's years). */
  @Column({ type: 'varchar', length: 254, nullable: true })
  publishedBy: string | null;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
