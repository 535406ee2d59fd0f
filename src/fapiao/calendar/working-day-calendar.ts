import { addDays, businessMinuteOfDay, toBusinessDate } from '../../common/time/business-date';
import type { CalendarDayEntry, CalendarYearStatus } from './calendar-day-kind';
import { isWeekend, provisionalDays } from './statutory-holidays';

/** The published years and their special dates, as `calendar_years` and `calendar_days` hold them. */
export interface OfficialCalendar {
  /** Each official year with the title or number of its notice. */
  years: ReadonlyMap<number, string | null>;
  days: ReadonlyMap<string, CalendarDayEntry>;
}

export const NO_OFFICIAL_YEARS: OfficialCalendar = { years: new Map(), days: new Map() };

export function yearOf(date: string): number {
  return Number(date.slice(0, 4));
}

/** The computed days of provisional years: a pure function of the year. */
const provisionalByYear = new Map<number, ReadonlyMap<string, CalendarDayEntry>>();

function provisionalDaysOf(year: number): ReadonlyMap<string, CalendarDayEntry> {
  let days = provisionalByYear.get(year);
  if (!days) {
    days = new Map(provisionalDays(year).map((day) => [day.date, day]));
    provisionalByYear.set(year, days);
  }
  return days;
}

/** Consecutive days without work that hold at least one holiday (weekends next to it included). */
export interface HolidayPause {
  from: string;
  to: string;
  /** The holidays' names, e.g. ['春节']. */
  names: string[];
  /** Whether a day of it lies in a provisional year (the notice may change it). */
  provisional: boolean;
}

/**
 * The Chinese working-day calendar. An official year has the days its notice lists (holidays,
 * adjusted working days 调休); any other year is provisional: its statutory holidays and their
 * substitute days off, computed. Every date not listed is a working day from Monday to Friday.
 */
export class WorkingDayCalendar {
  /** Answers already given: a due date asks about the same few days on every confirmation. */
  private readonly known = new Map<string, boolean>();

  constructor(readonly official: OfficialCalendar = NO_OFFICIAL_YEARS) {}

  statusOf(year: number): CalendarYearStatus {
    return this.official.years.has(year) ? 'official' : 'provisional';
  }

  /** The notice an official year was published with. */
  noticeOf(year: number): string | undefined {
    return this.official.years.get(year) ?? undefined;
  }

  /** The special date, if the date is one. */
  dayOf(date: string): CalendarDayEntry | undefined {
    const year = yearOf(date);
    return this.statusOf(year) === 'official'
      ? this.official.days.get(date)
      : provisionalDaysOf(year).get(date);
  }

  /** The special dates of a year, in date order. */
  daysOf(year: number): CalendarDayEntry[] {
    if (this.statusOf(year) === 'provisional') return [...provisionalDaysOf(year).values()];
    const prefix = `${year}-`;
    return [...this.official.days.values()]
      .filter((day) => day.date.startsWith(prefix))
      .sort((a, b) => a.date.localeCompare(b.date));
  }

  isWorkingDay(date: string): boolean {
    let working = this.known.get(date);
    if (working === undefined) {
      const day = this.dayOf(date);
      working = day ? day.kind === 'working_day' : !isWeekend(date);
      this.known.set(date, working);
    }
    return working;
  }

  /** The first working day strictly after `date`. */
  nextWorkingDay(date: string): string {
    let day = addDays(date, 1);
    while (!this.isWorkingDay(day)) day = addDays(day, 1);
    return day;
  }

  /** The `count`-th working day after `date` (not counting `date` itself). */
  addWorkingDays(date: string, count: number): string {
    let day = date;
    for (let i = 0; i < count; i++) day = this.nextWorkingDay(day);
    return day;
  }

  /** Whether any date from `from` to `to` lies in a provisional year. */
  touchesProvisional(from: string, to: string): boolean {
    for (let year = yearOf(from); year <= yearOf(to); year++) {
      if (this.statusOf(year) === 'provisional') return true;
    }
    return false;
  }

  /** The pauses for holidays that overlap `from`…`to` (whole pauses, even where they reach outside). */
  holidaysBetween(from: string, to: string): HolidayPause[] {
    const pauses: HolidayPause[] = [];
    let day = from;
    while (day <= to) {
      if (this.dayOf(day)?.kind !== 'holiday') {
        day = addDays(day, 1);
        continue;
      }
      let start = day;
      while (!this.isWorkingDay(addDays(start, -1))) start = addDays(start, -1);
      let end = day;
      while (!this.isWorkingDay(addDays(end, 1))) end = addDays(end, 1);
      const names = new Set<string>();
      for (let d = start; d <= end; d = addDays(d, 1)) {
        const special = this.dayOf(d);
        if (special?.kind === 'holiday') names.add(special.name.replace(/（补假）$/, ''));
      }
      pauses.push({
        from: start,
        to: end,
        names: [...names],
        provisional: this.touchesProvisional(start, end),
      });
      day = addDays(end, 1);
    }
    return pauses;
  }
}

/** Submissions at or after this time (Asia/Shanghai) count from the next working day. */
export const SUBMISSION_CUTOFF_MINUTE = 17 * 60;
/** Service level: the fapiao is due this many working days after submission. */
export const DUE_WORKING_DAYS = 2;

/**
 * The business day a submission counts from: the day itself when it is a working day and the
 * submission came before 17:00 (Asia/Shanghai); otherwise the next working day (after hours,
 * weekends and holidays all wait for the office to open).
 */
export function countingDayOf(submittedAt: Date, calendar: WorkingDayCalendar): string {
  const date = toBusinessDate(submittedAt);
  const inOfficeHours = businessMinuteOfDay(submittedAt) < SUBMISSION_CUTOFF_MINUTE;
  return calendar.isWorkingDay(date) && inOfficeHours ? date : calendar.nextWorkingDay(date);
}

/** Due date of an application: two working days after the day its submission counts from. */
export function dueDateFor(submittedAt: Date, calendar: WorkingDayCalendar): string {
  return calendar.addWorkingDays(countingDayOf(submittedAt, calendar), DUE_WORKING_DAYS);
}

/** A due date, and whether a provisional year's days were counted for it. */
export interface DueDate {
  date: string;
  provisional: boolean;
}

export function dueDateOf(submittedAt: Date, calendar: WorkingDayCalendar): DueDate {
  const date = dueDateFor(submittedAt, calendar);
  return { date, provisional: calendar.touchesProvisional(toBusinessDate(submittedAt), date) };
}
