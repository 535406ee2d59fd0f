import { Global, Injectable, Logger, Module, OnApplicationShutdown } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource, DataSourceOptions } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { DatabaseEndpoint } from './database-endpoint';
import { DatabaseNotifications } from './database-notifications';
import { buildDataSourceOptions } from './data-source-options';
import { runMigrationsExclusively } from './migrate';
import { ResilientDataSource } from './resilient-data-source';

@Module({
  providers: [
    { provide: DatabaseEndpoint, inject: [AppConfig], useFactory: DatabaseEndpoint.resolve },
  ],
  exports: [DatabaseEndpoint],
})
class DatabaseEndpointModule {}

const logger = new Logger('Database');

/** How long an instance that does not migrate waits for the deployment's migration step. */
const MIGRATION_WAIT_MS = 10 * 60_000;
const MIGRATION_POLL_MS = 2_000;

/**
 * With MIGRATIONS_RUN=false another process (a deployment's migration step) migrates: serving
 * before it has finished would run this build's queries on an older schema.
 */
async function waitForMigrations(dataSource: DataSource): Promise<void> {
  const deadline = Date.now() + MIGRATION_WAIT_MS;
  let logged = false;
  while (await dataSource.showMigrations()) {
    if (Date.now() > deadline) {
      await dataSource.destroy();
      throw new Error(
        'Migrations are still pending: run the migration step (MIGRATIONS_RUN=false)',
      );
    }
    if (!logged) logger.log('Waiting for pending migrations to be applied by the migration step');
    logged = true;
    await new Promise((resolve) => setTimeout(resolve, MIGRATION_POLL_MS));
  }
}

/** Closes the pool before the embedded server goes away, so shutdown logs no broken connections. */
@Injectable()
class DatabaseLifecycle implements OnApplicationShutdown {
  constructor(
    private readonly dataSource: DataSource,
    private readonly endpoint: DatabaseEndpoint,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
    await this.endpoint.stopEmbedded();
  }
}

/** Global like TypeORM's DataSource: every module may use the instance's listening connection. */
@Global()
@Module({
  imports: [
    DatabaseEndpointModule,
    TypeOrmModule.forRootAsync({
      imports: [DatabaseEndpointModule],
      inject: [AppConfig, DatabaseEndpoint],
      useFactory: (config: AppConfig, endpoint: DatabaseEndpoint) => ({
        ...buildDataSourceOptions({
          url: endpoint.url,
          poolSize: config.databasePoolSize,
          // A Postgres restart must never kill the process: log it, the pool reconnects.
          onPoolError: (error) => logger.warn(`PostgreSQL connection error: ${error.message}`),
        }),
        // Read by the factory below, which runs them under an advisory lock.
        migrationsRun: config.migrationsRun,
      }),
      dataSourceFactory: async (options?: DataSourceOptions) => {
        if (!options) throw new Error('No data source options');
        const dataSource = await new ResilientDataSource({
          ...options,
          migrationsRun: false,
        }).initialize();
        if (options.migrationsRun) {
          const applied = await runMigrationsExclusively(dataSource);
          if (applied.length > 0)
            logger.log(`Applied migrations: ${applied.map((m) => m.name).join(', ')}`);
        } else {
          await waitForMigrations(dataSource);
        }
        return dataSource;
      },
    }),
  ],
  providers: [DatabaseLifecycle, DatabaseNotifications],
  exports: [DatabaseEndpointModule, DatabaseNotifications],
})
export class DatabaseModule {}
