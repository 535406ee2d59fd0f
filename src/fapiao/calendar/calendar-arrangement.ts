import type { FieldError } from '../../common/errors/problem.exception';
import { isBusinessDate } from '../../common/time/business-date';
import {
  type CalendarDayEntry,
  type CalendarDayKind,
  FIRST_CALENDAR_YEAR,
  LAST_CALENDAR_YEAR,
} from './calendar-day-kind';
import { isWeekend } from './statutory-holidays';
import { yearOf } from './working-day-calendar';

/** A day as staff entered it or a file gave it, with the form field or file path it came from. */
export interface ArrangementDayInput {
  field: string;
  date: unknown;
  kind: CalendarDayKind;
  name: unknown;
}

export const MAX_DAY_NAME_LENGTH = 100;
/** A year has a few dozen special dates; more is not a holiday arrangement. */
export const MAX_ARRANGEMENT_DAYS = 120;

/**
 * The problems of a year's special dates: each date real and in one year the calendar answers
 * for, once; a name; an adjusted working day only on a Saturday or Sunday (any other day works
 * anyway). No problems means the days can be saved as they are.
 */
export function arrangementErrors(
  inputs: ArrangementDayInput[],
  year?: number,
): { errors: FieldError[]; year?: number; days: CalendarDayEntry[] } {
  const errors: FieldError[] = [];
  const days: CalendarDayEntry[] = [];
  const seen = new Map<string, string>();
  if (inputs.length > MAX_ARRANGEMENT_DAYS) {
    errors.push({ field: 'days', message: `at most ${MAX_ARRANGEMENT_DAYS} days can be given` });
  }
  let theYear = year;
  for (const input of inputs) {
    const date = typeof input.date === 'string' ? input.date.trim() : '';
    const name = typeof input.name === 'string' ? input.name.trim() : '';
    if (!isBusinessDate(date)) {
      errors.push({
        field: `${input.field}.date`,
        message: `${input.field}.date must be a date (YYYY-MM-DD)`,
      });
      continue;
    }
    theYear ??= yearOf(date);
    if (yearOf(date) !== theYear) {
      errors.push({ field: `${input.field}.date`, message: `${date} is not in ${theYear}` });
    }
    if (seen.has(date)) {
      errors.push({
        field: `${input.field}.date`,
        message: `${date} is given twice (also as ${seen.get(date)})`,
      });
    }
    seen.set(date, input.field);
    if (name.length === 0 || name.length > MAX_DAY_NAME_LENGTH) {
      errors.push({
        field: `${input.field}.name`,
        message: `${input.field}.name must have 1 to ${MAX_DAY_NAME_LENGTH} characters`,
      });
    }
    if (input.kind === 'working_day' && !isWeekend(date)) {
      errors.push({
        field: `${input.field}.date`,
        message: `${date} is a weekday: an adjusted working day (调休) is a Saturday or Sunday`,
      });
    }
    days.push({ date, kind: input.kind, name });
  }
  if (theYear !== undefined && (theYear < FIRST_CALENDAR_YEAR || theYear > LAST_CALENDAR_YEAR)) {
    errors.push({
      field: 'year',
      message: `the calendar covers the years ${FIRST_CALENDAR_YEAR} to ${LAST_CALENDAR_YEAR}, not ${theYear}`,
    });
  }
  days.sort((a, b) => a.date.localeCompare(b.date));
  return { errors, year: theYear, days };
}

/** A year file of the open dataset NateScarlet/holiday-cn. */
export interface HolidayCnFile {
  year: number;
  /** The notices' addresses. */
  papers: string[];
  days: CalendarDayEntry[];
}

/** The largest file accepted: a real year file is a few kilobytes. */
export const MAX_HOLIDAY_CN_LENGTH = 100_000;

/**
 * Reads a holiday-cn year file (`{"year", "papers", "days": [{"name", "date", "isOffDay"}]}`):
 * `isOffDay` true is a holiday, false an adjusted working day. Returns the problems found, all of
 * them, instead of the file when there are any.
 */
export function parseHolidayCn(text: string): { errors: FieldError[]; file?: HolidayCnFile } {
  const refuse = (message: string) => ({ errors: [{ field: 'file', message }] });
  if (text.length > MAX_HOLIDAY_CN_LENGTH) {
    return refuse(`the file is larger than ${MAX_HOLIDAY_CN_LENGTH} characters`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    return refuse(`the file is not JSON (${(error as Error).message})`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    return refuse('the file must be a JSON object with "year", "papers" and "days"');
  }
  const { year, papers, days } = parsed as Record<string, unknown>;
  const errors: FieldError[] = [];
  if (!Number.isInteger(year))
    errors.push({ field: 'year', message: '"year" must be a whole number' });
  if (
    papers !== undefined &&
    (!Array.isArray(papers) || papers.some((p) => typeof p !== 'string'))
  ) {
    errors.push({ field: 'papers', message: '"papers" must be a list of texts' });
  }
  if (!Array.isArray(days) || days.length === 0) {
    errors.push({ field: 'days', message: '"days" must be a non-empty list' });
  }
  if (errors.length > 0) return { errors };
  const inputs: ArrangementDayInput[] = [];
  (days as unknown[]).forEach((day, i) => {
    const field = `days.${i}`;
    const entry = (typeof day === 'object' && day !== null ? day : {}) as Record<string, unknown>;
    if (typeof entry.isOffDay !== 'boolean') {
      errors.push({
        field: `${field}.isOffDay`,
        message: `${field}.isOffDay must be true or false`,
      });
      return;
    }
    inputs.push({
      field,
      date: entry.date,
      name: entry.name,
      kind: entry.isOffDay ? 'holiday' : 'working_day',
    });
  });
  const checked = arrangementErrors(inputs, year as number);
  errors.push(...checked.errors);
  if (errors.length > 0) return { errors };
  return {
    errors,
    file: {
      year: year as number,
      papers: (papers as string[] | undefined) ?? [],
      days: checked.days,
    },
  };
}
