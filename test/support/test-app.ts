import 'reflect-metadata';
import type { DynamicModule, Type } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Test, TestingModuleBuilder } from '@nestjs/testing';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { AppModule } from '../../src/app.module';
import { APPLICATION_OPTIONS, configureApp } from '../../src/app.setup';
import { Clock } from '../../src/common/time/clock';
import { AppConfig, loadConfig } from '../../src/config/app-config';
import { SmtpCapture } from './smtp-capture';
import { TestClock } from './test-clock';
import { createTestDatabase, databaseUrl, dropDatabase } from './test-database';

export interface TestAppOptions {
  /** Environment variables on top of the test defaults (e.g. `{ ADMIN_ENABLED: 'true' }`). */
  env?: Record<string, string>;
  /** Use this database instead of a fresh clone of the migrated template (not dropped on close). */
  databaseName?: string;
  /** Extra modules, e.g. a controller that only a test needs. */
  imports?: (Type | DynamicModule)[];
  /** Freezes the clock at this instant before the app starts (start-up checks read it). */
  clockAt?: string;
  /** Further overrides on the testing module (the clock is already replaced). */
  override?: (builder: TestingModuleBuilder) => TestingModuleBuilder;
}

export interface TestApp {
  app: NestExpressApplication;
  config: AppConfig;
  dataSource: DataSource;
  databaseName: string;
  clock: TestClock;
  /** The SMTP server this app sends to. */
  mail: SmtpCapture;
  /** supertest bound to the app's HTTP server. */
  http(): ReturnType<typeof request>;
  /** A service (or any provider) from the app's container. */
  get<T>(token: Type<T> | string | symbol): T;
  close(): Promise<void>;
}

/**
 * Boots the whole AppModule against its own PostgreSQL database and its own SMTP server, as
 * main.ts does, with the scheduler off (tests run jobs by calling them), the back office off
 * unless asked for, and a controllable clock.
 */
export async function createTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const ownsDatabase = options.databaseName === undefined;
  const databaseName = options.databaseName ?? (await createTestDatabase());
  const mail = await new SmtpCapture().start();
  const dataDir = mkdtempSync(join(tmpdir(), 'fapiao-test-'));
  const clock = new TestClock();
  if (options.clockAt) clock.set(options.clockAt);

  const config = loadConfig({
    NODE_ENV: 'test',
    DATABASE_URL: databaseUrl(databaseName),
    SMTP_URL: mail.url,
    PUBLIC_BASE_URL: 'http://fapiao.test',
    DATA_DIR: dataDir,
    ADMIN_ENABLED: 'false',
    JOBS_ENABLED: 'false',
    MIGRATIONS_RUN: ownsDatabase ? 'false' : 'true',
    DEMO_DATA: 'false',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    ...(process.env.TEST_POOL_SIZE ? { DATABASE_POOL_SIZE: process.env.TEST_POOL_SIZE } : {}),
    ...options.env,
  });

  let builder = Test.createTestingModule({
    imports: [AppModule.forRoot(config), ...(options.imports ?? [])],
  })
    .overrideProvider(Clock)
    .useValue(clock);
  if (options.override) builder = options.override(builder);

  const moduleRef = await builder.compile();
  const app = moduleRef.createNestApplication<NestExpressApplication>(APPLICATION_OPTIONS);
  configureApp(app, config);
  await app.init();

  return {
    app,
    config,
    dataSource: app.get(DataSource),
    databaseName,
    clock,
    mail,
    http: () => request(app.getHttpServer()),
    get: <T>(token: Type<T> | string | symbol) => app.get<T>(token, { strict: false }),
    close: async () => {
      await app.close();
      await mail.stop();
      if (ownsDatabase) await dropDatabase(databaseName);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
