import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { AppModule } from '../app.module';
import { ConfigurationError, loadConfig } from '../config/app-config';
import { DemoDataService, describeDemoLogins } from './demo-data.service';

/**
 * `npm run seed:demo`: loads the demo data into the configured database (DATABASE_URL, or the
 * embedded one when the app is not running), migrating first. Safe to run again.
 */
async function seed(): Promise<void> {
  // No scheduler and no back office: this process only writes the demo rows and exits.
  const config = loadConfig({ ...process.env, JOBS_ENABLED: 'false', ADMIN_ENABLED: 'false' });
  if (config.isProduction) {
    throw new Error(
      'Refusing to load demo data with NODE_ENV=production (it has known passwords).',
    );
  }
  const app = await NestFactory.createApplicationContext(AppModule.forRoot(config), {
    logger: ['error', 'warn'],
  });
  try {
    const summary = await app.get(DemoDataService).load();
    console.log(describeDemoLogins(summary, config.publicBaseUrl));
  } finally {
    await app.close();
  }
}

seed().catch((error: unknown) => {
  console.error(
    error instanceof ConfigurationError ? error.message : 'Loading the demo data failed:',
    error instanceof ConfigurationError ? '' : error,
  );
  process.exit(1);
});
