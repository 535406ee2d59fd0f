import { BaseEntity, Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/**
 * A day whose working status staff set by hand (back office, `admin` role): public holidays and
 * adjusted working days (调休) of years the `chinese-days` package does not know yet, or a
 * correction. An override wins over the package.
 */
@Entity('calendar_overrides')
export class CalendarOverride extends BaseEntity {
  /** The business date (Asia/Shanghai), `YYYY-MM-DD`. */
  @PrimaryColumn({ type: 'date' })
  date: string;

  /** true: a working day (e.g. 调休 Saturday); false: a day off (e.g. a public holiday). */
  @Column({ type: 'boolean' })
  working: boolean;

  /** Why, e.g. "National Day 2027" or "Adjusted working day for Spring Festival". */
  @Column({ type: 'varchar', length: 200, nullable: true })
  note: string | null;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
