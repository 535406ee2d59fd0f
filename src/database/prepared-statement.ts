import { createHash } from 'node:crypto';
import type { Pool, PoolClient } from 'pg';
import { DataSource, type EntityManager, QueryFailedError } from 'typeorm';
import { CoalescedStatements } from './coalesced-statements';
import { retriedOnceIfSafe, statementMayRunAgain } from './transient-retry';

/**
 * A statement on a hot path (every authenticated request, the customer's most used reads),
 * run as a named statement of the pg driver: each pooled connection parses it once and
 * PostgreSQL can keep its plan. Through `DataSource.query` every call is an unnamed statement
 * that PostgreSQL parses and plans again, which the benchmark showed to be most of the
 * database's time for these small lookups (e.g. 0.3 ms planning for a 0.08 ms execution).
 *
 * The name is derived from the text, so two statements can never share a name with different
 * texts (the driver refuses that) and a changed text after a deploy is a new statement.
 */
export class PreparedStatement<Row> {
  /** Statements assembled at run time (`forText`), by text; their texts come from a finite set. */
  private static readonly assembled = new Map<string, PreparedStatement<unknown>>();

  readonly name: string;

  /**
   * The prepared statement for a text assembled from parts (StatementValues): one per distinct
   * text, which the callers keep to a small set (one per kind of change, never per value).
   */
  static forText<Row>(text: string): PreparedStatement<Row> {
    let statement = PreparedStatement.assembled.get(text);
    if (!statement) {
      statement = new PreparedStatement<unknown>(text);
      PreparedStatement.assembled.set(text, statement);
    }
    return statement as PreparedStatement<Row>;
  }

  constructor(readonly text: string) {
    this.name = `fapiao_${createHash('sha256').update(text).digest('hex').slice(0, 24)}`;
  }

  /**
   * Runs it in the caller's transaction when `source` is a transactional EntityManager.
   * Otherwise it is a transaction of its own, sent to PostgreSQL together with the other
   * statements under way at the same time (CoalescedStatements), and run again once after a
   * transient failure when that cannot write twice (transient-retry.ts). Errors are TypeORM's
   * `QueryFailedError`, as from `query()`.
   */
  async run(source: DataSource | EntityManager, values: unknown[]): Promise<Row[]> {
    try {
      const manager = source instanceof DataSource ? undefined : source;
      if (manager?.queryRunner?.isTransactionActive) {
        const client = (await manager.queryRunner.connect()) as PoolClient;
        return (await client.query({ name: this.name, text: this.text, values })).rows as Row[];
      }
      const dataSource = manager ? manager.connection : (source as DataSource);
      const coalescer = coalescedStatementsOf(dataSource);
      // A batch lost with its connection fails all of its statements; the reads run again.
      return (await retriedOnceIfSafe(
        'A prepared statement',
        () => coalescer.run(this.name, this.text, values),
        (failure) => statementMayRunAgain(this.text, failure),
      )) as Row[];
    } catch (error) {
      throw new QueryFailedError(this.text, values, error as Error);
    }
  }
}

/** One per pool, made on first use (a data source's pool lives as long as the data source). */
const coalescers = new WeakMap<Pool, CoalescedStatements>();

function coalescedStatementsOf(dataSource: DataSource): CoalescedStatements {
  const pool = (dataSource.driver as unknown as { master: Pool }).master;
  let coalescer = coalescers.get(pool);
  if (!coalescer) {
    coalescer = CoalescedStatements.forPool(pool);
    coalescers.set(pool, coalescer);
  }
  return coalescer;
}
