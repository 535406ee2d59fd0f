import { StaffRole } from '../../src/auth/staff/staff-role';
import { payingCustomer } from '../fapiao/fapiao-fixtures';
import { createTestApp, TestApp } from '../support/test-app';
import { Agent, auditRows, createStaff, signIn } from './admin-test-kit';
import { issuedAndMailed } from './support-request-kit';

const TODAY = '2026-11-24';
const EXPORT = '/admin/api/resources/applications/actions/exportFinanceCsv';

/** The CSV's lines (no cell here holds a line break). */
const linesOf = (csv: string) =>
  csv
    .replace(/^\uFEFF/, '')
    .trim()
    .split('\r\n');

/** One CSV line's cells, unquoted. */
function cellsOf(line: string): string[] {
  const cells: string[] = [];
  for (const match of line.matchAll(/("(?:[^"]|"")*"|[^,]*)(,|$)/g)) {
    const raw = match[1];
    cells.push(raw.startsWith('"') ? raw.slice(1, -1).replace(/""/g, '"') : raw);
    if (match[2] === '') break;
  }
  return cells;
}

describe('back office: finance CSV of the fapiao issued in a month against the payments', () => {
  let t: TestApp;
  let admin: Agent;
  let clerk: Agent;
  const orders: string[] = [];

  beforeAll(async () => {
    t = await createTestApp({ env: { ADMIN_ENABLED: 'true' } });
    t.clock.set(`${TODAY}T10:00:00+08:00`);
    admin = await signIn(t, (await createStaff(t, StaffRole.ADMIN, 'fin@example.com')).email);
    clerk = await signIn(t, (await createStaff(t, StaffRole.SERVICE_CENTER)).email);
    for (const [number, amountFen] of [
      ['09910001', 128_850],
      ['09910002', 9_000],
    ] as const) {
      const customer = await payingCustomer(t, { amountFen });
      const id = await issuedAndMailed(t, customer, number, TODAY);
      orders.push(customer.orderNumber);
      if (number === '09910002') {
        // Test data: a title a spreadsheet would take for a formula.
        await t.dataSource.query(
          `UPDATE fapiao_applications SET title_buyer_name = '=HYPERLINK("x")' WHERE id = $1`,
          [id],
        );
      }
    }
  }, 90_000);
  afterAll(() => t?.close());

  const exportMonth = (agent: Agent, month: string, language = 'zh-CN') =>
    agent.post(EXPORT).type('form').send({ month, language });

  it('lists every fapiao of the month with its order, title, amounts and payment', async () => {
    const res = await exportMonth(admin, '2026-11');
    expect(res.status).toBe(200);
    expect(res.body.filename).toBe('fapiao-2026-11.csv');
    expect(res.body.csv.startsWith('\uFEFF')).toBe(true);
    const [header, ...rows] = linesOf(res.body.csv);
    expect(header.split(',')).toEqual([
      '发票号码',
      '类型',
      '开票日期',
      '金额（元）',
      '税额（元）',
      '订单号',
      '购买方名称',
      '纳税人识别号',
      '账单金额（元）',
      '付款流水号',
      '付款方',
      '付款金额（元）',
      '付款日期',
    ]);
    expect(rows).toHaveLength(2);
    const first = cellsOf(rows[0]);
    expect(first.slice(0, 6)).toEqual(['09910001', '蓝字', TODAY, '1288.50', '7.25', orders[0]]);
    expect(first[6]).toBe('Shanghai Example Trading Co., Ltd.');
    expect(first[8]).toBe('1288.50');
    expect(first[9]).not.toBe('');
    expect(first[11]).toBe('1288.50');
    expect(first[12]).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(rows[1]).toContain(`"'=HYPERLINK(""x"")"`);
    expect(cellsOf(rows[1])[6]).toBe(`'=HYPERLINK("x")`);
    expect(rows.every((row) => cellsOf(row).length === 13)).toBe(true);
    expect(res.body.notice).toMatchObject({ type: 'success', message: 'financeExported' });
    const [entry] = await auditRows(t, 'application.export_finance_csv');
    expect(entry).toMatchObject({
      staff_email: 'fin@example.com',
      after: { month: '2026-11', documents: 2 },
    });
  });

  it('answers in English, an empty month with the header only, and a bad month with a field error', async () => {
    const en = await exportMonth(admin, '2026-11', 'en');
    expect(linesOf(en.body.csv)[0]).toMatch(/^Fapiao number,Kind,Issue date,Amount \(yuan\)/);
    expect(linesOf((await exportMonth(admin, '2026-10')).body.csv)).toHaveLength(1);
    for (const month of ['2026-13', '2026-1', 'November', '']) {
      const bad = await exportMonth(admin, month);
      expect(bad.status).toBe(200);
      expect(bad.body.fieldErrors).toEqual({ month: { message: 'monthInvalid' } });
      expect(bad.body.csv).toBeUndefined();
    }
  });

  it('is for admins only', async () => {
    const res = await exportMonth(clerk, '2026-11');
    expect(res.status).toBe(403);
    expect(res.body.csv).toBeUndefined();
  });
});
