import { DataSource } from 'typeorm';
import { buildDataSourceOptions, MIGRATIONS_TABLE } from '../../src/database/data-source-options';
import { createTestDatabase, databaseUrl, dropDatabase } from '../support/test-database';

const CALENDAR_MIGRATION = 'WorkingDayCalendar1796000000000';

describe('migration WorkingDayCalendar', () => {
  let name: string;
  let dataSource: DataSource;

  beforeAll(async () => {
    name = await createTestDatabase();
    dataSource = new DataSource(buildDataSourceOptions({ url: databaseUrl(name), poolSize: 2 }));
    await dataSource.initialize();
  });
  afterAll(async () => {
    await dataSource?.destroy();
    await dropDatabase(name);
  });

  const applied = async () =>
    (await dataSource.query<{ name: string }[]>(`SELECT name FROM "${MIGRATIONS_TABLE}"`)).map(
      (row) => row.name,
    );

  it('embeds the package years as official and keeps what staff had entered', async () => {
    while ((await applied()).includes(CALENDAR_MIGRATION)) await dataSource.undoLastMigration();
    await dataSource.query(
      `INSERT INTO calendar_overrides (date, working, note) VALUES
         ('2026-12-31', false, 'Office closed'),
         ('2027-01-01', false, 'New Year''s Day 2027'),
         ('2027-02-20', true, NULL)`,
    );
    await dataSource.runMigrations();

    const years: { year: number; status: string; notice: string | null }[] = await dataSource.query(
      `SELECT year, status, notice FROM calendar_years ORDER BY year`,
    );
    expect(years.filter((y) => y.status === 'official').map((y) => y.year)).toEqual(
      Array.from({ length: 23 }, (_, i) => 2004 + i),
    );
    expect(years.find((y) => y.year === 2026)?.notice).toBe(
      '国务院办公厅关于2026年部分节假日安排的通知',
    );
    const [counts] = await dataSource.query(
      `SELECT count(*) FILTER (WHERE kind = 'holiday')::int AS holidays,
              count(*) FILTER (WHERE kind = 'working_day')::int AS working_days
         FROM calendar_days`,
    );
    // 619 package holidays and 150 adjusted working days, plus the correction of 2026.
    expect(counts).toEqual({ holidays: 620, working_days: 150 });
    const [closed] = await dataSource.query(
      `SELECT kind, name FROM calendar_days WHERE date = '2026-12-31'`,
    );
    expect(closed).toEqual({ kind: 'holiday', name: 'Office closed' });
    // 2027 is not official: the overrides wait in its draft, to be published.
    expect(years.find((y) => y.year === 2027)).toEqual({
      year: 2027,
      status: 'provisional',
      notice: null,
    });
    const [draft] = await dataSource.query(
      `SELECT draft_days FROM calendar_years WHERE year = 2027`,
    );
    expect(draft.draft_days).toEqual([
      { date: '2027-01-01', kind: 'holiday', name: "New Year's Day 2027" },
      { date: '2027-02-20', kind: 'working_day', name: '调休' },
    ]);
  });
});
