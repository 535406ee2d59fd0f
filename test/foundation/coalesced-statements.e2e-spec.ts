import { createHash } from 'node:crypto';
import { Pool, types } from 'pg';
import { CoalescedStatements } from '../../src/database/coalesced-statements';
import { UnreadableBatchAnswer } from '../../src/database/statement-batch';
import { createEmptyDatabase, databaseUrl, dropDatabase } from '../support/test-database';

/** A named statement as PreparedStatement names it: by its text. */
function statement(text: string): { name: string; text: string } {
  return { name: `probe_${createHash('sha256').update(text).digest('hex').slice(0, 16)}`, text };
}

const INSERT = statement(
  'INSERT INTO probe (n) VALUES ($1) RETURNING n, txid_current()::text AS tx',
);
/** With $2 true, the statement ends its own connection after writing. */
const INSERT_MAYBE_END_CONNECTION = statement(
  `WITH written AS (INSERT INTO probe (n) VALUES ($1) RETURNING n)
   SELECT n, CASE WHEN $2::boolean THEN pg_terminate_backend(pg_backend_pid()) END FROM written`,
);

interface ProbeRow {
  n: number;
  tx: string;
}

/**
 * Every call to `run` below is made in the same tick, as concurrent requests' writes are: with
 * one batch in flight, the first goes alone and the rest wait, then leave as one batch.
 */
describe('coalesced statements (real PostgreSQL)', () => {
  let database: string;
  let pool: Pool;

  beforeAll(async () => {
    database = await createEmptyDatabase();
    pool = new Pool({ connectionString: databaseUrl(database), max: 3 });
    await pool.query('CREATE TABLE probe (n int PRIMARY KEY)');
  });
  afterAll(async () => {
    await pool?.end();
    if (database) await dropDatabase(database);
  });
  beforeEach(() => pool.query('TRUNCATE probe'));

  const insert = (coalescer: CoalescedStatements, n: unknown) =>
    coalescer.run(INSERT.name, INSERT.text, [n]) as Promise<ProbeRow[]>;

  async function probeRows(): Promise<number[]> {
    const { rows } = await pool.query<{ n: number }>('SELECT n FROM probe ORDER BY n');
    return rows.map((r) => r.n);
  }

  it('answers each statement with its own rows, and commits concurrent ones together', async () => {
    const coalescer = new CoalescedStatements(pool, 1);
    const numbers = Array.from({ length: 20 }, (_, i) => i + 1);

    const answers = await Promise.all(numbers.map((n) => insert(coalescer, n)));

    expect(answers.map(([row]) => row.n)).toEqual(numbers);
    expect(await probeRows()).toEqual(numbers);
    // Statements of one batch share one transaction: far fewer transactions than statements.
    const transactions = new Set(answers.map(([row]) => row.tx));
    expect(transactions.size).toBeLessThanOrEqual(3);
  });

  it('sends a statement at once and alone while fewer than the limit are under way', async () => {
    const coalescer = new CoalescedStatements(pool, 3);

    const answers = await Promise.all([1, 2, 3].map((n) => insert(coalescer, n)));

    expect(new Set(answers.map(([row]) => row.tx)).size).toBe(3);
    expect(await probeRows()).toEqual([1, 2, 3]);
  });

  it('lets the next statements go while a batch waits for a lock', async () => {
    const coalescer = new CoalescedStatements(pool, 1);
    await pool.query('INSERT INTO probe (n) VALUES (1)');
    const { name, text } = statement('UPDATE probe SET n = n + 100 WHERE n = $1 RETURNING n');
    const locker = await pool.connect();
    try {
      await locker.query('BEGIN');
      await locker.query('SELECT n FROM probe WHERE n = 1 FOR UPDATE');
      const blocked = coalescer.run(name, text, [1]);

      // Queued behind the blocked batch with one batch allowed: it goes once that one stalls.
      await expect(insert(coalescer, 2)).resolves.toEqual([expect.objectContaining({ n: 2 })]);

      await locker.query('COMMIT');
      await expect(blocked).resolves.toEqual([{ n: 101 }]);
    } finally {
      locker.release();
    }
    expect(await probeRows()).toEqual([2, 101]);
  });

  it("fails only the failing statement's caller; the rest of its batch commits exactly once", async () => {
    const coalescer = new CoalescedStatements(pool, 1);
    await pool.query('INSERT INTO probe (n) VALUES (5)');

    const outcomes = await Promise.allSettled(
      Array.from({ length: 10 }, (_, i) => insert(coalescer, i + 1)),
    );

    const refused = outcomes.flatMap((o, i) => (o.status === 'rejected' ? [i + 1] : []));
    expect(refused).toEqual([5]);
    const reason = (outcomes[4] as PromiseRejectedResult).reason as { code?: string };
    expect(reason.code).toBe('23505');
    expect(await probeRows()).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });

  it('fails only the statement whose value pg cannot send', async () => {
    const coalescer = new CoalescedStatements(pool, 1);
    const circular: Record<string, unknown> = {};
    circular.self = circular;

    const outcomes = await Promise.allSettled([1, 2, circular, 4].map((n) => insert(coalescer, n)));

    expect(outcomes.map((o) => o.status)).toEqual([
      'fulfilled',
      'fulfilled',
      'rejected',
      'fulfilled',
    ]);
    expect(await probeRows()).toEqual([1, 2, 4]);
  });

  it('runs nothing again when a committed batch cannot be read, and fails its callers', async () => {
    // One connection, so that the warm-up below parses the statements where the batch runs.
    const single = new Pool({ connectionString: databaseUrl(database), max: 1 });
    const coalescer = new CoalescedStatements(single, 1);
    const log = statement('INSERT INTO probe_log (n) VALUES ($1) RETURNING n');
    const logCircle = statement(
      'INSERT INTO probe_log (n) VALUES ($1) RETURNING n, circle(point(n, n), 1) AS around',
    );
    const circleParser = types.getTypeParser(types.builtins.CIRCLE, 'text');
    try {
      await single.query('CREATE TABLE probe_log (n int)'); // no key: a second run would show
      await coalescer.run(log.name, log.text, [0]);
      await coalescer.run(logCircle.name, logCircle.text, [0]);
      // From now on a row with a circle cannot be read.
      types.setTypeParser(types.builtins.CIRCLE, 'text', () => {
        throw new Error('unreadable circle');
      });

      const outcomes = await Promise.allSettled([
        coalescer.run(log.name, log.text, [1]),
        coalescer.run(log.name, log.text, [2]),
        coalescer.run(log.name, log.text, [3]),
        coalescer.run(logCircle.name, logCircle.text, [4]),
      ]);

      // The circle's batch (it and at least one write before it) failed as a whole…
      const refused = outcomes.flatMap((o, i) => (o.status === 'rejected' ? [i + 1] : []));
      expect(refused).toContain(4);
      expect(refused.length).toBeGreaterThanOrEqual(2);
      expect((outcomes[3] as PromiseRejectedResult).reason).toBeInstanceOf(UnreadableBatchAnswer);
      // …but it had committed, and none of its writes was made a second time.
      const { rows } = await single.query<{ n: number }>(
        'SELECT n FROM probe_log WHERE n > 0 ORDER BY n',
      );
      expect(rows.map((r) => r.n)).toEqual([1, 2, 3, 4]);
    } finally {
      types.setTypeParser(types.builtins.CIRCLE, 'text', circleParser);
      await single.end();
    }
  });

  it('runs nothing again when the connection is lost under a batch, and goes on on a new one', async () => {
    const coalescer = new CoalescedStatements(pool, 1);
    const { name, text } = INSERT_MAYBE_END_CONNECTION;
    // Parsed on the connection first, so that it goes out in a batch, not alone.
    await coalescer.run(name, text, [100, false]);
    await pool.query('DELETE FROM probe');
    const first = insert(coalescer, 1);
    // Batched behind the first: a write, then a statement that ends the batch's own connection.
    const lost = Promise.allSettled([insert(coalescer, 2), coalescer.run(name, text, [3, true])]);

    await first;
    expect((await lost).map((o) => o.status)).toEqual(['rejected', 'rejected']);
    // The batch's transaction died with its connection, and neither write was tried again.
    expect(await probeRows()).toEqual([1]);
    expect((await insert(coalescer, 4))[0].n).toBe(4);
    expect(await probeRows()).toEqual([1, 4]);
  });
});
