import type { DataSource, Migration } from 'typeorm';

/** Arbitrary but fixed: every instance of the app takes the same lock before migrating. */
export const MIGRATION_LOCK_KEY = 7_301_202_611;

/**
 * Runs pending migrations while holding a session-level advisory lock, so that several
 * instances starting at once migrate exactly once: the first runs them, the others wait for the
 * lock and then find nothing pending.
 */
export async function runMigrationsExclusively(dataSource: DataSource): Promise<Migration[]> {
  const lockConnection = dataSource.createQueryRunner();
  await lockConnection.connect();
  try {
    await lockConnection.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    try {
      return await dataSource.runMigrations({ transaction: 'each' });
    } finally {
      await lockConnection.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
    }
  } finally {
    await lockConnection.release();
  }
}
