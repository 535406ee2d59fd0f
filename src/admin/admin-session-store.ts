import { OnApplicationShutdown } from '@nestjs/common';
import connectPgSimple from 'connect-pg-simple';
import session from 'express-session';
import type { Pool } from 'pg';
import type { DataSource } from 'typeorm';

const PgSessionStore = connectPgSimple(session);

/** Back-office sessions live in PostgreSQL (table `admin_sessions`), so any instance serves them. */
export class AdminSessionStore implements OnApplicationShutdown {
  readonly store: session.Store;

  constructor(dataSource: DataSource) {
    const pool = (dataSource.driver as unknown as { master: Pool }).master;
    this.store = new PgSessionStore({
      pool,
      tableName: 'admin_sessions',
      createTableIfMissing: false,
      pruneSessionInterval: 15 * 60,
    });
  }

  onApplicationShutdown(): void {
    (this.store as unknown as { close(): void }).close();
  }
}
