import { InvalidMailError } from '../../src/notifications/notifications.exception';
import {
  NotificationsService,
  type OutgoingMail,
} from '../../src/notifications/notifications.service';
import type { MailTemplateName } from '../../src/notifications/mail-catalogue';
import { createTestApp, type TestApp } from '../support/test-app';
import { MAIL_SAMPLES } from './mail-samples';
import { dispatch, enqueueActivation, outboxRows } from './outbox-support';

const activation = (to: string, dedupeKey: string): OutgoingMail<MailTemplateName> => ({
  to,
  template: 'account-activation',
  locale: 'en',
  context: MAIL_SAMPLES['account-activation'],
  dedupeKey,
});

describe('mail outbox: enqueueMany', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());
  beforeEach(async () => {
    await t.dataSource.query('DELETE FROM mail_outbox');
    t.mail.clear();
  });

  const enqueueMany = (mails: OutgoingMail<MailTemplateName>[]) =>
    t.dataSource.transaction((m) => t.get(NotificationsService).enqueueMany(m, mails));

  it('writes every mail, once per dedupeKey (the first in the batch, or the one before it), and they are sent', async () => {
    await t.dataSource.transaction((m) => enqueueActivation(t, m, 'old@example.com', 'k:0'));
    const inserted = await enqueueMany([
      activation('new@example.com', 'k:0'),
      activation('a@example.com', 'k:1'),
      activation('b@example.com', 'k:2'),
      activation('z@example.com', 'k:1'),
    ]);
    expect(inserted).toBe(2);

    const rows = await outboxRows(t);
    expect(rows.map((r) => [r.dedupe_key, r.recipient]).sort()).toEqual([
      ['k:0', 'old@example.com'],
      ['k:1', 'a@example.com'],
      ['k:2', 'b@example.com'],
    ]);
    expect(rows.every((r) => r.status === 'pending' && r.attempts === 0)).toBe(true);

    expect(await dispatch(t)).toEqual({ sent: 3, retried: 0, failed: 0 });
    const toB = t.mail.messages.find((m) => m.to.includes('b@example.com'))!;
    expect(toB.subject).toBe('Activate your fapiao service account');
    expect(toB.links).toContain(MAIL_SAMPLES['account-activation'].activationUrl);
  });

  it('does nothing for an empty list', async () => {
    expect(await enqueueMany([])).toBe(0);
    expect(await outboxRows(t)).toEqual([]);
  });

  it('writes nothing when one mail is invalid, or when the caller rolls back', async () => {
    await expect(
      enqueueMany([activation('a@example.com', 'k:1'), activation('not an address', 'k:2')]),
    ).rejects.toThrow(InvalidMailError);
    await expect(
      t.dataSource.transaction(async (m) => {
        await t.get(NotificationsService).enqueueMany(m, [activation('c@example.com', 'k:3')]);
        throw new Error('the business change failed after the enqueue');
      }),
    ).rejects.toThrow('failed after the enqueue');
    expect(await outboxRows(t)).toEqual([]);
  });
});
