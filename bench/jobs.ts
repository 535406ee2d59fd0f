import { NestFactory } from '@nestjs/core';
import type { Client } from 'pg';
import { DataSource } from 'typeorm';
import { AppModule } from '../src/app.module';
import { ActivationExpiryJob } from '../src/auth/customer/jobs/activation-expiry.job';
import { loadConfig } from '../src/config/app-config';
import { OutOfUseJob } from '../src/fapiao/out-of-use/out-of-use.job';
import { MailDispatcher } from '../src/notifications/mail-dispatcher';
import { NotificationsService } from '../src/notifications/notifications.service';
import { MailRenderer } from '../src/notifications/rendering/mail-renderer';
import { measureDigitalIssue, type DigitalIssueResults } from './digital-issue';
import type { SmtpSink } from './smtp-sink';
import { timePhases } from './time-phases';

export interface JobResults {
  activationExpiry: {
    released: number;
    jobMs: number;
    sqlMs: number;
    sqlReleased: number;
    ratio: number;
  };
  outOfUse: { held: number; ms: number; phases: Record<string, number> };
  mailDispatch: { sent: number; received: number; ms: number; enqueueMs: number };
  digitalIssue: DigitalIssueResults;
}

/** The digital customer's paid bills (of `amountFen` each) to apply for by email and issue. */
export interface DigitalIssueInput {
  orderNumbers: string[];
  accountId: string;
  amountFen: number;
  concurrency: number;
}

const MAILS = 2_000;

/** The same work as ActivationExpiryJob, as one statement (the baseline). */
const EXPIRY_BASELINE_SQL = `
  WITH released AS (
    UPDATE customer_accounts a SET status = 'expired', updated_at = $1
     WHERE a.status = 'pending'
       AND NOT EXISTS (SELECT 1 FROM account_tokens t
                        WHERE t.account_id = a.id AND t.purpose = 'activation'
                          AND t.used_at IS NULL AND t.revoked_at IS NULL AND t.expires_at > $1)
    RETURNING a.id
  ), retired AS (
    UPDATE account_tokens t SET revoked_at = $1 FROM released
     WHERE t.account_id = released.id AND t.purpose = 'activation'
       AND t.used_at IS NULL AND t.revoked_at IS NULL
  )
  SELECT count(*)::int AS released FROM released`;

const ms = (started: number) => Math.round(performance.now() - started);

/**
 * Runs the jobs in an application context of this process (the scheduler off, as in tests) on
 * the bench database, calling each job's method directly.
 */
export async function measureJobs(
  env: { DATABASE_URL: string; SMTP_URL: string },
  db: Client,
  sink: SmtpSink,
  digital: DigitalIssueInput,
): Promise<JobResults> {
  const config = loadConfig({
    NODE_ENV: 'development',
    ...env,
    PUBLIC_BASE_URL: 'http://127.0.0.1:3000',
    ADMIN_ENABLED: 'false',
    JOBS_ENABLED: 'false',
    MIGRATIONS_RUN: 'false',
    DEMO_DATA: 'false',
    LOG_LEVEL: 'warn',
  });
  const app = await NestFactory.create(AppModule.forRoot(config), { logger: ['error', 'warn'] });
  await app.init();
  try {
    // Baseline first, rolled back, so the job then finds the same 100,000 expired tokens.
    await db.query('BEGIN');
    let started = performance.now();
    const baseline = await db.query<{ released: number }>(EXPIRY_BASELINE_SQL, [new Date()]);
    const sqlMs = ms(started);
    await db.query('ROLLBACK');
    await db.query('VACUUM ANALYZE customer_accounts, account_tokens');

    started = performance.now();
    const expiry = await app.get(ActivationExpiryJob).expireStaleActivations();
    const jobMs = ms(started);
    // Each measurement starts on a quiet database: otherwise autovacuum, set off by the 100,000
    // rows just updated, runs on one of the two cores during the next one.
    await db.query('VACUUM ANALYZE customer_accounts, account_tokens');

    // Out-of-use: a period starting now; every waiting application goes on hold.
    await db.query(
      `INSERT INTO out_of_use_periods (starts_at, expected_issue_date, notice_zh, notice_en)
       VALUES (now() - interval '1 minute', (now() + interval '7 days')::date,
               '发票库存已用完，新库存预计下周到货。', 'The fapiao stock is used up. New stock arrives next week.')`,
    );
    const phases = timePhases([
      [app.get(NotificationsService), 'enqueueMany', 'enqueueManyMs'],
      [app.get(MailRenderer), 'check', 'mailCheckMs'],
    ]);
    started = performance.now();
    const outOfUse = await app.get(OutOfUseJob).run();
    const outOfUseMs = ms(started);
    const outOfUsePhases = phases.stop();
    // End it, so the create + confirm run that follows is not affected.
    await db.query(`UPDATE out_of_use_periods SET ends_at = now() WHERE ends_at IS NULL`);

    // Mail: 2,000 fresh mails (the on-hold mails above are cleared first).
    await db.query('DELETE FROM mail_outbox');
    started = performance.now();
    const notifications = app.get(NotificationsService);
    const dataSource = app.get(DataSource);
    await dataSource.transaction((m) =>
      notifications.enqueueMany(
        m,
        Array.from({ length: MAILS }, (_, i) => ({
          to: `bench-${i}@example.com`,
          template: 'account-activation' as const,
          locale: i % 2 === 0 ? ('en' as const) : ('zh-CN' as const),
          context: {
            activationUrl: `http://127.0.0.1:3000/activate?token=bench-${i}`,
            expiresAt: new Date(Date.now() + 86_400_000).toISOString(),
          },
          dedupeKey: `bench-mail:${i}`,
        })),
      ),
    );
    const enqueueMs = ms(started);
    const receivedBefore = await sink.received();
    started = performance.now();
    let sent = 0;
    for (let run = 0; run < 10 && sent < MAILS; run++) {
      sent += (await app.get(MailDispatcher).dispatchDue()).sent;
    }
    const dispatchMs = ms(started);
    // Quiet again for the create + confirm run that follows (see above).
    await db.query(
      'VACUUM ANALYZE fapiao_applications, application_history, orders, mail_outbox, out_of_use_periods',
    );

    // Digital fapiao issued with their PDFs through the back office's service, against one SQL.
    const digitalIssue = await measureDigitalIssue(
      app,
      db,
      digital.orderNumbers,
      digital.accountId,
      digital.amountFen,
      digital.concurrency,
    );
    return {
      activationExpiry: {
        released: expiry.released,
        jobMs,
        sqlMs,
        sqlReleased: baseline.rows[0].released,
        ratio: Math.round((jobMs / sqlMs) * 100) / 100,
      },
      outOfUse: { held: outOfUse.held, ms: outOfUseMs, phases: outOfUsePhases },
      mailDispatch: {
        sent,
        received: (await sink.received()) - receivedBefore,
        ms: dispatchMs,
        enqueueMs,
      },
      digitalIssue,
    };
  } finally {
    await app.close();
  }
}
