import 'reflect-metadata';
import { execSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { killRunningApps, residentMb, startApp, type RunningApp } from './app-process';
import { createCustomerThroughApi } from './customer-api';
import { measureRoutes, type RouteResult } from './http';
import { measureJobs, type JobResults } from './jobs';
import { startSmtpSink } from './smtp-sink';
import { addMailedOutApplication, addPaidOrders, loadVolume, VOLUME } from './volume';

const DATABASE_URL =
  process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/fapiao_bench';
const PORT = Number(process.env.BENCH_PORT ?? 3917);
const DURATION_S = Number(process.env.BENCH_DURATION ?? 10);
const CONNECTIONS = 32;
const WRITE_POOL = 8_000;

async function recreateDatabase(url: string): Promise<void> {
  const target = new URL(url);
  const name = target.pathname.slice(1);
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`Unexpected database name "${name}"`);
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const db = new Client({ connectionString: admin.toString() });
  await db.connect();
  await db.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await db.query(`CREATE DATABASE ${name}`);
  await db.end();
}

function log(message: string): void {
  console.error(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}`);
}

async function main(): Promise<void> {
  const uptimeBefore = execSync('uptime').toString().trim();
  log(`load: ${uptimeBefore}`);
  const sink = await startSmtpSink();
  const appEnv = { DATABASE_URL, SMTP_URL: sink.url, ADMIN_ENABLED: 'false' };

  log(`recreating ${new URL(DATABASE_URL).pathname.slice(1)} and migrating through the app`);
  await recreateDatabase(DATABASE_URL);
  const db = new Client({ connectionString: DATABASE_URL });
  const app: RunningApp = await startApp(appEnv, PORT);
  await db.connect();

  log('loading volume (set-based SQL)');
  const loadTimings = await loadVolume(db);
  log(`loaded: ${JSON.stringify(loadTimings)}`);

  const reader = await createCustomerThroughApi(app.baseUrl, db, 'READER');
  await addPaidOrders(db, reader.customerId, 'BENCH-R', 9);
  const detailId = await addMailedOutApplication(db, reader.orderNumber, reader.accountId);
  const writer = await createCustomerThroughApi(app.baseUrl, db, 'WRITER');
  const pool = await addPaidOrders(db, writer.customerId, 'BENCH-W', WRITE_POOL);
  await db.query('ANALYZE');

  log('measuring routes');
  const reads = await measureRoutes(app.baseUrl, {
    connections: CONNECTIONS,
    duration: DURATION_S,
    reader: reader.accessToken,
    detailId,
  });

  log('measuring jobs (in-process application on the same database)');
  const jobs: JobResults = await measureJobs({ DATABASE_URL, SMTP_URL: sink.url }, db, sink);

  log('measuring create + confirm');
  const writes = await measureRoutes(app.baseUrl, {
    connections: CONNECTIONS,
    duration: DURATION_S,
    writer: writer.accessToken,
    pool,
  });
  await app.stop();

  log('measuring start-up');
  const startup: { adminEnabled: boolean; bootMs: number; rssMb: number }[] = [];
  for (const round of [1, 2]) {
    for (const adminEnabled of [false, true]) {
      const booted = await startApp(
        { ...appEnv, ADMIN_ENABLED: String(adminEnabled) },
        PORT + round,
      );
      await new Promise((resolve) => setTimeout(resolve, 500));
      startup.push({
        adminEnabled,
        bootMs: Math.round(booted.bootMs),
        rssMb: residentMb(booted.process.pid!),
      });
      await booted.stop();
    }
  }
  await db.end();
  await sink.close();

  const routes = [...reads, ...writes];
  const report = buildReport(routes, jobs, startup, {
    uptimeBefore,
    uptimeAfter: execSync('uptime').toString().trim(),
    loadTimings,
  });
  printTable(report);
  const file = join(__dirname, '..', '..', 'bench', 'results', 'latest.json');
  writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
  log(`written ${file}`);
}

interface Check {
  name: string;
  value: string;
  target: string;
  met: boolean;
}

function buildReport(
  routes: RouteResult[],
  jobs: JobResults,
  startup: { adminEnabled: boolean; bootMs: number; rssMb: number }[],
  context: { uptimeBefore: string; uptimeAfter: string; loadTimings: Record<string, number> },
) {
  const bare = routes.find((r) => r.name === 'bare')!;
  const ratio = (r: RouteResult) =>
    Math.round((r.requestsPerSecond / bare.requestsPerSecond) * 100);
  const median = (values: number[]) =>
    [...values].sort((a, b) => a - b)[Math.floor((values.length - 1) / 2)];
  const bootOff = median(startup.filter((s) => !s.adminEnabled).map((s) => s.bootMs));
  const bootOn = median(startup.filter((s) => s.adminEnabled).map((s) => s.bootMs));
  const rssMax = Math.max(...startup.map((s) => s.rssMb));
  const route = (name: string) => routes.find((r) => r.name === name)!;
  const checks: Check[] = [
    check(
      'billing records ≥ 50% of bare',
      `${ratio(route('billing-records'))}%`,
      '≥ 50%',
      ratio(route('billing-records')) >= 50,
    ),
    check(
      'application detail ≥ 40% of bare',
      `${ratio(route('application-detail'))}%`,
      '≥ 40%',
      ratio(route('application-detail')) >= 40,
    ),
    check(
      'create + confirm ≥ 25% of bare',
      `${ratio(route('create-confirm'))}%`,
      '≥ 25%',
      ratio(route('create-confirm')) >= 25,
    ),
    check(
      'billing records p99',
      `${route('billing-records').p99Ms} ms`,
      '≤ 50 ms',
      route('billing-records').p99Ms <= 50,
    ),
    check(
      'application detail p99',
      `${route('application-detail').p99Ms} ms`,
      '≤ 50 ms',
      route('application-detail').p99Ms <= 50,
    ),
    check(
      'expiry job vs one SQL',
      `${jobs.activationExpiry.ratio}×`,
      '≤ 2×',
      jobs.activationExpiry.ratio <= 2,
    ),
    check(
      'out-of-use, 10,000 applications',
      `${jobs.outOfUse.ms} ms`,
      '≤ 2000 ms',
      jobs.outOfUse.ms <= 2000,
    ),
    check(
      '2,000 mails dispatched',
      `${jobs.mailDispatch.ms} ms`,
      '≤ 20000 ms',
      jobs.mailDispatch.ms <= 20_000,
    ),
    check(
      'boot with back office / without',
      `${(bootOn / bootOff).toFixed(2)}×`,
      '≤ 1.5×',
      bootOn / bootOff <= 1.5,
    ),
    check('RSS after boot', `${rssMax} MB`, '≤ 300 MB', rssMax <= 300),
  ];
  return {
    at: new Date().toISOString(),
    machine: {
      cpus: cpus().length,
      model: cpus()[0]?.model,
      node: process.version,
      loadavg: loadavg(),
    },
    uptimeBefore: context.uptimeBefore,
    uptimeAfter: context.uptimeAfter,
    volume: VOLUME,
    loadTimingsMs: context.loadTimings,
    connections: CONNECTIONS,
    durationSeconds: DURATION_S,
    routes: routes.map((r) => ({ ...r, ratioToBarePercent: ratio(r) })),
    jobs,
    startup: {
      runs: startup,
      bootMsWithoutAdmin: bootOff,
      bootMsWithAdmin: bootOn,
      rssMbMax: rssMax,
    },
    checks,
  };
}

function check(name: string, value: string, target: string, met: boolean): Check {
  return { name, value, target, met };
}

function printTable(report: ReturnType<typeof buildReport>): void {
  const lines: string[] = [];
  lines.push(
    `Machine: ${report.machine.cpus} × ${report.machine.model}, Node ${report.machine.node}`,
  );
  lines.push(`Load before: ${report.uptimeBefore}`);
  lines.push(`Load after:  ${report.uptimeAfter}`);
  lines.push('');
  lines.push(
    `| route (${report.connections} connections, ${report.durationSeconds} s) | req/s | p50 ms | p99 ms | vs bare | non-2xx |`,
  );
  lines.push('| --- | ---: | ---: | ---: | ---: | ---: |');
  for (const r of report.routes) {
    lines.push(
      `| ${r.label} | ${r.requestsPerSecond} | ${r.p50Ms} | ${r.p99Ms} | ${r.ratioToBarePercent}% | ${r.non2xx + r.errors} |`,
    );
  }
  lines.push('');
  lines.push('| job | time | note |');
  lines.push('| --- | ---: | --- |');
  const j = report.jobs;
  lines.push(
    `| activation expiry, ${j.activationExpiry.released} registrations | ${j.activationExpiry.jobMs} ms | one hand-written SQL: ${j.activationExpiry.sqlMs} ms → ${j.activationExpiry.ratio}× |`,
  );
  lines.push(
    `| out-of-use flagging, ${j.outOfUse.held} applications | ${j.outOfUse.ms} ms | one transaction; inside: ${Object.entries(
      j.outOfUse.phases,
    )
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')} |`,
  );
  lines.push(
    `| dispatch ${j.mailDispatch.sent} mails to the SMTP sink | ${j.mailDispatch.ms} ms | ${j.mailDispatch.received} received |`,
  );
  lines.push('');
  lines.push('| start-up | boot → first /health 200 | RSS after boot |');
  lines.push('| --- | ---: | ---: |');
  for (const s of report.startup.runs) {
    lines.push(`| ADMIN_ENABLED=${s.adminEnabled} | ${s.bootMs} ms | ${s.rssMb} MB |`);
  }
  lines.push('');
  lines.push('| target | measured | target | met |');
  lines.push('| --- | ---: | ---: | :---: |');
  for (const c of report.checks)
    lines.push(`| ${c.name} | ${c.value} | ${c.target} | ${c.met ? 'yes' : 'NO'} |`);
  console.log(lines.join('\n'));
}

main().catch((error: unknown) => {
  console.error(error);
  killRunningApps();
  process.exit(1);
});
