import { StaffRole } from '../../src/auth/staff/staff-role';
import { payingCustomer, submitted } from '../fapiao/fapiao-fixtures';
import { createTestApp, TestApp } from '../support/test-app';
import { Agent, createStaff, signIn } from './admin-test-kit';

const api = (resource: string) => `/admin/api/resources/${resource}`;

interface PropertyJson {
  path: string;
  components?: Record<string, string>;
}

describe('back office: dates stored, shown and edited as dates; instants in Beijing time', () => {
  let t: TestApp;
  let admin: Agent;

  beforeAll(async () => {
    t = await createTestApp({ env: { ADMIN_ENABLED: 'true' } });
    t.clock.set('2026-11-24T10:00:00+08:00');
    admin = await signIn(t, (await createStaff(t, StaffRole.ADMIN)).email);
    await submitted(t, await payingCustomer(t));
  }, 60_000);
  afterAll(() => t?.close());

  const periods = async () =>
    t.dataSource.query<{ expected: string; starts: string; ends: string | null }[]>(
      `SELECT to_char(expected_issue_date, 'YYYY-MM-DD') AS expected,
              to_char(starts_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI') AS starts,
              to_char(ends_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI') AS ends
         FROM out_of_use_periods ORDER BY created_at`,
    );
  const newPeriod = (form: Record<string, string>) =>
    admin
      .post(`${api('out_of_use_periods')}/actions/new`)
      .type('form')
      .send({ noticeZh: '发票暂停开具', noticeEn: 'Fapiao paused', ...form });

  it('saves an out-of-use period as typed: that expected issue date, those Beijing times', async () => {
    const res = await newPeriod({
      startsAt: '2026-12-10T09:00:00+08:00',
      endsAt: '2026-12-14T18:00:00+08:00',
      expectedIssueDate: '2026-12-15',
    });
    expect(res.body.notice.type).toBe('success');
    expect(await periods()).toEqual([
      { expected: '2026-12-15', starts: '2026-12-10 09:00', ends: '2026-12-14 18:00' },
    ]);
    const shown = await admin.get(
      `${api('out_of_use_periods')}/records/${res.body.record.id}/show`,
    );
    expect(shown.body.record.params.expectedIssueDate).toBe('2026-12-15');
  });

  it('answers a bad or missing date with a field error (a translation key), writing nothing', async () => {
    const before = await periods();
    const cases: [Record<string, string>, string, string][] = [
      [
        { startsAt: '2026-12-10T09:00:00+08:00', expectedIssueDate: '2026-02-30' },
        'expectedIssueDate',
        'dateInvalid',
      ],
      [
        { startsAt: '2026-12-10T09:00:00+08:00', expectedIssueDate: '15/12/2026' },
        'expectedIssueDate',
        'dateInvalid',
      ],
      [
        { startsAt: '2026-12-10T09:00:00+08:00', expectedIssueDate: '' },
        'expectedIssueDate',
        'fieldRequired',
      ],
      [{ startsAt: 'next Tuesday', expectedIssueDate: '2026-12-15' }, 'startsAt', 'timeInvalid'],
      [{ startsAt: '', expectedIssueDate: '2026-12-15' }, 'startsAt', 'fieldRequired'],
    ];
    for (const [form, field, message] of cases) {
      const res = await newPeriod(form);
      expect(res.status).toBe(200);
      expect({ form, error: res.body.record.errors[field] }).toEqual({ form, error: { message } });
      expect(res.body.notice.type).toBe('error');
    }
    expect(await periods()).toEqual(before);
  });

  it('enters a calendar day as typed, and refuses an empty or malformed one without a database message', async () => {
    const years = '/admin/api/resources/calendar_years/actions';
    const res = await admin
      .post(`${years}/enterDays`)
      .type('form')
      .send({ year: '2028', 'holidays.0.date': '2028-01-01', 'holidays.0.name': 'New Year' });
    expect(res.body.notice.type).toBe('success');
    const [row] = await t.dataSource.query<{ draft_days: { date: string }[] }[]>(
      `SELECT draft_days FROM calendar_years WHERE year = 2028`,
    );
    expect(row.draft_days.map((day) => day.date)).toEqual(['2028-01-01']);
    for (const date of ['', '01/01/2028', '2028-02-30']) {
      const refused = await admin
        .post(`${years}/enterDays`)
        .type('form')
        .send({ year: '2028', 'holidays.0.date': date, 'holidays.0.name': 'New Year' });
      expect({ date, type: refused.body.notice.type }).toEqual({ date, type: 'error' });
      expect(JSON.stringify(refused.body)).not.toMatch(/null value|violates|calendar_/);
    }
  });

  it('filters dates by from/to and refuses a value that is not a date with a 400', async () => {
    const ok = await admin.get(
      `${api('applications')}/actions/list?filters.dueDate~~from=2026-11-01&filters.dueDate~~to=2026-12-31`,
    );
    expect(ok.status).toBe(200);
    expect(ok.body.meta.total).toBe(1);
    for (const probe of [
      'filters.dueDate=abc',
      'filters.dueDate~~from=2026-13-01',
      'filters.dueDate~~between=2026-11-01',
      'filters.submittedAt~~from=yesterday',
      'filters.id=not-a-uuid',
      'filters.overdue=maybe',
    ]) {
      const res = await admin.get(`${api('applications')}/actions/list?${probe}`);
      expect({ probe, status: res.status }).toEqual({ probe, status: 400 });
    }
  });

  it('gives every date-only column and instant the back office’s own components', async () => {
    const page = await admin.get('/admin');
    const state = JSON.parse(/window\.REDUX_STATE = (.*);\n/.exec(page.text)![1]) as {
      resources: { id: string; properties: Record<string, PropertyJson> }[];
    };
    const components = (resource: string, path: string) =>
      state.resources.find((r) => r.id === resource)!.properties[path].components;
    expect(components('applications', 'dueDate')).toMatchObject({
      list: 'DateOnlyValue',
      edit: 'DateOnlyEdit',
      filter: 'DateOnlyFilter',
    });
    expect(components('out_of_use_periods', 'expectedIssueDate')).toMatchObject({
      edit: 'DateOnlyEdit',
    });
    expect(components('out_of_use_periods', 'startsAt')).toMatchObject({
      show: 'BeijingTimeValue',
      edit: 'BeijingTimeEdit',
    });
    expect(components('calendar_days', 'date')).toMatchObject({ list: 'DateOnlyValue' });
  });
});
