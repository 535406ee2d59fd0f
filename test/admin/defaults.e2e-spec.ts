import { StaffRole } from '../../src/auth/staff/staff-role';
import { payingCustomer, STAFF, staff, submitted } from '../fapiao/fapiao-fixtures';
import { createTestApp, TestApp } from '../support/test-app';
import { Agent, createStaff, signIn } from './admin-test-kit';

const TODAY = '2026-11-24';
const API = '/admin/api/resources/applications';

describe('back office: defaults for the common job (issue, then mail out)', () => {
  let t: TestApp;
  let clerk: Agent;

  beforeAll(async () => {
    t = await createTestApp({ env: { ADMIN_ENABLED: 'true' } });
    t.clock.set(`${TODAY}T10:00:00+08:00`);
    clerk = await signIn(t, (await createStaff(t, StaffRole.SERVICE_CENTER)).email);
  }, 60_000);
  afterAll(() => t?.close());

  it('takes the amount from the bill, goes on to the mailing form, and offers the carrier', async () => {
    const customer = await payingCustomer(t);
    const id = await submitted(t, customer);
    await staff(t).startProcessing(id, STAFF);
    const issued = await clerk.post(`${API}/records/${id}/issue`).type('form').send({
      'documents.0.number': '09930001',
      'documents.0.issueDate': TODAY,
      'documents.0.taxAmountFen': '7.37',
    });
    expect(issued.body.notice.type).toBe('success');
    expect(issued.body.redirectUrl).toBe(
      `/admin/resources/applications/records/${id}/markMailedOut`,
    );
    const [doc] = await t.dataSource.query<{ amount: number }[]>(
      'SELECT amount_fen AS amount FROM fapiao_documents WHERE application_id = $1',
      [id],
    );
    expect(Number(doc.amount)).toBe(customer.amountFen);
    const mailing = await clerk.get(`${API}/records/${id}/markMailedOut`);
    expect(mailing.body.record.params.defaultCarrier).toBe('SF Express');
    const field = (
      JSON.parse(/window\.REDUX_STATE = (.*);\n/.exec((await clerk.get('/admin')).text)![1]) as {
        resources: {
          id: string;
          actions: {
            name: string;
            custom: { fields: { name: string; valueFromRecord?: string }[] };
          }[];
        }[];
      }
    ).resources
      .find((r) => r.id === 'applications')!
      .actions.find((a) => a.name === 'markMailedOut')!
      .custom.fields.find((f) => f.name === 'carrier');
    expect(field?.valueFromRecord).toBe('defaultCarrier');
  });

  it('offers today as the issue date of a new row', async () => {
    const page = await clerk.get('/admin');
    const state = JSON.parse(/window\.REDUX_STATE = (.*);\n/.exec(page.text)![1]) as {
      resources: {
        id: string;
        actions: {
          name: string;
          custom: { fields: { columns?: { name: string; defaultToday?: boolean }[] }[] };
        }[];
      }[];
    };
    const issue = state.resources
      .find((r) => r.id === 'applications')!
      .actions.find((a) => a.name === 'issue')!;
    const column = issue.custom.fields[0].columns!.find((c) => c.name === 'issueDate');
    expect(column?.defaultToday).toBe(true);
  });
});
