import { Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { addDays, toBusinessDate } from '../../common/time/business-date';
import { Clock } from '../../common/time/clock';
import type { CalendarDayEntry, CalendarYearStatus } from './calendar-day-kind';
import { CalendarSnapshot } from './calendar-snapshot';
import {
  type DueDate,
  dueDateOf,
  type HolidayPause,
  WorkingDayCalendar,
  yearOf,
} from './working-day-calendar';

/** A year of the calendar as the API shows it. */
export interface CalendarYearView {
  year: number;
  status: CalendarYearStatus;
  /** The notice an official year was published with. */
  notice?: string;
  days: CalendarDayEntry[];
}

/** From this day of a year (Asia/Shanghai), next year's arrangement should be official. */
const NEXT_YEAR_EXPECTED_FROM = '10-01';

/** How far ahead `comingHolidays` looks by default. */
const COMING_HOLIDAYS_DAYS = 14;

/** The working-day calendar as committed in PostgreSQL, and the due dates computed on it. */
@Injectable()
export class WorkingDaysService {
  private readonly logger = new Logger('WorkingDays');
  private current?: WorkingDayCalendar;

  constructor(
    private readonly clock: Clock,
    private readonly snapshot: CalendarSnapshot,
  ) {}

  /** The calendar as committed now. */
  async calendar(): Promise<WorkingDayCalendar> {
    const official = await this.snapshot.current();
    // The same snapshot until the calendar changes: its calendar keeps what it worked out.
    if (this.current?.official !== official) this.current = new WorkingDayCalendar(official);
    return this.current;
  }

  /** The calendar as the caller's transaction sees it (with its own uncommitted changes). */
  async calendarIn(manager: EntityManager): Promise<WorkingDayCalendar> {
    return new WorkingDayCalendar(await this.snapshot.read(manager));
  }

  /** Two working days after the submission (after 17:00: from the next working day). */
  async dueDateFor(submittedAt: Date): Promise<DueDate> {
    return dueDateOf(submittedAt, await this.calendar());
  }

  /** A year's special dates and status, as `GET /api/v1/calendar/{year}` answers. */
  async year(year: number): Promise<CalendarYearView> {
    const calendar = await this.calendar();
    const notice = calendar.noticeOf(year);
    return {
      year,
      status: calendar.statusOf(year),
      ...(notice ? { notice } : {}),
      days: calendar.daysOf(year),
    };
  }

  /**
   * The holiday pauses that overlap `from`…`to` (whole, with the weekends next to them), e.g.
   * 5–10 February 2027 for the Spring Festival: what the portal shows next to a due date
   * ("processing pauses 5–10 February").
   */
  async holidaysBetween(from: string, to: string): Promise<HolidayPause[]> {
    return (await this.calendar()).holidaysBetween(from, to);
  }

  /** The holiday pauses from `date` to two weeks after it. */
  async comingHolidays(date: string, days = COMING_HOLIDAYS_DAYS): Promise<HolidayPause[]> {
    return this.holidaysBetween(date, addDays(date, days));
  }

  /**
   * The year whose arrangement is overdue: from 1 October (Asia/Shanghai), next year while it is
   * not official. The State Council publishes it between late October and mid-December.
   */
  async missingNextYear(now: Date = this.clock.now()): Promise<number | null> {
    const today = toBusinessDate(now);
    const next = yearOf(today) + 1;
    if (today.slice(5) < NEXT_YEAR_EXPECTED_FROM) return null;
    return (await this.calendar()).statusOf(next) === 'official' ? null : next;
  }

  /**
   * The daily reminder (CalendarCoverageJob), an error log line while `missingNextYear` has a
   * year. Not at start-up: a restart is not news.
   */
  async checkCalendarCoverage(): Promise<{
    year: number;
    status: CalendarYearStatus;
    alerted: boolean;
  }> {
    const year = yearOf(toBusinessDate(this.clock.now())) + 1;
    const missing = await this.missingNextYear();
    if (missing !== null) {
      this.logger.error(
        `ALERT: the working-day calendar for ${missing} is provisional (statutory holidays only, ` +
          'no adjusted working days). Once the State Council publishes its holiday arrangement ' +
          `for ${missing}, enter or import it in the back office (Calendar years) and publish it.`,
      );
    }
    return { year, status: (await this.calendar()).statusOf(year), alerted: missing !== null };
  }
}
