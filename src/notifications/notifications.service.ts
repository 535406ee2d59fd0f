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
}

function truncate(text: string, length: number): string {
  return text.length <= length ? text : `${text.slice(0, length - 1)}…`;
}
