import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { DEFAULT_LOCALE, isLocale, type Locale } from '../common/locale';
import { Clock } from '../common/time/clock';
import type { MailContext, MailTemplateName } from './mail-catalogue';
import { InvalidMailError } from './notifications.exception';
import { MAIL_OUTBOX_CHANNEL } from './outbox-channel';
import { MailRenderer } from './rendering/mail-renderer';

export interface OutgoingMail<T extends MailTemplateName> {
  to: string;
  template: T;
  /** The recipient's language; `zh-CN` when not given. */
  locale?: Locale;
  context: MailContext<T>;
  /** Names the event the mail reports (e.g. `account-activation:<tokenId>`); one mail per key. */
  dedupeKey: string;
}

const MAX_DEDUPE_KEY_LENGTH = 200;
const MAX_ADDRESS_LENGTH = 320;
const MAX_SUBJECT_LENGTH = 500;
// One plain address: no display name, no list, nothing that could inject a header.
const PLAIN_ADDRESS = /^[^\s@<>,;:"()[\]\\]+@[^\s@<>,;:"()[\]\\]+\.[^\s@<>,;:"()[\]\\]+$/;

/** The outbox's front door: other modules call `enqueue` inside their own transaction. */
@Injectable()
export class NotificationsService {
  constructor(
    private readonly renderer: MailRenderer,
    private readonly clock: Clock,
  ) {}

  /**
   * Renders now (fails here on an unknown template or a missing context field) and writes an
   * outbox row in the caller's transaction. Same dedupeKey twice = one mail.
   */
  async enqueue<T extends MailTemplateName>(
    manager: EntityManager,
    mail: OutgoingMail<T>,
  ): Promise<void> {
    const locale = mail.locale ?? DEFAULT_LOCALE;
    if (!isLocale(locale))
      throw new InvalidMailError(`Unsupported mail locale "${String(locale)}"`);
    const to = typeof mail.to === 'string' ? mail.to.trim() : '';
    if (to.length > MAX_ADDRESS_LENGTH || !PLAIN_ADDRESS.test(to)) {
      throw new InvalidMailError(`"${String(mail.to)}" is not a single email address`);
    }
    const dedupeKey = typeof mail.dedupeKey === 'string' ? mail.dedupeKey : '';
    if (dedupeKey.length === 0 || dedupeKey.length > MAX_DEDUPE_KEY_LENGTH) {
      throw new InvalidMailError(
        `A mail needs a dedupeKey of 1 to ${MAX_DEDUPE_KEY_LENGTH} characters (template "${mail.template}")`,
      );
    }
    const rendered = this.renderer.render(mail.template, locale, mail.context);
    const now = this.clock.now();
    // The NOTIFY is delivered only if the caller commits, and only when a row was inserted.
    await manager.query(
      `WITH inserted AS (
         INSERT INTO mail_outbox (dedupe_key, recipient, locale, template, subject, html_body,
                                  text_body, status, attempts, next_attempt_at, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, 'pending', 0, $8, $8)
         ON CONFLICT (dedupe_key) DO NOTHING
         RETURNING id)
       SELECT pg_notify($9, '') FROM inserted`,
      [
        dedupeKey,
        to,
        locale,
        mail.template,
        truncate(rendered.subject, MAX_SUBJECT_LENGTH),
        rendered.html,
        rendered.text,
        now,
        MAIL_OUTBOX_CHANNEL,
      ],
    );
  }

  /**
   * `enqueue` for many mails in the caller's transaction (jobs that mail thousands at once):
   * each is checked and rendered as `enqueue` does (one bad mail fails the whole call), then all
   * are written by one multi-row INSERT … ON CONFLICT (dedupe_key) DO NOTHING, with one NOTIFY
   * when at least one row was inserted. Same dedupeKey twice (here or earlier) = one mail.
   * Returns how many rows were inserted.
   */
  async enqueueMany(
    manager: EntityManager,
    mails: readonly OutgoingMail<MailTemplateName>[],
  ): Promise<number> {
    if (mails.length === 0) return 0;
    const rows = mails.map((mail) => this.outboxRow(mail));
    const [{ inserted }]: { inserted: number }[] = await manager.query(
      `WITH inserted AS (
         INSERT INTO mail_outbox (dedupe_key, recipient, locale, template, subject, html_body,
                                  text_body, status, attempts, next_attempt_at, created_at)
         SELECT m.dedupe_key, m.recipient, m.locale, m.template, m.subject, m.html_body,
                m.text_body, 'pending', 0, $8, $8
           FROM unnest($1::varchar[], $2::varchar[], $3::varchar[], $4::varchar[], $5::varchar[],
                       $6::text[], $7::text[])
                  WITH ORDINALITY AS m(dedupe_key, recipient, locale, template, subject, html_body,
                                       text_body, n)
          ORDER BY m.n
         ON CONFLICT (dedupe_key) DO NOTHING
         RETURNING id
       ), counted AS (SELECT count(*)::int AS inserted FROM inserted)
       SELECT inserted, CASE WHEN inserted > 0 THEN pg_notify($9, '') END AS notified
         FROM counted`,
      [
        rows.map((r) => r.dedupeKey),
        rows.map((r) => r.to),
        rows.map((r) => r.locale),
        rows.map((r) => r.template),
        rows.map((r) => r.subject),
        rows.map((r) => r.html),
        rows.map((r) => r.text),
        this.clock.now(),
        MAIL_OUTBOX_CHANNEL,
      ],
    );
    return inserted;
  }

  /** The checks and rendering of `enqueue`, for `enqueueMany`. */
  private outboxRow(mail: OutgoingMail<MailTemplateName>) {
    const locale = mail.locale ?? DEFAULT_LOCALE;
    if (!isLocale(locale))
      throw new InvalidMailError(`Unsupported mail locale "${String(locale)}"`);
    const to = typeof mail.to === 'string' ? mail.to.trim() : '';
    if (to.length > MAX_ADDRESS_LENGTH || !PLAIN_ADDRESS.test(to)) {
      throw new InvalidMailError(`"${String(mail.to)}" is not a single email address`);
    }
    const dedupeKey = typeof mail.dedupeKey === 'string' ? mail.dedupeKey : '';
    if (dedupeKey.length === 0 || dedupeKey.length > MAX_DEDUPE_KEY_LENGTH) {
      throw new InvalidMailError(
        `A mail needs a dedupeKey of 1 to ${MAX_DEDUPE_KEY_LENGTH} characters (template "${mail.template}")`,
      );
    }
    const rendered = this.renderer.render(mail.template, locale, mail.context);
    return {
      dedupeKey,
      to,
      locale,
      template: mail.template,
      subject: truncate(rendered.subject, MAX_SUBJECT_LENGTH),
      html: rendered.html,
      text: rendered.text,
    };
  }
}

function truncate(text: string, length: number): string {
  return text.length <= length ? text : `${text.slice(0, length - 1)}…`;
}
