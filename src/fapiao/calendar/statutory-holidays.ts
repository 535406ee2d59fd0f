import { getSolarDateFromLunar, getSolarTermDate } from 'chinese-days';
import { addDays } from '../../common/time/business-date';
import type { CalendarDayEntry } from './calendar-day-kind';

/** Saturday or Sunday. */
export function isWeekend(date: string): boolean {
  const day = new Date(`${date}T00:00:00Z`).getUTCDay();
  return day === 0 || day === 6;
}

/**
 * The solar date of a lunar month/day in the lunar year that starts in `year` (the regular
 * month, not a leap one). A local Date as input: chinese-days reads its input in the process's
 * time zone, and a `YYYY-MM-DD` string is parsed as UTC, which shifts it west of Greenwich.
 */
function fromLunar(year: number, month: number, day: number): string {
  return getSolarDateFromLunar(new Date(year, month - 1, day)).date;
}

/**
 * Qingming, the day of the solar term 清明. chinese-days formats the day it computes in the
 * process's time zone from a UTC midnight, so west of Greenwich its answer is a day early.
 */
function qingming(year: number): string {
  const date = getSolarTermDate(year, 4, 'pure_brightness');
  const westOfGreenwich = new Date(Date.UTC(year, 3, 5)).getTimezoneOffset() > 0;
  return westOfGreenwich ? addDays(date, 1) : date;
}

const range = (first: string, count: number): string[] =>
  Array.from({ length: count }, (_, i) => addDays(first, i));

/**
 * The holidays for everyone of the Regulations on Public Holidays (全国年节及纪念日放假办法) as
 * amended by State Council Decree No. 795, in force since 2025, for `year`: New Year, the Spring
 * Festival (eve and the first three days), Qingming, Labour Day (two days), Dragon Boat,
 * Mid-Autumn and National Day (three days). Holidays of some groups only (Women's Day…) are not
 * days off for the service centre.
 */
export function statutoryHolidays(year: number): CalendarDayEntry[] {
  const springFestival = fromLunar(year, 1, 1);
  const days: [string, string[]][] = [
    ['元旦', [`${year}-01-01`]],
    ['春节', range(addDays(springFestival, -1), 4)],
    ['清明节', [qingming(year)]],
    ['劳动节', range(`${year}-05-01`, 2)],
    ['端午节', [fromLunar(year, 5, 5)]],
    ['中秋节', [fromLunar(year, 8, 15)]],
    ['国庆节', range(`${year}-10-01`, 3)],
  ];
  // Mid-Autumn can fall within National Day: one day off with both names.
  const byDate = new Map<string, CalendarDayEntry>();
  for (const [name, dates] of days) {
    for (const date of dates) {
      const same = byDate.get(date);
      byDate.set(date, { date, kind: 'holiday', name: same ? `${same.name}、${name}` : name });
    }
  }
  return [...byDate.values()].sort((a, b) => a.date.localeCompare(b.date));
}

/**
 * A provisional year: its statutory holidays, and for each holiday day on a Saturday or Sunday a
 * substitute day off (补假) on the next working day after it, as the Regulations give. Which
 * weekends become working days (调休), and any longer break, only the year's notice says.
 */
export function provisionalDays(year: number): CalendarDayEntry[] {
  const holidays = statutoryHolidays(year);
  const taken = new Set(holidays.map((h) => h.date));
  const substitutes: CalendarDayEntry[] = [];
  for (const holiday of holidays) {
    if (!isWeekend(holiday.date)) continue;
    let day = addDays(holiday.date, 1);
    while (isWeekend(day) || taken.has(day)) day = addDays(day, 1);
    taken.add(day);
    substitutes.push({ date: day, kind: 'holiday', name: `${holiday.name}（补假）` });
  }
  return [...holidays, ...substitutes].sort((a, b) => a.date.localeCompare(b.date));
}
