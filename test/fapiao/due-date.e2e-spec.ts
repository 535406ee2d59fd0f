import { Logger } from '@nestjs/common';
import { CalendarArrangements } from '../../src/fapiao/calendar/calendar-arrangements.service';
import { CalendarCoverageJob } from '../../src/fapiao/calendar/calendar-coverage.job';
import { WorkingDayCalendar } from '../../src/fapiao/calendar/working-day-calendar';
import { WorkingDaysService } from '../../src/fapiao/calendar/working-days.service';
import { createTestApp, TestApp } from '../support/test-app';
import { APPLICATIONS, authed, createDraft, payingCustomer, STAFF } from './fapiao-fixtures';

/** Polls: an instance's copy of the calendar follows a notification sent on commit. */
async function calendarWithin(
  t: TestApp,
  check: (calendar: WorkingDayCalendar) => boolean,
  ms = 10_000,
): Promise<boolean> {
  const until = Date.now() + ms;
  for (;;) {
    if (check(await t.get(WorkingDaysService).calendar())) return true;
    if (Date.now() > until) return false;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('due date of a confirmed application', () => {
  let t: TestApp;
  let alerts: jest.SpyInstance;

  beforeAll(async () => {
    alerts = jest.spyOn(Logger.prototype, 'error');
    // The clock is on 2026-12-03 while the app starts: 2027 is provisional.
    t = await createTestApp({ clockAt: '2026-12-03T09:30:00+08:00' });
  });
  afterAll(async () => {
    alerts.mockRestore();
    await t.close();
  });

  async function confirmAt(
    shanghaiTime: string,
  ): Promise<{ dueDate: string; provisional: boolean }> {
    // The whole story happens at that instant (access tokens follow the app's clock too).
    t.clock.set(`${shanghaiTime}+08:00`);
    const customer = await payingCustomer(t);
    const id = await createDraft(t, customer);
    const res = await authed(t, customer.token).post(`${APPLICATIONS}/${id}/confirm`);
    expect(res.status).toBe(200);
    return { dueDate: res.body.dueDate, provisional: res.body.dueDateProvisional };
  }

  it.each([
    ['Friday morning, across the weekend', '2026-11-27T09:30:00', '2026-12-01', false],
    ['Monday after 17:00, from Tuesday', '2026-11-23T17:05:00', '2026-11-26', false],
    ['before National Day', '2026-09-30T11:00:00', '2026-10-09', false],
    ['with the adjusted working Saturday (调休)', '2026-10-09T11:00:00', '2026-10-12', false],
    [
      'Thursday 31 December, across New Year while 2027 is provisional',
      '2026-12-31T10:00:00',
      '2027-01-05',
      true,
    ],
    [
      'Thursday 29 April, after Labour Day and its substitute days',
      '2027-04-29T10:00:00',
      '2027-05-05',
      true,
    ],
  ])('%s: %s → %s', async (_why, submittedAt, due, provisional) => {
    expect(await confirmAt(submittedAt)).toEqual({ dueDate: due, provisional });
  });

  it('logs no ALERT at start-up, with the clock on 2026-12-03', () => {
    const logged = alerts.mock.calls.map((call) => String(call[0]));
    expect(logged.filter((message) => message.includes('ALERT'))).toEqual([]);
  });

  it('alerts once a day from 1 October while next year is not official', async () => {
    const job = t.get(CalendarCoverageJob);
    alerts.mockClear();
    t.clock.set('2027-09-30T09:00:00+08:00');
    await job.run();
    expect(alerts).not.toHaveBeenCalled();
    t.clock.set('2027-10-02T09:00:00+08:00');
    await job.run();
    expect(alerts).toHaveBeenCalledTimes(1);
    expect(String(alerts.mock.calls[0][0])).toContain(
      'ALERT: the working-day calendar for 2028 is provisional',
    );
    expect(await t.get(WorkingDaysService).missingNextYear()).toBe(2028);
  });

  it('reads the calendar from the tables while its listener is down', async () => {
    const listeners = `SELECT pid FROM pg_stat_activity
                        WHERE datname = current_database()
                          AND application_name = 'fapiao-listen'`;
    await t.dataSource.query(`SELECT pg_terminate_backend(pid) FROM (${listeners}) l`);
    const until = Date.now() + 3000;
    while ((await t.dataSource.query(listeners)).length > 0 && Date.now() < until) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    // A year published by plain SQL, as a script or another instance would write it.
    await t.dataSource.query(
      `INSERT INTO calendar_years (year, status, notice) VALUES (2098, 'official', 'test notice');
       INSERT INTO calendar_days (date, year, kind, name) VALUES ('2098-06-03', 2098, 'holiday', 'Office closed')`,
    );
    // The listener reconnects after 5 s and nobody else could have told the instance.
    expect(await calendarWithin(t, (calendar) => !calendar.isWorkingDay('2098-06-03'))).toBe(true);
    expect(await confirmAt('2098-06-02T10:00:00')).toEqual({
      dueDate: '2098-06-05',
      provisional: false,
    });
  });
  it('puts right the due dates confirmed before the instance heard the year was published', async () => {
    // 2027 made official by plain SQL: the provisional due dates above were not revised.
    await t.dataSource.query(
      `INSERT INTO calendar_years (year, status, notice) VALUES (2027, 'official', 'SQL notice');
       INSERT INTO calendar_days (date, year, kind, name)
       VALUES ('2027-01-01', 2027, 'holiday', '元旦'), ('2027-01-04', 2027, 'holiday', '元旦')`,
    );
    const outcome = await t.get(CalendarCoverageJob).reviseStaleDueDates();
    expect(outcome).toEqual({ moved: 2, movedLater: 1, confirmed: 2 });
    const rows: { due: string; provisional: boolean }[] = await t.dataSource.query(
      `SELECT to_char(due_date, 'YYYY-MM-DD') AS due, due_date_provisional AS provisional
         FROM fapiao_applications WHERE due_date >= '2027-01-01' AND due_date < '2098-01-01'
        ORDER BY due_date`,
    );
    // 31 December: 1 and 4 January off, due on 6 January; 29 April: no Labour Day listed.
    expect(rows).toEqual([
      { due: '2027-01-06', provisional: false },
      { due: '2027-05-03', provisional: false },
    ]);
    expect(await t.get(CalendarCoverageJob).reviseStaleDueDates()).toEqual({
      moved: 0,
      movedLater: 0,
      confirmed: 0,
    });
  });
});

describe('the calendar across instances', () => {
  let first: TestApp;
  let second: TestApp;

  beforeAll(async () => {
    first = await createTestApp();
    second = await createTestApp({ databaseName: first.databaseName });
  });
  afterAll(async () => {
    await second?.close();
    await first?.close();
  });

  it('uses a year published through one instance on the other once it is committed', async () => {
    expect((await second.get(WorkingDaysService).calendar()).isWorkingDay('2027-02-20')).toBe(
      false,
    );
    await first.dataSource.transaction(async (manager) => {
      const arrangements = first.get(CalendarArrangements);
      await arrangements.enterDays(manager, [
        { field: 'holidays.0', date: '2027-01-01', kind: 'holiday', name: '元旦' },
        { field: 'workingDays.0', date: '2027-02-20', kind: 'working_day', name: '春节' },
      ]);
      await arrangements.publish(manager, 2027, '国办发明电〔2026〕7号', STAFF);
    });
    expect(
      await calendarWithin(
        second,
        (calendar) => calendar.statusOf(2027) === 'official' && calendar.isWorkingDay('2027-02-20'),
      ),
    ).toBe(true);
    expect((await second.http().get('/api/v1/calendar/2027')).body).toMatchObject({
      year: 2027,
      status: 'official',
      notice: '国办发明电〔2026〕7号',
    });
  });
});
