/** What a special date is: a day off (public holiday, substitute day off) or an adjusted working day (调休). */
export const CALENDAR_DAY_KINDS = ['holiday', 'working_day'] as const;
export type CalendarDayKind = (typeof CALENDAR_DAY_KINDS)[number];

/**
 * `official`: the State Council's notice for the year is published in the back office.
 * `provisional`: only the statutory holidays (computed), no adjusted working days known.
 */
export const CALENDAR_YEAR_STATUSES = ['provisional', 'official'] as const;
export type CalendarYearStatus = (typeof CALENDAR_YEAR_STATUSES)[number];

/** One special date of the calendar, as the API, the import and the back office give it. */
export interface CalendarDayEntry {
  /** `YYYY-MM-DD` (Asia/Shanghai). */
  date: string;
  kind: CalendarDayKind;
  /** E.g. 春节, or 春节（补假） for a computed substitute day off. */
  name: string;
}

/** Years the calendar answers for: the lunar tables of chinese-days end with 2100. */
export const FIRST_CALENDAR_YEAR = 2004;
export const LAST_CALENDAR_YEAR = 2099;
