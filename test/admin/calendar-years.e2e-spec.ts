import { StaffRole } from '../../src/auth/staff/staff-role';
import { CalendarArrangements } from '../../src/fapiao/calendar/calendar-arrangements.service';
import { WorkingDaysService } from '../../src/fapiao/calendar/working-days.service';
import {
  APPLICATIONS,
  authed,
  mailsTo,
  payingCustomer,
  PayingCustomer,
  signInAgain,
  submitted,
} from '../fapiao/fapiao-fixtures';
import { createTestApp, TestApp } from '../support/test-app';
import { Agent, auditRows, createStaff, signIn } from './admin-test-kit';

const YEARS = '/admin/api/resources/calendar_years/actions';

/** A holiday-cn year file (https://github.com/NateScarlet/holiday-cn), as staff download it. */
const HOLIDAY_CN_2027 = {
  $schema: 'https://raw.githubusercontent.com/NateScarlet/holiday-cn/master/schema.json',
  $id: 'https://raw.githubusercontent.com/NateScarlet/holiday-cn/master/2027.json',
  year: 2027,
  papers: ['https://www.gov.cn/zhengce/content/2027-notice.htm'],
  days: [
    { name: '元旦', date: '2027-01-01', isOffDay: true },
    { name: '春节', date: '2027-02-05', isOffDay: true },
    { name: '春节', date: '2027-02-06', isOffDay: true },
    { name: '春节', date: '2027-02-20', isOffDay: false },
  ],
};

describe('back office: the working-day calendar', () => {
  let t: TestApp;
  let admin: Agent;
  let support: Agent;

  beforeAll(async () => {
    t = await createTestApp({
      env: { ADMIN_ENABLED: 'true' },
      clockAt: '2027-02-03T10:00:00+08:00',
    });
    admin = await signIn(t, (await createStaff(t, StaffRole.ADMIN)).email);
    support = await signIn(t, (await createStaff(t, StaffRole.SUPPORT)).email);
  }, 60_000);
  afterAll(() => t?.close());

  const draftOf = async (year: number) =>
    (
      await t.dataSource.query(`SELECT status, draft_days FROM calendar_years WHERE year = $1`, [
        year,
      ])
    )[0] as { status: string; draft_days: unknown[] | null } | undefined;

  it('imports a holiday-cn file into the draft, which does not change due dates yet', async () => {
    const res = await admin
      .post(`${YEARS}/importHolidayCn`)
      .type('form')
      .send({ file: JSON.stringify(HOLIDAY_CN_2027) });
    expect(res.body.notice).toMatchObject({ type: 'success', message: 'calendarImported' });
    expect(await draftOf(2027)).toEqual({
      status: 'provisional',
      draft_days: [
        { date: '2027-01-01', kind: 'holiday', name: '元旦' },
        { date: '2027-02-05', kind: 'holiday', name: '春节' },
        { date: '2027-02-06', kind: 'holiday', name: '春节' },
        { date: '2027-02-20', kind: 'working_day', name: '春节' },
      ],
    });
    const [entry] = await auditRows(t, 'calendar.import');
    expect(entry).toMatchObject({ resource: 'calendar_years', record_id: '2027' });
    expect((await t.get(WorkingDaysService).calendar()).isWorkingDay('2027-02-20')).toBe(false);
  });

  it.each([
    ['not JSON', '{"year": 2027, "days": [', /not JSON/],
    ['not the holiday-cn shape', JSON.stringify({ year: 2027, holidays: [] }), /"days" must be/],
    [
      'a day without isOffDay and a date of another year',
      JSON.stringify({
        year: 2027,
        papers: [],
        days: [
          { name: '元旦', date: '2027-01-01' },
          { name: '春节', date: '2028-01-26', isOffDay: true },
        ],
      }),
      /days\.0\.isOffDay must be true or false; 2028-01-26 is not in 2027/,
    ],
    [
      'an adjusted working day on a weekday',
      JSON.stringify({
        year: 2027,
        papers: [],
        days: [{ name: '春节', date: '2027-02-18', isOffDay: false }],
      }),
      /2027-02-18 is a weekday/,
    ],
  ])(
    'refuses a malformed file (%s) with a clear message, changing nothing',
    async (_why, file, reason) => {
      const before = await draftOf(2027);
      const res = await admin.post(`${YEARS}/importHolidayCn`).type('form').send({ file });
      expect(res.status).toBe(200);
      expect(res.body.notice).toMatchObject({ type: 'error', message: 'CALENDAR_IMPORT_INVALID' });
      expect(res.body.notice.options.defaultValue).toMatch(reason);
      expect(await draftOf(2027)).toEqual(before);
    },
  );

  it('lets only admins read, enter, import and publish', async () => {
    for (const action of ['enterDays', 'importHolidayCn', 'publishYear', 'discardDraft']) {
      const res = await support.post(`${YEARS}/${action}`).type('form').send({ year: '2027' });
      expect({ action, status: res.status }).toEqual({ action, status: 403 });
    }
    const daysPath =
      '/admin/api/resources/calendar_days/actions/list?filters.kind=working_day&filters.year=2026';
    const days = await admin.get(daysPath);
    expect(days.status).toBe(200);
    expect((await support.get(daysPath)).status).toBe(403);
    expect(days.body.records.map((r: { params: { date: string } }) => r.params.date)).toContain(
      '2026-10-10',
    );
    const list = await admin.get('/admin/api/resources/calendar_years/actions/list');
    expect(list.body.records.map((r: { id: number }) => String(r.id))).toContain('2026');
  });

  describe('publishing an arrangement', () => {
    let early: PayingCustomer;
    let late: PayingCustomer;
    let earlyId: string;
    let lateId: string;

    beforeAll(async () => {
      // Wednesday 3 February: provisionally due on Thursday 11 February (5–10 February off).
      t.clock.set('2027-02-03T10:00:00+08:00');
      early = await payingCustomer(t, { locale: 'en' });
      earlyId = await submitted(t, early);
      // Friday 19 February: provisionally due on Tuesday 23 February.
      t.clock.set('2027-02-19T10:00:00+08:00');
      late = await payingCustomer(t);
      lateId = await submitted(t, late);
    });

    const view = async (customer: PayingCustomer, id: string) =>
      (await authed(t, (await signInAgain(t, customer)).token).get(`${APPLICATIONS}/${id}`)).body;

    it('starts from provisional due dates', async () => {
      expect(await view(early, earlyId)).toMatchObject({
        dueDate: '2027-02-11',
        dueDateProvisional: true,
      });
      expect(await view(late, lateId)).toMatchObject({
        dueDate: '2027-02-23',
        dueDateProvisional: true,
      });
    });

    it('refuses to publish without a notice or without a draft', async () => {
      const noNotice = await admin
        .post(`${YEARS}/publishYear`)
        .type('form')
        .send({ year: '2027', notice: ' ' });
      expect(noNotice.body.notice).toMatchObject({
        type: 'error',
        message: 'CALENDAR_DAYS_INVALID',
      });
      const noDraft = await admin
        .post(`${YEARS}/publishYear`)
        .type('form')
        .send({ year: '2029', notice: 'x' });
      expect(noDraft.body.notice).toMatchObject({
        type: 'error',
        message: 'CALENDAR_NOTHING_TO_PUBLISH',
      });
      expect((await t.get(WorkingDaysService).calendar()).statusOf(2027)).toBe('provisional');
    });

    it('moves open due dates, marks the year official and mails those moved later', async () => {
      t.clock.set('2027-02-19T12:00:00+08:00');
      const entered = await admin.post(`${YEARS}/enterDays`).type('form').send({
        'holidays.0.date': '2027-02-07',
        'holidays.0.name': '春节',
        'holidays.1.date': '2027-02-08',
        'holidays.1.name': '春节',
        'holidays.2.date': '2027-02-09',
        'holidays.2.name': '春节',
        'holidays.3.date': '2027-02-10',
        'holidays.3.name': '春节',
        'holidays.4.date': '2027-02-11',
        'holidays.4.name': '春节',
        'holidays.5.date': '2027-02-12',
        'holidays.5.name': '春节',
        // The Saturday after the break is an adjusted working day (调休), as imported.
        'workingDays.0.date': '2027-02-20',
        'workingDays.0.name': '春节',
      });
      expect(entered.body.notice).toMatchObject({
        type: 'success',
        message: 'calendarDaysEntered',
      });

      const published = await admin
        .post(`${YEARS}/publishYear`)
        .type('form')
        .send({ year: '2027', notice: '国办发明电〔2026〕7号' });
      expect(published.body.notice).toMatchObject({
        type: 'success',
        message: 'calendarPublished',
      });

      const calendar = await t.http().get('/api/v1/calendar/2027');
      expect(calendar.body).toMatchObject({ status: 'official', notice: '国办发明电〔2026〕7号' });
      expect(calendar.body.days).toContainEqual({
        date: '2027-02-20',
        kind: 'working_day',
        name: '春节',
      });

      // 4 February counts, 5–14 February are off: due on Monday 15 February, later.
      const moved = await view(early, earlyId);
      expect(moved).toMatchObject({ dueDate: '2027-02-15', dueDateProvisional: false });
      expect(moved.remarks.map((r: { text: string }) => r.text)).toContainEqual(
        expect.stringContaining('Due date moved from 2027-02-11 to 2027-02-15'),
      );
      // The adjusted Saturday counts: due on Monday 22 February, earlier.
      expect(await view(late, lateId)).toMatchObject({
        dueDate: '2027-02-22',
        dueDateProvisional: false,
      });

      const laterMails = await mailsTo(t, early.email, /New due date/);
      expect(laterMails).toHaveLength(1);
      expect(laterMails[0].text).toContain('2027-02-15');
      expect(await mailsTo(t, late.email, /预计完成日期已调整/)).toHaveLength(0);

      const [entry] = await auditRows(t, 'calendar.publish');
      expect(entry).toMatchObject({ resource: 'calendar_years', record_id: '2027' });
      expect(entry.after).toMatchObject({
        status: 'official',
        notice: '国办发明电〔2026〕7号',
        dueDatesMoved: 2,
        dueDatesMovedLater: 1,
      });
      expect(await draftOf(2027)).toEqual({ status: 'official', draft_days: null });
    });

    it('counts the adjusted working day for new confirmations', async () => {
      t.clock.set('2027-02-19T11:00:00+08:00');
      const customer = await payingCustomer(t);
      const id = await submitted(t, customer);
      expect(await view(customer, id)).toMatchObject({
        dueDate: '2027-02-22',
        dueDateProvisional: false,
      });
    });

    it('publishes a correction of an official year on top of its days', async () => {
      await t.dataSource.transaction((manager) =>
        t
          .get(CalendarArrangements)
          .enterDays(manager, [
            { field: 'holidays.0', date: '2027-10-08', kind: 'holiday', name: '国庆节' },
          ]),
      );
      const res = await admin
        .post(`${YEARS}/publishYear`)
        .type('form')
        .send({ year: '2027', notice: '国办发明电〔2027〕1号' });
      expect(res.body.notice?.type).toBe('success');
      const days = (await t.http().get('/api/v1/calendar/2027')).body.days as { date: string }[];
      expect(days.map((d) => d.date)).toEqual(expect.arrayContaining(['2027-02-20', '2027-10-08']));
    });
  });

  describe('dashboard warning', () => {
    const calendarCard = async () => {
      const res = await admin.get('/admin/api/dashboard');
      expect(res.status).toBe(200);
      return (
        res.body.sections as { key: string; metrics: { key: string; value: number }[] }[]
      ).find((s) => s.key === 'calendar');
    };

    it('warns admins from 1 October while next year is not official', async () => {
      t.clock.set('2027-09-30T10:00:00+08:00');
      expect(await calendarCard()).toBeUndefined();
      t.clock.set('2027-10-02T10:00:00+08:00');
      expect(await calendarCard()).toEqual({
        key: 'calendar',
        metrics: [
          {
            key: 'calendarNotOfficial',
            value: 2028,
            tone: 'danger',
            href: '/admin/resources/calendar_years',
          },
        ],
      });
      const forSupport = await support.get('/admin/api/dashboard');
      expect(forSupport.body.sections.map((s: { key: string }) => s.key)).not.toContain('calendar');
    });
  });
});
