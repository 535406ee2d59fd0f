import { getDayDetail, getHolidaysInRange } from 'chinese-days';
import { addDays, businessMinuteOfDay, toBusinessDate } from '../../common/time/business-date';

/** What a date is, according to a source that knows public holidays and adjusted working days. */
export interface HolidaySource {
  /** Whether the source has data for the year (otherwise only weekends are known). */
  coversYear(year: number): boolean;
  /** Whether the date is a working day; only asked for years the source covers. */
  isWorkingDay(date: string): boolean;
}

const coveredYears = new Map<number, boolean>();

/**
 * The npm package `chinese-days` (version 1.5.7 covers 2004–2026). A year is covered when the
 * package lists any public holiday in it: every real year has at least New Year's Day.
 */
export const chineseDaysSource: HolidaySource = {
  coversYear(year) {
    let covered = coveredYears.get(year);
    if (covered === undefined) {
      covered = getHolidaysInRange(`${year}-01-01`, `${year}-12-31`, false).length > 0;
      coveredYears.set(year, covered);
    }
    return covered;
  },
  isWorkingDay(date) {
    return getDayDetail(date).work;
  },
};

export function yearOf(date: string): number {
  return Number(date.slice(0, 4));
}

function isWeekend(date: string): boolean {
  const day = new Date(`${date}T00:00:00Z`).getUTCDay();
  return day === 0 || day === 6;
}

/**
 * The Chinese working-day calendar: staff overrides first (`calendar_overrides`, for years the
 * package does not know yet or for corrections), then the holiday source (weekends, public
 * holidays, adjusted working days 调休), and for years nobody knows, plain Monday–Friday.
 */
export class WorkingDayCalendar {
  /**
   * Answers already given: a due date asks about the same few days on every confirmation, and
   * the holiday source parses the date each time. Its inputs never change for one instance.
   */
  private readonly known = new Map<string, boolean>();

  constructor(
    readonly overrides: ReadonlyMap<string, boolean> = new Map(),
    private readonly source: HolidaySource = chineseDaysSource,
  ) {}

  isWorkingDay(date: string): boolean {
    let working = this.known.get(date);
    if (working === undefined) {
      working = this.lookUp(date);
      this.known.set(date, working);
    }
    return working;
  }

  private lookUp(date: string): boolean {
    const override = this.overrides.get(date);
    if (override !== undefined) return override;
    if (this.source.coversYear(yearOf(date))) return this.source.isWorkingDay(date);
    return !isWeekend(date);
  }

  /** Whether public holidays of the year are known (from the package or from overrides). */
  knowsYear(year: number): boolean {
    if (this.source.coversYear(year)) return true;
    const prefix = `${year}-`;
    for (const date of this.overrides.keys()) if (date.startsWith(prefix)) return true;
    return false;
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
