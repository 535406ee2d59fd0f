import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { addDays, toBusinessDate } from '../../common/time/business-date';
import { Clock } from '../../common/time/clock';
import { PreparedStatement } from '../../database/prepared-statement';
import { dueDateFor, WorkingDayCalendar, yearOf } from './working-day-calendar';

/** Enough days ahead for any due date, even across Spring Festival or National Day. */
const LOOKAHEAD_DAYS = 40;

/** Read on every confirmation (the due date). */
const OVERRIDES_BETWEEN = new PreparedStatement<{ date: string; working: boolean }>(
  `SELECT to_char(date, 'YYYY-MM-DD') AS date, working FROM calendar_overrides
    WHERE date BETWEEN $1::date AND $2::date`,
);

/**
 * The working-day calendar with the staff overrides from `calendar_overrides`, and the due
 * dates computed on it.
 */
@Injectable()
export class WorkingDaysService implements OnApplicationBootstrap {
  private readonly logger = new Logger('WorkingDays');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  onApplicationBootstrap(): Promise<void> {
    return this.checkCalendarCoverage().then(() => undefined);
  }

  /** The calendar for dates from `from` up to LOOKAHEAD_DAYS later. */
  async calendarFrom(from: string, manager?: EntityManager): Promise<WorkingDayCalendar> {
    const rows = await OVERRIDES_BETWEEN.run(manager ?? this.dataSource, [
      from,
      addDays(from, LOOKAHEAD_DAYS),
    ]);
    return new WorkingDayCalendar(new Map(rows.map((r) => [r.date, r.working])));
  }

  /** Two working days after the submission (after 17:00: from the next working day). */
  async dueDateFor(submittedAt: Date, manager?: EntityManager): Promise<string> {
    const start = toBusinessDate(submittedAt);
    const calendar = await this.calendarFrom(start, manager);
    const due = dueDateFor(submittedAt, calendar);
    if (!calendar.knowsYear(yearOf(due))) {
      this.logger.warn(
        `Due date ${due} was computed without the public holidays of ${yearOf(due)}: neither the ` +
          'chinese-days package nor calendar_overrides know that year. Add its holidays in the back office.',
      );
    }
    return due;
  }

  /**
   * Alerts (error log) when the public holidays of next year are unknown: the State Council
   * publishes them around November, and due dates need them before 1 January. Staff fix it by
   * updating `chinese-days` or entering the days in `calendar_overrides`.
   */
  async checkCalendarCoverage(): Promise<{ year: number; known: boolean }> {
    const year = yearOf(toBusinessDate(this.clock.now())) + 1;
    const rows: unknown[] = await this.dataSource.query(
      `SELECT 1 FROM calendar_overrides WHERE date BETWEEN $1::date AND $2::date LIMIT 1`,
      [`${year}-01-01`, `${year}-12-31`],
    );
    const known = new WorkingDayCalendar().knowsYear(year) || rows.length > 0;
    if (!known) {
      this.logger.error(
        `ALERT: the working-day calendar has no data for ${year}. Due dates in ${year} would ` +
          'ignore public holidays and adjusted working days (调休). Update the chinese-days package ' +
          `or enter ${year}'s holidays and adjusted working days in calendar_overrides.`,
      );
    }
    return { year, known };
  }
}
