import { createTestApp, TestApp } from '../support/test-app';
import {
  anotherPaidOrder,
  APPLICATIONS,
  applicationBody,
  authed,
  payingCustomer,
} from './fapiao-fixtures';

/** Concurrent creates and confirms: every request gets its own answer and leaves exactly its own writes. */
describe('concurrent applications for different bills', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('answers each create and confirm with its own application and writes each once', async () => {
    const customer = await payingCustomer(t);
    const bills = [customer.orderNumber];
    for (let i = 1; i < 16; i++) bills.push(await anotherPaidOrder(t, customer));
    const api = authed(t, customer.token);

    const created = await Promise.all(
      bills.map((orderNumber) => api.post(APPLICATIONS, applicationBody(orderNumber))),
    );
    expect(created.map((r) => r.status)).toEqual(bills.map(() => 201));
    expect(created.map((r) => r.body.orderNumber)).toEqual(bills);
    const ids = created.map((r) => r.body.id as string);
    expect(new Set(ids).size).toBe(bills.length);

    const confirmed = await Promise.all(
      ids.map((id, i) =>
        api.post(`${APPLICATIONS}/${id}/confirm`, { version: created[i].body.version }),
      ),
    );
    expect(confirmed.map((r) => r.status)).toEqual(bills.map(() => 200));
    expect(confirmed.map((r) => [r.body.id, r.body.orderNumber, r.body.status])).toEqual(
      ids.map((id, i) => [id, bills[i], 'submitted']),
    );

    const rows: { order_number: string; moves: string; mails: number; bill: string }[] =
      await t.dataSource.query(
        `SELECT a.order_number,
                (SELECT string_agg(coalesce(h.from_status, '-') || '>' || h.to_status, ',' ORDER BY h.id)
                   FROM application_history h WHERE h.application_id = a.id) AS moves,
                (SELECT count(*) FROM mail_outbox m
                  WHERE m.dedupe_key = 'application:' || a.id || ':submitted') AS mails,
                (SELECT o.fapiao_status || ':' || o.fapiao_application_id FROM orders o
                  WHERE o.id = a.order_id) AS bill
           FROM fapiao_applications a WHERE a.id = ANY($1)`,
        [ids],
      );
    const byBill = (a: { order_number: string }, b: { order_number: string }) =>
      a.order_number < b.order_number ? -1 : 1;
    expect(rows.sort(byBill)).toEqual(
      ids
        .map((id, i) => ({
          order_number: bills[i],
          moves: '->draft,draft>submitted',
          mails: 1,
          bill: `submitted:${id}`,
        }))
        .sort(byBill),
    );
  });
});
