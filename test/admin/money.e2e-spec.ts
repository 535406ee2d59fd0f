import { StaffRole } from '../../src/auth/staff/staff-role';
import { payingCustomer, STAFF, staff, submitted } from '../fapiao/fapiao-fixtures';
import { createTestApp, TestApp } from '../support/test-app';
import { Agent, createStaff, signIn } from './admin-test-kit';

const TODAY = '2026-11-24';
const API = '/admin/api/resources/applications';

describe('back office: money typed and shown in yuan, stored in fen', () => {
  let t: TestApp;
  let clerk: Agent;
  let serial = 0;

  beforeAll(async () => {
    t = await createTestApp({ env: { ADMIN_ENABLED: 'true' } });
    t.clock.set(`${TODAY}T10:00:00+08:00`);
    clerk = await signIn(t, (await createStaff(t, StaffRole.SERVICE_CENTER)).email);
  }, 60_000);
  afterAll(() => t?.close());

  async function processing(amountFen: number): Promise<string> {
    const id = await submitted(t, await payingCustomer(t, { amountFen }));
    await staff(t).startProcessing(id, STAFF);
    return id;
  }
  const documents = (id: string) =>
    t.dataSource.query<{ amount_fen: number; tax_amount_fen: number }[]>(
      'SELECT amount_fen, tax_amount_fen FROM fapiao_documents WHERE application_id = $1 ORDER BY number',
      [id],
    );
  const issue = (id: string, form: Record<string, string>) =>
    clerk.post(`${API}/records/${id}/issue`).type('form').send(form);

  it.each([
    ['1288', 128_800],
    ['1,288.00', 128_800],
    ['¥1288.5', 128_850],
    ['0.29', 29],
  ])('reads tax typed as %p as %p fen', async (typed, fen) => {
    const id = await processing(1_000_000);
    serial += 1;
    const number = `0930${String(serial).padStart(4, '0')}`;
    const res = await issue(id, {
      'documents.0.number': number,
      'documents.0.issueDate': TODAY,
      'documents.0.taxAmountFen': typed,
    });
    expect(res.body.notice).toMatchObject({ type: 'success' });
    expect(await documents(id)).toEqual([{ amount_fen: 1_000_000, tax_amount_fen: fen }]);
  });

  it('splits amounts typed in yuan exactly, and refuses a third decimal in the staff language', async () => {
    const id = await processing(12_800);
    const bad = await issue(id, {
      'documents.0.number': '09400001',
      'documents.0.issueDate': TODAY,
      'documents.0.taxAmountFen': '7.255',
      'documents.0.amountFen': '70',
      'documents.1.number': '09400002',
      'documents.1.issueDate': TODAY,
      'documents.1.taxAmountFen': '3',
      'documents.1.amountFen': '58.00',
    });
    expect(bad.body.fieldErrors['documents.0.taxAmountFen']).toMatchObject({
      message: 'yuanInvalid',
    });
    expect(await documents(id)).toEqual([]);
    const good = await issue(id, {
      'documents.0.number': '09400001',
      'documents.0.issueDate': TODAY,
      'documents.0.taxAmountFen': '7.25',
      'documents.0.amountFen': '70.00',
      'documents.1.number': '09400002',
      'documents.1.issueDate': TODAY,
      'documents.1.taxAmountFen': '¥3',
      'documents.1.amountFen': '58',
    });
    expect(good.body.notice.type).toBe('success');
    expect(await documents(id)).toEqual([
      { amount_fen: 7_000, tax_amount_fen: 725 },
      { amount_fen: 5_800, tax_amount_fen: 300 },
    ]);
  });

  it('shows every amount column in yuan', async () => {
    const page = await clerk.get('/admin');
    const state = JSON.parse(/window\.REDUX_STATE = (.*);\n/.exec(page.text)![1]) as {
      resources: {
        id: string;
        properties: Record<string, { components?: Record<string, string> }>;
      }[];
    };
    const of = (resource: string, path: string) =>
      state.resources.find((r) => r.id === resource)!.properties[path].components;
    for (const [resource, path] of [
      ['applications', 'amountFen'],
      ['support_requests', 'billAmountFen'],
      ['orders', 'amountFen'],
      ['payments', 'amountFen'],
    ]) {
      expect({ resource, path, components: of(resource, path) }).toEqual({
        resource,
        path,
        components: { list: 'YuanValue', show: 'YuanValue' },
      });
    }
  });
});
