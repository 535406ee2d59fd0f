import { arrangementErrors, parseHolidayCn } from './calendar-arrangement';

describe('holiday-cn year files', () => {
  it('reads days off and adjusted working days', () => {
    const { errors, file } = parseHolidayCn(
      JSON.stringify({
        year: 2027,
        papers: ['https://www.gov.cn/notice'],
        days: [
          { name: '春节', date: '2027-02-20', isOffDay: false },
          { name: '元旦', date: '2027-01-01', isOffDay: true },
        ],
      }),
    );
    expect(errors).toEqual([]);
    expect(file).toEqual({
      year: 2027,
      papers: ['https://www.gov.cn/notice'],
      days: [
        { date: '2027-01-01', kind: 'holiday', name: '元旦' },
        { date: '2027-02-20', kind: 'working_day', name: '春节' },
      ],
    });
  });

  it.each([
    ['an array', '[]', 'file', /JSON object/],
    ['a year that is not a number', '{"year":"2027","days":[{}]}', 'year', /whole number/],
    ['no days', '{"year":2027,"days":[]}', 'days', /non-empty list/],
    [
      'papers that are not texts',
      '{"year":2027,"papers":[1],"days":[{}]}',
      'papers',
      /list of texts/,
    ],
    [
      'an impossible date',
      '{"year":2027,"days":[{"name":"元旦","date":"2027-02-30","isOffDay":true}]}',
      'days.0.date',
      /must be a date/,
    ],
    [
      'a day given twice',
      '{"year":2027,"days":[{"name":"元旦","date":"2027-01-01","isOffDay":true},{"name":"元旦","date":"2027-01-01","isOffDay":true}]}',
      'days.1.date',
      /given twice/,
    ],
    [
      'a nameless day',
      '{"year":2027,"days":[{"date":"2027-01-01","isOffDay":true}]}',
      'days.0.name',
      /1 to 100 characters/,
    ],
    [
      'a year the calendar does not cover',
      '{"year":2100,"days":[{"name":"元旦","date":"2100-01-01","isOffDay":true}]}',
      'year',
      /2004 to 2099/,
    ],
  ])('refuses %s', (_why, text, field, message) => {
    const { errors, file } = parseHolidayCn(text);
    expect(file).toBeUndefined();
    expect(errors).toContainEqual({ field, message: expect.stringMatching(message) });
  });

  it('refuses a file far larger than a year file', () => {
    expect(parseHolidayCn(' '.repeat(200_000)).errors[0].message).toMatch(/larger than/);
  });
});

describe('entered days', () => {
  it('takes the year from the dates and keeps them in date order', () => {
    const result = arrangementErrors([
      { field: 'holidays.0', date: '2027-10-01', kind: 'holiday', name: '国庆节' },
      { field: 'workingDays.0', date: ' 2027-09-26 ', kind: 'working_day', name: '国庆节' },
    ]);
    expect(result).toEqual({
      errors: [],
      year: 2027,
      days: [
        { date: '2027-09-26', kind: 'working_day', name: '国庆节' },
        { date: '2027-10-01', kind: 'holiday', name: '国庆节' },
      ],
    });
  });

  it('refuses days of two years and a working day on a weekday', () => {
    const { errors } = arrangementErrors([
      { field: 'holidays.0', date: '2027-10-01', kind: 'holiday', name: '国庆节' },
      { field: 'holidays.1', date: '2028-01-01', kind: 'holiday', name: '元旦' },
      { field: 'workingDays.0', date: '2027-09-27', kind: 'working_day', name: '国庆节' },
    ]);
    expect(errors).toEqual([
      { field: 'holidays.1.date', message: '2028-01-01 is not in 2027' },
      {
        field: 'workingDays.0.date',
        message: '2027-09-27 is a weekday: an adjusted working day (调休) is a Saturday or Sunday',
      },
    ]);
  });
});
