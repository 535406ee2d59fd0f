import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { ConfigurationError, loadConfig } from '../config/app-config';
import { buildDataSourceOptions } from './data-source-options';
import { runMigrationsExclusively } from './migrate';

/**
 * `node dist/src/database/migrate-main.js`: applies pending migrations and exits. The migration
 * step of a deployment (Compose's `migrate` service, the Kubernetes Job), so the app instances can
 * start with MIGRATIONS_RUN=false and never race a schema change.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  if (!config.databaseUrl) {
    throw new ConfigurationError(['DATABASE_URL is required to run the migrations on their own']);
  }
  const dataSource = await new DataSource(
    buildDataSourceOptions({
      url: config.databaseUrl,
      poolSize: 2,
      applicationName: 'fapiao-migrate',
    }),
  ).initialize();
  try {
    const applied = await runMigrationsExclusively(dataSource);
    console.log(
      applied.length > 0
        ? `Applied migrations: ${applied.map((migration) => migration.name).join(', ')}`
        : 'No pending migrations.',
    );
  } finally {
    await dataSource.destroy();
  }
}

main().catch((error: unknown) => {
  console.error('Migrating failed:', error instanceof Error ? error.message : error);
  process.exit(1);
});
