import { WorkingDayCalendar } from '../../src/fapiao/calendar/working-day-calendar';
import { WorkingDaysService } from '../../src/fapiao/calendar/working-days.service';
import { createTestApp, TestApp } from '../support/test-app';
import { APPLICATIONS, authed, createDraft, payingCustomer } from './fapiao-fixtures';

describe('due date of a confirmed application', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  async function confirmAt(shanghaiTime: string): Promise<string> {
    // The whole story happens at that instant (access tokens follow the app's clock too).
    t.clock.set(`${shanghaiTime}+08:00`);
    const customer = await payingCustomer(t);
    const id = await createDraft(t, customer);
    const res = await authed(t, customer.token).post(`${APPLICATIONS}/${id}/confirm`);
    expect(res.status).toBe(200);
    return res.body.dueDate as string;
  }

  it.each([
    ['Friday morning, across the weekend', '2026-11-27T09:30:00', '2026-12-01'],
    ['Monday after 17:00, from Tuesday', '2026-11-23T17:05:00', '2026-11-26'],
    ['before National Day', '2026-09-30T11:00:00', '2026-10-09'],
    ['with the adjusted working Saturday (调休)', '2026-10-09T11:00:00', '2026-10-12'],
  ])('%s: %s → %s', async (_why, submittedAt, due) => {
    expect(await confirmAt(submittedAt)).toBe(due);
  });

  /** Polls: the instance's copy of the overrides follows a notification sent on commit. */
  async function calendarWithin(
    check: (calendar: WorkingDayCalendar) => boolean,
    ms = 3000,
  ): Promise<boolean> {
    const until = Date.now() + ms;
    for (;;) {
      if (check(await t.get(WorkingDaysService).calendar())) return true;
      if (Date.now() > until) return false;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  it('uses the calendar overrides staff enter, whoever writes them', async () => {
    // Plain SQL, as a script or another instance would write it.
    await t.dataSource.query(
      `INSERT INTO calendar_overrides (date, working, note) VALUES ('2026-12-02', false, 'Office closed')`,
    );
    expect(await calendarWithin((calendar) => !calendar.isWorkingDay('2026-12-02'))).toBe(true);
    expect(await confirmAt('2026-11-30T10:00:00')).toBe('2026-12-03');

    await t.dataSource.query(`DELETE FROM calendar_overrides WHERE date = '2026-12-02'`);
    expect(await calendarWithin((calendar) => calendar.isWorkingDay('2026-12-02'))).toBe(true);
    expect(await confirmAt('2026-11-30T10:00:00')).toBe('2026-12-02');
  });

  it('reads the overrides from the table while its listener is down', async () => {
    const listeners = `SELECT pid FROM pg_stat_activity
                        WHERE datname = current_database()
                          AND application_name = 'fapiao-listen'`;
    await t.dataSource.query(`SELECT pg_terminate_backend(pid) FROM (${listeners}) l`);
    const until = Date.now() + 3000;
    while ((await t.dataSource.query(listeners)).length > 0 && Date.now() < until) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    await t.dataSource.query(
      `INSERT INTO calendar_overrides (date, working, note) VALUES ('2026-12-04', false, 'Office closed')`,
    );
    // The listener reconnects after 5 s and nobody else could have told the instance.
    expect(await calendarWithin((calendar) => !calendar.isWorkingDay('2026-12-04'))).toBe(true);
    expect(await confirmAt('2026-12-02T10:00:00')).toBe('2026-12-07');
    await t.dataSource.query(`DELETE FROM calendar_overrides WHERE date = '2026-12-04'`);
  });

  it('reports whether next year is known, and knows it once overrides are entered', async () => {
    t.clock.set('2026-11-24T10:00:00+08:00');
    const workingDays = t.get(WorkingDaysService);
    // chinese-days 1.5.7 ends with 2026.
    expect(await workingDays.checkCalendarCoverage()).toEqual({ year: 2027, known: false });
    await t.dataSource.query(
      `INSERT INTO calendar_overrides (date, working, note) VALUES ('2027-01-01', false, 'New Year''s Day')`,
    );
    expect(await workingDays.checkCalendarCoverage()).toEqual({ year: 2027, known: true });
    t.clock.set('2025-06-01T10:00:00+08:00');
    expect(await workingDays.checkCalendarCoverage()).toEqual({ year: 2026, known: true });
  });
});
