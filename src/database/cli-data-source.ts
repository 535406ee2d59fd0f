import { DataSource } from 'typeorm';
import { loadConfig } from '../config/app-config';
import { buildDataSourceOptions } from './data-source-options';

/**
 * The DataSource the TypeORM CLI uses (`npm run migration:*`). It needs a real DATABASE_URL:
 * with the embedded database, start the app once (`npm start`) and use the URL it prints.
 */
const config = loadConfig();
if (!config.databaseUrl) {
  throw new Error(
    'The migration commands need DATABASE_URL. For the embedded database started by `npm start`, use ' +
      `DATABASE_URL=postgres://postgres@127.0.0.1:${config.embeddedPostgresPort}/fapiao`,
  );
}

export default new DataSource(
  buildDataSourceOptions({
    url: config.databaseUrl,
    poolSize: config.databasePoolSize,
    applicationName: 'fapiao-cli',
  }),
);
