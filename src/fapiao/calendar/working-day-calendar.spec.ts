import { dueDateFor, HolidaySource, WorkingDayCalendar } from './working-day-calendar';

/** Shanghai wall-clock time → instant. */
const shanghai = (local: string) => new Date(`${local}+08:00`);

describe('due date: two working days after submission (Asia/Shanghai)', () => {
  const calendar = new WorkingDayCalendar();

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
  ])('%s: %s → %s', (_why, submitted, due) => {
    expect(dueDateFor(shanghai(submitted), calendar)).toBe(due);
  });
});

describe('WorkingDayCalendar', () => {
  it('knows the package years and not the ones after', () => {
    const calendar = new WorkingDayCalendar();
    expect(calendar.knowsYear(2026)).toBe(true);
    expect(calendar.knowsYear(2099)).toBe(false);
  });

  it('falls back to Monday–Friday for an unknown year', () => {
    const calendar = new WorkingDayCalendar();
    expect(calendar.isWorkingDay('2099-01-01')).toBe(true); // a Thursday nobody has declared
    expect(calendar.isWorkingDay('2099-01-03')).toBe(false); // Saturday
  });

  it('lets staff overrides win over the package and fill unknown years', () => {
    const overrides = new Map([
      ['2026-11-25', false], // e.g. an office closure
      ['2026-11-28', true], // a Saturday made a working day
      ['2099-01-01', false],
    ]);
    const calendar = new WorkingDayCalendar(overrides);
    expect(dueDateFor(shanghai('2026-11-24T10:00:00'), calendar)).toBe('2026-11-27');
    expect(dueDateFor(shanghai('2026-11-27T10:00:00'), calendar)).toBe('2026-11-30');
    expect(calendar.knowsYear(2099)).toBe(true);
    expect(dueDateFor(shanghai('2098-12-31T10:00:00'), calendar)).toBe('2099-01-05');
  });

  it('uses only the source for the years it covers', () => {
    const asked: string[] = [];
    const source: HolidaySource = {
      coversYear: (year) => year === 2030,
      isWorkingDay: (date) => {
        asked.push(date);
        return date !== '2030-01-02';
      },
    };
    const calendar = new WorkingDayCalendar(new Map(), source);
    expect(calendar.addWorkingDays('2030-01-01', 1)).toBe('2030-01-03');
    expect(asked).toEqual(['2030-01-02', '2030-01-03']);
  });
});
