import 'reflect-metadata';
import { execSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { killRunningApps, residentMb, startApp, type RunningApp } from './app-process';
import { cpuPinning } from './cpu-pinning';
import { createCustomerThroughApi } from './customer-api';
import { measureRoutes } from './http';
import { signInToPortal } from './portal-session';
import { measureJobs, type JobResults } from './jobs';
import { startSmtpSink } from './smtp-sink';
import { buildReport, formatReport, type StartupRun } from './report';
import { DIGITAL_ISSUES, PDF_BYTES } from './digital-issue';
import { addMailedOutApplication, addPaidOrders, BENCH_BILL_FEN, loadVolume } from './volume';

const DATABASE_URL =
  process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/fapiao_bench';
const PORT = Number(process.env.BENCH_PORT ?? 3917);
const DURATION_S = Number(process.env.BENCH_DURATION ?? 12);
const CONNECTIONS = 32;
/** Digital issues under way at once: 1 is one staff member issuing one after the other. */
const ISSUE_CONCURRENCY = Number(process.env.BENCH_ISSUE_CONCURRENCY ?? 1);
/**
 * Warm-up seconds before each measured route (see `measureAgainstBare`). After 2 s the writes'
 * first round still ran colder than the next two (more of the app's CPU per request, while V8
 * was still optimising the write paths): 9 of 12 runs had it lowest, by up to 8 points.
 */
const WARM_UP_S = 5;

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
  const pinning = cpuPinning(process.env.BENCH_PIN_CPUS === '1');
  log(`CPU pinning: ${pinning.description}`);
  const uptimeBefore = execSync('uptime').toString().trim();
  log(`load: ${uptimeBefore}`);
  const sink = await startSmtpSink();
  const appEnv = { DATABASE_URL, SMTP_URL: sink.url, ADMIN_ENABLED: 'false' };

  log(`recreating ${new URL(DATABASE_URL).pathname.slice(1)} and migrating through the app`);
  await recreateDatabase(DATABASE_URL);
  const db = new Client({ connectionString: DATABASE_URL });
  const app: RunningApp = await startApp(appEnv, PORT, pinning);
  await db.connect();

  log('loading volume (set-based SQL)');
  const loadTimings = await loadVolume(db);
  log(`loaded: ${JSON.stringify(loadTimings)}`);

  const reader = await createCustomerThroughApi(app.baseUrl, db, 'READER');
  const readerPortalCookie = await signInToPortal(app.baseUrl, reader.email, reader.password);
  await addPaidOrders(db, reader.customerId, 'BENCH-R', 9);
  const detailId = await addMailedOutApplication(db, reader.orderNumber, reader.accountId);
  const writer = await createCustomerThroughApi(app.baseUrl, db, 'WRITER');
  // The digital customer: 1,000 paid bills, applied for by email and issued (with their PDFs)
  // during the jobs below; one of its files is then the download route's.
  const digital = await createCustomerThroughApi(app.baseUrl, db, 'DIGITAL');
  const digitalBills = await addPaidOrders(db, digital.customerId, 'BENCH-D', DIGITAL_ISSUES);
  await db.query('ANALYZE');

  log('measuring routes');
  const appUnderTest = { baseUrl: app.baseUrl, pid: app.process.pid! };
  const reads = await measureRoutes({
    app: appUnderTest,
    connections: CONNECTIONS,
    duration: DURATION_S,
    warmUp: WARM_UP_S,
    reader: reader.accessToken,
    readerPortalCookie,
    detailId,
  });

  log('measuring jobs (in-process application on the same database)');
  const jobs: JobResults = await measureJobs({ DATABASE_URL, SMTP_URL: sink.url }, db, sink, {
    orderNumbers: digitalBills,
    accountId: digital.accountId,
    amountFen: BENCH_BILL_FEN,
    concurrency: ISSUE_CONCURRENCY,
  });

  log('measuring a fapiao PDF download');
  const { applicationId, documentId } = jobs.digitalIssue.sample;
  const downloads = await measureRoutes({
    app: appUnderTest,
    connections: CONNECTIONS,
    duration: DURATION_S,
    warmUp: WARM_UP_S,
    download: {
      token: digital.accessToken,
      path: `/api/v1/fapiao/applications/${applicationId}/documents/${documentId}/files/pdf`,
      label: `GET /api/v1/fapiao/applications/{id}/documents/{docId}/files/pdf (${Math.round(
        PDF_BYTES / 1024,
      )} kB PDF, owning customer)`,
    },
  });

  // Every pair of requests uses up one bill. No write outruns the bare route, so the fastest bare
  // run seen so far, with twice the headroom for the machine's drift, bounds what the run needs.
  const fastestBare = Math.max(
    ...reads.flatMap((r) => r.rounds.map((round) => round.bare.requestsPerSecond)),
  );
  const requestsPerBill = 2;
  const headroom = 2;
  const poolSize = Math.ceil((fastestBare * (WARM_UP_S + DURATION_S) * headroom) / requestsPerBill);
  log(`measuring create + confirm (a pool of ${poolSize} paid bills)`);
  const pool = await addPaidOrders(db, writer.customerId, 'BENCH-W', poolSize);
  await db.query('VACUUM ANALYZE orders, payment_records');
  const writes = await measureRoutes({
    app: appUnderTest,
    connections: CONNECTIONS,
    duration: DURATION_S,
    warmUp: WARM_UP_S,
    writer: writer.accessToken,
    pool,
  });
  await app.stop();

  log('measuring start-up');
  const startup: StartupRun[] = [];
  for (const round of [1, 2]) {
    for (const adminEnabled of [false, true]) {
      const booted = await startApp(
        { ...appEnv, ADMIN_ENABLED: String(adminEnabled) },
        PORT + round,
        pinning,
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

  const routes = [...reads, ...downloads, ...writes];
  const report = buildReport(routes, jobs, startup, {
    uptimeBefore,
    uptimeAfter: execSync('uptime').toString().trim(),
    loadTimings,
    connections: CONNECTIONS,
    durationSeconds: DURATION_S,
    cpuPinning: pinning.description,
  });
  console.log(formatReport(report));
  const file = join(__dirname, '..', '..', 'bench', 'results', 'latest.json');
  writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
  log(`written ${file}`);
}

main().catch((error: unknown) => {
  console.error(error);
  killRunningApps();
  process.exit(1);
});
