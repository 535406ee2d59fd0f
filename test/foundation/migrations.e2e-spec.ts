import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { buildDataSourceOptions, MIGRATIONS_TABLE } from '../../src/database/data-source-options';
import { runMigrationsExclusively } from '../../src/database/migrate';
import {
  createEmptyDatabase,
  createTestDatabase,
  databaseUrl,
  dropDatabase,
} from '../support/test-database';
import { createTestApp } from '../support/test-app';

const migrationFiles = readdirSync(join(__dirname, '..', '..', 'migrations')).filter((f) =>
  f.endsWith('.ts'),
);

describe('migrations', () => {
  it('describe exactly the schema the entities declare (no drift)', async () => {
    const name = await createTestDatabase();
    const dataSource = new DataSource(
      buildDataSourceOptions({ url: databaseUrl(name), poolSize: 2 }),
    );
    await dataSource.initialize();
    try {
      const pending = await dataSource.driver.createSchemaBuilder().log();
      const statements = pending.upQueries.map((q) => q.query);
      expect(statements).toEqual([]);
    } finally {
      await dataSource.destroy();
      await dropDatabase(name);
    }
  });

  it('run exactly once when several instances migrate at the same instant', async () => {
    const name = await createEmptyDatabase();
    const instances = Array.from(
      { length: 4 },
      () => new DataSource(buildDataSourceOptions({ url: databaseUrl(name), poolSize: 3 })),
    );
    try {
      await Promise.all(instances.map((ds) => ds.initialize()));
      const applied = await Promise.all(instances.map((ds) => runMigrationsExclusively(ds)));
      // One instance applied everything; the others found nothing pending.
      expect(applied.map((list) => list.length).sort()).toEqual([0, 0, 0, migrationFiles.length]);
      const rows = await instances[0].query(`SELECT name FROM "${MIGRATIONS_TABLE}"`);
      expect(rows).toHaveLength(migrationFiles.length);
    } finally {
      await Promise.all(instances.map((ds) => ds.destroy()));
      await dropDatabase(name);
    }
  });

  it('are applied by the app at start-up, once, when two instances boot together', async () => {
    const name = await createEmptyDatabase();
    try {
      const [first, second] = await Promise.all([
        createTestApp({ databaseName: name }),
        createTestApp({ databaseName: name }),
      ]);
      const rows = await first.dataSource.query(
        `SELECT name FROM "${MIGRATIONS_TABLE}" ORDER BY id`,
      );
      expect(rows).toHaveLength(migrationFiles.length);
      expect(new Set(rows.map((r: { name: string }) => r.name)).size).toBe(migrationFiles.length);
      expect((await second.http().get('/health')).status).toBe(200);
      await Promise.all([first.close(), second.close()]);
    } finally {
      await dropDatabase(name);
    }
  });

  it('can all be reverted and applied again', async () => {
    const name = await createEmptyDatabase();
    const dataSource = new DataSource(
      buildDataSourceOptions({ url: databaseUrl(name), poolSize: 2 }),
    );
    await dataSource.initialize();
    try {
      await dataSource.runMigrations();
      for (let i = 0; i < migrationFiles.length; i++) await dataSource.undoLastMigration();
      const tables = await dataSource.query(
        `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_name <> $1`,
        [MIGRATIONS_TABLE],
      );
      expect(tables).toEqual([]);
      expect(await dataSource.runMigrations()).toHaveLength(migrationFiles.length);
    } finally {
      await dataSource.destroy();
      await dropDatabase(name);
    }
  });
});
