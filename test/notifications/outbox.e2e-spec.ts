import { MailDispatcher } from '../../src/notifications/mail-dispatcher';
import {
  InvalidMailError,
  MailTemplateError,
} from '../../src/notifications/notifications.exception';
import { NotificationsService } from '../../src/notifications/notifications.service';
import { createTestApp, type TestApp } from '../support/test-app';
import { MAIL_SAMPLES } from './mail-samples';
import {
  dispatch,
  enqueueActivation,
  enqueueMany,
  enqueueThenRollBack,
  outboxRows,
} from './outbox-support';

describe('mail outbox: enqueue', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());
  beforeEach(async () => {
    await t.dataSource.query('DELETE FROM mail_outbox');
    t.mail.clear();
  });

  it('sends a committed mail once, rendered in the recipient locale, with a stable Message-ID', async () => {
    await t.dataSource.transaction((m) => enqueueActivation(t, m, 'ada@example.com', 'k:1'));

    expect(await dispatch(t)).toEqual({ sent: 1, retried: 0, failed: 0 });
    const [mail] = t.mail.messages;
    expect(mail.to).toEqual(['ada@example.com']);
    expect(mail.subject).toBe('Activate your fapiao service account');
    expect(mail.links).toContain(MAIL_SAMPLES['account-activation'].activationUrl);
    expect(mail.html).toContain('Activate my account');
    expect(mail.headers.get('auto-submitted')).toBe('auto-generated');

    const [row] = await outboxRows(t);
    expect(row).toMatchObject({ status: 'sent', attempts: 1, locked_until: null });
    expect(row.sent_at).toBeInstanceOf(Date);
    // MAIL_FROM defaults to fapiao@localhost.
    expect(mail.messageId).toBe(`<${row.id}@localhost>`);
    expect(t.get(MailDispatcher).messageIdOf(row.id)).toBe(mail.messageId);

    // Nothing is due any more: a second run sends nothing.
    expect(await dispatch(t)).toEqual({ sent: 0, retried: 0, failed: 0 });
    expect(t.mail.messages).toHaveLength(1);
  });

  it('stores the context, not rendered bodies, and forgets it once sent (it holds live links)', async () => {
    await t.dataSource.transaction((m) => enqueueActivation(t, m, 'carol@example.com', 'k:ctx'));
    const stored = `SELECT status, subject, context, legacy_html_body, legacy_text_body
                      FROM mail_outbox WHERE dedupe_key = 'k:ctx'`;
    const [pending] = await t.dataSource.query(stored);
    expect(pending).toEqual({
      status: 'pending',
      subject: 'Activate your fapiao service account',
      context: MAIL_SAMPLES['account-activation'],
      legacy_html_body: null,
      legacy_text_body: null,
    });
    await dispatch(t);
    expect(t.mail.messages[0].links).toContain(MAIL_SAMPLES['account-activation'].activationUrl);
    const [sent] = await t.dataSource.query(stored);
    expect(sent).toMatchObject({ status: 'sent', context: {} });
  });

  it('fails for good a mail that cannot be rendered any more, and still sends the others', async () => {
    await enqueueMany(t, 3, 'render');
    // As if a deploy removed the template after the mail was enqueued.
    await t.dataSource.query(
      `UPDATE mail_outbox SET template = 'removed-template' WHERE dedupe_key = 'render:1'`,
    );
    expect(await dispatch(t)).toEqual({ sent: 2, retried: 0, failed: 1 });
    const rows = await outboxRows(t);
    expect(rows.find((r) => r.dedupe_key === 'render:1')).toMatchObject({
      status: 'failed',
      attempts: 1,
      last_error: 'Cannot be rendered: Unknown mail template "removed-template"',
    });
    expect(t.mail.messages.map((m) => m.to[0]).sort()).toEqual([
      'render-0@example.com',
      'render-2@example.com',
    ]);
  });

  it('sends the stored bodies of a mail enqueued before contexts were stored, then clears them', async () => {
    await t.dataSource.transaction((m) => enqueueActivation(t, m, 'lee@example.com', 'k:legacy'));
    // What the MailOutboxContext migration leaves for a mail that was pending when it ran.
    await t.dataSource.query(
      `UPDATE mail_outbox SET context = '{}', legacy_html_body = '<p>Stored before the upgrade</p>',
              legacy_text_body = 'Stored before the upgrade' WHERE dedupe_key = 'k:legacy'`,
    );
    expect(await dispatch(t)).toEqual({ sent: 1, retried: 0, failed: 0 });
    expect(t.mail.messages[0].text.trim()).toBe('Stored before the upgrade');
    expect(t.mail.messages[0].html).toContain('<p>Stored before the upgrade</p>');
    const [row] = await t.dataSource.query(
      `SELECT legacy_html_body, legacy_text_body FROM mail_outbox WHERE dedupe_key = 'k:legacy'`,
    );
    expect(row).toEqual({ legacy_html_body: null, legacy_text_body: null });
  });

  it('keeps the Message-ID when a mail has to be sent again (a dispatcher died after sending)', async () => {
    await t.dataSource.transaction((m) => enqueueActivation(t, m, 'bob@example.com', 'k:2'));
    await dispatch(t);
    // As if the dispatcher crashed between the SMTP answer and recording it (so the row still
    // has the context that recording a sent mail clears).
    await t.dataSource.query(
      `UPDATE mail_outbox SET status = 'pending', sent_at = NULL, context = $1`,
      [MAIL_SAMPLES['account-activation']],
    );
    await dispatch(t);

    const ids = t.mail.messages.map((m) => m.messageId);
    expect(ids).toHaveLength(2);
    expect(ids[0]).toBe(ids[1]);
    const [row] = await outboxRows(t);
    expect(ids[0]).toBe(`<${row.id}@localhost>`);
  });

  it('writes nothing and sends nothing when the business transaction rolls back', async () => {
    await enqueueThenRollBack(t, 'carol@example.com', 'k:3');

    expect(await outboxRows(t)).toEqual([]);
    expect(await dispatch(t)).toEqual({ sent: 0, retried: 0, failed: 0 });
    expect(t.mail.messages).toEqual([]);
  });

  it('yields one mail for the same dedupeKey, in one transaction, in two, and in two at once', async () => {
    await t.dataSource.transaction(async (manager) => {
      await enqueueActivation(t, manager, 'dan@example.com', 'same-event');
      await enqueueActivation(t, manager, 'dan@example.com', 'same-event');
    });
    await t.dataSource.transaction((m) => enqueueActivation(t, m, 'dan@example.com', 'same-event'));
    await Promise.all(
      [1, 2, 3].map(() =>
        t.dataSource.transaction((m) =>
          enqueueActivation(t, m, 'erin@example.com', 'racing-event'),
        ),
      ),
    );

    expect((await outboxRows(t)).map((r) => r.dedupe_key).sort()).toEqual([
      'racing-event',
      'same-event',
    ]);
    expect(await dispatch(t)).toMatchObject({ sent: 2 });
    expect(t.mail.to('dan@example.com')).toHaveLength(1);
    expect(t.mail.to('erin@example.com')).toHaveLength(1);
  });

  it('fails the enqueue, naming template and field, when the context misses a field', async () => {
    const notifications = t.get(NotificationsService);
    const { orderNumber: _missing, ...context } = MAIL_SAMPLES['application-received'];
    const attempt = t.dataSource.transaction((manager) =>
      notifications.enqueue(manager, {
        to: 'fay@example.com',
        template: 'application-received',
        context: context as never,
        dedupeKey: 'k:missing',
      }),
    );
    await expect(attempt).rejects.toThrow(MailTemplateError);
    await expect(attempt).rejects.toThrow(
      'Mail template "application-received" needs the context field(s) "orderNumber", which are missing',
    );
    expect(await outboxRows(t)).toEqual([]);
  });

  it('refuses an unknown template, a bad recipient and an empty dedupeKey', async () => {
    const notifications = t.get(NotificationsService);
    const enqueue = (mail: Record<string, unknown>) =>
      t.dataSource.transaction((manager) =>
        notifications.enqueue(manager, {
          to: 'gus@example.com',
          template: 'password-reset',
          context: MAIL_SAMPLES['password-reset'],
          dedupeKey: 'k:bad',
          ...mail,
        } as never),
      );
    await expect(enqueue({ template: 'no-such-mail' })).rejects.toThrow(
      'Unknown mail template "no-such-mail"',
    );
    await expect(enqueue({ to: 'gus@example.com\r\nBcc: all@example.com' })).rejects.toThrow(
      InvalidMailError,
    );
    await expect(enqueue({ to: 'Gus <gus@example.com>, eve@example.com' })).rejects.toThrow(
      'is not a single email address',
    );
    await expect(enqueue({ dedupeKey: '' })).rejects.toThrow('A mail needs a dedupeKey');
    await expect(enqueue({ locale: 'fr' })).rejects.toThrow('Unsupported mail locale "fr"');
    expect(await outboxRows(t)).toEqual([]);
  });

  it('uses zh-CN when no locale is given', async () => {
    await t.dataSource.transaction((manager) =>
      t.get(NotificationsService).enqueue(manager, {
        to: 'hui@example.com',
        template: 'order-confirmation',
        context: MAIL_SAMPLES['order-confirmation'],
        dedupeKey: 'k:zh',
      }),
    );
    await dispatch(t);
    const [mail] = t.mail.messages;
    expect(mail.subject).toBe('订单 ORD-2026-0001 已确认：注册后即可申请发票');
    expect(mail.text).toContain('金额：¥1,234.56');
  });
});
