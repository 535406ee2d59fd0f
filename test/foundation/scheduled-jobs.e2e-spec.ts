import { loadConfig } from '../../src/config/app-config';
import { createTestApp, type TestApp } from '../support/test-app';

const EVERY_SECOND = 'throttle-cleanup=* * * * * *';

interface RunRow {
  period_start: Date;
  finished_at: Date | null;
  error: string | null;
}

async function runsOf(t: TestApp, job: string): Promise<RunRow[]> {
  return t.dataSource.query<RunRow[]>(
    `SELECT period_start, finished_at, error FROM scheduled_job_runs
      WHERE job_name = $1 ORDER BY period_start`,
    [job],
  );
}

async function waitFor(condition: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

describe('scheduled jobs', () => {
  it('run each period of their schedule once across instances, skipping none', async () => {
    const first = await createTestApp({
      env: { JOBS_ENABLED: 'true', JOB_SCHEDULES: EVERY_SECOND },
    });
    const second = await createTestApp({
      databaseName: first.databaseName,
      env: { JOBS_ENABLED: 'true', JOB_SCHEDULES: EVERY_SECOND },
    });
    let runs: RunRow[];
    try {
      await waitFor(
        async () =>
          (await runsOf(first, 'throttle-cleanup')).filter((run) => run.finished_at).length >= 5,
        60_000,
      );
      await second.close();
      runs = await runsOf(first, 'throttle-cleanup');
    } finally {
      await second.close().catch(() => undefined);
      await first.close();
    }
    // Every second from the first period on, each exactly once (the primary key holds "once").
    const periods = runs.map((run) => run.period_start.getTime());
    expect(periods.every((period) => period % 1000 === 0)).toBe(true);
    for (let i = 1; i < periods.length; i++) expect(periods[i] - periods[i - 1]).toBe(1000);
    expect(runs.filter((run) => run.error !== null)).toEqual([]);
  }, 120_000);
});

describe('JOB_SCHEDULES', () => {
  it('refuses a malformed entry or expression, naming it', () => {
    expect(() => loadConfig({ JOB_SCHEDULES: 'activation-expiry' })).toThrow(
      /"activation-expiry" is not name=cron-expression/,
    );
    expect(() => loadConfig({ JOB_SCHEDULES: 'out-of-use=every minute' })).toThrow(
      /"every minute" \(for out-of-use\) is not a cron expression/,
    );
  });
});
