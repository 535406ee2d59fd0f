import type { Response } from 'supertest';
import { withAdminClient } from '../support/test-database';
import { createTestApp, TestApp } from '../support/test-app';
import {
  anotherPaidOrder,
  APPLICATIONS,
  applicationBody,
  authed,
  payingCustomer,
} from '../fapiao/fapiao-fixtures';

const TERMINATIONS = 10;
const WRITERS = 3;
const READERS = 3;

/**
 * PostgreSQL's backends of the app are terminated again and again (as a restart or a failover
 * does) while reads and writes run. On 4f9013d such requests answered 500. Now: a read or an
 * uncommitted transaction runs again once; anything else answers 503 with Retry-After; a write
 * that was acknowledged is there afterwards.
 */
describe('dropped database connections', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it(`answers no 500 across ${TERMINATIONS} terminations under load, losing no acknowledged write`, async () => {
    const customer = await payingCustomer(t);
    const bills = [customer.orderNumber];
    for (let i = 0; i < 60; i++) bills.push(await anotherPaidOrder(t, customer));
    const api = authed(t, customer.token);

    const answers: Response[] = [];
    const created = new Map<string, string>(); // id → order number
    const confirmed = new Set<string>();
    const cancelled = new Set<string>();
    let running = true;

    const writer = async () => {
      while (running && bills.length > 0) {
        const orderNumber = bills.pop()!;
        const create = await api.post(APPLICATIONS, applicationBody(orderNumber));
        answers.push(create);
        if (create.status !== 201) continue;
        created.set(create.body.id, orderNumber);
        const confirm = await api.post(`${APPLICATIONS}/${create.body.id}/confirm`);
        answers.push(confirm);
        if (confirm.status !== 200) continue;
        confirmed.add(create.body.id);
        // Cancel is a transaction (read, then the guarded move).
        const cancel = await api.post(`${APPLICATIONS}/${create.body.id}/cancel`);
        answers.push(cancel);
        if (cancel.status === 200) cancelled.add(create.body.id);
      }
    };
    const reader = async () => {
      while (running) {
        answers.push(await api.get(APPLICATIONS));
        answers.push(await api.get(`/api/v1/billing-records/${customer.orderNumber}`));
        const someId = [...created.keys()].at(-1);
        if (someId) answers.push(await api.get(`${APPLICATIONS}/${someId}`));
      }
    };

    const answered = async (count: number) => {
      const target = answers.length + count;
      const deadline = Date.now() + 60_000;
      while (answers.length < target && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
    };

    const load = [
      ...Array.from({ length: WRITERS }, writer),
      ...Array.from({ length: READERS }, reader),
    ];
    const killed: number[] = [];
    try {
      for (let i = 0; i < TERMINATIONS; i++) {
        // Some requests between terminations, so every one of them lands on work under way.
        await answered(6);
        const { rows } = await withAdminClient((client) =>
          client.query<{ pid: number }>(
            // Materialised first: in one WHERE, PostgreSQL may call pg_terminate_backend before
            // the other conditions, on every backend of the cluster.
            `WITH app AS MATERIALIZED (
               SELECT pid FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid())
             SELECT pid FROM app WHERE pg_terminate_backend(pid)`,
            [t.databaseName],
          ),
        );
        killed.push(rows.length);
      }
      await answered(6);
    } finally {
      running = false;
      await Promise.all(load);
    }

    expect(killed.filter((n) => n > 0).length).toBeGreaterThanOrEqual(8);
    const statuses = answers.map((r) => r.status);
    const serverErrors = answers.filter((r) => r.status >= 500);
    expect(serverErrors.filter((r) => r.status !== 503).map((r) => [r.status, r.body])).toEqual([]);
    for (const res of serverErrors) {
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.headers['retry-after']).toBe('2');
      expect(res.body.code).toBe('SERVICE_UNAVAILABLE');
    }
    // The load did get through: most answers are the ordinary ones.
    expect(statuses.filter((s) => s < 300).length).toBeGreaterThan(answers.length / 2);

    // Every acknowledged write is there, in the state its answer said.
    const rows: { id: string; order_number: string; status: string }[] = await t.dataSource.query(
      `SELECT id, order_number, status FROM fapiao_applications WHERE id = ANY($1)`,
      [[...created.keys()]],
    );
    const byId = new Map(rows.map((row) => [row.id, row]));
    for (const [id, orderNumber] of created) {
      expect(byId.get(id)?.order_number).toBe(orderNumber);
      if (cancelled.has(id)) expect(byId.get(id)?.status).toBe('cancelled');
      else if (confirmed.has(id))
        expect(['submitted', 'cancelled']).toContain(byId.get(id)?.status);
    }
    expect(created.size).toBeGreaterThan(0);

    // And the app carries on.
    expect((await api.get(APPLICATIONS)).status).toBe(200);
  }, 180_000);
});
