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
        }
        return dataSource;
      },
    }),
  ],
  providers: [DatabaseLifecycle, DatabaseNotifications],
  exports: [DatabaseEndpointModule, DatabaseNotifications],
})
export class DatabaseModule {}
