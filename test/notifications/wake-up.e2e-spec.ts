import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { Client } from 'pg';
import { MAIL_OUTBOX_CHANNEL } from '../../src/notifications/outbox-channel';
import { WAKE_UP_INTERVAL_MS } from '../../src/notifications/outbox-wake-up';
import { APPLICATIONS, authed, createDraft, payingCustomer } from '../fapiao/fapiao-fixtures';
import { createTestApp, type TestApp } from '../support/test-app';
import { databaseUrl } from '../support/test-database';
import { enqueueActivation, enqueueThenRollBack, outboxRows } from './outbox-support';

/** Longer than any wake-up the setup may still have scheduled. */
const QUIET_MS = 2 * WAKE_UP_INTERVAL_MS + 100;

async function until(condition: () => boolean, what: string): Promise<void> {
  const deadline = performance.now() + 2_000;
  while (!condition()) {
    if (performance.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await sleep(10);
  }
}

describe('mail outbox: waking the dispatchers (NOTIFY after the commit)', () => {
  let t: TestApp;
  let listener: Client;
  /** When each NOTIFY on the outbox channel arrived. */
  let arrivals: number[];

  beforeEach(async () => {
    t = await createTestApp();
    listener = new Client({ connectionString: databaseUrl(t.databaseName) });
    await listener.connect();
    await listener.query(`LISTEN ${MAIL_OUTBOX_CHANNEL}`);
    arrivals = [];
    listener.on('notification', () => arrivals.push(performance.now()));
  });

  afterEach(async () => {
    await listener.end();
    await t.close();
  });

  it('NOTIFYs when a transaction that wrote a mail commits, never before and never on a rollback', async () => {
    await enqueueThenRollBack(t, 'undecided@example.com', 'wake:rolled-back');
    await sleep(QUIET_MS);
    expect(arrivals).toEqual([]);

    await t.dataSource.transaction(async (manager) => {
      await enqueueActivation(t, manager, 'decided@example.com', 'wake:committed');
      await sleep(QUIET_MS);
      expect(arrivals).toEqual([]);
    });
    await until(() => arrivals.length === 1, 'the NOTIFY after the commit');
    expect((await outboxRows(t)).map((row) => row.dedupe_key)).toEqual(['wake:committed']);
  });

  it('wakes them once for a burst of mails and once more after its last mail', async () => {
    const started = performance.now();
    for (let i = 0; i < 30; i++) {
      await t.dataSource.transaction((manager) =>
        enqueueActivation(t, manager, `burst-${i}@example.com`, `wake:burst:${i}`),
      );
    }
    const lastCommit = performance.now();
    await until(() => arrivals.some((at) => at > lastCommit), 'a NOTIFY after the last commit');
    await sleep(QUIET_MS);

    // At most one per interval: the first at once, then one per interval while mails kept coming.
    const elapsed = arrivals[arrivals.length - 1] - started;
    expect(arrivals.length).toBeLessThanOrEqual(Math.floor(elapsed / WAKE_UP_INTERVAL_MS) + 2);
    expect(arrivals.length).toBeLessThan(30);
    expect(await outboxRows(t)).toHaveLength(30);
  });

  it('a customer confirmation (its receipt is written by the move itself) wakes them', async () => {
    const customer = await payingCustomer(t);
    const id = await createDraft(t, customer);
    await sleep(QUIET_MS);
    arrivals.length = 0;

    const res = await authed(t, customer.token).post(`${APPLICATIONS}/${id}/confirm`);

    expect(res.status).toBe(200);
    await until(() => arrivals.length === 1, 'the NOTIFY after the confirmation');
    const receipt = (await outboxRows(t)).filter((row) =>
      row.dedupe_key.startsWith('application:'),
    );
    expect(receipt.map((row) => row.dedupe_key)).toEqual([`application:${id}:submitted`]);
  });
});
