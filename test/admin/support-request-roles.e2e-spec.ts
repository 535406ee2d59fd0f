import request from 'supertest';
import { StaffRole } from '../../src/auth/staff/staff-role';
import { StaffSupportRequestsService } from '../../src/fapiao/support/staff-support-requests.service';
import { PAYER, payingCustomer, STAFF, submitted } from '../fapiao/fapiao-fixtures';
import { createTestApp, TestApp } from '../support/test-app';
import { Agent, auditRows, createStaff, signIn } from './admin-test-kit';
import {
  APPLICATIONS_API,
  isRefused,
  issuedAndMailed,
  openRequest,
  requestState,
  SUPPORT_API,
  supportAction,
} from './support-request-kit';

const TODAY = '2026-11-24';
const READERS = [StaffRole.ADMIN, StaffRole.SUPPORT, StaffRole.SERVICE_CENTER];
const WORKERS = [StaffRole.ADMIN, StaffRole.SUPPORT];

/** Each support action, on a request in a state where it is offered (so only the role decides). */
const ACTIONS = [
  ['reply', 'openSplit'],
  ['startProgress', 'openSplit'],
  ['resolve', 'openSplit'],
  ['reject', 'openSplit'],
  ['markAwaitingReturn', 'splitInProgress'],
  ['issueSplit', 'splitInProgress'],
  ['markReturned', 'splitAwaitingReturn'],
  ['issueRetitle', 'retitleInProgress'],
  ['reMail', 'lostInProgress'],
] as const;
type Fixture = (typeof ACTIONS)[number][1];

describe('back office: who may use the support requests', () => {
  let t: TestApp;
  const agents = {} as Record<StaffRole, Agent>;
  const ids = {} as Record<Fixture, string>;

  beforeAll(async () => {
    t = await createTestApp({ env: { ADMIN_ENABLED: 'true' } });
    t.clock.set(`${TODAY}T10:00:00+08:00`);
    for (const role of READERS) agents[role] = await signIn(t, (await createStaff(t, role)).email);
    const support = t.get(StaffSupportRequestsService);
    const split = async () => {
      const customer = await payingCustomer(t, { amountFen: 10_000 });
      await submitted(t, customer);
      return openRequest(t, customer, {
        type: 'split',
        lines: [
          { title: { buyerName: 'Alpha Trading Ltd.' }, amountFen: 6_000 },
          { title: { buyerName: PAYER }, amountFen: 4_000 },
        ],
      });
    };
    ids.openSplit = await split();
    ids.splitInProgress = await split();
    await support.startProgress(ids.splitInProgress, STAFF);
    ids.splitAwaitingReturn = await split();
    await support.startProgress(ids.splitAwaitingReturn, STAFF);
    await support.markAwaitingReturn(ids.splitAwaitingReturn, STAFF);
    const customer = await payingCustomer(t);
    const appId = await issuedAndMailed(t, customer, '08800001', TODAY);
    ids.retitleInProgress = await openRequest(t, customer, {
      type: 'retitle',
      applicationId: appId,
      newTitle: { buyerName: 'New Name Co., Ltd.' },
    });
    ids.lostInProgress = await openRequest(t, customer, {
      type: 'not_received',
      applicationId: appId,
    });
    for (const id of [ids.retitleInProgress, ids.lostInProgress]) {
      await support.startProgress(id, STAFF);
    }
  }, 90_000);
  afterAll(() => t?.close());

  it('lets admin, support and the service centre read; nobody uses the raw forms', async () => {
    const id = ids.openSplit;
    for (const role of READERS) {
      const agent = agents[role];
      const list = await agent.get(`${SUPPORT_API}/actions/list`);
      expect(list.body.records.map((r: { id: string }) => r.id)).toContain(id);
      expect((await agent.get(`${SUPPORT_API}/actions/search/`)).body.records).not.toHaveLength(0);
      expect((await agent.get(`${SUPPORT_API}/records/${id}/show`)).body.record.params.id).toBe(id);
      const before = await requestState(t, id);
      const raw = [
        agent.post(`${SUPPORT_API}/actions/new`).type('form').send({ type: 'other' }),
        agent.post(`${SUPPORT_API}/records/${id}/edit`).type('form').send({ status: 'resolved' }),
        agent.post(`${SUPPORT_API}/records/${id}/delete`),
        agent.post(`${SUPPORT_API}/bulk/bulkDelete?recordIds=${id}`),
      ];
      for (const res of await Promise.all(raw)) expect(isRefused(res)).toBe(true);
      expect(await requestState(t, id)).toEqual(before);
    }
  });

  it.each(ACTIONS)(
    '%s: support and admin may use it, the service centre is refused',
    async (action, fixture) => {
      const id = ids[fixture];
      for (const role of WORKERS) {
        const form = await agents[role].get(`${SUPPORT_API}/records/${id}/${action}`);
        expect(isRefused(form)).toBe(false);
        expect(form.body.record.params.id).toBe(id);
      }
      const before = await requestState(t, id);
      const clerk = agents[StaffRole.SERVICE_CENTER];
      expect(isRefused(await clerk.get(`${SUPPORT_API}/records/${id}/${action}`))).toBe(true);
      expect(isRefused(await supportAction(clerk, id, action, { message: 'x' }))).toBe(true);
      const anonymous = await request(t.app.getHttpServer())
        .post(`${SUPPORT_API}/records/${id}/${action}`)
        .set('Origin', t.config.publicBaseUrl)
        .type('form')
        .send({ message: 'x' });
      expect(anonymous.status).toBe(302);
      expect(anonymous.headers.location).toBe('/admin/login');
      expect(await requestState(t, id)).toEqual(before);
      expect((await auditRows(t)).filter((r) => r.record_id === id)).toEqual([]);
    },
  );

  it('an allowed role really acts: an admin replies', async () => {
    const res = await supportAction(agents[StaffRole.ADMIN], ids.openSplit, 'reply', {
      message: 'We are on it.',
    });
    expect(res.body.notice).toMatchObject({ type: 'success', message: 'supportReplied' });
    const rows = (await auditRows(t, 'support_request.reply')).filter(
      (r) => r.record_id === ids.openSplit,
    );
    expect(rows).toHaveLength(1);
  });

  it('refuses a support user who calls the application issue action by URL', async () => {
    const customer = await payingCustomer(t);
    const appId = await submitted(t, customer);
    await agents[StaffRole.SERVICE_CENTER].post(
      `${APPLICATIONS_API}/records/${appId}/startProcessing`,
    );
    const res = await agents[StaffRole.SUPPORT]
      .post(`${APPLICATIONS_API}/records/${appId}/issue`)
      .type('form')
      .send({ 'documents.0.number': '08800101', 'documents.0.issueDate': TODAY });
    expect(isRefused(res)).toBe(true);
    const [app]: { status: string }[] = await t.dataSource.query(
      'SELECT status FROM fapiao_applications WHERE id = $1',
      [appId],
    );
    expect(app.status).toBe('processing');
  });
});
