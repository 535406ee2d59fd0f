import type { EntityManager } from 'typeorm';
import { MailDispatcher } from '../../src/notifications/mail-dispatcher';
import { NotificationsService } from '../../src/notifications/notifications.service';
import type { TestApp } from '../support/test-app';
import { MAIL_SAMPLES } from './mail-samples';

export interface OutboxRow {
  id: string;
  dedupe_key: string;
  recipient: string;
  status: string;
  attempts: number;
  next_attempt_at: Date;
  locked_until: Date | null;
  last_error: string | null;
  sent_at: Date | null;
}

export function outboxRows(t: TestApp): Promise<OutboxRow[]> {
  return t.dataSource.query<OutboxRow[]>(
    'SELECT * FROM mail_outbox ORDER BY created_at, dedupe_key',
  );
}

/** Enqueues an activation mail to `to` in the given transaction. */
export function enqueueActivation(
  t: TestApp,
  manager: EntityManager,
  to: string,
  dedupeKey: string,
): Promise<void> {
  return t.get(NotificationsService).enqueue(manager, {
    to,
    template: 'account-activation',
    locale: 'en',
    context: MAIL_SAMPLES['account-activation'],
    dedupeKey,
  });
}

/** Enqueues an activation mail in a transaction that then fails and rolls back. */
export async function enqueueThenRollBack(
  t: TestApp,
  to: string,
  dedupeKey: string,
): Promise<void> {
  await expect(
    t.dataSource.transaction(async (manager) => {
      await enqueueActivation(t, manager, to, dedupeKey);
      throw new Error('the business change failed after the enqueue');
    }),
  ).rejects.toThrow('the business change failed after the enqueue');
}

/** `count` activation mails to `mail-<i>@example.com`, committed in one transaction. */
export async function enqueueMany(t: TestApp, count: number, prefix = 'bulk'): Promise<void> {
  await t.dataSource.transaction(async (manager) => {
    for (let i = 0; i < count; i++) {
      await enqueueActivation(t, manager, `${prefix}-${i}@example.com`, `${prefix}:${i}`);
    }
  });
}

export function dispatch(t: TestApp) {
  return t.get(MailDispatcher).dispatchDue();
}
