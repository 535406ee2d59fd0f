import { Logger } from '@nestjs/common';
import { join } from 'node:path';
import { AppConfig } from '../config/app-config';
import { EmbeddedPostgres } from './embedded-postgres';

/**
 * Where the database is. With DATABASE_URL it is that server; without it, an embedded
 * PostgreSQL started for this process under DATA_DIR (stopped by DatabaseLifecycle).
 */
export class DatabaseEndpoint {
  private constructor(
    readonly url: string,
    private readonly embedded?: EmbeddedPostgres,
  ) {}

  get isEmbedded(): boolean {
    return this.embedded !== undefined;
  }

  static async resolve(config: AppConfig): Promise<DatabaseEndpoint> {
    if (config.databaseUrl) return new DatabaseEndpoint(config.databaseUrl);
    const logger = new Logger('EmbeddedPostgres');
    const embedded = new EmbeddedPostgres({
      directory: join(config.dataDir, 'postgres'),
      port: config.embeddedPostgresPort,
      database: 'fapiao',
      log: (message) => logger.log(message),
    });
    const url = await embedded.start();
    logger.log(`Embedded PostgreSQL is running at ${url}`);
    return new DatabaseEndpoint(url, embedded);
  }

  async stopEmbedded(): Promise<void> {
    if (!this.embedded) return;
    await this.embedded.stop();
    new Logger('EmbeddedPostgres').log('Embedded PostgreSQL stopped');
  }
}
