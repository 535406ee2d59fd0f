import { Client } from 'pg';
import { createTestDatabase, databaseUrl, dropDatabase } from '../support/test-database';

/**
 * The queues' status index must never be a way to drafts: a confirmation's guarded UPDATE
 * (`id = $1 AND status = 'draft' AND version = $2`) was planned through it whenever the
 * statistics saw few drafts, and walked every draft entry instead of one primary-key entry.
 */
describe('the status index of applications', () => {
  let name: string;
  let db: Client;

  beforeAll(async () => {
    name = await createTestDatabase();
    db = new Client({ connectionString: databaseUrl(name) });
    await db.connect();
    // Only index paths count: the question is which indexes can serve the condition at all.
    await db.query('SET enable_seqscan = off');
  });
  afterAll(async () => {
    await db.end();
    await dropDatabase(name);
  });

  const plan = async (condition: string): Promise<string> => {
    const { rows } = await db.query<{ 'QUERY PLAN': string }>(
      `EXPLAIN SELECT id FROM fapiao_applications WHERE ${condition}`,
    );
    return rows.map((r) => r['QUERY PLAN']).join('\n');
  };

  it('serves the queues (submitted and later statuses)', async () => {
    expect(await plan(`status = 'submitted'`)).toContain('ix_fapiao_applications_status');
  });

  it('cannot serve a lookup of drafts, so a confirmation goes by primary key', async () => {
    expect(await plan(`status = 'draft'`)).not.toContain('ix_fapiao_applications_status');
    expect(
      await plan(
        `id = '00000000-0000-4000-8000-000000000000' AND status = 'draft' AND version = 1`,
      ),
    ).toMatch(/Index Scan using "PK_/);
  });
});
