import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { buildDataSourceOptions } from '../../src/database/data-source-options';
import { runMigrationsExclusively } from '../../src/database/migrate';
import {
  databaseUrl,
  dropAbandonedTestDatabases,
  templateDatabaseName,
  withAdminClient,
} from './test-database';

/** Serialises template creation between concurrent jest runs on the same machine. */
const TEMPLATE_LOCK_KEY = 7_301_202_612;

/**
 * Builds (once per set of migrations) a template database with every migration applied; each
 * test file then clones it, which takes a fraction of a second instead of migrating again.
 */
export default async function globalSetup(): Promise<void> {
  const template = templateDatabaseName();
  process.env.FAPIAO_TEST_TEMPLATE = template;
  await withAdminClient(async (client) => {
    await client.query('SELECT pg_advisory_lock($1)', [TEMPLATE_LOCK_KEY]);
    try {
      await dropAbandonedTestDatabases(client);
      const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [
        template,
      ]);
      if (rowCount) return;
      const building = `${template}_building`;
      await client.query(`DROP DATABASE IF EXISTS "${building}" WITH (FORCE)`);
      await client.query(`CREATE DATABASE "${building}"`);
      const dataSource = new DataSource(
        buildDataSourceOptions({ url: databaseUrl(building), poolSize: 2 }),
      );
      await dataSource.initialize();
      try {
        await runMigrationsExclusively(dataSource);
      } finally {
        await dataSource.destroy();
      }
      // Renaming makes the finished template appear atomically.
      await client.query(`ALTER DATABASE "${building}" RENAME TO "${template}"`);
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [TEMPLATE_LOCK_KEY]);
    }
  });
}
