import { OutOfUseJob } from '../../src/fapiao/out-of-use/out-of-use.job';
import { DAY, HOUR, MINUTE } from '../support/test-clock';
import { createTestApp, TestApp } from '../support/test-app';
import {
  APPLICATIONS,
  authed,
  createDraft,
  mailsTo,
  payingCustomer,
  signInAgain,
  STAFF,
  staff,
  submitted,
} from './fapiao-fixtures';

const NOTICE_ZH = '发票已用完，预计 2026-12-10 恢复开具。';
const NOTICE_EN = 'Fapiao stock is used up; issuing resumes around 2026-12-10.';

describe('out-of-use periods', () => {
  let t: TestApp;
  const job = () => t.get(OutOfUseJob);

  beforeAll(async () => {
    t = await createTestApp();
    t.clock.set('2026-11-24T10:00:00+08:00');
  });
  afterAll(() => t.close());

  async function declarePeriod(startsAt: Date, endsAt: Date | null = null): Promise<string> {
    const [row]: { id: string }[] = await t.dataSource.query(
      `INSERT INTO out_of_use_periods (starts_at, ends_at, expected_issue_date, notice_zh, notice_en)
       VALUES ($1, $2, '2026-12-10', $3, $4) RETURNING id`,
      [startsAt, endsAt, NOTICE_ZH, NOTICE_EN],
    );
    return row.id;
  }

  it('shows current notices without login, holds waiting applications, mails once, releases at the end', async () => {
    expect((await t.http().get('/api/v1/notices')).body).toEqual([]);

    const zh = await payingCustomer(t);
    const en = await payingCustomer(t, { locale: 'en' });
    const waiting = await submitted(t, zh);
    const processing = await submitted(t, en);
    await staff(t).startProcessing(processing, STAFF);
    const issuedCustomer = await payingCustomer(t);
    const issued = await submitted(t, issuedCustomer);
    await staff(t).startProcessing(issued, STAFF);
    await staff(t).issue(issued, STAFF, [
      {
        number: '04455555',
        issueDate: '2026-11-24',
        amountFen: issuedCustomer.amountFen,
        taxAmountFen: 1,
      },
    ]);
    const draftCustomer = await payingCustomer(t);
    const draft = await createDraft(t, draftCustomer);

    const periodId = await declarePeriod(t.clock.now());
    const periodEnds = new Date(t.clock.now().getTime() + 3 * DAY);
    await t.dataSource.query(`UPDATE out_of_use_periods SET ends_at = $2 WHERE id = $1`, [
      periodId,
      periodEnds,
    ]);

    const notices = await t.http().get('/api/v1/notices');
    expect(notices.status).toBe(200);
    expect(notices.body).toEqual([
      {
        id: periodId,
        message: NOTICE_ZH,
        messages: { 'zh-CN': NOTICE_ZH, en: NOTICE_EN },
        startsAt: t.clock.now().toISOString(),
        endsAt: periodEnds.toISOString(),
        expectedIssueDate: '2026-12-10',
      },
    ]);
    const english = await t.http().get('/api/v1/notices').set('Accept-Language', 'en-GB,en;q=0.9');
    expect(english.body[0].message).toBe(NOTICE_EN);

    expect(await job().run()).toEqual({ ran: true, held: 2, released: 0 });
    expect(await job().run()).toEqual({ ran: true, held: 0, released: 0 });

    const held = await authed(t, zh.token).get(`${APPLICATIONS}/${waiting}`);
    expect(held.body).toMatchObject({
      status: 'on_hold',
      expectedIssueDate: '2026-12-10',
      notice: { message: NOTICE_ZH, expectedIssueDate: '2026-12-10' },
    });
    expect(held.body.history.at(-1)).toMatchObject({
      from: 'submitted',
      to: 'on_hold',
      remark: NOTICE_ZH,
    });
    const heldEn = await authed(t, en.token).get(`${APPLICATIONS}/${processing}`);
    expect(heldEn.body).toMatchObject({ status: 'on_hold', notice: { message: NOTICE_EN } });
    expect(heldEn.body.history.at(-1)).toMatchObject({ from: 'processing', to: 'on_hold' });
    expect(
      (await authed(t, issuedCustomer.token).get(`${APPLICATIONS}/${issued}`)).body,
    ).toMatchObject({
      status: 'issued',
    });
    expect(
      (await authed(t, issuedCustomer.token).get(`${APPLICATIONS}/${issued}`)).body.notice,
    ).toBeUndefined();
    // A draft is not held, but it shows the notice (so does a new application during the period).
    const draftSeen = await authed(t, draftCustomer.token).get(`${APPLICATIONS}/${draft}`);
    expect(draftSeen.body).toMatchObject({
      status: 'draft',
      expectedIssueDate: '2026-12-10',
      notice: { message: NOTICE_ZH },
    });
    const billing = await authed(t, zh.token).get(`/api/v1/billing-records/${zh.orderNumber}`);
    expect(billing.body.fapiaoStatus).toBe('on_hold');

    // Each customer is mailed once, even though the job ran twice.
    expect(await mailsTo(t, zh.email, /2026-12-10/)).toHaveLength(1);
    expect(await mailsTo(t, en.email, /2026-12-10/)).toHaveLength(1);

    // A new application during the period is accepted; the next run holds it too.
    const newcomer = await payingCustomer(t);
    const fresh = await submitted(t, newcomer);
    expect((await authed(t, newcomer.token).get(`${APPLICATIONS}/${fresh}`)).body).toMatchObject({
      status: 'submitted',
      notice: { expectedIssueDate: '2026-12-10' },
    });
    expect(await job().run()).toMatchObject({ held: 1 });

    // The period ends: everything it held goes back to processing.
    t.clock.set(new Date(periodEnds.getTime() + HOUR));
    const zhAgain = await signInAgain(t, zh);
    expect((await t.http().get('/api/v1/notices')).body).toEqual([]);
    expect(await job().run()).toEqual({ ran: true, held: 0, released: 3 });
    expect(await job().run()).toEqual({ ran: true, held: 0, released: 0 });
    const released = await authed(t, zhAgain.token).get(`${APPLICATIONS}/${waiting}`);
    expect(released.body.status).toBe('processing');
    expect(released.body.expectedIssueDate).toBeUndefined();
    expect(released.body.notice).toBeUndefined();
    expect(released.body.history.at(-1)).toMatchObject({ from: 'on_hold', to: 'processing' });
    const releasedBill = await authed(t, zhAgain.token).get(
      `/api/v1/billing-records/${zh.orderNumber}`,
    );
    expect(releasedBill.body.fapiaoStatus).toBe('processing');
    expect(await mailsTo(t, zh.email, /2026-12-10/)).toHaveLength(1);
    await staff(t).issue(waiting, STAFF, [
      { number: '04456666', issueDate: '2026-11-27', amountFen: zh.amountFen, taxAmountFen: 1 },
    ]);
  });

  it('runs on one instance at a time', async () => {
    await declarePeriod(t.clock.now());
    const results = await Promise.all([job().run(), job().run(), job().run()]);
    expect(results.filter((r) => r.ran).length).toBeGreaterThanOrEqual(1);
    const customer = await payingCustomer(t);
    await submitted(t, customer);
    const concurrent = await Promise.all([job().run(), job().run()]);
    expect(concurrent.reduce((sum, r) => sum + r.held, 0)).toBe(1);
    expect(await mailsTo(t, customer.email, /2026-12-10/)).toHaveLength(1);
  });

  it('lets staff hold and release by hand', async () => {
    const customer = await payingCustomer(t);
    const id = await submitted(t, customer);
    await staff(t).startProcessing(id, STAFF);
    // End the open period so the job stays out of the way.
    t.clock.advance(MINUTE);
    await t.dataSource.query(`UPDATE out_of_use_periods SET ends_at = $1 WHERE ends_at IS NULL`, [
      t.clock.now(),
    ]);
    await job().run();
    await staff(t).putOnHold(id, STAFF, {
      expectedIssueDate: '2026-12-01',
      notice: 'Waiting for the tax bureau.',
    });
    expect((await authed(t, customer.token).get(`${APPLICATIONS}/${id}`)).body).toMatchObject({
      status: 'on_hold',
      expectedIssueDate: '2026-12-01',
    });
    expect(await job().run()).toMatchObject({ released: 0 });
    expect(await mailsTo(t, customer.email, /tax bureau/)).toHaveLength(1);
    await staff(t).release(id, STAFF);
    expect((await authed(t, customer.token).get(`${APPLICATIONS}/${id}`)).body.status).toBe(
      'processing',
    );
  });
});
