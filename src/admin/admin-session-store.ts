import { OnApplicationShutdown } from '@nestjs/common';
import connectPgSimple from 'connect-pg-simple';
import session from 'express-session';
import type { DataSource } from 'typeorm';
import { sessionStoreQueries } from '../database/session-store-queries';

const PgSessionStore = connectPgSimple(session);

/** Back-office sessions live in PostgreSQL (table `admin_sessions`), so any instance serves them. */
export class AdminSessionStore implements OnApplicationShutdown {
  readonly store: session.Store;

  constructor(dataSource: DataSource) {
    this.store = new PgSessionStore({
      pgPromise: sessionStoreQueries(dataSource),
      tableName: 'admin_sessions',
      createTableIfMissing: false,
      pruneSessionInterval: 15 * 60,
    });
  }

  onApplicationShutdown(): void {
    (this.store as unknown as { close(): void }).close();
  }
}
