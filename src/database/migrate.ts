import { Client } from 'pg';
import type { DataSource, Migration } from 'typeorm';
import type { PostgresDataSourceOptions } from 'typeorm/driver/postgres/PostgresDataSourceOptions';

/** Arbitrary but fixed: every instance of the app takes the same lock before migrating. */
export const MIGRATION_LOCK_KEY = 7_301_202_611;

/**
 * Runs pending migrations while holding a session-level advisory lock, so that several
 * instances starting at once migrate exactly once: the first runs them, the others wait for the
 * lock and then find nothing pending.
 *
 * The lock is held on a connection of its own, outside the pool: taken from the pool, it would
 * leave a pool of one (DATABASE_POOL_SIZE=1) nothing to migrate with, and start-up would hang.
 */
export async function runMigrationsExclusively(dataSource: DataSource): Promise<Migration[]> {
  const { url } = dataSource.options as PostgresDataSourceOptions;
  const lockConnection = new Client({ connectionString: url, application_name: 'fapiao-migrate' });
  // A lost connection also fails the query awaited on it; unheard, its 'error' event would end
  // the process.
  lockConnection.on('error', () => undefined);
  await lockConnection.connect();
  try {
    await lockConnection.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    try {
      return await dataSource.runMigrations({ transaction: 'each' });
    } finally {
      await lockConnection.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
    }
  } finally {
    await lockConnection.end();
  }
}
