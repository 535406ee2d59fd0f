import { isUUID } from 'class-validator';
import { toBusinessDate } from '../../common/time/business-date';
import type { Locale } from '../../common/locale';

/** An instant as the Asia/Shanghai business date it falls on (pages never show its time). */
export function businessDateOf(instant: string | undefined): string | undefined {
  return instant ? toBusinessDate(new Date(instant)) : undefined;
}

const EN_MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/**
 * Two business dates as a person writes the span: "5–10 February", "30 April – 5 May",
 * "2月5日至2月10日". The year is left out: the pauses shown are weeks away at most.
 */
export function dateRangeText(from: string, to: string, locale: Locale): string {
  const [, fromMonth, fromDay] = from.split('-').map(Number);
  const [, toMonth, toDay] = to.split('-').map(Number);
  if (locale !== 'en') {
    const start = `${fromMonth}月${fromDay}日`;
    return from === to ? start : `${start}至${toMonth}月${toDay}日`;
  }
  if (from === to) return `${fromDay} ${EN_MONTHS[fromMonth - 1]}`;
  return fromMonth === toMonth
    ? `${fromDay}–${toDay} ${EN_MONTHS[fromMonth - 1]}`
    : `${fromDay} ${EN_MONTHS[fromMonth - 1]} – ${toDay} ${EN_MONTHS[toMonth - 1]}`;
}

/** The message key of an application's status (journey.status.*). */
export function applicationStatusKey(status: string | null): string {
  return status === null ? 'journey.status.none' : `journey.status.${status}`;
}

export function supportStatusKey(status: string): string {
  return `journey.supportStatus.${status}`;
}

export function supportTypeKey(type: string): string {
  return `journey.supportType.${type}`;
}

/** Route ids the services look up as uuid columns: anything else is simply not found. */
export function isRecordId(value: string): boolean {
  return isUUID(value);
}

/** A page number from the query: 1 unless a whole number from 1 up. */
export function pageNumber(value: unknown): number {
  const page = typeof value === 'string' && /^\d{1,6}$/.test(value) ? Number(value) : 1;
  return page >= 1 ? page : 1;
}
