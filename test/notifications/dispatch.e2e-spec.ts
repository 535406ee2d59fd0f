import { MAX_ATTEMPTS } from '../../src/notifications/dispatch/retry-policy';
import { FailedMailsService } from '../../src/notifications/failed-mails.service';
import { AppConfig } from '../../src/config/app-config';
import { NotificationsErrorCode } from '../../src/notifications/notifications.exception';
import { SmtpCapture } from '../support/smtp-capture';
import { createTestApp, type TestApp } from '../support/test-app';
import { HOUR, MINUTE, SECOND } from '../support/test-clock';
import { dispatch, enqueueActivation, enqueueMany, outboxRows } from './outbox-support';

/** Dispatches until a run finds nothing due. */
async function drain(t: TestApp): Promise<number> {
  let sent = 0;
  for (;;) {
    const result = await dispatch(t);
    sent += result.sent;
    if (result.sent + result.retried + result.failed === 0) return sent;
  }
}

describe('mail outbox: delivery', () => {
  it('delivers 200 mails exactly once with two app instances dispatching at the same time', async () => {
    const shared = await new SmtpCapture().start();
    const first = await createTestApp({ env: { SMTP_URL: shared.url } });
    const second = await createTestApp({
      databaseName: first.databaseName,
      env: { SMTP_URL: shared.url },
    });
    try {
      await enqueueMany(first, 200);
      // Two dispatch loops per instance, all started together, competing for the same rows.
      const sentBy = await Promise.all([drain(first), drain(second), drain(first), drain(second)]);

      expect(sentBy.reduce((a, b) => a + b, 0)).toBe(200);
      expect(shared.messages).toHaveLength(200);
      const recipients = shared.messages.map((m) => m.to[0]);
      expect(new Set(recipients).size).toBe(200);
      expect(new Set(shared.messages.map((m) => m.messageId)).size).toBe(200);
      const rows = await outboxRows(first);
      expect(rows.filter((r) => r.status === 'sent')).toHaveLength(200);
      expect(rows.every((r) => r.attempts === 1)).toBe(true);
      expect(first.mail.messages).toEqual([]);
      expect(second.mail.messages).toEqual([]);
    } finally {
      await second.close();
      await first.close();
      await shared.stop();
    }
  });

  describe('on one instance', () => {
    let t: TestApp;
    beforeEach(async () => {
      t = await createTestApp();
      t.clock.set('2026-11-24T02:00:00Z');
    });
    afterEach(() => t.close());

    it('keeps 100 mails through an SMTP outage and delivers each once when it is back', async () => {
      await t.mail.stop();
      await enqueueMany(t, 100, 'outage');

      expect(await dispatch(t)).toEqual({ sent: 0, retried: 100, failed: 0 });
      let rows = await outboxRows(t);
      expect(rows.every((r) => r.status === 'pending' && r.attempts === 1)).toBe(true);
      expect(rows[0].last_error).toMatch(/ECONNREFUSED|ECONNECTION/);
      expect(rows[0].next_attempt_at).toEqual(new Date('2026-11-24T02:00:30Z'));

      await t.mail.start(); // same port
      // Not due yet: the backoff holds them back.
      expect(await dispatch(t)).toEqual({ sent: 0, retried: 0, failed: 0 });
      t.clock.advance(30 * SECOND);
      expect(await dispatch(t)).toEqual({ sent: 100, retried: 0, failed: 0 });

      expect(t.mail.messages).toHaveLength(100);
      expect(new Set(t.mail.messages.map((m) => m.to[0])).size).toBe(100);
      rows = await outboxRows(t);
      expect(rows.every((r) => r.status === 'sent' && r.attempts === 2)).toBe(true);
      expect(await dispatch(t)).toEqual({ sent: 0, retried: 0, failed: 0 });
    });

    it('backs off exponentially and marks a mail failed after the retry limit', async () => {
      await t.mail.stop();
      await t.dataSource.transaction((m) => enqueueActivation(t, m, 'ivy@example.com', 'k:limit'));

      const delays: number[] = [];
      for (let attempt = 1; attempt < MAX_ATTEMPTS; attempt++) {
        const before = t.clock.now().getTime();
        expect(await dispatch(t)).toEqual({ sent: 0, retried: 1, failed: 0 });
        const [row] = await outboxRows(t);
        delays.push(row.next_attempt_at.getTime() - before);
        t.clock.set(row.next_attempt_at);
      }
      expect(delays.slice(0, 4)).toEqual([30 * SECOND, MINUTE, 2 * MINUTE, 4 * MINUTE]);
      expect(Math.max(...delays)).toBe(HOUR);

      expect(await dispatch(t)).toEqual({ sent: 0, retried: 0, failed: 1 });
      const [row] = await outboxRows(t);
      expect(row).toMatchObject({ status: 'failed', attempts: MAX_ATTEMPTS, locked_until: null });
      expect(row.last_error).toMatch(
        new RegExp(`^Gave up after ${MAX_ATTEMPTS} attempts: .*ECONN`),
      );

      // Failed is final: later runs leave it alone, even with SMTP back.
      await t.mail.start();
      t.clock.advance(24 * HOUR);
      expect(await dispatch(t)).toEqual({ sent: 0, retried: 0, failed: 0 });
      expect(t.mail.messages).toEqual([]);
    });

    it('fails a permanently rejected address at once, delivers the others, and staff can retry it', async () => {
      t.mail.rejectRecipients(/^nobody@/);
      await t.dataSource.transaction(async (m) => {
        await enqueueActivation(t, m, 'nobody@example.com', 'k:rejected');
        await enqueueActivation(t, m, 'jo@example.com', 'k:fine');
      });

      expect(await dispatch(t)).toEqual({ sent: 1, retried: 0, failed: 1 });
      expect(t.mail.messages.map((m) => m.to)).toEqual([['jo@example.com']]);
      const rejected = (await outboxRows(t)).find((r) => r.dedupe_key === 'k:rejected')!;
      expect(rejected).toMatchObject({ status: 'failed', attempts: 1 });
      expect(rejected.last_error).toMatch(
        /^Permanently rejected: EENVELOPE: .*550.*nobody@example.com/,
      );

      const failedMails = t.get(FailedMailsService);
      expect(await failedMails.countFailedMails()).toBe(1);
      expect(await failedMails.listFailedMails()).toEqual([
        expect.objectContaining({
          id: rejected.id,
          recipient: 'nobody@example.com',
          template: 'account-activation',
          attempts: 1,
          lastError: rejected.last_error,
        }),
      ]);

      await failedMails.retryFailedMail(rejected.id);
      expect((await outboxRows(t)).find((r) => r.id === rejected.id)).toMatchObject({
        status: 'pending',
        attempts: 0,
      });
      expect(await dispatch(t)).toEqual({ sent: 0, retried: 0, failed: 1 });

      const sent = (await outboxRows(t)).find((r) => r.dedupe_key === 'k:fine')!;
      await expect(failedMails.retryFailedMail(sent.id)).rejects.toMatchObject({
        status: 409,
        code: NotificationsErrorCode.MAIL_NOT_FAILED,
      });
      await expect(
        failedMails.retryFailedMail('00000000-0000-4000-8000-000000000000'),
      ).rejects.toMatchObject({ status: 404, code: NotificationsErrorCode.MAIL_NOT_FOUND });
      await expect(failedMails.retryFailedMail('not-a-uuid')).rejects.toMatchObject({
        status: 404,
      });
      expect(t.mail.messages).toHaveLength(1);
    });

    it('takes over a mail whose dispatcher died mid-send once its lease expires', async () => {
      const CLAIM_LEASE_MS = t.app.get(AppConfig).mailClaimLeaseMs;
      await t.dataSource.transaction((m) => enqueueActivation(t, m, 'kim@example.com', 'k:lease'));
      // A dispatcher on another instance claimed it and died.
      await t.dataSource.query(
        `UPDATE mail_outbox SET status = 'sending', attempts = 1, locked_until = $1`,
        [new Date(t.clock.now().getTime() + CLAIM_LEASE_MS)],
      );

      expect(await dispatch(t)).toEqual({ sent: 0, retried: 0, failed: 0 });
      t.clock.advance(CLAIM_LEASE_MS - SECOND);
      expect(await dispatch(t)).toEqual({ sent: 0, retried: 0, failed: 0 });
      t.clock.advance(2 * SECOND);
      expect(await dispatch(t)).toEqual({ sent: 1, retried: 0, failed: 0 });

      expect(t.mail.to('kim@example.com')).toHaveLength(1);
      expect((await outboxRows(t))[0]).toMatchObject({ status: 'sent', attempts: 2 });
    });

    it('fails a mail whose last allowed attempt was abandoned', async () => {
      await t.dataSource.transaction((m) => enqueueActivation(t, m, 'lee@example.com', 'k:dead'));
      await t.dataSource.query(
        `UPDATE mail_outbox SET status = 'sending', attempts = $1, locked_until = $2`,
        [MAX_ATTEMPTS, t.clock.now()],
      );
      t.clock.advance(SECOND);

      expect(await dispatch(t)).toEqual({ sent: 0, retried: 0, failed: 1 });
      const [row] = await outboxRows(t);
      expect(row.status).toBe('failed');
      expect(row.last_error).toMatch(/did not finish before its lease expired/);
      expect(t.mail.messages).toEqual([]);
    });
  });

  it('with jobs enabled, sends right after the commit (LISTEN/NOTIFY) on the one listening connection', async () => {
    const t = await createTestApp({ env: { JOBS_ENABLED: 'true' } });
    try {
      // The outbox, the account cache and the calendar share it (each listener costs every commit).
      const [{ listeners }] = await t.dataSource.query<{ listeners: number }[]>(
        `SELECT count(*)::int AS listeners FROM pg_stat_activity
          WHERE application_name = 'fapiao-listen' AND datname = current_database()`,
      );
      expect(listeners).toBe(1);
      // Let the start-up run and the first interval tick settle, then measure the latency.
      await new Promise((resolve) => setTimeout(resolve, 300));
      const started = Date.now();
      await t.dataSource.transaction((m) => enqueueActivation(t, m, 'max@example.com', 'k:nudge'));
      await t.mail.waitFor((m) => m.to.includes('max@example.com'), { timeoutMs: 1500 });
      expect(Date.now() - started).toBeLessThan(1500);
    } finally {
      await t.close();
    }
  });
});
