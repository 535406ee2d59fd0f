import { join } from 'node:path';
import type { EventEmitter } from 'node:events';
import type { DataSourceOptions } from 'typeorm';
import { SnakeNamingStrategy } from './snake-naming.strategy';

/** Works from `src/` (ts, under jest) and from `dist/src/` (compiled js). */
const SOURCE_ROOT = join(__dirname, '..');
const MIGRATIONS_DIR = join(__dirname, '..', '..', 'migrations');

export const ENTITY_GLOB = join(SOURCE_ROOT, '**', '*.entity.{ts,js}');
export const MIGRATION_GLOB = join(MIGRATIONS_DIR, '*.{ts,js}');
export const MIGRATIONS_TABLE = 'migrations';

export interface DataSourceSettings {
  url: string;
  poolSize: number;
  applicationName?: string;
  onPoolError?: (error: Error) => void;
}

/** The one description of the database, shared by the app, the migration CLI and the tests. */
export function buildDataSourceOptions(settings: DataSourceSettings): DataSourceOptions {
  return {
    type: 'postgres',
    url: settings.url,
    entities: [ENTITY_GLOB],
    migrations: [MIGRATION_GLOB],
    migrationsTableName: MIGRATIONS_TABLE,
    migrationsTransactionMode: 'each',
    synchronize: false,
    migrationsRun: false,
    namingStrategy: new SnakeNamingStrategy(),
    // gen_random_uuid() is built into PostgreSQL 13+; the schema comes only from migrations.
    uuidExtension: 'pgcrypto',
    installExtensions: false,
    // Money is integer fen in bigint columns; every amount fits a JS number (< 2^53).
    parseInt8: true,
    poolSize: settings.poolSize,
    poolErrorHandler: settings.onPoolError,
    extra: {
      application_name: settings.applicationName ?? 'fapiao',
      connectionTimeoutMillis: 5000,
      idleTimeoutMillis: 30000,
      // A backend terminated (restart, failover) reports a FATAL on its client, possibly between
      // its user's listeners; an unheard 'error' event would end the process.
      onConnect: (client: EventEmitter) => void client.on('error', () => undefined),
    },
  };
}
