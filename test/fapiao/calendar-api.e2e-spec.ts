import { createTestApp, TestApp } from '../support/test-app';

interface Day {
  date: string;
  kind: string;
  name: string;
}

describe('GET /api/v1/calendar/{year} (no login)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ clockAt: '2026-12-03T10:00:00+08:00' });
  });
  afterAll(() => t.close());

  const year = (value: string | number) => t.http().get(`/api/v1/calendar/${value}`);

  it('answers 2027 as provisional: statutory holidays and their substitute days off', async () => {
    const res = await year(2027);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ year: 2027, status: 'provisional' });
    const days = res.body.days as Day[];
    expect(days.map((d) => d.date)).toEqual([...days.map((d) => d.date)].sort());
    expect(days.every((d) => d.kind === 'holiday' && d.date.startsWith('2027-'))).toBe(true);
    expect(days.filter((d) => d.date.startsWith('2027-02'))).toEqual([
      { date: '2027-02-05', kind: 'holiday', name: '春节' },
      { date: '2027-02-06', kind: 'holiday', name: '春节' },
      { date: '2027-02-07', kind: 'holiday', name: '春节' },
      { date: '2027-02-08', kind: 'holiday', name: '春节' },
      { date: '2027-02-09', kind: 'holiday', name: '春节（补假）' },
      { date: '2027-02-10', kind: 'holiday', name: '春节（补假）' },
    ]);
    expect(days.map((d) => d.date)).toEqual(
      expect.arrayContaining([
        '2027-01-01',
        '2027-04-05',
        '2027-06-09',
        '2027-09-15',
        '2027-10-05',
      ]),
    );
  });

  it('answers 2028 as provisional too (never empty)', async () => {
    const res = await year(2028);
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('provisional');
    const days = res.body.days as Day[];
    // New Year's Day 2028 is a Saturday: the substitute day off is Monday 3 January.
    expect(days.slice(0, 2)).toEqual([
      { date: '2028-01-01', kind: 'holiday', name: '元旦' },
      { date: '2028-01-03', kind: 'holiday', name: '元旦（补假）' },
    ]);
    expect(days.length).toBeGreaterThanOrEqual(15);
  });

  it('answers 2026 as official, with its notice and adjusted working days', async () => {
    const res = await year(2026);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      year: 2026,
      status: 'official',
      notice: '国务院办公厅关于2026年部分节假日安排的通知',
    });
    expect(res.body.days).toEqual(
      expect.arrayContaining([
        { date: '2026-10-10', kind: 'working_day', name: '国庆节' },
        { date: '2026-02-17', kind: 'holiday', name: '春节' },
      ]),
    );
  });

  it.each([
    ['not a year', 'next', 400],
    ['too many digits', '20270', 400],
    ['before the data', '1999', 404],
    ['after the lunar tables', '2100', 404],
  ])('refuses %s (%s) with %d and a problem document', async (_why, value, status) => {
    const res = await year(value);
    expect(res.status).toBe(status);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.body.detail).toMatch(/year/);
  });
});
