import type { PoolClient } from 'pg';
import type { EntityManager, QueryRunner } from 'typeorm';
import { retriedOnceIfSafe, statementMayRunAgain } from './transient-retry';

/**
 * A statement PostgreSQL parses and plans once per connection instead of on every run: worth it
 * only for the large statements every request runs (see docs/performance.md). `name` must be
 * unique per `text` across the app.
 */
export interface NamedStatement {
  name: string;
  text: string;
}

/**
 * Runs `statement` as a named prepared statement through pg's public query config, on the
 * manager's transaction when it has one, else on a pooled connection (a failed read is run
 * again once, as `DataSource.query` does).
 */
export function queryNamed<T>(
  manager: EntityManager,
  statement: NamedStatement,
  values: unknown[],
): Promise<T[]> {
  if (manager.queryRunner) return runNamed<T>(manager.queryRunner, statement, values);
  return retriedOnceIfSafe(
    'A statement',
    async () => {
      const runner = manager.connection.createQueryRunner();
      try {
        return await runNamed<T>(runner, statement, values);
      } finally {
        await runner.release();
      }
    },
    (failure) => statementMayRunAgain(statement.text, failure),
  );
}

async function runNamed<T>(
  runner: QueryRunner,
  statement: NamedStatement,
  values: unknown[],
): Promise<T[]> {
  // QueryRunner.connect() hands out the runner's pg client (the same one inside a transaction).
  const client = (await runner.connect()) as PoolClient;
  const result = await client.query({ name: statement.name, text: statement.text, values });
  return result.rows as T[];
}
