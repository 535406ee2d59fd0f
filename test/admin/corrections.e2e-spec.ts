import { StaffRole } from '../../src/auth/staff/staff-role';
import { mailsTo, payingCustomer, submitted } from '../fapiao/fapiao-fixtures';
import { createTestApp, TestApp } from '../support/test-app';
import { Agent, auditRows, createStaff, signIn } from './admin-test-kit';
import { issuedAndMailed } from './support-request-kit';

const TODAY = '2026-11-24';
const API = '/admin/api/resources/applications';

interface AppRow {
  status: string;
  carrier: string | null;
  tracking_number: string | null;
  numbers: string[];
  last_remark: string | null;
}

async function appRow(t: TestApp, id: string): Promise<AppRow> {
  const [row]: AppRow[] = await t.dataSource.query(
    `SELECT a.status, a.carrier, a.tracking_number,
            ARRAY(SELECT number FROM fapiao_documents d WHERE d.application_id = a.id ORDER BY number)
              AS numbers,
            (SELECT remark FROM application_history h WHERE h.application_id = a.id
              ORDER BY h.id DESC LIMIT 1) AS last_remark
       FROM fapiao_applications a WHERE a.id = $1`,
    [id],
  );
  return row;
}

describe('back office: audited corrections of a mistyped tracking or fapiao number', () => {
  let t: TestApp;
  let clerk: Agent;

  beforeAll(async () => {
    t = await createTestApp({ env: { ADMIN_ENABLED: 'true' } });
    t.clock.set(`${TODAY}T10:00:00+08:00`);
    clerk = await signIn(
      t,
      (await createStaff(t, StaffRole.SERVICE_CENTER, 'zhao@example.com')).email,
    );
  }, 60_000);
  afterAll(() => t?.close());

  const act = (id: string, action: string, form: Record<string, string> = {}) =>
    clerk.post(`${API}/records/${id}/${action}`).type('form').send(form);
  const offered = async (id: string) =>
    (
      (await clerk.get(`${API}/records/${id}/show`)).body.record.recordActions as { name: string }[]
    ).map((a) => a.name);

  it('corrects a tracking number: same parcel, still mailed out, customer told, audited', async () => {
    const customer = await payingCustomer(t, { locale: 'en' });
    const id = await issuedAndMailed(t, customer, '09100001', TODAY);
    expect(await offered(id)).toEqual(
      expect.arrayContaining(['correctTrackingNumber', 'correctDocumentNumber']),
    );
    const form = await clerk.get(`${API}/records/${id}/correctTrackingNumber`);
    expect(form.body.record.params.trackingNumber).toBe('SF09100001');

    const same = await act(id, 'correctTrackingNumber', {
      carrier: 'SF Express',
      trackingNumber: 'SF09100001',
      reason: 'typo',
    });
    expect(same.body.fieldErrors.trackingNumber.message).toBe('valueUnchanged');

    const done = await act(id, 'correctTrackingNumber', {
      carrier: 'SF Express',
      trackingNumber: 'SF09100011',
      reason: 'Two digits swapped when typing',
    });
    expect(done.body.notice).toMatchObject({
      type: 'success',
      message: 'applicationTrackingCorrected',
    });
    expect(await appRow(t, id)).toMatchObject({
      status: 'mailed_out',
      carrier: 'SF Express',
      tracking_number: 'SF09100011',
      last_remark:
        'Tracking number corrected: SF Express SF09100001 → SF Express SF09100011 (Two digits swapped when typing)',
    });
    expect(await mailsTo(t, customer.email, /SF09100011/)).not.toHaveLength(0);
    const [entry] = (await auditRows(t, 'application.correct_tracking_number')).filter(
      (r) => r.record_id === id,
    );
    expect(entry).toMatchObject({
      staff_email: 'zhao@example.com',
      before: { trackingNumber: 'SF09100001', status: 'mailed_out' },
      after: { trackingNumber: 'SF09100011', status: 'mailed_out' },
    });
  });

  it('is not offered before the fapiao is mailed out, and refused by URL with the reason', async () => {
    const id = await submitted(t, await payingCustomer(t));
    const names = await offered(id);
    expect(names).not.toContain('correctTrackingNumber');
    expect(names).not.toContain('correctDocumentNumber');
    const before = await appRow(t, id);
    const forced = await act(id, 'correctTrackingNumber', {
      carrier: 'SF Express',
      trackingNumber: 'SF09100099',
      reason: 'x',
    });
    expect(forced.body.notice).toMatchObject({ type: 'error', message: 'ILLEGAL_TRANSITION' });
    const renumber = await act(id, 'correctDocumentNumber', {
      number: '09100001',
      newNumber: '09100002',
      reason: 'x',
    });
    expect(renumber.body.notice.type).toBe('error');
    expect(await appRow(t, id)).toEqual(before);
  });

  it('corrects a fapiao number on its document, refusing an unknown or taken one', async () => {
    const customer = await payingCustomer(t, { locale: 'zh-CN' });
    const id = await issuedAndMailed(t, customer, '09200001', TODAY);
    await issuedAndMailed(t, await payingCustomer(t), '09200005', TODAY);

    const unknown = await act(id, 'correctDocumentNumber', {
      number: '09299999',
      newNumber: '09200002',
      reason: '录入错误',
    });
    expect(unknown.body.fieldErrors.number.message).toBe('notThisApplicationsFapiao');
    const taken = await act(id, 'correctDocumentNumber', {
      number: '09200001',
      newNumber: '09200005',
      reason: '录入错误',
    });
    expect(taken.body.notice).toMatchObject({ type: 'error', message: 'DOCUMENT_NUMBER_TAKEN' });
    const malformed = await act(id, 'correctDocumentNumber', {
      number: '09200001',
      newNumber: '92-1',
      reason: '录入错误',
    });
    expect(malformed.body.fieldErrors.newNumber).toBeDefined();
    expect((await appRow(t, id)).numbers).toEqual(['09200001']);

    const done = await act(id, 'correctDocumentNumber', {
      number: '09200001',
      newNumber: '09200010',
      reason: '录入错误',
    });
    expect(done.body.notice).toMatchObject({
      type: 'success',
      message: 'applicationDocumentNumberCorrected',
    });
    expect(await appRow(t, id)).toMatchObject({
      status: 'mailed_out',
      numbers: ['09200010'],
      last_remark: '发票号码更正：09200001 → 09200010（录入错误）',
    });
    const [entry] = (await auditRows(t, 'application.correct_document_number')).filter(
      (r) => r.record_id === id,
    );
    expect(entry).toMatchObject({
      before: { documentNumber: '09200001' },
      after: { documentNumber: '09200010', reason: '录入错误' },
    });
  });
});
