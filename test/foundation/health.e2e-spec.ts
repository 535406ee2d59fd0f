import { withAdminClient } from '../support/test-database';
import { createTestApp, TestApp } from '../support/test-app';

describe('/health', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await setConnectionsAllowed(t.databaseName, true);
    await t.close();
  });

  async function setConnectionsAllowed(database: string, allowed: boolean): Promise<void> {
    await withAdminClient(async (client) => {
      await client.query(`ALTER DATABASE "${database}" ALLOW_CONNECTIONS ${allowed}`);
      if (!allowed) {
        await client.query(
          'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1',
          [database],
        );
      }
    });
  }

  it('reports ok with the database up', async () => {
    const res = await t.http().get('/health');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'ok', details: { database: { status: 'up' } } });
  });

  it('reports 503 while the database is unreachable, and recovers without a restart', async () => {
    await setConnectionsAllowed(t.databaseName, false);
    const down = await t.http().get('/health');
    expect(down.status).toBe(503);
    expect(down.body).toMatchObject({
      code: 'SERVICE_UNAVAILABLE',
      checks: { database: { status: 'down' } },
    });
    expect(down.body.detail).toContain('database');

    await setConnectionsAllowed(t.databaseName, true);
    const up = await t.http().get('/health');
    expect(up.status).toBe(200);
  });
});
