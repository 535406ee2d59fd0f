import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { ADMIN_ROOT_PATH } from './admin/admin-panel.module';
import { AppModule } from './app.module';
import { API_DOCS_PATH, APPLICATION_OPTIONS, configureApp } from './app.setup';
import { ConfigurationError, loadConfig } from './config/app-config';
import { DatabaseEndpoint } from './database/database-endpoint';
import { MailTransport } from './notifications/transport/mail-transport';

async function bootstrap(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigurationError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }

  const app = await NestFactory.create<NestExpressApplication>(
    AppModule.forRoot(config),
    APPLICATION_OPTIONS,
  );
  configureApp(app, config);
  await app.listen(config.port);

  const base = `http://localhost:${config.port}`;
  const database = app.get(DatabaseEndpoint);
  const mail = app.get(MailTransport);
  console.log(
    [
      '',
      `Fapiao management system is running on ${base}`,
      `  Portal:       ${base}/ (customers sign in at ${base}/login)`,
      `  API docs:     ${base}/${API_DOCS_PATH}`,
      config.adminEnabled
        ? `  Back office:  ${base}${ADMIN_ROOT_PATH}`
        : '  Back office:  disabled (ADMIN_ENABLED=false)',
      `  Health:       ${base}/health`,
      `  Database:     ${database.isEmbedded ? `embedded PostgreSQL at ${database.url}` : 'DATABASE_URL'}`,
      `  Mail:         ${mail.sinkDirectory ? `local sink, saved to ${mail.sinkDirectory}/ and logged with their links` : 'SMTP_URL'}`,
      '',
    ].join('\n'),
  );
}

bootstrap().catch((error: unknown) => {
  console.error('Start-up failed:', error instanceof Error ? error.message : error);
  if (error instanceof Error && process.env.NODE_ENV !== 'production') console.error(error.stack);
  process.exit(1);
});
