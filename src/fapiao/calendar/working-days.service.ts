import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { toBusinessDate } from '../../common/time/business-date';
import { Clock } from '../../common/time/clock';
import { CalendarOverrides } from './calendar-overrides';
import { dueDateFor, WorkingDayCalendar, yearOf } from './working-day-calendar';

/**
 * The working-day calendar with the staff overrides from `calendar_overrides`, and the due
 * dates computed on it.
 */
@Injectable()
export class WorkingDaysService implements OnApplicationBootstrap {
  private readonly logger = new Logger('WorkingDays');
  private current?: WorkingDayCalendar;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly overrides: CalendarOverrides,
  ) {}

  onApplicationBootstrap(): Promise<void> {
    return this.checkCalendarCoverage().then(() => undefined);
  }

  /** The calendar with the staff overrides as they are now. */
  async calendar(): Promise<WorkingDayCalendar> {
    const overrides = await this.overrides.all();
    // The same snapshot of overrides until one changes: its calendar keeps what it worked out.
    if (this.current?.overrides !== overrides) this.current = new WorkingDayCalendar(overrides);
    return this.current;
  }

  /** Two working days after the submission (after 17:00: from the next working day). */
  async dueDateFor(submittedAt: Date): Promise<string> {
    const calendar = await this.calendar();
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
