import packageData from 'chinese-days/dist/chinese-days.json';
import type { CalendarDayEntry } from './calendar-day-kind';
import { provisionalDays, statutoryHolidays } from './statutory-holidays';
import {
  dueDateFor,
  dueDateOf,
  OfficialCalendar,
  WorkingDayCalendar,
} from './working-day-calendar';

/** Shanghai wall-clock time → instant. */
const shanghai = (local: string) => new Date(`${local}+08:00`);

/** The package's years as official, as the migration embeds them. */
function packageYears(): OfficialCalendar {
  const days = new Map<string, CalendarDayEntry>();
  const add = (entries: Record<string, string>, kind: CalendarDayEntry['kind']) => {
    for (const [date, detail] of Object.entries(entries)) {
      days.set(date, { date, kind, name: detail.split(',')[1] });
    }
  };
  add(packageData.holidays, 'holiday');
  add(packageData.workdays, 'working_day');
  const years = new Map<number, string | null>();
  for (let year = 2004; year <= 2026; year++)
    years.set(year, `国务院办公厅关于${year}年部分节假日安排的通知`);
  return { years, days };
}

describe('due date: two working days after submission (Asia/Shanghai)', () => {
  const calendar = new WorkingDayCalendar(packageYears());

  it.each([
    // [why, submitted at (Shanghai), due]
    ['an ordinary Monday morning', '2026-11-23T10:00:00', '2026-11-25'],
    ['just before 17:00 counts from the same day', '2026-11-23T16:59:59', '2026-11-25'],
    ['17:00 sharp counts from the next working day', '2026-11-23T17:00:00', '2026-11-26'],
    ['after 17:00 counts from the next working day', '2026-11-23T21:30:00', '2026-11-26'],
    ['Thursday: across the weekend', '2026-11-26T09:00:00', '2026-11-30'],
    ['Friday: across the weekend', '2026-11-27T10:00:00', '2026-12-01'],
    ['Friday after 17:00: counts from Monday', '2026-11-27T18:00:00', '2026-12-02'],
    ['Saturday: counts from Monday', '2026-11-28T11:00:00', '2026-12-02'],
    ['Sunday late evening: counts from Monday', '2026-11-29T23:59:00', '2026-12-02'],
    ['UTC still on Sunday but Monday in Shanghai', '2026-11-30T07:30:00', '2026-12-02'],
    ['before National Day (1–7 October are holidays)', '2026-09-30T10:00:00', '2026-10-09'],
    [
      'during National Day: counts from 8 October, due on the adjusted Saturday',
      '2026-10-03T10:00:00',
      '2026-10-10',
    ],
    [
      'Friday 9 October: Saturday 10 October is an adjusted working day (调休)',
      '2026-10-09T10:00:00',
      '2026-10-12',
    ],
    ['on the adjusted working day itself', '2026-10-10T10:00:00', '2026-10-13'],
    ['adjusted working Sunday 20 September (调休)', '2026-09-18T10:00:00', '2026-09-21'],
    ['Mid-autumn (25–27 September) ahead', '2026-09-24T10:00:00', '2026-09-29'],
    // 2027 is provisional: statutory holidays and their substitute days off.
    ['Thursday 31 December, across New Year 2027', '2026-12-31T10:00:00', '2027-01-05'],
    [
      'Thursday 29 April, across Labour Day and its substitute days',
      '2027-04-29T10:00:00',
      '2027-05-05',
    ],
    ['before the Spring Festival 2027 (5–10 February off)', '2027-02-04T10:00:00', '2027-02-12'],
  ])('%s: %s → %s', (_why, submitted, due) => {
    expect(dueDateFor(shanghai(submitted), calendar)).toBe(due);
  });

  it('marks a due date provisional when it counts days of a provisional year', () => {
    expect(dueDateOf(shanghai('2026-12-30T10:00:00'), calendar)).toEqual({
      date: '2027-01-04',
      provisional: true,
    });
    expect(dueDateOf(shanghai('2026-12-28T10:00:00'), calendar)).toEqual({
      date: '2026-12-30',
      provisional: false,
    });
  });
});

describe('statutory holidays (Decree No. 795) from the lunar calendar', () => {
  it('gives the 2027 holidays the issue lists', () => {
    const dates = (name: string) =>
      statutoryHolidays(2027)
        .filter((day) => day.name === name)
        .map((day) => day.date);
    expect(dates('元旦')).toEqual(['2027-01-01']);
    expect(dates('春节')).toEqual(['2027-02-05', '2027-02-06', '2027-02-07', '2027-02-08']);
    expect(dates('清明节')).toEqual(['2027-04-05']);
    expect(dates('劳动节')).toEqual(['2027-05-01', '2027-05-02']);
    expect(dates('端午节')).toEqual(['2027-06-09']);
    expect(dates('中秋节')).toEqual(['2027-09-15']);
    expect(dates('国庆节')).toEqual(['2027-10-01', '2027-10-02', '2027-10-03']);
  });

  it('adds a substitute day off on the next working day for each holiday on a weekend', () => {
    const substitutes = provisionalDays(2027).filter((day) => day.name.endsWith('（补假）'));
    expect(substitutes.map((day) => [day.date, day.name])).toEqual([
      ['2027-02-09', '春节（补假）'],
      ['2027-02-10', '春节（补假）'],
      ['2027-05-03', '劳动节（补假）'],
      ['2027-05-04', '劳动节（补假）'],
      ['2027-10-04', '国庆节（补假）'],
      ['2027-10-05', '国庆节（补假）'],
    ]);
  });

  it('agrees with the official years on the lunar holidays and Qingming', () => {
    // Before 2014 the Spring Festival holiday did not always include the eve.
    const official = new WorkingDayCalendar(packageYears());
    for (let year = 2008; year <= 2026; year++) {
      const [, ...days] = statutoryHolidays(year).filter((day) => day.name.includes('春节'));
      const others = statutoryHolidays(year).filter((day) =>
        ['清明节', '端午节', '中秋节'].some((name) => day.name.includes(name)),
      );
      for (const day of [...days, ...others]) {
        expect({ date: day.date, working: official.isWorkingDay(day.date) }).toEqual({
          date: day.date,
          working: false,
        });
      }
    }
  });

  it('merges a Mid-Autumn that falls within National Day into one day off', () => {
    const october = provisionalDays(2028).filter((day) => day.date.startsWith('2028-10'));
    expect(october.map((day) => day.date)).toEqual([
      '2028-10-01',
      '2028-10-02',
      '2028-10-03',
      '2028-10-04',
    ]);
    expect(october[2].name).toBe('中秋节、国庆节');
  });

  it('computes the same days whatever time zone the process runs in', () => {
    const zone = process.env.TZ;
    const expected = provisionalDays(2031);
    try {
      for (const tz of ['America/Los_Angeles', 'Asia/Shanghai', 'Pacific/Kiritimati']) {
        process.env.TZ = tz;
        expect({ tz, days: provisionalDays(2031) }).toEqual({ tz, days: expected });
      }
    } finally {
      if (zone === undefined) delete process.env.TZ;
      else process.env.TZ = zone;
    }
  });
});

describe('WorkingDayCalendar', () => {
  const calendar = new WorkingDayCalendar(packageYears());

  it('says which years are official and lists their days', () => {
    expect(calendar.statusOf(2026)).toBe('official');
    expect(calendar.statusOf(2027)).toBe('provisional');
    expect(calendar.daysOf(2026).find((d) => d.date === '2026-10-10')).toEqual({
      date: '2026-10-10',
      kind: 'working_day',
      name: '国庆节',
    });
    expect(calendar.daysOf(2028).length).toBeGreaterThan(10);
  });

  it('knows nothing of adjusted working days in a provisional year', () => {
    expect(calendar.daysOf(2027).every((day) => day.kind === 'holiday')).toBe(true);
    expect(calendar.isWorkingDay('2027-02-20')).toBe(false); // a Saturday
  });

  it('gives the holiday pauses near a date, with the weekends next to them', () => {
    expect(calendar.holidaysBetween('2027-01-25', '2027-02-15')).toEqual([
      { from: '2027-02-05', to: '2027-02-10', names: ['春节'], provisional: true },
    ]);
    expect(calendar.holidaysBetween('2026-12-28', '2027-01-02')).toEqual([
      { from: '2027-01-01', to: '2027-01-03', names: ['元旦'], provisional: true },
    ]);
    expect(calendar.holidaysBetween('2026-11-02', '2026-11-20')).toEqual([]);
  });
});
