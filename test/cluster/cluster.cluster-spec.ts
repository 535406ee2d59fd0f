import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { totpCode } from '../../src/auth/staff/totp';
import {
  DEMO_CUSTOMER_PASSWORD,
  DEMO_STAFF,
  DEMO_STAFF_PASSWORD,
} from '../../src/demo/demo-catalogue';
import { ORDERS_PATH, orderBody, signPayload } from '../support/payment-platform';
import { SmtpCapture } from '../support/smtp-capture';
import { createEmptyDatabase, databaseUrl, dropDatabase } from '../support/test-database';
import {
  AppInstance,
  freePorts,
  RoundRobinProxy,
  runScript,
  SEED_DEMO,
  waitUntil,
} from './cluster-kit';

/**
 * Three real app processes on one database behind a round-robin proxy: what one instance does is
 * seen by the others, each job period and each mail happens once, a killed instance loses nothing.
 * Figures are printed; nothing here asserts how long anything took.
 */
const WEBHOOK_SECRET = 'cluster-test-webhook-secret-0123456789';
const EVERY_TWO_SECONDS = [
  'activation-expiry',
  'calendar-stale-due-dates',
  'out-of-use',
  'throttle-cleanup',
];
const JOB_SCHEDULES = EVERY_TWO_SECONDS.map((job) => `${job}=*/2 * * * * *`).join(';');
const MIGRATION_COUNT = readdirSync(join(__dirname, '..', '..', 'migrations')).filter((file) =>
  file.endsWith('.ts'),
).length;

describe('three instances behind a proxy', () => {
  let databaseName: string;
  let db: Client;
  let mail: SmtpCapture;
  let instances: AppInstance[];
  let proxy: RoundRobinProxy;
  let env: Record<string, string>;
  const figures: Record<string, unknown> = {};

  beforeAll(async () => {
    databaseName = await createEmptyDatabase();
    // Each message takes a moment, so dispatch batches are in flight when an instance dies.
    mail = await new SmtpCapture({ delayMs: 100 }).start();
    instances = [];
    proxy = new RoundRobinProxy(instances);
    await proxy.start();
    env = {
      NODE_ENV: 'production',
      DATABASE_URL: databaseUrl(databaseName),
      DATABASE_POOL_SIZE: '4',
      SMTP_URL: mail.url,
      PUBLIC_BASE_URL: proxy.baseUrl,
      JWT_SECRET: 'cluster-test-jwt-secret-0123456789-abcdef',
      SESSION_SECRET: 'cluster-test-session-secret-0123456789-ab',
      PAYMENT_WEBHOOK_SECRET: WEBHOOK_SECRET,
      STAFF_TOTP_KEY: 'cluster-test-staff-totp-key-0123456789-ab',
      TRUST_PROXY_HOPS: '1',
      JOBS_ENABLED: 'true',
      JOB_SCHEDULES,
      // Longer than a batch takes on a busy machine (or a live claim would be taken over), short
      // enough that a dead instance's claims are taken over within the test.
      MAIL_CLAIM_LEASE_SECONDS: '30',
      ADMIN_ENABLED: 'true',
      MIGRATIONS_RUN: 'true',
      // Info, so each instance's log says whether it applied migrations.
      LOG_LEVEL: 'info',
    };
    const ports = await freePorts(3);
    instances.push(...ports.map((port, i) => new AppInstance(`instance-${i + 1}`, port, env)));
    // All three start at once on an empty database: one migrates, the others wait for its lock.
    await Promise.all(instances.map((instance) => instance.start()));
    db = new Client({ connectionString: databaseUrl(databaseName) });
    await db.connect();
    await runScript(SEED_DEMO, { ...env, NODE_ENV: 'development', JOBS_ENABLED: 'false' });
  }, 300_000);

  afterAll(async () => {
    console.log(`Cluster figures:\n${JSON.stringify(figures, null, 2)}`);
    await Promise.all((instances ?? []).map((instance) => instance.stop()));
    await proxy?.stop();
    await db?.end();
    await mail?.stop();
    if (databaseName) await dropDatabase(databaseName);
  }, 120_000);

  async function count(sql: string, values: unknown[] = []): Promise<number> {
    const { rows } = await db.query<{ n: number }>(`SELECT (${sql})::int AS n`, values);
    return rows[0].n;
  }

  it('migrated exactly once when the three started together', async () => {
    expect(await count('SELECT count(*) FROM migrations')).toBe(MIGRATION_COUNT);
    expect(await count('SELECT count(DISTINCT name) FROM migrations')).toBe(MIGRATION_COUNT);
    const applying = instances.filter((instance) => instance.log.includes('Applied migrations'));
    expect(applying).toHaveLength(1);
  });

  function cookiesOf(answer: Response): string {
    return answer.headers
      .getSetCookie()
      .map((cookie) => cookie.split(';')[0])
      .join('; ');
  }

  const lastCodeEpoch = new Map<string, number>();

  /**
   * Signs a demo staff member in to the back office through one instance, password then the
   * TOTP code (required in production); its session cookie.
   */
  async function staffCookie(instance: AppInstance, email: string): Promise<string> {
    const headers = { 'Content-Type': 'application/x-www-form-urlencoded', Origin: proxy.baseUrl };
    const login = await fetch(`${instance.baseUrl}/admin/login`, {
      method: 'POST',
      redirect: 'manual',
      headers,
      body: new URLSearchParams({ email, password: DEMO_STAFF_PASSWORD }),
    });
    expect(login.status).toBe(302);
    expect(login.headers.get('location')).toBe('/admin/login/two-factor');
    const { totpSecret } = DEMO_STAFF.find((member) => member.email === email)!;
    // A code is accepted once: a second sign-in in the same period uses the next period's code,
    // which the server accepts within its tolerance of one period.
    const epoch = Math.max(Math.floor(Date.now() / 1000), (lastCodeEpoch.get(email) ?? 0) + 30);
    lastCodeEpoch.set(email, epoch);
    const second = await fetch(`${instance.baseUrl}/admin/login/two-factor`, {
      method: 'POST',
      redirect: 'manual',
      headers: { ...headers, cookie: cookiesOf(login) },
      body: new URLSearchParams({ code: totpCode(totpSecret, epoch) }),
    });
    expect(second.status).toBe(302);
    expect(second.headers.get('location')).toBe('/admin');
    return cookiesOf(second);
  }

  it('keeps a back-office session made through one instance on the others', async () => {
    const [first, ...others] = instances;
    const cookie = await staffCookie(first, 'admin@example.com');
    for (const instance of others) {
      const page = await fetch(`${instance.baseUrl}/admin/api/resources/orders/actions/list`, {
        headers: { cookie },
        redirect: 'manual',
      });
      expect(page.status).toBe(200);
    }
  });

  it('keeps a portal session made through one instance on the others', async () => {
    const [first, ...others] = instances;
    const form = await fetch(`${first.baseUrl}/login`, { headers: { Accept: 'text/html' } });
    const html = await form.text();
    const csrf = /name="_csrf" value="([^"]+)"/.exec(html)![1];
    const formCookie = cookiesOf(form);
    const signIn = await fetch(`${first.baseUrl}/login`, {
      method: 'POST',
      redirect: 'manual',
      headers: {
        'Content-Type': 'application/x-www-form-urlencoded',
        Origin: proxy.baseUrl,
        cookie: formCookie,
      },
      body: new URLSearchParams({
        _csrf: csrf,
        email: 'demo@example.com',
        password: DEMO_CUSTOMER_PASSWORD,
      }),
    });
    expect(signIn.status).toBe(303);
    const cookie = cookiesOf(signIn) || formCookie;
    for (const instance of others) {
      const page = await fetch(`${instance.baseUrl}/billing-records`, {
        headers: { cookie, Accept: 'text/html' },
        redirect: 'manual',
      });
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('DEMO-2026-');
    }
  });

  it('refuses an old token on every instance once a password change through one has committed', async () => {
    const [first, ...others] = instances;
    const login = await fetch(`${first.baseUrl}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ email: 'demo@example.com', password: DEMO_CUSTOMER_PASSWORD }),
    });
    expect(login.status).toBe(200);
    const { accessToken } = (await login.json()) as { accessToken: string };
    const me = (instance: AppInstance) =>
      fetch(`${instance.baseUrl}/api/v1/me`, {
        headers: { authorization: `Bearer ${accessToken}` },
      });
    for (const instance of others) expect((await me(instance)).status).toBe(200);

    const change = await fetch(`${first.baseUrl}/api/v1/me/password`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', authorization: `Bearer ${accessToken}` },
      body: JSON.stringify({
        currentPassword: DEMO_CUSTOMER_PASSWORD,
        newPassword: 'a-new-cluster-password-2026',
      }),
    });
    expect(change.status).toBe(204);
    const delays: Record<string, number> = {};
    for (const instance of instances) {
      delays[instance.name] = await waitUntil(
        `${instance.name} to refuse the old token`,
        async () => (await me(instance)).status === 401,
        { timeoutMs: 30_000, everyMs: 20 },
      );
    }
    figures.passwordChangeRefusedAfterMs = delays;
  });

  it('refuses a disabled account on every instance once support disabled it through one', async () => {
    const [first, second] = instances;
    const login = await fetch(`${first.baseUrl}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ email: 'demo@example.com', password: 'a-new-cluster-password-2026' }),
    });
    expect(login.status).toBe(200);
    const { accessToken } = (await login.json()) as { accessToken: string };
    const me = (instance: AppInstance) =>
      fetch(`${instance.baseUrl}/api/v1/me`, {
        headers: { authorization: `Bearer ${accessToken}` },
      });
    for (const instance of instances) expect((await me(instance)).status).toBe(200);

    const cookie = await staffCookie(second, 'support@example.com');
    const list = await fetch(
      `${second.baseUrl}/admin/api/resources/customer_accounts/actions/list?filters.email=demo@example.com`,
      { headers: { cookie } },
    );
    const { records } = (await list.json()) as { records: { id: string }[] };
    expect(records).toHaveLength(1);
    const disable = await fetch(
      `${second.baseUrl}/admin/api/resources/customer_accounts/records/${records[0].id}/disableAccount`,
      {
        method: 'POST',
        headers: {
          cookie,
          Origin: proxy.baseUrl,
          'Content-Type': 'application/x-www-form-urlencoded',
        },
        body: '',
      },
    );
    expect(disable.status).toBe(200);
    const delays: Record<string, number> = {};
    for (const instance of instances) {
      delays[instance.name] = await waitUntil(
        `${instance.name} to refuse the disabled account`,
        async () => (await me(instance)).status === 401,
        { timeoutMs: 30_000, everyMs: 20 },
      );
    }
    figures.accountDisabledRefusedAfterMs = delays;
  });

  it('uses a calendar year published through one instance on every instance', async () => {
    const [first] = instances;
    const cookie = await staffCookie(first, 'admin@example.com');
    const action = (name: string, body: Record<string, string>) =>
      fetch(`${first.baseUrl}/admin/api/resources/calendar_years/actions/${name}`, {
        method: 'POST',
        headers: {
          cookie,
          Origin: proxy.baseUrl,
          'Content-Type': 'application/x-www-form-urlencoded',
        },
        body: new URLSearchParams(body),
      });
    const holidayCn = {
      year: 2027,
      papers: [],
      days: [
        { name: '元旦', date: '2027-01-01', isOffDay: true },
        { name: '春节', date: '2027-02-05', isOffDay: true },
        { name: '春节', date: '2027-02-20', isOffDay: false },
      ],
    };
    expect((await action('importHolidayCn', { file: JSON.stringify(holidayCn) })).status).toBe(200);
    const published = await action('publishYear', {
      year: '2027',
      notice: '国办发明电〔2026〕99号',
    });
    expect(((await published.json()) as { notice: { type: string } }).notice.type).toBe('success');
    const delays: Record<string, number> = {};
    for (const instance of instances) {
      delays[instance.name] = await waitUntil(
        `${instance.name} to use the published 2027`,
        async () => {
          const answer = await fetch(`${instance.baseUrl}/api/v1/calendar/2027`);
          return ((await answer.json()) as { status: string }).status === 'official';
        },
        { timeoutMs: 30_000, everyMs: 20 },
      );
    }
    figures.calendarPublishedUsedAfterMs = delays;
  });

  async function pushOrders(prefix: string, total: number): Promise<void> {
    for (let start = 0; start < total; start += 25) {
      await Promise.all(
        Array.from({ length: Math.min(25, total - start) }, async (_, offset) => {
          const body = JSON.stringify(
            orderBody({ contactEmail: `${prefix}-${start + offset}@example.com` }),
          );
          const answer = await fetch(`${proxy.baseUrl}${ORDERS_PATH}`, {
            method: 'POST',
            headers: {
              'Content-Type': 'application/json',
              'X-Signature': signPayload(WEBHOOK_SECRET, body),
            },
            body,
          });
          expect(answer.status).toBe(201);
        }),
      );
    }
  }

  function deliveries(prefix: string): Map<string, number> {
    const byMessageId = new Map<string, number>();
    for (const message of mail.messages) {
      if (!message.to.some((to) => to.startsWith(`${prefix}-`))) continue;
      const id = message.messageId ?? '';
      byMessageId.set(id, (byMessageId.get(id) ?? 0) + 1);
    }
    return byMessageId;
  }

  const sentTo = (prefix: string) =>
    count(`SELECT count(*) FROM mail_outbox WHERE status = 'sent' AND recipient LIKE $1`, [
      `${prefix}-%`,
    ]);

  it('delivers each of 500 queued mails exactly once across the instances', async () => {
    await pushOrders('once', 500);
    await waitUntil('500 mails sent', async () => (await sentTo('once')) === 500, {
      timeoutMs: 180_000,
      everyMs: 250,
    });
    const byMessageId = deliveries('once');
    expect(byMessageId.size).toBe(500);
    expect([...byMessageId.values()].filter((n) => n > 1)).toEqual([]);
    figures.mailsOnce = { queued: 500, delivered: byMessageId.size, duplicated: 0, lost: 0 };
  }, 240_000);

  it('loses no mail when an instance is killed in the middle of a dispatch batch', async () => {
    const victim = instances[0];
    await pushOrders('killed', 400);
    await waitUntil(
      'the instances to be sending',
      async () =>
        (await count(
          `SELECT count(*) FROM mail_outbox WHERE status = 'sending' AND recipient LIKE 'killed-%'`,
        )) > 0 && deliveries('killed').size > 20,
      { timeoutMs: 60_000, everyMs: 10 },
    );
    await victim.kill();
    await waitUntil('every mail sent', async () => (await sentTo('killed')) === 400, {
      timeoutMs: 180_000,
      everyMs: 250,
    });
    const byMessageId = deliveries('killed');
    const duplicated = [...byMessageId.values()].filter((n) => n > 1).length;
    figures.mailsWithKill = {
      queued: 400,
      delivered: byMessageId.size,
      duplicated,
      lost: 400 - byMessageId.size,
    };
    expect(byMessageId.size).toBe(400);
    // A duplicate is a mail the dead instance handed to SMTP but had not recorded as sent: at
    // most its in-flight batch, and with the same Message-ID, so receivers can drop it.
    expect(duplicated).toBeLessThanOrEqual(100);
    expect(
      await count(
        `SELECT count(*) FROM mail_outbox WHERE status <> 'sent' AND recipient LIKE 'killed-%'`,
      ),
    ).toBe(0);
    // The proxy skips the dead instance; the others carry on.
    await victim.start();
  }, 300_000);

  it('migrates nothing again when an instance starts while the others serve', async () => {
    const late = new AppInstance('instance-late', (await freePorts(1))[0], env);
    try {
      await late.start();
      expect(late.log).not.toContain('Applied migrations');
      expect(await count('SELECT count(*) FROM migrations')).toBe(MIGRATION_COUNT);
    } finally {
      await late.stop();
    }
  }, 180_000);

  it('runs each scheduled period once across the instances and skips none', async () => {
    const { rows } = await db.query<{ job_name: string; period_start: Date; instance: string }>(
      'SELECT job_name, period_start, instance FROM scheduled_job_runs ORDER BY job_name, period_start',
    );
    const jobs = new Map<string, { periods: number[]; instances: Map<string, number> }>();
    for (const row of rows) {
      const job = jobs.get(row.job_name) ?? { periods: [], instances: new Map<string, number>() };
      job.periods.push(row.period_start.getTime());
      job.instances.set(row.instance, (job.instances.get(row.instance) ?? 0) + 1);
      jobs.set(row.job_name, job);
    }
    expect([...jobs.keys()].sort()).toEqual(expect.arrayContaining(EVERY_TWO_SECONDS));
    const summary: Record<string, unknown> = {};
    for (const name of EVERY_TWO_SECONDS) {
      const job = jobs.get(name)!;
      // The primary key makes each period once; consecutive periods mean none was skipped.
      for (let i = 1; i < job.periods.length; i++) {
        expect(job.periods[i] - job.periods[i - 1]).toBe(2000);
      }
      summary[name] = {
        periods: job.periods.length,
        byInstance: Object.fromEntries(job.instances),
      };
    }
    figures.jobRuns = summary;
  });
});
